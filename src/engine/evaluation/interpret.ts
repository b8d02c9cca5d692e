// Takes a TlaModule and a TLC config and returns an ExecutableModule that evaluates the tree
// directly (through the closures of eval.ts). It reads roles and config only; it never runs a
// search. A module it cannot execute (a missing constant, a property outside the fragment)
// makes `interpretModule` throw EvalError naming the definition.

import type { TlaDef, TlaExpr, TlaModule, TlcConfig } from '../../tla/tla-ast.js';
import { constantBindings } from './constants.js';
import { fairnessStepParts } from './fairness-steps.js';
import { groupOfSet, permutationArguments, symmetricGroupOf } from './symmetry.js';
import { EvalError } from '../values/eval-error.js';
import { Ctx, Scope, Unit, type ModuleTables, type ValueFn } from './eval-scope.js';
import { compileAction, compileValue, withDefinition } from './eval.js';
import { bindSlots } from './eval-value-forms.js';
import { actionRun, initialStatesOf } from './interpret-actions.js';
import type {
  ActionPredicate,
  ExecutableModule,
  FairnessInstance,
  SymmetryGroup,
  State,
  StatePredicate,
  SuccessorSink,
  TemporalForm,
  TemporalProperty,
} from './module-api.js';
import { SetValue, formatValue, valueEquals, type Value } from '../values/values.js';
import { at } from '../../source/checked-index.js';

/**
 * An executable module evaluating `module` under `config`. Throws EvalError when the module
 * cannot be set up (a constant without a value, an unknown definition in the config, a
 * temporal property outside the forms credspec emits).
 */
export function interpretModule(module: TlaModule, config: TlcConfig): ExecutableModule {
  const tables = moduleTables(module, config);
  const need = (name: string, what: string): TlaDef => {
    const d = tables.defs.get(name);
    if (d === undefined)
      throw new EvalError(`The ${what} ${name} is not defined in module ${module.name}.`);
    return d;
  };
  const initialStates = initialStatesOf(tables, need(module.roles.init, 'initial predicate'));
  const actionRuns = module.roles.actions.map((ref, ai) =>
    actionRun(tables, module, ref, need(ref.def, 'action'), ai),
  );
  const predicate = (name: string, kind: string): StatePredicate =>
    statePredicate(need(name, kind), kind, tables);

  // --- Properties from the config: action properties ([][A]_vars) and temporal ones.
  const actionProperties: ActionPredicate[] = [];
  const temporalProperties: TemporalProperty[] = [];
  for (const name of config.properties) {
    const def = need(name, 'property');
    const body = resolveZeroArg(def.body, tables);
    if (body.kind === 'TlaBoxAction')
      actionProperties.push(boxAction(name, body.action, body.vars, tables));
    else temporalProperties.push(temporalProperty(name, def.body, tables));
  }

  const fairness = readFairness(need(config.specification, 'specification').body, tables, module);

  let symmetry: SymmetryGroup | undefined;
  if (config.symmetry !== undefined) {
    const def = need(config.symmetry, 'symmetry set');
    const args = permutationArguments(def.body);
    symmetry =
      args === undefined
        ? groupOfSet(predicateValue(def, tables), def.name)
        : symmetricGroupOf(
            args.map((a) => predicateValue({ ...def, body: a }, tables)),
            def.name,
          );
  }

  const terminating =
    module.roles.terminating === undefined
      ? undefined
      : module.roles.actions.findIndex((a) => a.def === module.roles.terminating);

  return {
    name: module.name,
    variables: tables.variables,
    initialStates,
    actions: actionRuns.map((a) => a.info),
    successors(actionIndex: number, s: State, sink: SuccessorSink): number {
      const run = actionRuns[actionIndex];
      if (run === undefined) throw new Error(`internal error: no action ${actionIndex}`);
      return run.successors(s, sink);
    },
    terminating: terminating === undefined || terminating < 0 ? undefined : terminating,
    invariants: config.invariants.map((n) => predicate(n, 'invariant')),
    actionProperties,
    temporalProperties,
    fairness,
    covers: module.roles.covers.map((n) => predicate(n, 'cover')),
    symmetry,
  };
}

/**
 * The module's names for evaluation: its variables, the configuration's constant values (all of
 * the module's constants must have one) and its definitions.
 */
