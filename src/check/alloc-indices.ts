// Fresh slots of an id pool (docs/language.md, "Granularity"). A step that hands out the next id
// of a pool writes `m[c + 1]` and then `c := c + 1` of a shared counter `c`; an id a thread got
// that way lives in a local `v` (`v := c + 1` in such a step). When every write of `c` anywhere
// is `c := c + 1` and every write of `v` is such a hand-out, `v` never exceeds `c` (both start
// at literals, `v`'s no larger), so `m[v]` and the next hand-out's `m[c + 1]` are different
// elements: the allocating step touches a slot no other thread has an index for yet.

import type { SymbolInfo } from './scopes.js';
import type { Expr, VarDecl } from '../syntax/ast.js';
import { unparen } from '../syntax/visit.js';

/** Where an index of a shared map came from, when it may name a fresh slot or an allocated id. */
export type Provenance =
  /** `c + 1` of a shared counter `c`, `seq` its place in the step. */
  | { readonly kind: 'next'; readonly counter: SymbolInfo; readonly seq: number }
  /** A local variable. */
  | { readonly kind: 'var'; readonly sym: SymbolInfo };

/** One assignment a step makes: its target variable and, when the value is `c + 1`, the counter. */
export interface StepAssign {
  readonly target: SymbolInfo;
  readonly next: SymbolInfo | undefined;
  readonly seq: number;
}

/** The counters and locals proven to follow the hand-out pattern, over every step of a model. */
export class Allocations {
  private readonly counters = new Set<SymbolInfo>();
  private readonly vars = new Map<SymbolInfo, SymbolInfo>();

  constructor(steps: readonly (readonly StepAssign[])[]) {
    const all = steps.flat();
    const candidates = new Set(all.flatMap((a) => (a.next !== undefined ? [a.next] : [])));
    for (const c of candidates) {
      const writes = all.filter((a) => a.target === c);
      if (c.kind === 'sharedVar' && writes.every((a) => a.next === c) && initOf(c) !== undefined)
        this.counters.add(c);
    }
    const targets = new Set(all.map((a) => a.target));
    for (const v of targets) {
      if (v.kind !== 'frameVar') continue;
      const c = this.handedOutBy(v, steps);
      if (c !== undefined) this.vars.set(v, c);
    }
  }

  /** The counter whose hand-outs are `v`'s only writes, if `v` starts no higher than it. */
  private handedOutBy(
    v: SymbolInfo,
    steps: readonly (readonly StepAssign[])[],
  ): SymbolInfo | undefined {
    let counter: SymbolInfo | undefined;
    for (const step of steps) {
      for (const a of step) {
        if (a.target !== v) continue;
        if (a.next === undefined || !this.counters.has(a.next)) return undefined;
        if (counter !== undefined && counter !== a.next) return undefined;
        if (!bumpsAfter(step, a.next, a.seq)) return undefined;
        counter = a.next;
      }
    }
    if (counter === undefined) return undefined;
    const [vi, ci] = [initOf(v), initOf(counter)];
    return vi !== undefined && ci !== undefined && vi <= ci ? counter : undefined;
  }

  /** Whether a `next` index is a hand-out: its step bumps the counter after it. */
  fresh(p: Provenance | undefined, step: readonly StepAssign[]): boolean {
    return p?.kind === 'next' && this.counters.has(p.counter) && bumpsAfter(step, p.counter, p.seq);
  }

  /** Whether `p`, an index already known fresh, and `q` can never name the same element. */
  apart(fresh: Provenance, q: Provenance | undefined): boolean {
    return fresh.kind === 'next' && q?.kind === 'var' && this.vars.get(q.sym) === fresh.counter;
  }
}

function bumpsAfter(step: readonly StepAssign[], c: SymbolInfo, seq: number): boolean {
  return step.some((a) => a.target === c && a.next === c && a.seq > seq);
}

/** A variable's initial value when it is an integer literal. */
function initOf(sym: SymbolInfo): number | undefined {
  const d = sym.decl;
  if (d?.kind !== 'VarDecl') return undefined;
  const init = (d as VarDecl).init;
  if (init === undefined) return undefined;
  const u = unparen(init);
  return u.kind === 'IntLit' ? Number(u.value) : undefined;
}

/** `x + 1` (or `1 + x`): the `x`, else undefined. */
export function plusOne(e: Expr): Expr | undefined {
  const u = unparen(e);
  if (u.kind !== 'BinaryExpr' || u.op !== '+') return undefined;
  const one = (x: Expr): boolean => {
    const v = unparen(x);
    return v.kind === 'IntLit' && Number(v.value) === 1;
  };
  if (one(u.right)) return u.left;
  if (one(u.left)) return u.right;
  return undefined;
}
