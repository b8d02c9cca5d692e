// The constructs added by the language issue parse into the AST shape ast.ts promises: generic
// aliases, fresh thread variables, macro results, break and continue.

import { at, parseClean } from './helpers.js';

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
