// The small specs the TLC-against-embedded tests run (recorded and live): two temporal
// properties each (tp*), a one-path invariant violation for simulation counts (sim*), and
// evaluation errors the checker cannot see (err*); the base case of each, built. Returns data
// only; runs nothing.
import { buildCase, type BuiltCase } from '../../src/emit/build-case.js';
import { checkCases } from '../../src/emit/cases.js';
import { checkedOf } from '../model/helpers.js';

/** The specs the recorded runs were made from (TLC run with `-tool -workers 1 -fp 0`). */
export const SMALL_SPECS: Record<string, string> = {
  // Both properties violated: p1 first in declaration order.
  tp: `spec tp
shared var n: 0..1 = 0
fair process W[1] {
  s: n := 1
}
property p1: eventually always n == 0
property p2: always eventually n == 0
expect base: violates p1
`,
  // Only the second property is violated.
  tplater: `spec tplater
shared var n: 0..1 = 0
fair process W[1] {
  s: n := 1
}
property p1: eventually n == 1
property p2: eventually always n == 0
`,
  // Both violated, declared in the other order: p2 is first.
  tpswap: `spec tpswap
shared var n: 0..1 = 0
fair process W[1] {
  s: n := 1
}
property p2: always eventually n == 0
property p1: eventually always n == 0
`,
  // One behaviour only: a simulation's first behaviour is the counterexample, 3 distinct states.
  simpath: `spec simpath
shared var n: 0..3 = 0
process W[1] {
  a: n := 1
  b: n := 2
  c: n := 3
}
invariant small: n <= 1
`,
  // The same path, its invariant holding: a simulation of it is inconclusive.
  simok: `spec simok
shared var n: 0..3 = 0
process W[1] {
  a: n := 1
  b: n := 2
  c: n := 3
}
invariant small: n <= 3
`,
  // A map applied outside its domain through a lookup, while expanding the initial state.
  errinit: `spec errinit
shared var m: map<0..1, 0..1> = [ i in 0..1 |-> i ]
shared var n: 0..2 = 2
process W[1] {
  s: n := m[n]
}
`,
  // The same two levels down, with another thread's successors generated first.
  errdeep: `spec errdeep
shared var m: map<0..1, 0..1> = [ i in 0..1 |-> i ]
shared var n: 0..2 = 0
process A[1] {
  a: n := 1
  b: n := 2
}
process B[1] {
  s: n := m[n]
}
`,
};

/** The spec's base case, built. */
export function builtOf(name: string): BuiltCase {
  const checked = checkedOf(SMALL_SPECS[name]!, `${name}.cred`);
  const c = checkCases(checked.program, { variants: [], params: [] }).cases[0]!;
  const r = buildCase(checked, c, 'credspec test');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.built;
}
