// A state as a fixed-width vector of 32-bit words: word i is the code of variable i's value in
// that variable's ValueTable. The breadth-first search keeps its queue in this form, so queued
// states cost a few words each instead of an array of objects, and decoding gives back the very
// value objects first seen (their fingerprints already cached).

import type { State } from '../evaluation/module-api.js';
import { ValueTable } from '../values/value-table.js';

/** Encodes and decodes states of one module (`width` variables). */
export class StateCodec {
  private readonly tables: ValueTable[];

  constructor(readonly width: number) {
    this.tables = Array.from({ length: width }, () => new ValueTable());
  }

  /** Values interned over all variables. */
  get entries(): number {
    let n = 0;
    for (const t of this.tables) n += t.size;
    return n;
  }

  /**
   * Writes the codes of `s` to `out[at .. at + width)`. With `parent` and its codes, a value
   * that is the very object of the parent's is given the parent's code without a lookup.
   * Overwrites `FP`.
   */
  encode(s: State, out: Int32Array, at: number, parent?: State, parentCodes?: Int32Array): void {
    const n = this.width;
    if (s.length !== n) throw new Error(`internal error: a state of ${s.length} values, not ${n}`);
    for (let i = 0; i < n; i++) {
      const v = s[i];
      if (v === undefined) throw new Error(`internal error: a state with no value at ${i}`);
      const known = parentCodes === undefined || parent?.[i] !== v ? -1 : (parentCodes[i] ?? -1);
      out[at + i] = known >= 0 ? known : this.table(i).codeOf(v);
    }
  }

  /** The state whose codes are `codes[at .. at + width)`. */
  decode(codes: Int32Array, at: number): State {
    const n = this.width;
    const s = new Array<State[number]>(n);
    for (let i = 0; i < n; i++) s[i] = this.table(i).valueAt(codes[at + i] ?? -1);
    return s;
  }

  private table(i: number): ValueTable {
    const t = this.tables[i];
    if (t === undefined) throw new Error(`internal error: no value table for variable ${i}`);
    return t;
  }
}
