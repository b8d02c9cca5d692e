// The actions of a model, in Next order: each process group's steps and its exit, then each
// procedure's steps, then Terminating. Takes the planned owners; returns the actions and, per
// group and per procedure, the names of the actions their threads take (for fairness).

import type { TlaExpr } from '../tla/tla-ast.js';
import {
  INTERNAL_NAMES,
  PC_DONE,
  PC_EXITED,
  PC_EXITING,
  PC_UNBORN,
  exitStepName,
  liveVarName,
  uniqueName,
} from '../tla/names.js';
import type { LowerContext } from './context.js';
import { buryOnExit } from './frame-identity.js';
import type { ModelAction } from './ir.js';
import { type Group, type Owners, callersOf } from './lower-owners.js';
import { topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import type { OwnerPlan } from './plan.js';
import { lowerOwner } from './steps.js';
import { FALSE, bin, eq, fcnApp, name, setEnum, str } from './tla-build.js';

export interface Actions {
  readonly actions: readonly ModelAction[];
  /** Group name -> its own actions (steps and exit). */
  readonly groupActions: ReadonlyMap<string, readonly string[]>;
  /** Procedure name -> its actions. */
  readonly procActions: ReadonlyMap<string, readonly string[]>;
}

/** Every action of the model. */
export function lowerActions(ctx: LowerContext, owners: Owners): Actions {
  const runsWhen = new Map<string, TlaExpr>();
  for (const g of owners.groups) {
    if (g.decl.runsWhen !== undefined)
      runsWhen.set(
        g.decl.name.name,
        lowerExpr(ctx, { ...topEnv(), self: name(INTERNAL_NAMES.self) }, g.decl.runsWhen),
      );
  }
  const actions: ModelAction[] = [];
  const groupActions = new Map<string, string[]>();
  for (const g of owners.groups) {
    const gn = g.decl.name.name;
    const plan = planOf(ctx, owners.processPlans, gn);
    const rw = runsWhen.get(gn);
    const acts = lowerOwner(ctx, plan, rw ? [rw] : []);
    actions.push(...acts);
    const names = acts.map((a) => a.name);
    const procs = owners.reach.get(gn) ?? new Set<string>();
    if (plan.hasExit || [...procs].some((pn) => owners.procPlans.get(pn)?.hasExit)) {
      const exit = exitAction(ctx, g, procs, rw);
      actions.push(exit);
      names.push(exit.name);
    }
    groupActions.set(gn, names);
  }
  const procActions = new Map<string, string[]>();
  for (const [pn, plan] of owners.procPlans) {
    const callers = callersOf(owners, pn);
    const guards: TlaExpr[] = [];
    for (const g of callers) {
      const rw = runsWhen.get(g.decl.name.name);
      if (rw === undefined) continue;
      guards.push(
        callers.length === 1
          ? rw
          : bin('=>', bin('\\in', name(INTERNAL_NAMES.self), name(g.constant)), rw),
      );
    }
    const acts = lowerOwner(ctx, plan, guards);
    actions.push(...acts);
    procActions.set(
      pn,
      acts.map((a) => a.name),
    );
  }
  actions.push(terminatingAction(ctx, owners.allThreads));
  return { actions, groupActions, procActions };
}

function planOf(
  ctx: LowerContext,
  plans: ReadonlyMap<string, OwnerPlan>,
  owner: string,
): OwnerPlan {
  return plans.get(owner) ?? ctx.inconsistent(ctx.rootSpan, `no step plan for \`${owner}\``);
}

/** The exit of a group's thread: pc to exited, its frames dead and buried. */
function exitAction(
  ctx: LowerContext,
  g: Group,
  procs: ReadonlySet<string>,
  runsWhen: TlaExpr | undefined,
): ModelAction {
  const gn = g.decl.name.name;
  const exitName = uniqueName(exitStepName(gn), ctx.taken);
  let updates: { variable: string; value: TlaExpr }[] = [
    { variable: INTERNAL_NAMES.pc, value: exceptSelf(INTERNAL_NAMES.pc, str(PC_EXITED)) },
  ];
  for (const pn of procs)
    if (ctx.liveProcedures.has(pn))
      updates = [
        ...updates,
        { variable: liveVarName(pn), value: exceptSelf(liveVarName(pn), FALSE) },
      ];
  for (const pn of procs)
    updates = [
      ...updates,
      ...buryOnExit(ctx, pn, {
        ...topEnv(),
        self: name(INTERNAL_NAMES.self),
        boundNames: new Set([INTERNAL_NAMES.self]),
      }),
    ];
  return {
    name: exitName,
    kind: 'exit',
    owner: { kind: 'process', name: gn },
    label: exitName,
    generatedLabel: true,
    pc: PC_EXITING,
    threads: name(g.constant),
    guards: [
      eq(fcnApp(name(INTERNAL_NAMES.pc), name(INTERNAL_NAMES.self)), str(PC_EXITING)),
      ...(runsWhen ? [runsWhen] : []),
    ],
    body: { kind: 'leaf', updates },
    span: g.decl.name.span,
    text: `exit of ${gn}`,
    kernel: undefined,
  };
}

/** Terminating: every thread is done, unborn or exited, and nothing changes. */
function terminatingAction(ctx: LowerContext, allThreads: TlaExpr): ModelAction {
  const terminated: TlaExpr = {
    kind: 'TlaQuant',
    quantifier: '\\A',
    variables: [uniqueName('t', new Set(ctx.taken))],
    set: allThreads,
    body: bin(
      '\\in',
      fcnApp(name(INTERNAL_NAMES.pc), name(uniqueName('t', new Set(ctx.taken)))),
      setEnum([str(PC_DONE), str(PC_UNBORN), str(PC_EXITED)]),
    ),
  };
  return {
    name: INTERNAL_NAMES.terminating,
    kind: 'terminating',
    owner: undefined,
    label: INTERNAL_NAMES.terminating,
    generatedLabel: true,
    pc: undefined,
    threads: undefined,
    guards: [terminated],
    body: { kind: 'leaf', updates: [] },
    span: undefined,
    text: 'every thread is done, unborn or exited',
    kernel: undefined,
  };
}

/** `[v EXCEPT ![self] = value]`. */
function exceptSelf(variable: string, value: TlaExpr): TlaExpr {
  return {
    kind: 'TlaExcept',
    base: name(variable),
    clauses: [{ path: [{ kind: 'index', index: name(INTERNAL_NAMES.self) }], value }],
  };
}
