// Takes engine states and writes them as 32-bit words for a message between worker threads,
// and reads them back into values equal to the originals (same canonical form, so the same
// fingerprints). Strings and model-value names travel once per channel, and a variable whose
// value is the very object the writer sent last time travels as one word: a writer and its
// reader keep matching dictionaries and last states, so one writer feeds exactly one reader,
// which reads every state it is sent, in order.

import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSortedSet,
  modelValue,
  type Value,
} from '../../values/values.js';

const FALSE = 0;
const TRUE = 1;
const INT = 2;
const STR = 3;
const STR_DEF = 4;
const MV = 5;
const MV_DEF = 6;
const SET = 7;
const SEQ = 8;
const REC = 9;
const FCN = 10;
const BIG = 11;
/** The variable holds the value it held in the last state on this channel. */
const SAME = 12;
/** A record whose field names (a shape) were sent before; REC_DEF sends a new shape. */
const REC_DEF = 13;

/** A non-integer number travels as the two 32-bit halves of its 64-bit float. */
const f64 = new DataView(new ArrayBuffer(8));

/** A growable buffer of words that values are written into, with this channel's dictionary. */
export class StateWriter {
  buf: Int32Array;
  length = 0;
  private readonly ids = new Map<string, number>();
  /** Record shapes (interned field arrays) by identity. */
  private readonly shapes = new Map<readonly string[], number>();
  private last: Value[] = [];

  constructor(capacity = 1 << 12) {
    this.buf = new Int32Array(capacity);
  }

  /** Appends one word. */
  word(x: number): void {
    if (this.length === this.buf.length) this.growTo(this.length + 1);
    this.buf[this.length++] = x;
  }

  private growTo(n: number): void {
    let cap = this.buf.length * 2;
    while (cap < n) cap *= 2;
    const b = new Int32Array(cap);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  /** Hands the words written so far to the caller (for a transfer) and starts a new buffer. */
  take(): Int32Array {
    const out = this.buf.length === this.length ? this.buf : this.buf.slice(0, this.length);
    this.buf = new Int32Array(Math.max(1 << 12, Math.min(this.buf.length, 1 << 20)));
    this.length = 0;
    return out;
  }

  /** Appends every value of a state (the reader must know how many there are). */
  state(s: readonly Value[]): void {
    const last = this.last;
    let i = 0;
    for (const v of s) {
      if (last[i] === v && typeof v === 'object') this.word(SAME);
      else {
        this.value(v);
        last[i] = v;
      }
      i++;
    }
  }

  private name(s: string, use: number, def: number): void {
    const id = this.ids.get(s);
    if (id !== undefined) {
      this.word(use);
      this.word(id);
      return;
    }
    const fresh = this.ids.size;
    this.ids.set(s, fresh);
    if (this.length + s.length + 3 > this.buf.length) this.growTo(this.length + s.length + 3);
    const b = this.buf;
    b[this.length++] = def;
    b[this.length++] = s.length;
    for (let i = 0; i < s.length; i++) b[this.length++] = s.charCodeAt(i);
  }

  /** Appends one value. */
  value(v: Value): void {
    switch (typeof v) {
      case 'boolean':
        this.word(v ? TRUE : FALSE);
        return;
      case 'number':
        if ((v | 0) === v) {
          this.word(INT);
          this.word(v);
        } else {
          f64.setFloat64(0, v);
          this.word(BIG);
          this.word(f64.getInt32(0));
          this.word(f64.getInt32(4));
        }
        return;
      case 'string':
        this.name(v, STR, STR_DEF);
        return;
      default:
        break;
    }
    if (v instanceof ModelValue) {
      this.name(v.name, MV, MV_DEF);
      return;
    }
    if (v instanceof SetValue || v instanceof SeqValue) {
      const e = v.elems;
      this.word(v instanceof SetValue ? SET : SEQ);
      this.word(e.length);
      for (const x of e) this.value(x);
      return;
    }
    if (v instanceof RecordValue) {
      const shape = this.shapes.get(v.fields);
      if (shape !== undefined) {
        this.word(REC);
        this.word(shape);
      } else {
        this.shapes.set(v.fields, this.shapes.size);
        this.word(REC_DEF);
        this.word(v.fields.length);
        for (const field of v.fields) this.name(field, STR, STR_DEF);
      }
      for (const x of v.values) this.value(x);
      return;
    }
    const f = v as FcnValue;
    this.word(FCN);
    this.word(f.domain.length);
    for (const x of f.domain) this.value(x);
    for (const x of f.values) this.value(x);
  }
}

/** Reads what one StateWriter wrote, message after message, in order. */
export class StateReader {
  buf: Int32Array = new Int32Array(0);
  pos = 0;
  private readonly names: string[] = [];
  private readonly models: (ModelValue | undefined)[] = [];
  private readonly last: Value[] = [];
  private readonly shapes: (readonly string[])[] = [];

