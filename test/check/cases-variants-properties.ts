// Invalid specs for variants, parameters, expectations (CS5xxx), properties and fairness
// (CS6xxx), and generic type aliases. Part of INVALID_CASES (cases.ts).

import type { InvalidCase } from './invalid-case.js';

export const VARIANT_PROPERTY_CASES: readonly InvalidCase[] = [
  // --- CS5xxx variants, parameters and expectations ------------------------------------------
  {
    name: 'an expectation naming an unknown variant',
    code: 'CS5001',
    line: 5,
    column: 8,
    message: 'unknown variant `v2`',
    hint: 'did you mean `v1`?',
    src: `spec t
shared var b: bool = false
invariant i: !b
variant v1 { }
expect v2: holds
process P[1] { s: b := true }
`,
  },
  {
    name: 'variants extending each other',
    code: 'CS5002',
    line: 3,
    column: 19,
    message: 'variant `a` extends itself: a -> b -> a',
    src: `spec t
invariant i: true
variant a extends b { }
variant b extends a { }
`,
  },
  {
    name: 'an override of a procedure that does not exist',
    code: 'CS5003',
    line: 7,
    column: 22,
    message: '`override procedure r`: no procedure `r` to override',
    hint: 'did you mean `q`?',
    src: `spec t
procedure q() {
  skip
}
process P[1] { q() }
variant v {
  override procedure r() {
    skip
  }
}
`,
  },
  {
    name: 'an override with a different number of parameters',
    code: 'CS5004',
    line: 7,
    column: 22,
    message: '`override procedure q`: takes 0 parameter(s), the original takes 1',
    related: { line: 2, column: 11 },
    src: `spec t
procedure q(a: bool) {
  skip
}
process P[1] { q(true) }
variant v {
  override procedure q() {
    skip
  }
}
`,
  },
  {
    name: 'a step override naming a label the process does not have',
    code: 'CS5005',
    line: 6,
    column: 19,
    message: '`override step P.wrok`: `P` has no step labelled `wrok`',
    hint: 'did you mean `work`?',
    src: `spec t
process P[1] {
  work: skip
}
variant v {
  override step P.wrok: skip
}
`,
  },
  {
    name: 'an expectation setting an unknown param',
    code: 'CS5006',
    line: 4,
    column: 18,
    message: 'unknown param `M`',
    hint: 'did you mean `N`?',
    src: `spec t
param N: 1..3 = 2
process P[N] { skip }
expect base with M = 2: holds
`,
  },
  {
    name: 'a param default outside its range',
    code: 'CS5007',
    line: 2,
    column: 17,
    message: 'value 5 does not fit param `N` of type 1..3',
    src: `spec t
param N: 1..3 = 5
process P[N] { skip }
`,
  },
  {
    name: 'a param default outside a range its type names through an alias',
    code: 'CS5007',
    line: 3,
    column: 17,
    message: 'value 5 does not fit param `N` of type Size',
    src: `spec t
type Size = 1..3
param N: Size = 5
process P[N] { skip }
`,
  },
  {
    name: 'a variant setting a bool param to a number',
    code: 'CS5007',
    line: 5,
    column: 18,
    message: 'value 1 does not fit param `FAULTS` of type bool',
    src: `spec t
param FAULTS: bool = false
process P[1] { await !FAULTS }
variant v {
  param FAULTS = 1
}
`,
  },
  {
    name: 'an expectation naming a property that does not exist',
    code: 'CS5008',
    line: 5,
    column: 23,
    message: 'unknown property `nevr_b` in `violates`',
    hint: 'did you mean `never_b`?',
    src: `spec t
shared var b: bool = false
process P[1] { b := true }
invariant never_b: !b
expect base: violates nevr_b
`,
  },
  {
    name: 'a param of a set type',
    code: 'CS5009',
    line: 2,
    column: 7,
    message: 'param `S` has type set<bool>; params must be bool, an integer range or an enum',
    src: `spec t
param S: set<bool> = {}
invariant i: card(S) == 0
`,
  },
  {
    name: 'a param default that is not a literal',
    code: 'CS5010',
    line: 2,
    column: 17,
    message: 'the value of param `N` must be a literal',
    src: `spec t
param N: 1..3 = 1 + 1
process P[N] { skip }
`,
  },
  {
    name: 'violates naming a cover',
    code: 'CS5012',
    line: 5,
    column: 23,
    message: '`seen` is a cover; a cover is reached or not, never violated',
    src: `spec t
shared var b: bool = false
process P[1] { b := true }
cover seen: b
expect base: violates seen
`,
  },
  {
    name: 'a variant named base',
    code: 'CS5013',
    line: 3,
    column: 9,
    message: 'duplicate variant `base`',
    hint: '`base` is the spec itself; pick another name',
    src: `spec t
invariant i: true
variant base { }
`,
  },
  {
    name: 'a param set twice in one expectation',
    code: 'CS5014',
    line: 4,
    column: 25,
    message: 'param `N` is set twice',
    related: { line: 4, column: 18 },
    src: `spec t
param N: 1..3 = 2
process P[N] { skip }
expect base with N = 1, N = 2: holds
`,
  },
  {
    name: 'two expectations for the same variant and params',
    code: 'CS5015',
    line: 5,
    column: 8,
    message: 'expectation for `base with N = 1` repeats an earlier one',
    related: { line: 4, column: 8 },
    src: `spec t
param N: 1..3 = 2
process P[N] { skip }
expect base with N = 1: holds
expect base with N = 1: deadlock
`,
  },

  // --- CS6xxx properties and fairness --------------------------------------------------------
  {
    name: 'a primed variable in an invariant',
    code: 'CS6001',
    line: 3,
    column: 14,
    message: "`b'` (next value) is only allowed in an `action` property",
    src: `spec t
shared var b: bool = false
invariant i: b' == b
`,
  },
  {
    name: 'a primed param in an action',
    code: 'CS6002',
    line: 3,
    column: 11,
    message: 'only variables can be primed, not `N`',
    src: `spec t
param N: 1..3 = 2
action a: N' == N
`,
  },
  {
    name: 'a symmetric group in a spec with a liveness property',
    code: 'CS6003',
    line: 3,
    column: 14,
    message: 'process `P` is symmetric, but the spec has liveness property `p`',
    related: { line: 6, column: 10 },
    src: `spec t
shared var n: 0..3 = 0
fair process P[2] symmetric {
  n := 1
}
property p: eventually n == 1
`,
  },
  {
    name: 'a liveness property with no fair process',
    code: 'CS6004',
    line: 6,
    column: 10,
    message: 'liveness property `p` holds only under fairness, and no process is fair',
    src: `spec t
shared var n: 0..3 = 0
process P[2] {
  n := 1
}
property p: eventually n == 1
`,
  },

  // --- generic type aliases ------------------------------------------------------------------
  {
    name: 'a generic alias given too few type arguments',
    code: 'CS1017',
    line: 3,
    column: 15,
    message: '`Pair` takes 2 type arguments, found 1',
    src: `spec t
type Pair<A, B> = { first: A, second: B }
shared var p: Pair<bool> = { first: true }
invariant i: true
`,
  },
  {
    name: 'a generic alias used without its type arguments',
    code: 'CS1017',
    line: 3,
    column: 15,
    message: '`Queue` takes one type argument, found 0',
    src: `spec t
type Queue<T> = seq<T>
shared var q: Queue = <<>>
invariant i: true
`,
  },
  {
    name: 'type arguments for an alias that has no type parameters',
    code: 'CS1017',
    line: 3,
    column: 15,
    message: '`Small` takes no type arguments, found 1',
    src: `spec t
type Small = 0..3
shared var q: Small<bool> = 0
invariant i: true
`,
  },
  {
    name: 'type arguments after a name that is no type',
    code: 'CS1016',
    line: 2,
    column: 10,
    message:
      'unknown type `list`<...>: the generic types are `set<T>`, `seq<T>`, `map<K, V>`, `frame<p>` and aliases declared with type parameters',
    src: `spec t
type T = list<int>
invariant i: true
`,
  },
  {
    name: 'an unknown type parameter in a generic alias',
    code: 'CS2001',
    line: 2,
    column: 21,
    message: 'unknown name `U`',
    hint: 'did you mean `T`?',
    src: `spec t
type Queue<T> = seq<U>
invariant i: true
`,
  },
  {
    name: 'a type parameter used with type arguments',
    code: 'CS3014',
    line: 2,
    column: 15,
    message: 'type parameter `T` takes no type arguments',
    src: `spec t
type Box<T> = T<int>
invariant i: true
`,
  },
  {
    name: 'a generic alias that contains itself',
    code: 'CS3010',
    line: 2,
    column: 6,
    message: 'type alias `Chain` refers to itself',
    src: `spec t
type Chain<T> = seq<Chain<T>>
shared var c: Chain<bool> = <<>>
invariant i: true
`,
  },
  {
    name: 'a value that does not fit an instantiated generic alias',
    code: 'CS3001',
    line: 3,
    column: 34,
    message:
      'the initial value of `p` has type { first: bool, second: int }, expected Pair<0..2, bool>',
    src: `spec t
type Pair<A, B> = { first: A, second: B }
shared var p: Pair<0..2, bool> = { first: true, second: 1 }
invariant i: true
`,
  },
  {
    name: 'a duplicate type parameter',
    code: 'CS2002',
    line: 2,
    column: 13,
    message: 'duplicate declaration of `A`',
    src: `spec t
type Two<A, A> = { a: A }
invariant i: true
`,
  },
];
