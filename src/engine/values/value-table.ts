// Interns the values one state variable takes during a search: each distinct value gets a code
// (its index in order of first sight), so a state can be stored as one 32-bit code per variable
// instead of an array of objects. Values are found by their 64-bit fingerprint in an
// open-addressing table of typed arrays and confirmed by `valueEquals`, so two values never
// share a code even when their fingerprints collide.

import { FP, fingerprintValue } from './fingerprint.js';
import { FingerprintSlots } from './fingerprint-slots.js';
import { type Value, valueEquals } from './values.js';

/** Value <-> code for one variable; codes are 0, 1, 2, ... in order of first sight. */
export class ValueTable extends FingerprintSlots {
  private readonly values: Value[] = [];

  constructor(initialCapacity = 64) {
    super(initialCapacity);
  }

  /** Distinct values seen. */
  get size(): number {
    return this.values.length;
  }

  /** The code of `v`, given one first when `v` is new. Overwrites `FP`. */
  codeOf(v: Value): number {
    if (this.values.length * 2 >= this.idx.length) this.grow();
    fingerprintValue(v);
    const h1 = FP.h1;
    const h2 = FP.h2;
    const mask = this.mask;
    let i = this.firstSlot(h1, h2);
    for (;;) {
      const k = this.idx[i] ?? 0;
      if (k === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        this.values.push(v);
        this.idx[i] = this.values.length;
        return this.values.length - 1;
      }
      if (this.hi[i] === h1 && this.lo[i] === h2) {
        const u = this.valueAt(k - 1);
        if (u === v || valueEquals(u, v)) return k - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value with code `code`, which the caller got from `codeOf`. */
  valueAt(code: number): Value {
    const v = this.values[code];
    if (v === undefined) throw new Error(`internal error: no value has code ${code}`);
    return v;
  }
}
