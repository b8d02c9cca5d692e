// A set of 64-bit fingerprints (two 32-bit halves) mapping each to a state index, in typed
// arrays with open addressing and linear probing, grown by doubling at 50% load. Takes and
// returns numbers only; it never sees a state.

import { FingerprintSlots } from '../values/fingerprint-slots.js';

/** Fingerprint -> state index. Fingerprint (0, 0) is stored like any other. */
export class FingerprintSet extends FingerprintSlots {
  /** Number of fingerprints stored. */
  size = 0;

  constructor(initialCapacity = 1 << 16) {
    super(initialCapacity);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.idx.length * 12;
  }

  /**
   * The index stored for (h1, h2), or -1 after storing `index` for it when it was absent.
   */
  lookupOrInsert(h1: number, h2: number, index: number): number {
    if (this.size * 2 >= this.idx.length) this.grow();
    const mask = this.mask;
    let i = this.firstSlot(h1, h2);
    const idx = this.idx;
    for (;;) {
      const k = wordAt(idx, i);
      if (k === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        idx[i] = index + 1;
        this.size++;
        return -1;
      }
      if (this.hi[i] === h1 && this.lo[i] === h2) return k - 1;
      i = (i + 1) & mask;
    }
  }

  /** The index stored for (h1, h2), or -1. */
  lookup(h1: number, h2: number): number {
    const mask = this.mask;
    let i = this.firstSlot(h1, h2);
    for (;;) {
      const k = wordAt(this.idx, i);
      if (k === 0) return -1;
      if (this.hi[i] === h1 && this.lo[i] === h2) return k - 1;
      i = (i + 1) & mask;
    }
  }
}

/**
 * TLC's optimistic estimate of the chance that a run with 64-bit fingerprints merged two
 * different states: each of the `generated - distinct` lookups that found a state already seen
 * could have met any of the `distinct` stored fingerprints by accident, with chance 2^-64 each.
 */
export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}

/** Word `i` of `words`, which the caller knows is in range. */
export function wordAt(words: Int32Array, i: number): number {
  const w = words[i];
  if (w === undefined) throw new Error(`internal error: word ${i} past the end (${words.length})`);
  return w;
}

/** Sets `bits` in word `i` of `words`, which the caller knows is in range. */
export function orWord(words: Int32Array, i: number, bits: number): void {
  words[i] = wordAt(words, i) | bits;
}

/** A growable Int32Array. */
export class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  get(i: number): number {
    return wordAt(this.data, i);
  }
}