  /** Starts on the next message's words. */
  reset(buf: Int32Array): void {
    this.buf = buf;
    this.pos = 0;
  }

  /** Reads one word. */
  word(): number {
    const w = this.buf[this.pos++];
    if (w === undefined) throw new Error('internal: a state message ended before its last value');
    return w;
  }

  private name(id: number): string {
    const s = this.names[id];
    if (s === undefined) throw new Error(`internal: string ${id} was not sent on this channel`);
    return s;
  }

  /** Reads a state of `n` values (unchanged variables share the last state's values). */
  state(n: number): Value[] {
    const out: Value[] = new Array(n);
    const last = this.last;
    for (let i = 0; i < n; i++) {
      if (this.buf[this.pos] === SAME) {
        this.pos++;
        const v = last[i];
        if (v === undefined) throw new Error(`internal: variable ${i} has no last value to repeat`);
        out[i] = v;
      } else {
        const v = this.value();
        out[i] = v;
        last[i] = v;
      }
    }
    return out;
  }

  private defName(): string {
    const len = this.word();
    const s = String.fromCharCode(...this.buf.subarray(this.pos, this.pos + len));
    this.pos += len;
    this.names.push(s);
    return s;
  }

  private str(): string {
    const tag = this.word();
    if (tag === STR) return this.name(this.word());
    if (tag === STR_DEF) return this.defName();
    throw new Error(`internal: expected a string in a state message, found tag ${tag}`);
  }

  private model(id: number): ModelValue {
    let mv = this.models[id];
    if (mv === undefined) {
      mv = modelValue(this.name(id));
      this.models[id] = mv;
    }
    return mv;
  }

  /** Reads one value. */
  value(): Value {
    const tag = this.word();
    switch (tag) {
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT:
        return this.word();
      case BIG:
        f64.setInt32(0, this.word());
        f64.setInt32(4, this.word());
        return f64.getFloat64(0);
      case STR:
        return this.name(this.word());
      case STR_DEF:
        return this.defName();
      case MV:
        return this.model(this.word());
      case MV_DEF: {
        this.defName();
        return this.model(this.names.length - 1);
      }
      case SET:
      case SEQ: {
        const n = this.word();
        const e: Value[] = new Array(n);
        for (let i = 0; i < n; i++) e[i] = this.value();
        return tag === SET ? makeSortedSet(e) : makeSeq(e);
      }
      case REC: {
        const id = this.word();
        const fields = this.shapes[id];
        if (fields === undefined) throw new Error(`internal: record shape ${id} was not sent`);
        const vals: Value[] = new Array(fields.length);
        for (let i = 0; i < fields.length; i++) vals[i] = this.value();
        return new RecordValue(fields, vals);
      }
      case REC_DEF: {
        const n = this.word();
        const names: string[] = new Array(n);
        for (let i = 0; i < n; i++) names[i] = this.str();
        // The writer numbers a shape before the values inside it, which may define shapes too.
        const id = this.shapes.length;
        this.shapes.push(names);
        const vals: Value[] = new Array(n);
        for (let i = 0; i < n; i++) vals[i] = this.value();
        const rec = makeRecord(names, vals);
        // The writer sends field names in its (sorted) order, so this is the shape's interned array.
        this.shapes[id] = rec.fields;
        return rec;
      }
      case FCN: {
        const n = this.word();
        const dom: Value[] = new Array(n);
        for (let i = 0; i < n; i++) dom[i] = this.value();
        const vals: Value[] = new Array(n);
        for (let i = 0; i < n; i++) vals[i] = this.value();
        return makeFcn(dom, vals);
      }
      default:
        throw new Error(`internal: unknown value tag ${tag} in a state message`);
    }
  }
}