function moduleTables(module: TlaModule, config: TlcConfig): ModuleTables {
  const constants = constantBindings(config);
  for (const c of module.constants) {
    if (!constants.has(c.name))
      throw new EvalError(
        `The constant parameter ${c.name} is not assigned a value by the configuration file.`,
      );
  }
  const defs = new Map<string, TlaDef>();
  for (const d of module.defs) defs.set(d.name, d);
  // The printer writes `vars == << ... >>` from the roles; a tree need not carry it as a definition.
  if (!defs.has(module.roles.vars)) {
    defs.set(module.roles.vars, {
      kind: 'TlaDef',
      name: module.roles.vars,
      params: [],
      body: {
        kind: 'TlaTuple',
        elements: module.variables.map((v) => ({ kind: 'TlaName', name: v.name })),
      },
      comment: [],
      origin: undefined,
    });
  }
  const variables = module.variables.map((v) => v.name);
  return {
    variables,
    variableIndex: new Map(variables.map((v, i) => [v, i])),
    constants,
    defs,
    constantDefs: new Map(),
  };
}

/** The state predicate `def`, an invariant or a cover (`kind`, for the message). */
function statePredicate(def: TlaDef, kind: string, tables: ModuleTables): StatePredicate {
  const name = def.name;
  const unit = new Unit(tables, name, false);
  const f = withDefinition(name, () => compileValue(def.body, unit.rootScope()));
  const ctx = unit.makeCtx();
  return {
    name,
    holds(s: State): boolean {
      ctx.cur = s;
      const v = withDefinition(name, () => f(ctx));
      if (typeof v !== 'boolean')
        throw new EvalError(
          `The ${kind} ${name} evaluated to the non-boolean ${formatValue(v)}.`,
          name,
        );
      return v;
    },
  };
}

/** Follows zero-argument definition names to the expression they stand for. */
function resolveZeroArg(e: TlaExpr, t: ModuleTables): TlaExpr {
  let x = e;
  for (let guard = 0; guard < 100; guard++) {
    if (x.kind === 'TlaName' && !t.variableIndex.has(x.name) && !t.constants.has(x.name)) {
      const d = t.defs.get(x.name);
      if (d !== undefined && d.params.length === 0) {
        x = d.body;
        continue;
      }
    }
    return x;
  }
  return x;
}

function predicateValue(def: TlaDef, t: ModuleTables): Value {
  const unit = new Unit(t, def.name, false);
  const f = withDefinition(def.name, () => compileValue(def.body, unit.rootScope()));
  return withDefinition(def.name, () => f(unit.makeCtx()));
}

function boxAction(name: string, action: TlaExpr, vars: string, t: ModuleTables): ActionPredicate {
  const unit = new Unit(t, name, false);
  const sc = unit.rootScope();
  const a = withDefinition(name, () => compileValue(action, sc));
  const varsFn = withDefinition(name, () => compileValue({ kind: 'TlaName', name: vars }, sc));
  const ctx = unit.makeCtx();
  return {
    name,
    holds(s: State, u: State): boolean {
      return withDefinition(name, () => {
        ctx.cur = s;
        ctx.next = u.slice();
        if (a(ctx) === true) return true;
        const before = varsFn(ctx);
        ctx.cur = u;
        const after = varsFn(ctx);
        return valueEquals(before, after);
      });
    },
  };
}

/**
 * A state predicate inside temporal property `name`, run with the values its quantifiers and
 * operator parameters are bound to (`binds`); a value that is not a boolean is an error.
 */
function propertyPredicate(
  name: string,
  ctx: Ctx,
  e: TlaExpr,
  sc: Scope,
  binds: readonly [number, Value][],
): (s: State) => boolean {
  const f = compileValue(e, sc);
  return (s: State) =>
    withDefinition(name, () => {
      ctx.cur = s;
      for (const [slot, v] of binds) ctx.locals[slot] = v;
      const v = f(ctx);
      if (typeof v !== 'boolean')
        throw new EvalError(
          `The property ${name} has a non-boolean state predicate: ${formatValue(v)}.`,
          name,
        );
      return v;
    });
}

