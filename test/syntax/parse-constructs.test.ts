// Every construct of docs/language.md parses into the AST shape ast.ts promises, with spans
// where a user would look for them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../src/syntax/parse.js';
import {
  allNodes,
  at,
  bin,
  declsOf,
  exprShape,
  int,
  nm,
  parseClean,
  shape,
  stmtShapes,
} from './helpers.js';

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

describe('declarations', () => {
  test('param, const, enum (trailing comma), type alias', () => {
    const [p, c, e, t] = declsOf(
      'param N: 1..4 = 2\nconst M = N * 2\nenum E { A, B, }\ntype R = { f: bool, g: 0..3 }',
    );
    expect(shape(p)).toEqual({
      kind: 'ParamDecl',
      name: { kind: 'Ident', name: 'N' },
      type: { kind: 'RangeType', lo: int(1), hi: int(4) },
      default: int(2),
    });
    expect(shape(c)).toMatchObject({ kind: 'ConstDecl', value: bin('*', nm('N'), int(2)) });
    expect(shape(e)).toMatchObject({ kind: 'EnumDecl', members: [{ name: 'A' }, { name: 'B' }] });
    expect(shape(t)).toMatchObject({
      kind: 'TypeDecl',
      type: {
        kind: 'RecordType',
        fields: [
          { kind: 'RecordTypeField', name: { name: 'f' }, type: { kind: 'NamedType' } },
          { name: { name: 'g' }, type: { kind: 'RangeType' } },
        ],
      },
    });
  });

  test('types: set, seq, map, optional, frame, ranges over expressions', () => {
    const ds = declsOf(
      'type A = set<Thread>\ntype B = seq<set<int>>\ntype C = map<Thread, 0..N+1>\ntype D = Thread?\ntype F = frame<p>\ntype G = map<Thread, set<frame<p>>>',
    );
    expect(ds.map((d) => (d.kind === 'TypeDecl' ? shape(d.type) : undefined))).toEqual([
      { kind: 'SetType', element: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } } },
      {
        kind: 'SeqType',
        element: {
          kind: 'SetType',
          element: { kind: 'NamedType', name: { kind: 'Ident', name: 'int' } },
        },
      },
      {
        kind: 'MapType',
        key: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
        value: { kind: 'RangeType', lo: int(0), hi: bin('+', nm('N'), int(1)) },
      },
      {
        kind: 'OptionalType',
        inner: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
      },
      { kind: 'FrameType', procedure: { kind: 'Ident', name: 'p' } },
      {
        kind: 'MapType',
        key: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
        value: {
          kind: 'SetType',
          element: { kind: 'FrameType', procedure: { kind: 'Ident', name: 'p' } },
        },
      },
    ]);
  });

  test('shared and thread variables, with and without initial value', () => {
    const [a, b] = declsOf('shared var x: bool = true\nthread var y: 0..3');
    expect(shape(a)).toMatchObject({
      kind: 'VarDecl',
      scope: 'shared',
      init: { kind: 'BoolLit', value: true },
    });
    expect(shape(b)).toMatchObject({ kind: 'VarDecl', scope: 'thread' });
    expect((b as { init: unknown }).init).toBeUndefined();
  });

  test('process modifiers, fairness and locals', () => {
    const ds = declsOf(
      'process A[1] { skip }\nfair process B[2] { skip }\nweak fair process C[N] symmetric spare S runs when !stopped[self] {\n  var v: bool = false\n  skip\n}\nstrong fair process D[1] { skip }',
    );
    expect(ds.map((d) => (d.kind === 'ProcessDecl' ? d.fairness : ''))).toEqual([
      'none',
      'weak',
      'weak',
      'strong',
    ]);
    const c = ds[2]!;
    if (c.kind !== 'ProcessDecl') throw new Error('process expected');
    expect(c.symmetric).toBe(true);
    expect(shape(c.spare)).toEqual(nm('S'));
    expect(shape(c.runsWhen)).toMatchObject({
      kind: 'UnaryExpr',
      op: '!',
      operand: { kind: 'IndexExpr', base: nm('stopped'), index: { kind: 'SelfExpr' } },
    });
    expect(c.locals.map((l) => [l.scope, l.name.name])).toEqual([['frame', 'v']]);
    expect(c.body.stmts.map((s) => s.kind)).toEqual(['SkipStmt']);
  });

  test('procedure, macro and def', () => {
    const [p, m, d] = declsOf(
      'strong fair procedure p(a: Thread, b: 0..2): Errno {\n  var x: bool\n  return OK\n}\nmacro m(a, b) { a := b }\ndef f(x: int): bool = x > 0',
    );
    expect(shape(p)).toMatchObject({
      kind: 'ProcedureDecl',
      fairness: 'strong',
      params: [
        { kind: 'Param', name: { name: 'a' } },
        { name: { name: 'b' }, type: { kind: 'RangeType' } },
      ],
      returnType: { kind: 'NamedType', name: { name: 'Errno' } },
      locals: [{ kind: 'VarDecl', scope: 'frame', name: { name: 'x' } }],
      body: { stmts: [{ kind: 'ReturnStmt', value: nm('OK') }] },
    });
    expect(shape(m)).toMatchObject({
      kind: 'MacroDecl',
      params: [{ name: 'a' }, { name: 'b' }],
      body: { stmts: [{ kind: 'AssignStmt' }] },
    });
    expect(shape(d)).toMatchObject({
      kind: 'DefDecl',
      returnType: { kind: 'NamedType' },
      body: bin('>', nm('x'), int(0)),
    });
  });

  test('imports of the prelude and of a relative path', () => {
    const ast = parseClean('spec t\nimport kernel\nimport "lib/x.cred"');
    expect(ast.imports.map((i) => i.source)).toEqual([
      { kind: 'prelude', name: 'kernel' },
      { kind: 'path', path: 'lib/x.cred' },
    ]);
  });

  test('properties: invariant, action, the four temporal forms, cover', () => {
    const ds = declsOf(
      "invariant i: x\naction a: x' >= x\nproperty e: eventually x\nproperty ae: always eventually x\nproperty ea: eventually always x\nproperty l: x leadsto y\ncover c: x",
    );
    expect(ds.map((d) => d.kind)).toEqual([
      'InvariantDecl',
      'ActionPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'CoverDecl',
    ]);
    expect(shape(ds[1])).toMatchObject({
      expr: bin('>=', { kind: 'PrimedExpr', base: nm('x') }, nm('x')),
    });
    expect(ds.slice(2, 6).map((d) => (d.kind === 'TemporalPropertyDecl' ? d.op : ''))).toEqual([
      'eventually',
      'always_eventually',
      'eventually_always',
      'leadsto',
    ]);
    expect(shape(ds[5])).toMatchObject({ left: nm('x'), right: nm('y') });
  });

  test('variants: param override, declaration overrides, step override, extends', () => {
    const [v2, v3] = declsOf(
      'variant v2 {\n  param N = 2\n  override procedure p(c: frame<q>) { skip }\n  override macro m(a) { skip }\n  override def f(): bool = true\n  override fair process W[1] { skip }\n}\nvariant v3 extends v2 {\n  override step q.wait_prepared: await ctx->all_prepared.done\n}',
    );
    expect(shape(v2)).toMatchObject({
      kind: 'VariantDecl',
      name: { name: 'v2' },
      members: [
        { kind: 'ParamOverride', name: { name: 'N' }, value: int(2) },
        {
          kind: 'DeclOverride',
          decl: { kind: 'ProcedureDecl', params: [{ type: { kind: 'FrameType' } }] },
        },
        { kind: 'DeclOverride', decl: { kind: 'MacroDecl' } },
        { kind: 'DeclOverride', decl: { kind: 'DefDecl' } },
        { kind: 'DeclOverride', decl: { kind: 'ProcessDecl', fairness: 'weak' } },
      ],
    });
    expect((v2 as { extends: unknown }).extends).toBeUndefined();
    expect(shape(v3)).toMatchObject({
      extends: { name: 'v2' },
      members: [
        {
          kind: 'StepOverride',
          owner: { name: 'q' },
          label: { name: 'wait_prepared' },
          stmt: {
            kind: 'AwaitStmt',
            cond: {
              kind: 'FieldExpr',
              base: { kind: 'ArrowExpr', base: nm('ctx'), field: { name: 'all_prepared' } },
              field: { name: 'done' },
            },
          },
        },
      ],
    });
  });

  test('expectations: tag, parameter set and each verdict', () => {
    const ds = declsOf(
      'expect "L-1" v2 with CALLERS = 2, SIBLINGS = 0: deadlock\nexpect v3 with CALLERS = 2: holds\nexpect v2: violates frame_use_after_return',
    );
    expect(ds.map((d) => shape(d))).toEqual([
      {
        kind: 'ExpectDecl',
        tag: 'L-1',
        variant: { kind: 'Ident', name: 'v2' },
        params: [
          { kind: 'ParamAssign', name: { kind: 'Ident', name: 'CALLERS' }, value: int(2) },
          { kind: 'ParamAssign', name: { kind: 'Ident', name: 'SIBLINGS' }, value: int(0) },
        ],
        verdict: { kind: 'deadlock' },
      },
      {
        kind: 'ExpectDecl',
        variant: { kind: 'Ident', name: 'v3' },
        params: [{ kind: 'ParamAssign', name: { kind: 'Ident', name: 'CALLERS' }, value: int(2) }],
        verdict: { kind: 'holds' },
      },
      {
        kind: 'ExpectDecl',
        variant: { kind: 'Ident', name: 'v2' },
        params: [],
        verdict: { kind: 'violates', property: { kind: 'Ident', name: 'frame_use_after_return' } },
      },
    ]);
  });
});

