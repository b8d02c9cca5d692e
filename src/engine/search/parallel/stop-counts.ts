// Takes one level of a parallel search (every worker's sorted keys of new states, successor
// counts per expanded state, the events seen) and returns what one worker would have
// reported: the global order of the new states, the first stop in that order, and the counts
// at that stop. Pure arithmetic on keys; no threads, no clock.

import type { EventKey, WorkerEvent } from './protocol.js';

/** The search before a level is expanded: its number, distinct and generated so far, frontier size. */
export interface LevelCounts {
  readonly level: number;
  readonly distinct: number;
  readonly generated: number;
  readonly frontier: number;
}

/** The new states of a level in one worker's order (by key), and each owner's ranks. */
export interface MergedKeys {
  readonly parentRank: Int32Array;
  readonly succ: Int32Array;
  /** Per worker, the rank of each of its new states, in its key order. */
  readonly ranks: Int32Array[];
}

/** Merges the workers' sorted key lists (pairs: parent rank, successor index). Keys are distinct. */
export function mergeKeys(keys: readonly Int32Array[]): MergedKeys {
  const total = keys.reduce((a, k) => a + k.length / 2, 0);
  const parentRank = new Int32Array(total);
  const succ = new Int32Array(total);
  // Per worker: its keys, the rank of each of its new states, and how many are merged so far.
  const cursors = keys.map((k) => ({ keys: k, ranks: new Int32Array(k.length / 2), next: 0 }));
  for (let out = 0; out < total; out++) {
    let best: (typeof cursors)[number] | undefined;
    let bestRank = 0;
    let bestSucc = 0;
    for (const c of cursors) {
      const kr = c.keys[2 * c.next];
      const ks = c.keys[2 * c.next + 1];
      if (kr === undefined || ks === undefined) continue;
      if (best === undefined || kr < bestRank || (kr === bestRank && ks < bestSucc)) {
        best = c;
        bestRank = kr;
        bestSucc = ks;
      }
    }
    if (best === undefined)
      throw new Error('internal error: the key lists hold fewer keys than counted');
    parentRank[out] = bestRank;
    succ[out] = bestSucc;
    best.ranks[best.next] = out;
    best.next++;
  }
  return { parentRank, succ, ranks: cursors.map((c) => c.ranks) };
}

/** Order of two event keys as one worker meets them. */
export function compareKeys(a: EventKey, b: EventKey): number {
  return a.r - b.r || a.j - b.j || a.phase - b.phase;
}

/** Number of merged keys before (r, j), or up to and including it. */
function countKeys(m: MergedKeys, r: number, j: number, inclusive: boolean): number {
  let lo = 0;
  let hi = m.parentRank.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const pr = m.parentRank[mid];
    const ps = m.succ[mid];
    if (pr === undefined || ps === undefined)
      throw new Error('internal error: a merged key out of range');
    const before = pr < r || (pr === r && (inclusive ? ps <= j : ps < j));
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first stop of the level in one worker's order: the least event, or the state limit
 * (checked before each expansion, once the distinct count has reached `maxStates`).
 */
export function chooseStop(
  events: readonly { readonly ev: WorkerEvent; readonly worker: number }[],
  merged: MergedKeys,
  level: LevelCounts,
  maxStates: number | undefined,
): { key: EventKey; ev?: WorkerEvent; worker: number } | undefined {
  let best: { key: EventKey; ev?: WorkerEvent; worker: number } | undefined;
  for (const e of events)
    if (best === undefined || compareKeys(e.ev, best.key) < 0)
      best = { key: e.ev, ev: e.ev, worker: e.worker };
  if (maxStates !== undefined) {
    const m = maxStates - level.distinct;
    // The parent of the new state that reaches the limit, when this level reaches it.
    const parent = m >= 1 ? merged.parentRank[m - 1] : undefined;
    if (parent !== undefined) {
      const r = parent + 1;
      const key = { r, j: 0, phase: -2 };
      if (r < level.frontier && (best === undefined || compareKeys(key, best.key) < 0))
        best = { key, worker: -1 };
    }
  }
  return best;
}

/** The counts one worker reports when it stops at `key` (an event of `kind`, or the state limit). */
export function stopCounts(
  key: EventKey,
  kind: WorkerEvent['kind'] | undefined,
  merged: MergedKeys,
  succ: Int32Array,
  level: LevelCounts,
): { distinct: number; generated: number; depth: number; queued: number } {
  const inclusive = key.phase >= 0;
  const found = countKeys(merged, key.r, key.j, inclusive);
  let generated = level.generated + (inclusive ? key.j + 1 : key.j);
  for (const count of succ.subarray(0, key.r)) generated += count;
  let queued: number;
  if (key.phase === -2) queued = level.frontier - key.r + found;
  else if (key.phase === 0)
    queued = level.frontier - key.r - 1 + found - 1; // the new state failed its check and was not queued
  else if (key.phase === 1 && kind === 'action-property')
    queued = level.frontier - key.r - 1 + countKeys(merged, key.r, key.j, false);
  else queued = level.frontier - key.r - 1 + found;
  return {
    distinct: level.distinct + found,
    generated,
    depth: found > 0 ? level.level + 1 : level.level,
    queued,
  };
}