function temporalProperty(name: string, body: TlaExpr, t: ModuleTables): TemporalProperty {
  const unit = new Unit(t, name, false);
  const instances: { label: string; form: TemporalForm }[] = [];
  const ctx = new Ctx(t.variables.length);
  const pred = (e: TlaExpr, sc: Scope, binds: readonly [number, Value][]) =>
    propertyPredicate(name, ctx, e, sc, binds);
  const rec = (e0: TlaExpr, sc: Scope, binds: readonly [number, Value][], label: string): void => {
    const e = resolveZeroArg(e0, t);
    if (e.kind === 'TlaJunction' && e.op === '/\\') {
      for (const it of e.items) rec(it, sc, binds, label);
      return;
    }
    if (e.kind === 'TlaApply') {
      const def = t.defs.get(e.op);
      if (def === undefined)
        throw new EvalError(`Unknown operator ${e.op} in property ${name}.`, name);
      // Temporal operators take constant-level arguments here: evaluate them now.
      const argVals = e.args.map((a) => evalConstant(a, sc, binds, ctx));
      const { slots, scope } = bindSlots(def.params, unit.rootScope());
      const b2 = [...binds];
      slots.forEach((slot, i) => b2.push([slot, at(argVals, i, `an argument of ${e.op}`)]));
      rec(def.body, scope, b2, label);
      return;
    }
    if (e.kind === 'TlaQuant' && e.quantifier === '\\A') {
      const setV = evalConstant(e.set, sc, binds, ctx);
      if (!(setV instanceof SetValue))
        throw new EvalError(`The bound set in property ${name} is not a set.`, name);
      const { slots, scope: s2 } = bindSlots(e.variables, sc);
      const tuples = (k: number, acc: [number, Value][]): void => {
        if (k === slots.length) {
          const vals = acc
            .slice(binds.length)
            .map(([, v]) => formatValue(v))
            .join(', ');
          rec(e.body, s2, acc, `${label}(${vals})`);
          return;
        }
        const slot = at(slots, k, 'a slot');
        for (const v of setV.elems) tuples(k + 1, [...acc, [slot, v]]);
      };
      tuples(0, [...binds]);
      return;
    }
    const form = temporalForm(e, t, (p) => pred(p, sc, binds));
    if (form !== undefined) {
      instances.push({ label, form });
      return;
    }
    throw new EvalError(
      `The property ${name} is not one of the temporal forms <>P, []P, []<>P, <>[]P, P ~> Q.`,
      name,
    );
  };
  rec(body, unit.rootScope(), [], name);
  ctx.locals = new Array<Value | undefined>(unit.nslots).fill(undefined);
  return { name, instances };
}

/** The form of one instance (`P ~> Q`, `[]<>P`, ...) with its state predicates, if it is one. */
function temporalForm(
  e: TlaExpr,
  t: ModuleTables,
  pred: (p: TlaExpr) => (s: State) => boolean,
): TemporalForm | undefined {
  if (e.kind === 'TlaBinary' && e.op === '~>')
    return { kind: 'leads-to', p: pred(e.left), q: pred(e.right) };
  if (e.kind !== 'TlaTemporal') return undefined;
  const inner = resolveZeroArg(e.operand, t);
  if (e.op === '<>' && inner.kind === 'TlaTemporal' && inner.op === '[]')
    return { kind: 'eventually-always', p: pred(inner.operand) };
  if (e.op === '[]' && inner.kind === 'TlaTemporal' && inner.op === '<>')
    return { kind: 'always-eventually', p: pred(inner.operand) };
  return { kind: e.op === '<>' ? 'eventually' : 'always', p: pred(e.operand) };
}

function evalConstant(e: TlaExpr, sc: Scope, binds: readonly [number, Value][], ctx: Ctx): Value {
  const f: ValueFn = compileValue(e, sc);
  const saved = ctx.locals;
  ctx.locals = new Array<Value | undefined>(sc.unit.nslots + 1).fill(undefined);
  try {
    for (const [slot, v] of binds) ctx.locals[slot] = v;
    return f(ctx);
  } finally {
    ctx.locals = saved;
  }
}

