// Takes an emitted case and its engine result and, for a deadlock, says what each blocked thread
// waits for, read off the model: at the last state, the thread's step whose guard is false,
// that step's statement and line, and the thread a lock-owner test in the guard names (else
// the threads owing it work). Returns the result file's `waitsFor`; pure, evaluates only guards.

import type { CheckResult } from '../../result/check-result.js';
import type { DslValue, SourceLocation, TraceStep } from '../../result/result-file.js';
import { threadsOwing, type WaitEdge } from '../../result/wait-edge.js';
import type { ActTree, ModelAction } from '../../model/ir.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import { INTERNAL_NAMES } from '../../tla/names.js';
import { ModelValue, SetValue, fromTlaValue, setContains, type Value } from '../values/values.js';
import { type Bindings, type EmittedCase, StateEval } from './state-eval.js';

/** The guards of `tree` that are false in the state, on paths whose earlier guards hold. */
function blockedGuards(
  tree: ActTree,
  ev: StateEval,
  bound: Bindings,
): { blocked: { cond: TlaExpr; bound: Bindings }[]; enabled: boolean } {
  switch (tree.kind) {
    case 'leaf':
      return { blocked: [], enabled: true };
    case 'guard': {
      const v = ev.value(tree.cond, bound);
      if (v === false) return { blocked: [{ cond: tree.cond, bound }], enabled: false };
      if (v !== true) return { blocked: [], enabled: false };
      return blockedGuards(tree.body, ev, bound);
    }
    case 'or': {
      const parts = tree.branches.map((b) => blockedGuards(b, ev, bound));
      return { blocked: parts.flatMap((p) => p.blocked), enabled: parts.some((p) => p.enabled) };
    }
    case 'exists': {
      const set = ev.value(tree.set, bound);
      if (!(set instanceof SetValue)) return { blocked: [], enabled: false };
      const parts = set.elems.map((x) =>
        blockedGuards(tree.body, ev, new Map([...bound, [tree.variable, x]])),
      );
      return { blocked: parts.flatMap((p) => p.blocked), enabled: parts.some((p) => p.enabled) };
    }
  }
}

/**
 * Threads a lock-owner test in `cond` names: in each `a = b` (through conjunctions,
 * disjunctions, negations and definitions applied), a side whose value is a thread other
 * than the waiter itself; and in a `\\A t \\in S : P` over threads, each other thread that
 * makes P false.
 */
function lockHolders(
  cond: TlaExpr,
  ev: StateEval,
  bound: Bindings,
  threads: ReadonlySet<string>,
  self: string,
  depth = 0,
): string[] {
  const named = (e: TlaExpr): string | null => {
    const v = ev.value(e, bound);
    return v instanceof ModelValue && threads.has(v.name) && v.name !== self ? v.name : null;
  };
  switch (cond.kind) {
    case 'TlaBinary':
      if (cond.op === '=')
        return [named(cond.left), named(cond.right)].filter((t): t is string => t !== null);
      if (cond.op === '=>')
        return [
          ...lockHolders(cond.left, ev, bound, threads, self, depth),
          ...lockHolders(cond.right, ev, bound, threads, self, depth),
        ];
      return [];
    case 'TlaJunction':
      return cond.items.flatMap((it) => lockHolders(it, ev, bound, threads, self, depth));
    case 'TlaUnary':
      return cond.op === '~' ? lockHolders(cond.operand, ev, bound, threads, self, depth) : [];
    case 'TlaQuant': {
      // `forall t in S: P(t)` over threads (de_thread waiting for the others to go, a tracer
      // waiting for every caller to stop): the threads for which P fails are the ones waited on.
      const [variable, ...more] = cond.variables;
      if (cond.quantifier !== '\\A' || variable === undefined || more.length > 0) return [];
      const set = ev.value(cond.set, bound);
      if (!(set instanceof SetValue)) return [];
      return set.elems
        .filter(
          (x): x is ModelValue =>
            x instanceof ModelValue &&
            threads.has(x.name) &&
            x.name !== self &&
            ev.value(cond.body, new Map([...bound, [variable, x]])) === false,
        )
        .map((x) => x.name);
    }
    case 'TlaApply': {
      const def = ev.def(cond.op);
      // Definitions do not recurse; the bound only stops a malformed tree from looping.
      if (def === undefined || def.params.length !== cond.args.length || depth > 16) return [];
      const inner = new Map<string, Value>();
      for (const [i, p] of def.params.entries()) {
        const arg = cond.args[i];
        const v = arg === undefined ? undefined : ev.value(arg, bound);
        if (v === undefined) return [];
        inner.set(p, v);
      }
      return lockHolders(def.body, ev, inner, threads, self, depth + 1);
    }
    default:
      return [];
  }
}

