// Specs for the tests of the built-in check `out_of_range`, and the embedded check they run.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText } from './helpers.js';

/** A 0..1 counter two threads increment: violated at n = 2. */
export const b16 = `spec b16
shared var n: 0..1 = 0
process W[2] {
  s: n := n + 1
}
`;

/** The range sits in a map's values; the map is a thread variable's field. */
export const nested = `spec nested
type Box<T> = { count: T, ok: bool }
shared var tally: map<Thread, 0..2> = [t in Thread |-> 0]
thread var box: Box<0..1> = { count: 0, ok: true }
process P[2] {
  a: tally := tally with [self] = tally[self] + 1
  b: tally := tally with [self] = tally[self] + 1
  c: box := box with { count: box.count + 1 }
  d: box := box with { count: box.count + 1 }
}
`;

/** Every kind of place a range can sit in, all staying inside: holds. */
export const inside = `spec inside
param MAX: 0..5 = 2
const TOP = MAX + 1
type Pair<A> = { first: A, second: A }
shared var s: set<1..TOP> = {}
shared var q: seq<0..MAX> = <<>>
shared var o: 0..MAX? = none
shared var p: Pair<0..1> = { first: 0, second: 1 }
thread var c: 0..MAX = 0
procedure bump(k: 0..MAX) {
  var local: 0..MAX = k
  go: c := local
}
process P[2] {
  var mine: 0..3 = 3
  a: s := s union { TOP }
  b: if len(q) < 2 { q := append(q, MAX) }
  e: o := MAX
  f: bump(MAX)
  h: p := p with { first: 1 }
  i: mine := 2
}
`;

/** The embedded engine's result on the spec's base case. */
export async function check(text: string): Promise<Awaited<ReturnType<typeof explore>>> {
  const e = emitText(text);
  return explore(interpretModule(e.module, e.config), e.config);
}
