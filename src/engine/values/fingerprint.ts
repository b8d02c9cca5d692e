// Fingerprints of values and states: 64 bits in two 32-bit lanes (hash-lanes.ts),
// written to the shared `FP` / `FP_SUM` outputs instead of allocated, and cached on composite
// values. A state's fingerprint can be updated from its parent's by visiting what changed.

import { fmix, hashString, SEED1, SEED2, step1, step2 } from './hash-lanes.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  type StateValues,
  type Value,
} from './values.js';

/** Output of `fingerprintValue` / `fingerprintState`: the two 32-bit halves (signed ints). */
export const FP = { h1: 0, h2: 0 };

const TAG_SET = 0x5e7;
const TAG_SEQ = 0x5e9;
const TAG_REC = 0x7ec;
const TAG_FCN = 0xfc7;

/** Fingerprint of one value into `FP` (cached on composite values). */
export function fingerprintValue(v: Value): void {
  switch (typeof v) {
    case 'boolean':
      FP.h1 = v ? 0x2f1a3b47 : 0x71c2e5d9;
      FP.h2 = v ? 0x0b9d6a13 : 0x4ee3f087;
      return;
    case 'number':
      FP.h1 = fmix(step1(SEED1, v | 0) ^ 0x1d);
      FP.h2 = fmix(step2(SEED2, v | 0) ^ 0x1d);
      return;
    case 'string': {
      const h = hashString(v);
      FP.h1 = fmix(step1(SEED1 ^ 0x57, h) ^ v.length);
      FP.h2 = fmix(step2(SEED2 ^ 0x57, Math.imul(h, 0x2c1b3c6d) ^ v.length));
      return;
    }
    default:
      break;
  }
  if (v instanceof ModelValue) {
    FP.h1 = v.h1;
    FP.h2 = v.h2;
    return;
  }
  const c = v as SetValue | SeqValue | RecordValue | FcnValue;
  if (!c.hashed) hashComposite(c);
  FP.h1 = c.h1;
  FP.h2 = c.h2;
}

function hashComposite(c: SetValue | SeqValue | RecordValue | FcnValue): void {
  let a1: number;
  let a2: number;
  let n: number;
  if (c instanceof SetValue || c instanceof SeqValue) {
    const tag = c instanceof SetValue ? TAG_SET : TAG_SEQ;
    a1 = SEED1 ^ tag;
    a2 = SEED2 ^ tag;
    const e = c.elems;
    n = e.length;
    for (const x of e) {
      fingerprintValue(x);
      a1 = step1(a1, FP.h1);
      a2 = step2(a2, FP.h2);
    }
  } else {
    const rec = c instanceof RecordValue;
    const dom: readonly Value[] = rec ? c.fields : (c as FcnValue).domain;
    const vals = c.values;
    const tag = rec ? TAG_REC : TAG_FCN;
    a1 = SEED1 ^ tag;
    a2 = SEED2 ^ tag;
    n = vals.length;
    for (let i = 0; i < n; i++) {
      const d = dom[i];
      const x = vals[i];
      if (d === undefined || x === undefined)
        throw new Error('internal error: a record or function with more values than keys');
      fingerprintValue(d);
      a1 = step1(a1, FP.h1);
      a2 = step2(a2, FP.h2);
      fingerprintValue(x);
      a1 = step1(a1, FP.h1);
      a2 = step2(a2, FP.h2);
    }
  }
  a1 = fmix(a1 ^ n);
  a2 = fmix(a2 ^ n);
  c.h1 = a1;
  c.h2 = (a2 + a1) | 0;
  c.hashed = true;
}

/**
 * Raw lane sums behind the last `fingerprintState` / `fingerprintSuccessor`: a state's
 * fingerprint is a mix of the sums over its variables of a per-position hash of each value,
 * so a successor's can be had from its parent's sums by visiting only what changed.
 */
export const FP_SUM = { s1: 0, s2: 0 };

function positionHash1(i: number, h: number): number {
  return fmix(step1(SEED1 ^ Math.imul(i + 1, 0x9e3779b9), h));
}

function positionHash2(i: number, h: number): number {
  return fmix(step2(SEED2 ^ Math.imul(i + 1, 0x7f4a7c15), h));
}

function finishState(a1: number, a2: number, n: number): void {
  FP_SUM.s1 = a1;
  FP_SUM.s2 = a2;
  FP.h1 = fmix(a1 ^ n ^ 0x57a7e);
  FP.h2 = fmix((a2 ^ n) + FP.h1);
}

/** Fingerprint of a state into `FP` (and its lane sums into `FP_SUM`); position-dependent. */
export function fingerprintState(s: StateValues): void {
  let a1 = 0;
  let a2 = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const v = s[i];
    if (v === undefined) throw new Error(`internal error: a state with no value at ${i}`);
    fingerprintValue(v);
    a1 = (a1 + positionHash1(i, FP.h1)) | 0;
    a2 = (a2 + positionHash2(i, FP.h2)) | 0;
  }
  finishState(a1, a2, n);
}

/**
 * The same as `fingerprintState(t)`, from the lane sums (s1, s2) of `parent`, a state of the
 * same length: only the variables whose value is not the very same object are hashed.
 */
export function fingerprintSuccessor(
  parent: StateValues,
  s1: number,
  s2: number,
  t: StateValues,
): void {
  let a1 = s1;
  let a2 = s2;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const v = t[i];
    const u = parent[i];
    if (v === u) continue;
    if (v === undefined || u === undefined)
      throw new Error('internal error: a successor and its parent differ in length');
    fingerprintValue(u);
    a1 = (a1 - positionHash1(i, FP.h1)) | 0;
    a2 = (a2 - positionHash2(i, FP.h2)) | 0;
    fingerprintValue(v);
    a1 = (a1 + positionHash1(i, FP.h1)) | 0;
    a2 = (a2 + positionHash2(i, FP.h2)) | 0;
  }
  finishState(a1, a2, n);
}
