// Compact builders for TLA+ trees (src/tla/tla-ast.ts) in tests: take plain arguments and
// return readonly nodes. Strings given where an expression is expected are names (`'pc'`);
// use `str()` for a TLA+ string. No evaluation happens here.

import type {
  TlaActionRef,
  TlaBinaryOp,
  TlaBuiltinOp,
  TlaConstantValue,
  TlaDef,
  TlaExceptClause,
  TlaExpr,
  TlaModule,
  TlaRoles,
  TlcConfig,
} from '../../src/tla/tla-ast.js';

export type E = TlaExpr | string | number | boolean;

/** An expression from a shorthand: strings are names, numbers and booleans literals. */
export function x(e: E): TlaExpr {
  if (typeof e === 'string') return { kind: 'TlaName', name: e };
  if (typeof e === 'number') return { kind: 'TlaNum', value: e };
  if (typeof e === 'boolean') return { kind: 'TlaBool', value: e };
  return e;
}

export const str = (value: string): TlaExpr => ({ kind: 'TlaStr', value });
export const primed = (name: string): TlaExpr => ({ kind: 'TlaPrimed', name });
export const app = (op: string, ...args: E[]): TlaExpr => ({
  kind: 'TlaApply',
  op,
  args: args.map(x),
});
export const builtin = (op: TlaBuiltinOp, ...args: E[]): TlaExpr => ({
  kind: 'TlaBuiltin',
  op,
  args: args.map(x),
});
export const bin = (op: TlaBinaryOp, left: E, right: E): TlaExpr => ({
  kind: 'TlaBinary',
  op,
  left: x(left),
  right: x(right),
});
export const eq = (a: E, b: E): TlaExpr => bin('=', a, b);
export const neq = (a: E, b: E): TlaExpr => bin('#', a, b);
export const inSet = (a: E, b: E): TlaExpr => bin('\\in', a, b);
export const not = (a: E): TlaExpr => ({ kind: 'TlaUnary', op: '~', operand: x(a) });
export const enabled = (a: E): TlaExpr => ({ kind: 'TlaUnary', op: 'ENABLED', operand: x(a) });
export const and = (...items: E[]): TlaExpr => ({
  kind: 'TlaJunction',
  op: '/\\',
  items: items.map(x),
});
export const or = (...items: E[]): TlaExpr => ({
  kind: 'TlaJunction',
  op: '\\/',
  items: items.map(x),
});
export const ite = (c: E, t: E, f: E): TlaExpr => ({
  kind: 'TlaIf',
  cond: x(c),
  then: x(t),
  else: x(f),
});
export const caseOf = (arms: [E, E][], other?: E): TlaExpr => ({
  kind: 'TlaCase',
  arms: arms.map(([c, v]) => ({ cond: x(c), value: x(v) })),
  other: other === undefined ? undefined : x(other),
});
export const letIn = (defs: [string, E][], body: E): TlaExpr => ({
  kind: 'TlaLet',
  defs: defs.map(([name, v]) => ({ name, value: x(v) })),
  body: x(body),
});
export const set = (...elements: E[]): TlaExpr => ({
  kind: 'TlaSetEnum',
  elements: elements.map(x),
});
export const filter = (variable: string, s: E, pred: E): TlaExpr => ({
  kind: 'TlaSetFilter',
  variable,
  set: x(s),
  pred: x(pred),
});
export const setMap = (expr: E, variable: string, s: E): TlaExpr => ({
  kind: 'TlaSetMap',
  expr: x(expr),
  variable,
  set: x(s),
});
export const fcn = (variable: string, s: E, body: E): TlaExpr => ({
  kind: 'TlaFcn',
  variable,
  set: x(s),
  body: x(body),
});
export const at = (f: E, a: E): TlaExpr => ({ kind: 'TlaFcnApp', fcn: x(f), arg: x(a) });
/** `[base EXCEPT !path = value, ...]`; a path step is an expression (index) or `.field` string. */
export const except = (base: E, ...clauses: [(E | `.${string}`)[], E][]): TlaExpr => ({
  kind: 'TlaExcept',
  base: x(base),
  clauses: clauses.map(
    ([path, value]): TlaExceptClause => ({
      path: path.map((p) =>
        typeof p === 'string' && p.startsWith('.')
          ? { kind: 'field' as const, field: p.slice(1) }
          : { kind: 'index' as const, index: x(p) },
      ),
      value: x(value),
    }),
  ),
});
export const AT: TlaExpr = { kind: 'TlaAt' };
export const rec = (fields: Record<string, E>): TlaExpr => ({
  kind: 'TlaRecord',
  fields: Object.entries(fields).map(([name, v]) => ({ name, value: x(v) })),
});
export const dot = (r: E, field: string): TlaExpr => ({ kind: 'TlaDot', record: x(r), field });
export const tup = (...elements: E[]): TlaExpr => ({ kind: 'TlaTuple', elements: elements.map(x) });
export const forall = (vars: string | string[], s: E, body: E): TlaExpr => ({
  kind: 'TlaQuant',
  quantifier: '\\A',
  variables: typeof vars === 'string' ? [vars] : vars,
  set: x(s),
  body: x(body),
});
export const exists = (vars: string | string[], s: E, body: E): TlaExpr => ({
  kind: 'TlaQuant',
  quantifier: '\\E',
  variables: typeof vars === 'string' ? [vars] : vars,
  set: x(s),
  body: x(body),
});
export const choose = (variable: string, s: E, pred: E): TlaExpr => ({
  kind: 'TlaChoose',
  variable,
  set: x(s),
  pred: x(pred),
});
export const unchanged = (...variables: string[]): TlaExpr => ({ kind: 'TlaUnchanged', variables });
export const always = (a: E): TlaExpr => ({ kind: 'TlaTemporal', op: '[]', operand: x(a) });
export const eventually = (a: E): TlaExpr => ({ kind: 'TlaTemporal', op: '<>', operand: x(a) });
export const leadsTo = (a: E, b: E): TlaExpr => bin('~>', a, b);
export const wf = (action: E, vars = 'vars'): TlaExpr => ({
  kind: 'TlaFairness',
  strength: 'WF',
  vars,
  action: x(action),
});
export const sf = (action: E, vars = 'vars'): TlaExpr => ({
  kind: 'TlaFairness',
  strength: 'SF',
  vars,
  action: x(action),
});
export const boxAction = (action: E, vars = 'vars'): TlaExpr => ({
  kind: 'TlaBoxAction',
  action: x(action),
  vars,
});