describe('statements', () => {
  test('assignments to names, elements, fields and frame variables', () => {
    expect(stmtShapes('x := 1\nx[i] := 2\nx.f := 3\np->x := 4')).toEqual([
      { kind: 'AssignStmt', target: nm('x'), value: int(1) },
      {
        kind: 'AssignStmt',
        target: { kind: 'IndexExpr', base: nm('x'), index: nm('i') },
        value: int(2),
      },
      {
        kind: 'AssignStmt',
        target: { kind: 'FieldExpr', base: nm('x'), field: { kind: 'Ident', name: 'f' } },
        value: int(3),
      },
      {
        kind: 'AssignStmt',
        target: { kind: 'ArrowExpr', base: nm('p'), field: { kind: 'Ident', name: 'x' } },
        value: int(4),
      },
    ]);
  });

  test('any, clone, calls with and without a target', () => {
    expect(
      stmtShapes(
        'x := any S\nx := any v in S where v > 0\nc := clone G\nclone G\nr := p(a, b)\np()\nx := card(S) + 1',
      ),
    ).toEqual([
      { kind: 'AnyAssignStmt', target: nm('x'), set: nm('S') },
      {
        kind: 'AnyAssignStmt',
        target: nm('x'),
        binder: { kind: 'Ident', name: 'v' },
        set: nm('S'),
        where: bin('>', nm('v'), int(0)),
      },
      { kind: 'CloneStmt', target: nm('c'), group: { kind: 'Ident', name: 'G' } },
      { kind: 'CloneStmt', group: { kind: 'Ident', name: 'G' } },
      {
        kind: 'CallStmt',
        target: nm('r'),
        callee: { kind: 'Ident', name: 'p' },
        args: [nm('a'), nm('b')],
      },
      { kind: 'CallStmt', callee: { kind: 'Ident', name: 'p' }, args: [] },
      {
        kind: 'AssignStmt',
        target: nm('x'),
        value: bin(
          '+',
          { kind: 'CallExpr', callee: { kind: 'Ident', name: 'card' }, args: [nm('S')] },
          int(1),
        ),
      },
    ]);
  });

  test('await, assert with message, skip, exit, return with and without value', () => {
    expect(stmtShapes('await x\nassert x, "boom"\nassert y\nskip\nexit\nreturn\nreturn 3')).toEqual(
      [
        { kind: 'AwaitStmt', cond: nm('x') },
        { kind: 'AssertStmt', cond: nm('x'), message: 'boom' },
        { kind: 'AssertStmt', cond: nm('y') },
        { kind: 'SkipStmt' },
        { kind: 'ExitStmt' },
        { kind: 'ReturnStmt' },
        { kind: 'ReturnStmt', value: int(3) },
      ],
    );
  });

  test('if / else if / else chains nest, the label stays on the outer if', () => {
    const [s] = stmtShapes('l: if a { skip } else if b { exit } else { await c }');
    expect(s).toEqual({
      kind: 'IfStmt',
      label: { kind: 'Ident', name: 'l' },
      cond: nm('a'),
      then: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      else: {
        kind: 'IfStmt',
        cond: nm('b'),
        then: { kind: 'Block', stmts: [{ kind: 'ExitStmt' }] },
        else: { kind: 'Block', stmts: [{ kind: 'AwaitStmt', cond: nm('c') }] },
      },
    });
  });

  test('while, for snapshot, for live, either/or, atomic', () => {
    expect(
      stmtShapes(
        'while x { skip }\nfor v in snapshot S { skip }\nfor v in live T { skip }\neither { skip } or { exit } or { skip }\natomic { a := 1; b := 2 }',
      ),
    ).toEqual([
      { kind: 'WhileStmt', cond: nm('x'), body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] } },
      {
        kind: 'ForStmt',
        binder: { kind: 'Ident', name: 'v' },
        mode: 'snapshot',
        set: nm('S'),
        body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      },
      {
        kind: 'ForStmt',
        binder: { kind: 'Ident', name: 'v' },
        mode: 'live',
        set: nm('T'),
        body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      },
      {
        kind: 'EitherStmt',
        branches: [
          { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
          { kind: 'Block', stmts: [{ kind: 'ExitStmt' }] },
          { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
        ],
      },
      {
        kind: 'AtomicStmt',
        body: {
          kind: 'Block',
          stmts: [
            { kind: 'AssignStmt', target: nm('a'), value: int(1) },
            { kind: 'AssignStmt', target: nm('b'), value: int(2) },
          ],
        },
      },
    ]);
  });

  test('may fail wraps the statement before it; the label and @kernel stay outside', () => {
    const [s] = stmtShapes(
      '@kernel("kernel/cred.c", "prepare_creds")\nprep: c := prepare() may fail { err := ENOMEM }\nx := 1 may fail when F { skip }',
    );
    expect(s).toEqual({
      kind: 'FaultStmt',
      label: { kind: 'Ident', name: 'prep' },
      kernel: { kind: 'KernelRef', file: 'kernel/cred.c', func: 'prepare_creds' },
      body: {
        kind: 'CallStmt',
        target: nm('c'),
        callee: { kind: 'Ident', name: 'prepare' },
        args: [],
      },
      handler: {
        kind: 'Block',
        stmts: [{ kind: 'AssignStmt', target: nm('err'), value: nm('ENOMEM') }],
      },
    });
    expect(stmtShapes('x := 1 may fail when F { skip }')[0]).toMatchObject({
      kind: 'FaultStmt',
      when: nm('F'),
      body: { kind: 'AssignStmt' },
    });
  });

  test('return takes a value only on its own line', () => {
    expect(stmtShapes('return\nx := 1')).toEqual([
      { kind: 'ReturnStmt' },
      { kind: 'AssignStmt', target: nm('x'), value: int(1) },
    ]);
  });
});

