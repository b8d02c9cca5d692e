// Compact builders for TLA+ trees in the printer's tests, and the small modules those tests print.
// Takes nothing but literals; returns plain TlaModule/TlaExpr data; no behaviour of its own.

import type {
  TlaBinaryOp,
  TlaDef,
  TlaExceptClause,
  TlaExpr,
  TlaModule,
  TlaRoles,
  TlcConfig,
} from '../../src/tla/tla-ast.js';

export const num = (value: number): TlaExpr => ({ kind: 'TlaNum', value });
export const bool = (value: boolean): TlaExpr => ({ kind: 'TlaBool', value });
export const str = (value: string): TlaExpr => ({ kind: 'TlaStr', value });
export const nm = (name: string): TlaExpr => ({ kind: 'TlaName', name });
export const primed = (name: string): TlaExpr => ({ kind: 'TlaPrimed', name });
export const apply = (op: string, ...args: TlaExpr[]): TlaExpr => ({ kind: 'TlaApply', op, args });
export const bin = (op: TlaBinaryOp, left: TlaExpr, right: TlaExpr): TlaExpr => ({
  kind: 'TlaBinary',
  op,
  left,
  right,
});
export const eq = (l: TlaExpr, r: TlaExpr): TlaExpr => bin('=', l, r);
export const and = (...items: TlaExpr[]): TlaExpr => ({ kind: 'TlaJunction', op: '/\\', items });
export const or = (...items: TlaExpr[]): TlaExpr => ({ kind: 'TlaJunction', op: '\\/', items });
export const not = (operand: TlaExpr): TlaExpr => ({ kind: 'TlaUnary', op: '~', operand });
export const neg = (operand: TlaExpr): TlaExpr => ({ kind: 'TlaUnary', op: '-', operand });
export const ite = (cond: TlaExpr, then: TlaExpr, els: TlaExpr): TlaExpr => ({
  kind: 'TlaIf',
  cond,
  then,
  else: els,
});
export const setOf = (...elements: TlaExpr[]): TlaExpr => ({ kind: 'TlaSetEnum', elements });
export const tuple = (...elements: TlaExpr[]): TlaExpr => ({ kind: 'TlaTuple', elements });
export const fcn = (variable: string, set: TlaExpr, body: TlaExpr): TlaExpr => ({
  kind: 'TlaFcn',
  variable,
  set,
  body,
});
export const app = (f: TlaExpr, arg: TlaExpr): TlaExpr => ({ kind: 'TlaFcnApp', fcn: f, arg });
export const dot = (record: TlaExpr, field: string): TlaExpr => ({ kind: 'TlaDot', record, field });
export const rec = (...fields: [string, TlaExpr][]): TlaExpr => ({
  kind: 'TlaRecord',
  fields: fields.map(([name, value]) => ({ name, value })),
});
export const except = (base: TlaExpr, ...clauses: TlaExceptClause[]): TlaExpr => ({
  kind: 'TlaExcept',
  base,
  clauses,
});
export const at: TlaExpr = { kind: 'TlaAt' };
export const exists = (variables: string[], set: TlaExpr, body: TlaExpr): TlaExpr => ({
  kind: 'TlaQuant',
  quantifier: '\\E',
  variables,
  set,
  body,
});
export const forall = (variables: string[], set: TlaExpr, body: TlaExpr): TlaExpr => ({
  kind: 'TlaQuant',
  quantifier: '\\A',
  variables,
  set,
  body,
});
export const unchanged = (...variables: string[]): TlaExpr => ({ kind: 'TlaUnchanged', variables });

export function def(name: string, params: string[], body: TlaExpr, comment: string[] = []): TlaDef {
  return { kind: 'TlaDef', name, params, body, comment, origin: undefined };
}

export function roles(partial: Partial<TlaRoles> = {}): TlaRoles {
  return {
    init: 'Init',
    next: 'Next',
    spec: 'Spec',
    vars: 'vars',
    actions: [],
    terminating: undefined,
    invariants: [],
    actionProperties: [],
    temporalProperties: [],
    covers: [],
    symmetry: undefined,
    ...partial,
  };
}

export function moduleOf(
  name: string,
  parts: {
    constants?: string[];
    variables: string[];
    defs: TlaDef[];
    roles?: Partial<TlaRoles>;
    header?: string[];
  },
): TlaModule {
  return {
    kind: 'TlaModule',
    name,
    header: parts.header ?? [],
    extends: ['Naturals', 'Sequences', 'FiniteSets', 'TLC'],
    constants: (parts.constants ?? []).map((c) => ({ name: c, origin: undefined })),
    variables: parts.variables.map((v) => ({ name: v, origin: undefined })),
    defs: parts.defs,
    roles: roles(parts.roles),
  };
}

