import { declsOf, int, nm, shape } from './helpers.js';

describe('declarations', () => {
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
