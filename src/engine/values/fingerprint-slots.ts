// The open-addressing table under both the visited-state set and the per-variable value tables:
// 64-bit fingerprints (two 32-bit halves) in typed arrays with linear probing, grown by doubling.
// A slot holds an entry number + 1 (0 marks it empty); what an entry means, and whether two
// entries may share a fingerprint, is the subclass's to say.

export class FingerprintSlots {
  protected hi: Int32Array;
  protected lo: Int32Array;
  /** Entry + 1; 0 marks an empty slot. */
  protected idx: Int32Array;
  protected mask: number;

  constructor(initialCapacity: number) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.idx = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Where probing for (h1, h2) starts. */
  protected firstSlot(h1: number, h2: number): number {
    return (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
  }

  /** Doubles the table, moving every slot to its place in the larger one. */
  protected grow(): void {
    const oh = this.hi;
    const ol = this.lo;
    const oi = this.idx;
    const cap = oi.length * 2;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.idx = new Int32Array(cap);
    this.mask = cap - 1;
    const mask = this.mask;
    for (let j = 0; j < oi.length; j++) {
      const k = oi[j] ?? 0;
      if (k === 0) continue;
      const h1 = oh[j] ?? 0;
      const h2 = ol[j] ?? 0;
      let i = this.firstSlot(h1, h2);
      while (this.idx[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = h1;
      this.lo[i] = h2;
      this.idx[i] = k;
    }
  }
}
