// The interpreter's initial states and successor functions: Init and each action of
// roles.actions compiled to closures over one reusable context, split into the parts TLC names
// steps after.

import type { TlaActionRef, TlaDef, TlaExpr, TlaModule } from '../../tla/tla-ast.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { SetValue, formatValue, type Value } from '../values/values.js';
import { actionGuard } from './action-guard.js';
import { splitAction } from './action-split.js';
import { type Cont, type Ctx, type ModuleTables, type Scope, Unit } from './eval-scope.js';
import { compileAction, compileValue, withDefinition } from './eval.js';
import type { ActionInfo, State, SuccessorSink } from './module-api.js';

/** One action: what the engine reports about it, and its successors from a state. */
export interface ActionRun {
  readonly info: ActionInfo;
  successors(s: State, sink: SuccessorSink): number;
}

/** `initialStates(sink)`: every state the initial predicate `initDef` allows. */
export function initialStatesOf(
  tables: ModuleTables,
  initDef: TlaDef,
): (sink: (s: State) => void) => void {
  const { variables } = tables;
  const nvars = variables.length;
  let initSink: (s: State) => void = () => {};
  const initUnit = new Unit(tables, initDef.name, true);
  const initRun = withDefinition(initDef.name, () =>
    compileAction(initDef.body, initUnit.rootScope(), finalInit),
  );
  const initCtx = initUnit.makeCtx();
  function finalInit(ctx: Ctx): void {
    const t = ctx.next.slice();
    for (let i = 0; i < nvars; i++) {
      if (t[i] === undefined)
        throw new EvalError(
          `The initial predicate does not assign the variable ${variables[i]}.`,
          initDef.name,
        );
    }
    initSink(t as Value[]);
  }
  return (sink) => {
    initSink = sink;
    withDefinition(initDef.name, () => initRun(initCtx));
  };
}

/** The action `ref` (defined by `def`), number `ai` of roles.actions. */
export function actionRun(
  tables: ModuleTables,
  module: TlaModule,
  ref: TlaActionRef,
  def: TlaDef,
  ai: number,
): ActionRun {
  const unit = new Unit(tables, def.name, false);
  const { paramValues, scope, paramSlot } = bindParam(tables, unit, ref, def);
  const call: TlaExpr =
    ref.param === undefined
      ? { kind: 'TlaName', name: def.name }
      : { kind: 'TlaApply', op: def.name, args: [{ kind: 'TlaName', name: ref.param.name }] };
  const parts = splitAction(call, tables.defs);
  const st: PartState = { sink: undefined, param: undefined, count: 0 };
  const runs = parts.map((p, sub) => ({
    name: p.name,
    run: withDefinition(def.name, () =>
      compileAction(p.expr, scope, finishStep(tables, p.name, st, ai, sub)),
    ),
  }));
  const ctx = unit.makeCtx();
  const guard = actionGuard(module, ref);
  const info: ActionInfo = {
    name: def.name,
    paramName: ref.param?.name,
    paramValues,
    subActions: parts.map((p) => p.name),
    ...(guard === undefined ? {} : { guard }),
  };
  const successors = (s: State, sink: SuccessorSink): number => {
    st.sink = sink;
    st.count = 0;
    ctx.cur = s;
    const np = ref.param === undefined ? 1 : paramValues.length;
    for (let pi = 0; pi < np; pi++) {
      if (paramSlot >= 0) {
        st.param = paramValues[pi];
        ctx.locals[paramSlot] = st.param;
      }
      for (const { name, run } of runs) {
        try {
          run(ctx);
        } catch (err) {
          if (
            (err instanceof EvalError || err instanceof AssertFailure) &&
            err.definition === undefined
          )
            err.definition = name;
          throw err;
        }
      }
    }
    return st.count;
  };
  return { info, successors };
}

/** What the parts of one action share during a `successors` call. */
interface PartState {
  sink: SuccessorSink | undefined;
  param: Value | undefined;
  count: number;
}

/** The continuation at the end of part `sub` (named `part`): emits the completed successor. */
function finishStep(
  tables: ModuleTables,
  part: string,
  st: PartState,
  ai: number,
  sub: number,
): Cont {
  const { variables } = tables;
  const nvars = variables.length;
  return (ctx) => {
    const t = ctx.next.slice();
    for (let i = 0; i < nvars; i++) {
      if (t[i] === undefined) {
        throw new EvalError(
          `Successor state is not completely specified by action ${part} of the next-state relation. The following variable is not assigned: ${variables[i]}.`,
          part,
        );
      }
    }
    const sink = st.sink;
    if (sink === undefined) throw new Error('internal error: a successor outside successors()');
    st.count++;
    sink(t as Value[], ai, st.param, sub);
  };
}

/** The values of the action's parameter and the slot it is bound to (-1: no parameter). */
function bindParam(
  tables: ModuleTables,
  unit: Unit,
  ref: TlaActionRef,
  def: TlaDef,
): { paramValues: readonly Value[]; scope: Scope; paramSlot: number } {
  const scope = unit.rootScope();
  if (ref.param === undefined) return { paramValues: [], scope, paramSlot: -1 };
  const setUnit = new Unit(tables, def.name, false);
  const setFn = compileValue(ref.param.set, setUnit.rootScope());
  const sv = withDefinition(def.name, () => setFn(setUnit.makeCtx()));
  if (!(sv instanceof SetValue))
    throw new EvalError(
      `The parameter set of ${def.name} is not a set: ${formatValue(sv)}.`,
      def.name,
    );
  const paramSlot = unit.newSlot();
  return {
    paramValues: sv.elems,
    scope: scope.with(ref.param.name, { kind: 'slot', slot: paramSlot }),
    paramSlot,
  };
}
