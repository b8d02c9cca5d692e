// The control flow between a model's steps, for the essential-steps slice: which pc values a
// thread at one pc value may go to next, within one call of a procedure (a call goes on to its
// return label, a return or the end of a thread leaves the graph), and the post-dominators over
// it. A step is control dependent on an earlier test (an `if`, a loop, an `either`, a fault point
// that fails elsewhere) when the test could have sent the thread on a path that never reaches it:
// it post-dominates the outcome the test took but not the test itself (Ferrante, Ottenstein and
// Warren's definition, applied to the steps a schedule took).

import type { ActTree, Model } from '../../model/ir.js';
import { walkTla } from '../../model/tla-build.js';
import { INTERNAL_NAMES } from '../../tla/names.js';
import type { TlaExpr } from '../../tla/tla-ast.js';

/** The pc value no step starts from: where a thread leaves the graph. */
const EXIT = '';

/** The control flow of one model's steps. */
export interface StepGraph {
  /**
   * Whether a step at pc value `later` is control dependent on the test at pc value `test`
   * that went on to `taken` (both in the same call of the same procedure).
   */
  decides(test: string, taken: string, later: string): boolean;
}

/** The graph of `model`'s steps. */
export function stepGraph(model: Model): StepGraph {
  const succ = new Map<string, Set<string>>();
  for (const a of model.actions) {
    if (a.pc === undefined) continue;
    const out = succ.get(a.pc) ?? new Set<string>();
    succ.set(a.pc, out);
    for (const s of nextPcs(a.body)) out.add(s);
  }
  // A pc value no step starts from (Done, Exited, a return's) leaves the graph.
  for (const out of succ.values()) {
    for (const s of [...out]) {
      if (succ.has(s)) continue;
      out.delete(s);
      out.add(EXIT);
    }
    if (out.size === 0) out.add(EXIT);
  }
  const pdom = postDominators(succ);
  const dominates = (a: string, b: string): boolean => a === b || (pdom.get(b)?.has(a) ?? false);
  return {
    decides: (test, taken, later) =>
      (succ.get(test)?.size ?? 0) > 1 && dominates(later, taken) && !dominates(later, test),
  };
}

/**
 * The pc values an action's own thread may go to within its procedure: the return label a call
 * pushes (not the callee's first step), else the values it gives `pc[self]`.
 */
function nextPcs(tree: ActTree): string[] {
  const pushed: string[] = [];
  const own: string[] = [];
  forEachUpdate(tree, (variable, value) => {
    if (variable === INTERNAL_NAMES.stack) selfClauses(value, (v) => strings(v, pushed));
    if (variable === INTERNAL_NAMES.pc) selfClauses(value, (v) => strings(v, own));
  });
  return pushed.length > 0 ? pushed : own;
}

function forEachUpdate(tree: ActTree, f: (variable: string, value: TlaExpr) => void): void {
  switch (tree.kind) {
    case 'leaf':
      for (const u of tree.updates) f(u.variable, u.value);
      return;
    case 'guard':
    case 'exists':
      forEachUpdate(tree.body, f);
      return;
    case 'or':
      for (const b of tree.branches) forEachUpdate(b, f);
  }
}

/** The values an `[x EXCEPT ![self] = v, ...]` update gives the acting thread's entry. */
function selfClauses(value: TlaExpr, f: (v: TlaExpr) => void): void {
  walkTla(value, (e) => {
    if (e.kind !== 'TlaExcept') return;
    for (const c of e.clauses) {
      const first = c.path[0];
      if (first?.kind === 'index' && first.index.kind === 'TlaName' && first.index.name === 'self')
        f(c.value);
    }
  });
}

function strings(e: TlaExpr, out: string[]): void {
  walkTla(e, (x) => {
    if (x.kind === 'TlaStr') out.push(x.value);
  });
}

/** Each node's strict post-dominators (EXIT left out), by the usual fixed point. */
function postDominators(succ: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const nodes = [...succ.keys()];
  const all = new Set(nodes);
  const pdom = new Map<string, Set<string>>(nodes.map((n) => [n, new Set(all)]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of nodes) {
      let meet: Set<string> | undefined;
      for (const s of succ.get(n) ?? []) {
        const theirs = s === EXIT ? new Set<string>() : new Set([s, ...(pdom.get(s) ?? [])]);
        meet = meet === undefined ? theirs : new Set([...meet].filter((x) => theirs.has(x)));
      }
      const next = meet ?? new Set<string>();
      next.delete(n);
      const cur = pdom.get(n) as Set<string>;
      if (next.size !== cur.size) {
        pdom.set(n, next);
        changed = true;
      }
    }
  }
  return pdom;
}
