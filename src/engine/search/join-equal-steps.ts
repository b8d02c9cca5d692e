// After a state's expansion under liveness checking: a step s -> t that one action's fairness
// instance counts as an `<<A>>_vars` step is one for every edge to an equal successor t, made by
// whichever action. Joins the covered fairness bits of the edges from one state whose targets
// are the same state (compared as values, since edge targets are state indices).

import type { State } from '../evaluation/module-api.js';
import { statesEqual } from '../values/values.js';
import { wordAt } from './fingerprint-set.js';

/** The edges of a StateGraph (bfs.ts): per edge, `fairWords` step bits and a target state. */
interface Edges {
  readonly fairWords: number;
  readonly edgeStepBits: { readonly data: Int32Array };
  readonly edgeTarget: { readonly data: Int32Array };
}

/** Joins the `mask` bits of the edges `base ..` whose successors `succ` are equal states. */
export function joinEqualSteps(
  g: Edges,
  succ: readonly State[],
  base: number,
  mask: Int32Array,
): void {
  const fw = g.fairWords;
  const bits = g.edgeStepBits.data;
  const targets = g.edgeTarget.data;
  const n = succ.length;
  const join = (i: number, k: number): void => {
    let equal = -1;
    for (let w = 0; w < fw; w++) {
      const a = wordAt(bits, (base + i) * fw + w);
      const b = wordAt(bits, (base + k) * fw + w);
      const mw = wordAt(mask, w);
      const m = (a | b) & mw;
      if (m === (a & mw) && m === (b & mw)) continue;
      if (equal < 0) {
        const si = succ[i];
        const sk = succ[k];
        if (si === undefined || sk === undefined)
          throw new Error(`internal error: no successor ${i} or ${k} to compare`);
        equal = statesEqual(si, sk) ? 1 : 0;
      }
      if (equal === 0) return;
      bits[(base + i) * fw + w] = a | m;
      bits[(base + k) * fw + w] = b | m;
    }
  };
  if (n <= 32) {
    for (let i = 0; i < n; i++)
      for (let k = i + 1; k < n; k++) if (targets[base + i] === targets[base + k]) join(i, k);
  } else {
    const first = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const tg = wordAt(targets, base + i);
      const list = first.get(tg);
      if (list === undefined) first.set(tg, [i]);
      else {
        for (const k of list) join(k, i);
        list.push(i);
      }
    }
  }
}