/** The fairness conjuncts of Spec (`WF_vars(A)`, `SF_vars(A)`, `\A x \in S : WF_vars(A(x))`). */
function readFairness(spec: TlaExpr, t: ModuleTables, module: TlaModule): FairnessInstance[] {
  const out: FairnessInstance[] = [];
  const rec = (e0: TlaExpr, binds: readonly { name: string; value: Value }[]): void => {
    const e = resolveZeroArg(e0, t);
    if (e.kind === 'TlaJunction' && e.op === '/\\') {
      for (const it of e.items) rec(it, binds);
      return;
    }
    if (e.kind === 'TlaQuant' && e.quantifier === '\\A') {
      const unit = new Unit(t, module.roles.spec, false);
      let sc = unit.rootScope();
      const slots = binds.map(() => unit.newSlot());
      binds.forEach(
        (b, i) => (sc = sc.with(b.name, { kind: 'slot', slot: at(slots, i, 'a slot') })),
      );
      const f = compileValue(e.set, sc);
      const ctx = unit.makeCtx();
      binds.forEach((b, i) => (ctx.locals[at(slots, i, 'a slot')] = b.value));
      const sv = f(ctx);
      if (!(sv instanceof SetValue))
        throw new EvalError('A fairness quantifier does not range over a set.', module.roles.spec);
      const tuples = (k: number, acc: { name: string; value: Value }[]): void => {
        if (k === e.variables.length) {
          rec(e.body, acc);
          return;
        }
        const name = at(e.variables, k, 'a bound variable');
        for (const v of sv.elems) tuples(k + 1, [...acc, { name, value: v }]);
      };
      tuples(0, [...binds]);
      return;
    }
    if (e.kind === 'TlaFairness') {
      out.push(fairnessInstance(e.strength, e.vars, e.action, binds, t, module));
      return;
    }
    // Init and [][Next]_vars: not fairness.
  };
  rec(spec, []);
  return out;
}

const FOUND = { found: true };

function fairnessInstance(
  strength: 'WF' | 'SF',
  vars: string,
  action: TlaExpr,
  binds: readonly { name: string; value: Value }[],
  t: ModuleTables,
  module: TlaModule,
): FairnessInstance {
  const defName =
    action.kind === 'TlaApply' ? action.op : action.kind === 'TlaName' ? action.name : 'fairness';
  const unit = new Unit(t, defName, false);
  let sc = unit.rootScope();
  const slots = binds.map(() => unit.newSlot());
  binds.forEach((b, i) => (sc = sc.with(b.name, { kind: 'slot', slot: at(slots, i, 'a slot') })));
  const nvars = t.variables.length;
  const enabledRun = compileAction(action, sc, (ctx) => {
    for (let i = 0; i < nvars; i++) {
      const v = ctx.next[i];
      const u = ctx.cur[i];
      if (v === undefined || u === undefined || !valueEquals(v, u)) throw FOUND;
    }
  });
  const stepFn = compileValue(action, sc);
  const varsFn = compileValue({ kind: 'TlaName', name: vars }, sc);
  const ctx = unit.makeCtx();
  binds.forEach((b, i) => (ctx.locals[at(slots, i, 'a slot')] = b.value));
  const argText =
    action.kind === 'TlaApply'
      ? `(${action.args
          .map((a) =>
            a.kind === 'TlaName' ? (binds.find((b) => b.name === a.name)?.value ?? a.name) : '…',
          )
          .map((v) => (typeof v === 'string' ? v : formatValue(v)))
          .join(', ')})`
      : '';
  const parts = fairnessStepParts(
    module,
    vars,
    action,
    binds.map((b) => b.name),
  );
  // The innermost binding of a name wins, as in the scope built above.
  const boundValue = (name: string): Value =>
    at(binds, binds.map((b) => b.name).lastIndexOf(name), 'a bound name of a fairness step').value;
  const steps = parts?.map((p) => ({
    index: p.index,
    param: p.arg === undefined ? undefined : boundValue(p.arg),
  }));
  return {
    strength,
    label: `${strength}_${vars}(${defName}${argText})`,
    ...(steps === undefined ? {} : { steps }),
    enabled(s: State): boolean {
      ctx.cur = s;
      ctx.next = new Array<Value | undefined>(nvars).fill(undefined);
      try {
        withDefinition(defName, () => enabledRun(ctx));
        return false;
      } catch (err) {
        if (err === FOUND) return true;
        throw err;
      }
    },
    isStep(s: State, u: State): boolean {
      ctx.cur = s;
      ctx.next = u.slice();
      return withDefinition(defName, () => {
        if (stepFn(ctx) !== true) return false;
        const before = varsFn(ctx);
        ctx.cur = u;
        const after = varsFn(ctx);
        return !valueEquals(before, after);
      });
    },
  };
}
