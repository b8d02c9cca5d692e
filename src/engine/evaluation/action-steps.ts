// The run-time steps of compiled actions (eval.ts compileAction) that enumerate assignments:
// `x' = e`, `x' \in S`, UNCHANGED and the instances of `\A` conjoined inside an action. Each
// assignment is undone when its continuation returns, so one successor array serves a search.

import type { Cont, Ctx, ValueFn } from './eval-scope.js';
import { asBool, asSet, tlcEquals } from '../values/value-ops.js';
import { SetValue, setContains, valueEquals, type Value } from '../values/values.js';
import { type Slot } from './eval-scope.js';

/**
 * The instances of `\A x1, ..., xn \in S` in the order TLC conjoins them inside an action: the
 * tuples in the order `\E` enumerates them, except that after the first one the rest come last
 * to first (TLC pushes them one by one onto its list of pending conjuncts).
 */
export function forallInstances(elems: readonly Value[], nvars: number): Value[][] {
  const all: Value[][] = [];
  if (elems.length > 0) {
    const cur: Value[] = new Array<Value>(nvars);
    const rec = (j: number): void => {
      for (const x of elems) {
        cur[j] = x;
        if (j === nvars - 1) all.push(cur.slice());
        else rec(j + 1);
      }
    };
    rec(0);
  }
  const [first, ...rest] = all;
  if (first === undefined || rest.length <= 1) return all;
  return [first, ...rest.reverse()];
}

export function unchangedFrom(ctx: Ctx, idx: readonly number[], i: number, k: Cont): void {
  const j = idx[i];
  if (j === undefined) {
    k(ctx);
    return;
  }
  const cur = ctx.cur[j];
  if (cur === undefined) throw new Error(`internal error: the state has no variable ${j}`);
  const t = ctx.next[j];
  if (t === undefined) {
    ctx.next[j] = cur;
    try {
      unchangedFrom(ctx, idx, i + 1, k);
    } finally {
      ctx.next[j] = undefined;
    }
  } else if (valueEquals(t, cur)) {
    unchangedFrom(ctx, idx, i + 1, k);
  }
}

/** `x' = r` (op `=`) or `x' \in r` for the variable at index `j`, then `k`. */
export function assignThen(j: number, op: string, r: ValueFn, k: Cont): Cont {
  if (op === '=') {
    return (ctx) => {
      const v = r(ctx);
      const t = ctx.next[j];
      if (t === undefined) {
        ctx.next[j] = v;
        try {
          k(ctx);
        } finally {
          ctx.next[j] = undefined;
        }
      } else if (tlcEquals(t, v)) {
        k(ctx);
      }
    };
  }
  return (ctx) => {
    const s = asSet(r(ctx), 'The right side of \\in').elems;
    const t = ctx.next[j];
    if (t === undefined) {
      try {
        for (let i = 0; i < s.length; i++) {
          ctx.next[j] = s[i];
          k(ctx);
        }
      } finally {
        ctx.next[j] = undefined;
      }
    } else if (setContains(new SetValue(s), t)) {
      k(ctx);
    }
  };
}

function bindInstance(ctx: Ctx, slots: readonly number[], inst: readonly Slot[]): void {
  let j = 0;
  for (const slot of slots) ctx.locals[slot] = inst[j++];
}

/**
 * `\A` over `set` whose body has one way to hold (its `guards`): tests the instances in TLC's
 * order, stops at the first false, and runs `k` once when all hold.
 */
export function allInstancesHold(
  set: ValueFn,
  slots: readonly number[],
  guards: readonly ValueFn[],
  k: Cont,
): Cont {
  return (ctx) => {
    const insts = forallInstances(asSet(set(ctx), 'The bound set of \\A').elems, slots.length);
    for (const inst of insts) {
      bindInstance(ctx, slots, inst);
      for (const guard of guards) if (!asBool(guard(ctx), 'A conjunct of an action')) return;
    }
    k(ctx);
  };
}

/**
 * `\A` over `set` conjoining its instances, each free to assign and branch; `compileBody`
 * compiles the body with the given continuation, which moves on to the next instance.
 */
export function conjoinInstances(
  set: ValueFn,
  slots: readonly number[],
  k: Cont,
  compileBody: (next: Cont) => Cont,
): Cont {
  // The instances being conjoined, innermost \A last; a frame is taken off while `k` runs so a
  // re-entry of the same formula from `k` starts its own.
  const frames: { readonly insts: readonly Value[][]; pos: number }[] = [];
  const step: Cont = (ctx) => {
    const f = frames.at(-1);
    if (f === undefined) throw new Error('internal error: a \\A step with no instances');
    const inst = f.insts[f.pos];
    if (inst === undefined) {
      frames.pop();
      try {
        k(ctx);
      } finally {
        frames.push(f);
      }
      return;
    }
    const saved = slots.map((sl) => ctx.locals[sl]);
    bindInstance(ctx, slots, inst);
    f.pos++;
    try {
      body(ctx);
    } finally {
      f.pos--;
      bindInstance(ctx, slots, saved);
    }
  };
  const body = compileBody(step);
  return (ctx) => {
    frames.push({
      insts: forallInstances(asSet(set(ctx), 'The bound set of \\A').elems, slots.length),
      pos: 0,
    });
    try {
      step(ctx);
    } finally {
      frames.pop();
    }
  };
}
