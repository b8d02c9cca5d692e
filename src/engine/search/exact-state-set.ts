// The visited set of `--exact`: whole packed states (state-codec.ts) instead of fingerprints,
// so two different states are never taken for one. Every state's codes are kept in one
// growable Int32Array (`width` words each, by state index); an open-addressing table of state
// indices, grown by doubling at 50% load, finds them by a hash of their words.

import { fmix, SEED1, step1 } from '../values/hash-lanes.js';

/** Packed states -> state index. */
export class ExactStateSet {
  private vectors: Int32Array;
  /** State index + 1; 0 marks an empty slot. */
  private table: Int32Array;
  private mask: number;
  /** Number of states stored. */
  size = 0;

  constructor(
    readonly width: number,
    initialCapacity = 1 << 14,
  ) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    this.vectors = new Int32Array(Math.max(1, width) * (cap >>> 1));
  }

  /** Bytes held by the table and the stored states. */
  get bytes(): number {
    return this.table.length * 4 + this.vectors.length * 4;
  }

  /**
   * The index stored for the state `words[at .. at + width)`, or -1 after storing it with index
   * `size` when it was absent.
   */
  lookupOrInsert(words: Int32Array, at: number): number {
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.mask;
    let i = this.hash(words, at) & mask;
    for (;;) {
      const k = this.table[i] ?? 0;
      if (k === 0) {
        const w = this.width;
        if ((this.size + 1) * w > this.vectors.length) {
          const grown = new Int32Array(this.vectors.length * 2);
          grown.set(this.vectors);
          this.vectors = grown;
        }
        this.vectors.set(words.subarray(at, at + w), this.size * w);
        this.table[i] = ++this.size;
        return -1;
      }
      if (this.equals(k - 1, words, at)) return k - 1;
      i = (i + 1) & mask;
    }
  }

  /** The index stored for the state `words[at .. at + width)`, or -1 when it is absent. */
  lookup(words: Int32Array, at: number): number {
    const mask = this.mask;
    let i = this.hash(words, at) & mask;
    for (;;) {
      const k = this.table[i] ?? 0;
      if (k === 0) return -1;
      if (this.equals(k - 1, words, at)) return k - 1;
      i = (i + 1) & mask;
    }
  }

  private equals(index: number, words: Int32Array, at: number): boolean {
    const w = this.width;
    const base = index * w;
    const v = this.vectors;
    for (let j = 0; j < w; j++) if (v[base + j] !== words[at + j]) return false;
    return true;
  }

  private hash(words: Int32Array, at: number): number {
    let h = SEED1;
    for (let j = 0; j < this.width; j++) h = step1(h, words[at + j] ?? 0);
    return fmix(h ^ this.width);
  }

  private grow(): void {
    const cap = this.table.length * 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    const w = this.width;
    for (let index = 0; index < this.size; index++) {
      let i = this.hash(this.vectors, index * w) & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = index + 1;
    }
  }
}
