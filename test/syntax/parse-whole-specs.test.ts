// Whole specs parse into the AST shape ast.ts promises: the example of docs/language.md, with
// spans where a reader would look, and the sample fixture, which uses every statement and
// expression kind.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../src/syntax/parse.js';
import { allNodes, at, parseClean } from './helpers.js';

const FIXTURE = join(process.cwd(), 'test/fixtures/sample.cred');

describe('the documented example', () => {
  const example = [
    'spec counter_demo',
    '',
    'import kernel',
    '',
    'param THREADS: 1..4 = 2',
    'param FAULTS: bool = true',
    '',
    'enum Errno { OK, ENOMEM }',
    '',
    'shared var lock: Spinlock = SPINLOCK_INIT',
    'shared var count: 0..8 = 0',
    'thread var err: Errno = OK',
    '',
    'fair process Worker[THREADS] symmetric {',
    '  take:    spin_lock(lock)',
    '  bump:    count := count + 1 may fail when FAULTS { err := ENOMEM }',
    '  release: spin_unlock(lock)',
    '}',
    '',
    'invariant bounded: count <= THREADS',
    'expect base: holds',
    'expect base with THREADS = 3: holds',
  ].join('\n');

  test('parses with header, import and every declaration in order', () => {
    const ast = parseClean(example);
    expect(ast.name.name).toBe('counter_demo');
    expect(ast.imports.map((i) => i.source)).toEqual([{ kind: 'prelude', name: 'kernel' }]);
    expect(ast.decls.map((d) => d.kind)).toEqual([
      'ParamDecl',
      'ParamDecl',
      'EnumDecl',
      'VarDecl',
      'VarDecl',
      'VarDecl',
      'ProcessDecl',
      'InvariantDecl',
      'ExpectDecl',
      'ExpectDecl',
    ]);
  });

  test('spans point at the line and column a reader expects', () => {
    const ast = parseClean(example);
    const proc = ast.decls[6]!;
    if (proc.kind !== 'ProcessDecl') throw new Error('process expected');
    expect(at(proc.span)).toBe('14:1');
    expect(at(proc.name.span)).toBe('14:14');
    const [take, bump, release] = proc.body.stmts;
    expect(take!.label?.name).toBe('take');
    expect(at(take!.span)).toBe('15:3');
    expect(bump!.kind).toBe('FaultStmt');
    expect(at(bump!.span)).toBe('16:3');
    expect(bump!.span.end.line).toBe(16);
    expect(bump!.span.end.column).toBe(69);
    if (bump!.kind !== 'FaultStmt') throw new Error('fault expected');
    expect(at(bump!.body.span)).toBe('16:12');
    expect(bump!.body.label).toBeUndefined();
    expect(at(release!.span)).toBe('17:3');
    const inv = ast.decls[7]!;
    if (inv.kind !== 'InvariantDecl') throw new Error('invariant expected');
    expect(at(inv.expr.span)).toBe('20:20');
  });

  test('node ids are unique and start at the requested first id', () => {
    const r = parseSpec(example, 't.cred', { firstId: 100 });
    const ids = allNodes(r.ast).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBe(100);
    expect(r.nextId).toBe(Math.max(...ids) + 1);
  });
});

describe('the sample fixture', () => {
  test('parses without a diagnostic and uses every statement and expression kind', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const r = parseSpec(text, 'sample.cred');
    expect(r.diagnostics).toEqual([]);
    const kinds = new Set(allNodes(r.ast).map((n) => n.kind));
    for (const k of [
      'AssignStmt',
      'AnyAssignStmt',
      'AwaitStmt',
      'AssertStmt',
      'SkipStmt',
      'IfStmt',
      'WhileStmt',
      'ForStmt',
      'EitherStmt',
      'AtomicStmt',
      'CallStmt',
      'ReturnStmt',
      'CloneStmt',
      'ExitStmt',
      'FaultStmt',
      'IntLit',
      'BoolLit',
      'StringLit',
      'NoneLit',
      'SelfExpr',
      'FrameExpr',
      'NameExpr',
      'CallExpr',
      'IndexExpr',
      'FieldExpr',
      'ArrowExpr',
      'PrimedExpr',
      'UnaryExpr',
      'BinaryExpr',
      'CondExpr',
      'SetLit',
      'SetFilter',
      'SetMap',
      'MapComp',
      'SeqLit',
      'RecordLit',
      'RecordUpdate',
      'MapUpdate',
      'QuantExpr',
      'ParenExpr',
      'KernelRef',
      'RecordType',
      'SetType',
      'SeqType',
      'MapType',
      'OptionalType',
      'FrameType',
      'RangeType',
      'NamedType',
      'ParamOverride',
      'DeclOverride',
      'StepOverride',
      'ParamAssign',
    ]) {
      expect([k, kinds.has(k)]).toEqual([k, true]);
    }
  });
});