describe('expressions', () => {
  test('precedence from ? : down to postfix', () => {
    expect(exprShape('a || b && !c == d')).toEqual(
      bin(
        '||',
        nm('a'),
        bin('&&', nm('b'), { kind: 'UnaryExpr', op: '!', operand: bin('==', nm('c'), nm('d')) }),
      ),
    );
    expect(exprShape('a => b => c')).toEqual(bin('=>', nm('a'), bin('=>', nm('b'), nm('c'))));
    expect(exprShape('a ? b : c ? d : e')).toEqual({
      kind: 'CondExpr',
      cond: nm('a'),
      then: nm('b'),
      else: { kind: 'CondExpr', cond: nm('c'), then: nm('d'), else: nm('e') },
    });
    expect(exprShape('x in 1..n + 1')).toEqual(
      bin('in', nm('x'), bin('..', int(1), bin('+', nm('n'), int(1)))),
    );
    expect(exprShape('a union b \\ c inter d')).toEqual(
      bin('inter', bin('\\', bin('union', nm('a'), nm('b')), nm('c')), nm('d')),
    );
    expect(exprShape('a + b * c mod d - -e')).toEqual(
      bin('-', bin('+', nm('a'), bin('mod', bin('*', nm('b'), nm('c')), nm('d'))), {
        kind: 'UnaryExpr',
        op: '-',
        operand: nm('e'),
      }),
    );
    expect(exprShape('1 - 2 - 3')).toEqual(bin('-', bin('-', int(1), int(2)), int(3)));
    expect(exprShape('not a and b or c')).toEqual(
      bin('||', bin('&&', { kind: 'UnaryExpr', op: '!', operand: nm('a') }, nm('b')), nm('c')),
    );
    expect(exprShape("-x[i].f->g'")).toEqual({
      kind: 'UnaryExpr',
      op: '-',
      operand: {
        kind: 'PrimedExpr',
        base: {
          kind: 'ArrowExpr',
          base: {
            kind: 'FieldExpr',
            base: { kind: 'IndexExpr', base: nm('x'), index: nm('i') },
            field: { kind: 'Ident', name: 'f' },
          },
          field: { kind: 'Ident', name: 'g' },
        },
      },
    });
    expect(exprShape('S subseteq T && x notin S')).toEqual(
      bin('&&', bin('subseteq', nm('S'), nm('T')), bin('notin', nm('x'), nm('S'))),
    );
  });

  test('literals, self, frame, none, hex, strings with escapes', () => {
    expect(exprShape('<< true, false, none, self, frame, 0x1f, 42, "a\\"b\\\\c\\n" >>')).toEqual({
      kind: 'SeqLit',
      elements: [
        { kind: 'BoolLit', value: true },
        { kind: 'BoolLit', value: false },
        { kind: 'NoneLit' },
        { kind: 'SelfExpr' },
        { kind: 'FrameExpr' },
        int(31),
        int(42),
        { kind: 'StringLit', value: 'a"b\\c\n' },
      ],
    });
    expect(exprShape('<< >>')).toEqual({ kind: 'SeqLit', elements: [] });
    expect(exprShape('<< a > b >>')).toEqual({
      kind: 'SeqLit',
      elements: [bin('>', nm('a'), nm('b'))],
    });
  });

  test('braces: set, empty set, set filter, set map, record', () => {
    expect(exprShape('{ a, b }')).toEqual({ kind: 'SetLit', elements: [nm('a'), nm('b')] });
    expect(exprShape('{}')).toEqual({ kind: 'SetLit', elements: [] });
    expect(exprShape('{ v in S | v > 0 }')).toEqual({
      kind: 'SetFilter',
      binder: { kind: 'Ident', name: 'v' },
      set: nm('S'),
      pred: bin('>', nm('v'), int(0)),
    });
    expect(exprShape('{ f(v) : v in S }')).toEqual({
      kind: 'SetMap',
      expr: { kind: 'CallExpr', callee: { kind: 'Ident', name: 'f' }, args: [nm('v')] },
      binder: { kind: 'Ident', name: 'v' },
      set: nm('S'),
    });
    expect(exprShape('{ f: 1, g: x in S }')).toEqual({
      kind: 'RecordLit',
      fields: [
        { kind: 'RecordFieldInit', name: { kind: 'Ident', name: 'f' }, value: int(1) },
        {
          kind: 'RecordFieldInit',
          name: { kind: 'Ident', name: 'g' },
          value: bin('in', nm('x'), nm('S')),
        },
      ],
    });
  });

  test('maps, updates, quantifiers, calls, parentheses', () => {
    expect(exprShape('[ t in Thread |-> {} ]')).toEqual({
      kind: 'MapComp',
      binder: { kind: 'Ident', name: 't' },
      set: nm('Thread'),
      value: { kind: 'SetLit', elements: [] },
    });
    expect(exprShape('r with { f: 1 }')).toEqual({
      kind: 'RecordUpdate',
      base: nm('r'),
      fields: [{ kind: 'RecordFieldInit', name: { kind: 'Ident', name: 'f' }, value: int(1) }],
    });
    expect(exprShape('m with [k] = v + 1')).toEqual({
      kind: 'MapUpdate',
      base: nm('m'),
      key: nm('k'),
      value: bin('+', nm('v'), int(1)),
    });
    expect(exprShape('forall a, b in S: a == b')).toEqual({
      kind: 'QuantExpr',
      quantifier: 'forall',
      binders: [
        { kind: 'Ident', name: 'a' },
        { kind: 'Ident', name: 'b' },
      ],
      set: nm('S'),
      body: bin('==', nm('a'), nm('b')),
    });
    expect(exprShape('exists t in Thread: at(t, p.wait)')).toMatchObject({
      kind: 'QuantExpr',
      quantifier: 'exists',
      body: { kind: 'CallExpr', args: [nm('t'), { kind: 'FieldExpr', base: nm('p') }] },
    });
    expect(exprShape('(a + b) * c')).toEqual(
      bin('*', { kind: 'ParenExpr', inner: bin('+', nm('a'), nm('b')) }, nm('c')),
    );
  });

  test('spans of binary expressions cover both operands', () => {
    const d = declsOf('const X = a +   b * c')[0]!;
    if (d.kind !== 'ConstDecl') throw new Error('const expected');
    expect(at(d.value.span)).toBe('2:11');
    expect(d.value.span.end.column).toBe(22);
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

describe('constructs of the language issue', () => {
  test('a generic alias declares its type parameters; a use carries its type arguments', () => {
    const ast = parseClean(
      'spec t\ntype Pair<A, B> = { first: A, second: B }\nshared var p: Pair<Thread, bool>? = none\n',
    );
    const [alias, v] = ast.decls;
    if (alias?.kind !== 'TypeDecl' || v?.kind !== 'VarDecl')
      throw new Error('type and var expected');
    expect(alias.params.map((p) => p.name)).toEqual(['A', 'B']);
    expect(v.type.kind).toBe('OptionalType');
    const inner = v.type.kind === 'OptionalType' ? v.type.inner : v.type;
    if (inner.kind !== 'NamedType') throw new Error('named type expected');
    expect(inner.name.name).toBe('Pair');
    expect((inner.args ?? []).map((a) => (a.kind === 'NamedType' ? a.name.name : a.kind))).toEqual([
      'Thread',
      'bool',
    ]);
    expect(at(inner.span)).toBe('3:15');
  });

  test('`fresh thread var` marks the variable; a plain thread var is not fresh', () => {
    const ast = parseClean(
      'spec t\nfresh thread var works: seq<int> = <<>>\nthread var me: Thread = self\n',
    );
    const [a, b] = ast.decls;
    if (a?.kind !== 'VarDecl' || b?.kind !== 'VarDecl') throw new Error('vars expected');
    expect([a.scope, a.fresh, a.name.name]).toEqual(['thread', true, 'works']);
    expect([b.scope, b.fresh ?? false]).toEqual(['thread', false]);
    expect(at(a.span)).toBe('2:1');
  });

  test('a macro may declare a result type and end with `return e`', () => {
    const ast = parseClean(
      'spec t\nmacro dec_and_test(v): bool {\n  v := v - 1\n  return v == 0\n}\n',
    );
    const m = ast.decls[0]!;
    if (m.kind !== 'MacroDecl') throw new Error('macro expected');
    expect(m.returnType?.kind).toBe('NamedType');
    expect(m.body.stmts.map((s) => s.kind)).toEqual(['AssignStmt', 'ReturnStmt']);
    const plain = parseClean('spec t\nmacro m(v) { v := 1 }\n').decls[0]!;
    expect(plain.kind === 'MacroDecl' ? plain.returnType : 'no').toBeUndefined();
  });

  test('`break` and `continue` are statements with their own spans', () => {
    const ast = parseClean(
      'spec t\nprocess P[1] {\n  while true {\n    if x { break } else { continue }\n  }\n}\n',
    );
    const p = ast.decls[0]!;
    if (p.kind !== 'ProcessDecl') throw new Error('process expected');
    const w = p.body.stmts[0]!;
    if (w.kind !== 'WhileStmt') throw new Error('while expected');
    const i = w.body.stmts[0]!;
    if (i.kind !== 'IfStmt' || i.else?.kind !== 'Block') throw new Error('if/else expected');
    expect([i.then.stmts[0]!.kind, at(i.then.stmts[0]!.span)]).toEqual(['BreakStmt', '4:12']);
    expect([i.else.stmts[0]!.kind, at(i.else.stmts[0]!.span)]).toEqual(['ContinueStmt', '4:27']);
  });
});