/** `name(params) == body`. */
export function def(name: string, params: string[], body: E): TlaDef {
  return { kind: 'TlaDef', name, params, body: x(body), comment: [], origin: undefined };
}

/** An action of Next: `Name(self)` for self in `set`, or parameterless. */
export function action(defName: string, param?: [string, E]): TlaActionRef {
  return {
    def: defName,
    param: param === undefined ? undefined : { name: param[0], set: x(param[1]) },
  };
}

/** A module; `vars`, `Init`, `Next`, `Spec` names are the usual ones unless given in roles. */
export function module(m: {
  name: string;
  constants: string[];
  variables: string[];
  defs: TlaDef[];
  roles: Partial<TlaRoles> & { actions: TlaActionRef[] };
}): TlaModule {
  const roles: TlaRoles = {
    init: 'Init',
    next: 'Next',
    spec: 'Spec',
    vars: 'vars',
    terminating: undefined,
    invariants: [],
    actionProperties: [],
    temporalProperties: [],
    covers: [],
    symmetry: undefined,
    ...m.roles,
  };
  const defs = m.defs.some((d) => d.name === 'vars')
    ? m.defs
    : [def('vars', [], tup(...m.variables)), ...m.defs];
  return {
    kind: 'TlaModule',
    name: m.name,
    header: [],
    extends: ['Naturals', 'Sequences', 'FiniteSets', 'TLC'],
    constants: m.constants.map((name) => ({ name, origin: undefined })),
    variables: m.variables.map((name) => ({ name, origin: undefined })),
    defs,
    roles,
  };
}

/** A config: constants given as model-value sets (string[]), numbers, or `mv:Name` model values. */
export function config(c: {
  constants?: Record<string, string[] | number | boolean | string>;
  specification?: string;
  invariants?: string[];
  properties?: string[];
  symmetry?: string;
  checkDeadlock?: boolean;
}): TlcConfig {
  const constants = Object.entries(c.constants ?? {}).map(([name, v]) => {
    let value: TlaConstantValue;
    if (Array.isArray(v)) value = { kind: 'modelValues', names: v };
    else if (typeof v === 'number') value = { kind: 'int', value: v };
    else if (typeof v === 'boolean') value = { kind: 'bool', value: v };
    else if (v.startsWith('mv:')) value = { kind: 'modelValue', name: v.slice(3) };
    else value = { kind: 'string', value: v };
    return { name, value };
  });
  return {
    constants,
    specification: c.specification ?? 'Spec',
    invariants: c.invariants ?? [],
    properties: c.properties ?? [],
    symmetry: c.symmetry,
    checkDeadlock: c.checkDeadlock ?? true,
  };
}

/** `pc[self] = label`. */
export const pcIs = (label: string, who: E = 'self'): TlaExpr => eq(at('pc', who), str(label));
/** `pc' = [pc EXCEPT ![self] = label]`. */
export const pcTo = (label: E, who: E = 'self'): TlaExpr =>
  eq(primed('pc'), except('pc', [[who], typeof label === 'string' ? str(label) : label]));
/** `\A self \in Threads : pc[self] = "Done" /\ UNCHANGED vars` as a Terminating definition. */
export const terminating = (threads = 'Threads', vars: string[] = []): TlaDef =>
  def('Terminating', [], and(forall('self', threads, pcIs('Done')), unchanged(...vars)));