const AWAIT = /^await\s+(.+?)\s*$/;
const CALL = /^([A-Za-z_]\w*)\s*\(\s*([^,()]+(?:\([^()]*\))?[^,()]*?)\s*[,)]/;

/** What a sleeping statement names as the thing it waits on: the awaited expression, or a call's first argument. */
function awaitedText(statement: string): string {
  const text = statement.trim();
  const awaited = AWAIT.exec(text)?.[1];
  if (awaited !== undefined) return awaited;
  const firstArg = CALL.exec(text)?.[2];
  if (firstArg !== undefined) return firstArg.trim();
  return text;
}

function locationOf(action: ModelAction): SourceLocation | undefined {
  const s = action.span;
  return s === undefined
    ? undefined
    : {
        file: s.file,
        line: s.start.line,
        column: s.start.column,
        endLine: s.end.line,
        endColumn: s.end.column,
      };
}

/**
 * The wait-for picture of a deadlock, one edge per thread that waits: the thread, what its
 * blocked step's statement waits on, who holds or owes it, the statement, its step and line.
 * Undefined unless the verdict is deadlock with a trace; `trace` is the result's mapped trace
 * (its last state gives the work threads owe each other).
 */
export function deadlockWaits(
  built: EmittedCase,
  result: CheckResult,
  trace: readonly TraceStep[] | null,
): readonly WaitEdge[] | undefined {
  const last = result.trace?.[result.trace.length - 1];
  if (result.verdict !== 'deadlock' || last === undefined) return undefined;
  const ev = new StateEval(built, last.state);
  const model = built.model;
  const members = model.groups.flatMap((g) => g.members);
  const threads = new Set(members);
  const dslState: Readonly<Record<string, DslValue>> = trace?.[trace.length - 1]?.state ?? {};
  const steps = new Map(built.emitted.sourceMap.actions.map((a) => [a.name, a.step] as const));
  const edges: WaitEdge[] = [];
  for (const thread of members) {
    const self = fromTlaValue({ '#mv': thread });
    const pc = ev.value(
      {
        kind: 'TlaFcnApp',
        fcn: { kind: 'TlaName', name: INTERNAL_NAMES.pc },
        arg: { kind: 'TlaName', name: INTERNAL_NAMES.self },
      },
      new Map([[INTERNAL_NAMES.self, self]]),
    );
    if (typeof pc !== 'string') continue;
    const bound: Bindings = new Map([[INTERNAL_NAMES.self, self]]);
    for (const action of model.actions) {
      if (action.pc !== pc || action.threads === undefined) continue;
      const group = ev.value(action.threads, bound);
      if (!(group instanceof SetValue) || !setContains(group, self)) continue;
      if (!action.guards.every((g) => ev.value(g, bound) === true)) continue;
      const { blocked, enabled } = blockedGuards(action.body, ev, bound);
      if (enabled || blocked.length === 0) continue;
      const holders = [
        ...new Set(blocked.flatMap((b) => lockHolders(b.cond, ev, b.bound, threads, thread))),
      ];
      const location = locationOf(action);
      edges.push({
        thread,
        waitsOn: awaitedText(action.text),
        heldBy: holders.length > 0 ? holders : threadsOwing(dslState, thread, threads),
        statement: action.text,
        at: steps.get(action.name) ?? action.label,
        ...(location !== undefined ? { location } : {}),
      });
      break;
    }
  }
  return edges;
}