const Threads = nm('Threads');
const pcAt = (self: string, label: string): TlaExpr => eq(app(nm('pc'), nm(self)), str(label));
const pcTo = (label: string): TlaExpr =>
  eq(
    primed('pc'),
    except(nm('pc'), { path: [{ kind: 'index', index: nm('self') }], value: str(label) }),
  );

/** The fixture RacyCounter (tlc-fixtures/02-invariant) as a tree: violates NoLostUpdate with 3 threads. */
export function racyCounter(): TlaModule {
  return moduleOf('RacyCounter', {
    header: [
      'Non-atomic increment: a lost update.',
      'Generated for the printer tests; do not edit.',
    ],
    constants: ['Threads'],
    variables: ['pc', 'counter', 'regs', 'finished', 'log'],
    defs: [
      def(
        'Init',
        [],
        and(
          eq(nm('pc'), fcn('t', Threads, str('load'))),
          eq(nm('counter'), num(0)),
          eq(nm('regs'), fcn('t', Threads, rec(['tmp', num(0)], ['stores', num(0)]))),
          eq(nm('finished'), setOf()),
          eq(nm('log'), tuple()),
        ),
      ),
      ...racyCounterActions(),
      def(
        'Terminating',
        [],
        and(forall(['self'], Threads, pcAt('self', 'Done')), unchanged('vars')),
      ),
      def(
        'Next',
        [],
        or(
          exists(['self'], Threads, or(apply('A_load', nm('self')), apply('A_store', nm('self')))),
          apply('Terminating'),
        ),
      ),
      def(
        'Spec',
        [],
        and(
          apply('Init'),
          { kind: 'TlaBoxAction', action: apply('Next'), vars: 'vars' },
          { kind: 'TlaFairness', strength: 'WF', vars: 'vars', action: apply('Next') },
        ),
      ),
      def(
        'NoLostUpdate',
        [],
        eq(nm('counter'), { kind: 'TlaBuiltin', op: 'Len', args: [nm('log')] }),
        ['Every logged write is reflected in the counter.'],
      ),
    ],
    roles: {
      actions: [
        { def: 'A_load', param: { name: 'self', set: Threads } },
        { def: 'A_store', param: { name: 'self', set: Threads } },
        { def: 'Terminating', param: undefined },
      ],
      terminating: 'Terminating',
      invariants: ['NoLostUpdate'],
    },
  });
}

/** RacyCounter's two steps: load the counter into a register, store it back plus one. */
function racyCounterActions(): TlaDef[] {
  return [
    def(
      'A_load',
      ['self'],
      and(
        pcAt('self', 'load'),
        eq(
          primed('regs'),
          except(nm('regs'), {
            path: [
              { kind: 'index', index: nm('self') },
              { kind: 'field', field: 'tmp' },
            ],
            value: nm('counter'),
          }),
        ),
        pcTo('store'),
        unchanged('counter', 'finished', 'log'),
      ),
      ['step "load" (racy.cred:7:5)'],
    ),
    def(
      'A_store',
      ['self'],
      and(
        pcAt('self', 'store'),
        eq(primed('counter'), bin('+', dot(app(nm('regs'), nm('self')), 'tmp'), num(1))),
        eq(
          primed('regs'),
          except(nm('regs'), {
            path: [
              { kind: 'index', index: nm('self') },
              { kind: 'field', field: 'stores' },
            ],
            value: bin('+', at, num(1)),
          }),
        ),
        eq(primed('log'), {
          kind: 'TlaBuiltin',
          op: 'Append',
          args: [
            nm('log'),
            rec(
              ['thread', nm('self')],
              ['wrote', bin('+', dot(app(nm('regs'), nm('self')), 'tmp'), num(1))],
            ),
          ],
        }),
        eq(primed('finished'), bin('\\cup', nm('finished'), setOf(nm('self')))),
        pcTo('Done'),
      ),
      ['step "store" (racy.cred:8:5)'],
    ),
  ];
}

export const racyCounterConfig: TlcConfig = {
  constants: [{ name: 'Threads', value: { kind: 'modelValues', names: ['t1', 't2', 't3'] } }],
  specification: 'Spec',
  invariants: ['NoLostUpdate'],
  properties: [],
  symmetry: undefined,
  checkDeadlock: true,
};
