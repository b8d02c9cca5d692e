// Invalid specs for names and scopes (CS2xxx) and types (CS3xxx). Part of INVALID_CASES (cases.ts).

import type { InvalidCase } from './invalid-case.js';

export const NAME_TYPE_CASES: readonly InvalidCase[] = [
  // --- CS2xxx names and scopes ---------------------------------------------------------------
  {
    name: 'unknown name with a did-you-mean hint',
    code: 'CS2001',
    line: 3,
    column: 15,
    message: 'unknown name `cuont`',
    hint: 'did you mean `count`?',
    src: `spec t
shared var count: 0..3 = 0
invariant ok: cuont <= 3
`,
  },
  {
    name: 'unknown type name with a hint from type names only',
    code: 'CS2001',
    line: 3,
    column: 15,
    message: 'unknown name `Colr`',
    hint: 'did you mean `Color`?',
    src: `spec t
enum Color { RED, GREEN }
shared var c: Colr = RED
invariant i: c == c
`,
  },
  {
    name: 'a misspelt prelude macro gets the prelude name as a hint',
    code: 'CS2001',
    line: 5,
    column: 3,
    message: 'unknown name `spin_lok`',
    hint: 'did you mean `spin_lock`?',
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
process P[1] {
  spin_lok(lock)
  spin_unlock(lock)
}
`,
  },
  {
    name: 'duplicate declaration in one file, noted at the first',
    code: 'CS2002',
    line: 3,
    column: 12,
    message: 'duplicate declaration of `x`',
    related: { line: 2, column: 12 },
    src: `spec t
shared var x: bool = false
thread var x: bool = true
invariant i: x
`,
  },
  {
    name: 'duplicate local in a procedure frame',
    code: 'CS2002',
    line: 3,
    column: 7,
    message: 'duplicate declaration of `a`',
    related: { line: 2, column: 13 },
    src: `spec t
procedure q(a: bool) {
  var a: bool = false
  skip
}
process P[1] {
  q(true)
}
`,
  },
  {
    name: 'self outside a process, procedure or macro',
    code: 'CS2003',
    line: 2,
    column: 20,
    message:
      "`self` is only available inside a process, procedure or macro, or in a `thread var`'s initial value",
    src: `spec t
def me(): Thread = self
invariant i: me() == me()
`,
  },
  {
    name: 'frame outside a procedure',
    code: 'CS2004',
    line: 6,
    column: 22,
    message: '`frame` is only available inside a procedure',
    src: `spec t
procedure q() {
  skip
}
process P[1] {
  var f: frame<q>? = frame
  q()
  await f == none
}
`,
  },
  {
    name: 'a variable called like a function',
    code: 'CS2005',
    line: 3,
    column: 14,
    message: '`n` is a shared variable, not a function',
    src: `spec t
shared var n: 0..3 = 0
invariant i: n(1) == 0
`,
  },
  {
    name: '`int` used as a set of values',
    code: 'CS2005',
    line: 3,
    column: 26,
    message: '`int` is the type of every integer, not a finite set of values',
    hint: 'write a range such as `0..3`',
    src: `spec t
shared var n: 0..3 = 0
invariant i: exists k in int: k == n
`,
  },
  {
    name: 'a name declared both in the spec and in an imported file',
    code: 'CS2006',
    line: 3,
    column: 12,
    message: '`x` is declared both here and in lib.cred',
    related: { line: 2, column: 12, file: 'lib.cred' },
    src: `spec t
import "lib.cred"
shared var x: bool = false
invariant i: x
`,
    others: { 'lib.cred': 'spec lib\nshared var x: bool = true\n' },
  },
  {
    name: 'a prelude name redeclared in the spec',
    code: 'CS2006',
    line: 3,
    column: 6,
    message: '`Errno` is declared both here and in prelude/kernel.cred',
    src: `spec t
import kernel
enum Errno { OK, ENOMEM }
invariant i: true
`,
  },
  {
    name: 'an expectation ending in words other than `by simulation`',
    code: 'CS5017',
    line: 4,
    column: 23,
    message: 'expected `by simulation(...)` after the verdict, found `by random`',
    src: `spec t
shared var x: bool = false
process P[1] { s: x := true }
expect base: deadlock by random(seed = 1)
`,
  },
  {
    name: 'an unknown simulation option',
    code: 'CS5018',
    line: 4,
    column: 37,
    message: 'unknown simulation option `steps` (seed, traces and depth are known)',
    src: `spec t
shared var x: bool = false
process P[1] { s: x := true }
expect base: deadlock by simulation(steps = 3)
`,
  },
  {
    name: 'a simulation option that is not a whole number in range',
    code: 'CS5019',
    line: 4,
    column: 46,
    message: 'simulation option `traces` takes a whole number of at least 1',
    src: `spec t
shared var x: bool = false
process P[1] { s: x := true }
expect base: deadlock by simulation(traces = 0)
`,
  },
  {
    name: 'a holds expectation shown by simulation',
    code: 'CS5020',
    line: 4,
    column: 20,
    message: 'a simulation cannot show that a variant holds',
    src: `spec t
shared var x: bool = false
process P[1] { s: x := true }
expect base: holds by simulation(seed = 1)
`,
  },
  {
    name: 'an unused const is a warning',
    code: 'CS2007',
    line: 2,
    column: 7,
    message: 'const `LIMIT` is never used',
    src: `spec t
const LIMIT = 3
shared var x: bool = false
process P[1] { s: x := true }
invariant i: !x
`,
  },
  {
    name: 'a declaration reusing a built-in name',
    code: 'CS2008',
    line: 2,
    column: 12,
    message: '`card` is a built-in name and cannot be declared',
    src: `spec t
shared var card: bool = false
invariant i: true
`,
  },
  {
    name: 'at() naming a label that does not exist',
    code: 'CS2009',
    line: 5,
    column: 36,
    message: 'unknown step label `wrok`',
    hint: 'did you mean `work`?',
    src: `spec t
fair process P[1] {
  work: skip
}
invariant i: forall t in P: !at(t, wrok)
`,
  },
  {
    name: 'lock_order naming no lock of the spec',
    code: 'CS2010',
    line: 11,
    column: 17,
    message: '`lock_order` names `mx`, which is no lock class of this spec',
    hint: 'did you mean `m1`?',
    src: `spec t
import kernel
shared var m1: Mutex = MUTEX_INIT
shared var m2: Mutex = MUTEX_INIT
process P[1] {
  a: mutex_lock(m1)
  b: mutex_lock(m2)
  c: mutex_unlock(m2)
  d: mutex_unlock(m1)
}
lock_order m2 < mx
`,
  },

  // --- CS3xxx types --------------------------------------------------------------------------
  {
    name: 'initial value of the wrong type',
    code: 'CS3001',
    line: 2,
    column: 22,
    message: 'the initial value of `n` has type bool, expected 0..3',
    src: `spec t
shared var n: 0..3 = true
invariant i: n == 0
`,
  },
  {
    name: 'a prelude type is written by its name in messages',
    code: 'CS3001',
    line: 3,
    column: 29,
    message: 'the initial value of `lock` has type int, expected Spinlock',
    src: `spec t
import kernel
shared var lock: Spinlock = 1
invariant i: lock == none
`,
  },
  {
    name: 'an if condition that is not a bool',
    code: 'CS3001',
    line: 4,
    column: 6,
    message: 'the condition of `if` has type 0..3, expected bool',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  if n {
    n := 1
  }
}
`,
  },
  {
    name: 'a returned value of the wrong type',
    code: 'CS3001',
    line: 3,
    column: 10,
    message: 'the returned value has type int, expected bool',
    src: `spec t
procedure q(): bool {
  return 1
}
process P[1] {
  var r: bool = false
  r := q()
  await r
}
`,
  },
  {
    name: 'a def called with too many arguments',
    code: 'CS3002',
    line: 3,
    column: 14,
    message: '`double` takes 1 argument(s), got 2',
    src: `spec t
def double(x: 0..3): 0..6 = x + x
invariant i: double(1, 2) == 2
`,
  },
  {
    name: 'assigning to a param',
    code: 'CS3003',
    line: 4,
    column: 3,
    message:
      '`N` cannot be assigned: it is a param (set it with `--param`, a variant or an expectation)',
    src: `spec t
param N: 1..3 = 2
process P[N] {
  N := 3
}
`,
  },
  {
    name: 'an unknown record field with a hint',
    code: 'CS3004',
    line: 4,
    column: 16,
    message: 'type R has no field `low`',
    hint: 'did you mean `lo`?',
    src: `spec t
type R = { lo: 0..3, hi: 0..3 }
shared var r: R = { lo: 0, hi: 1 }
invariant i: r.low <= r.hi
`,
  },
  {
    name: 'indexing a bool',
    code: 'CS3005',
    line: 3,
    column: 14,
    message: 'type bool cannot be indexed',
    src: `spec t
shared var b: bool = false
invariant i: b[1]
`,
  },
  {
    name: 'comparing an enum with an integer',
    code: 'CS3006',
    line: 4,
    column: 14,
    message: 'the operands of `==` have incompatible types Color and int',
    src: `spec t
enum Color { RED, GREEN }
shared var c: Color = RED
invariant i: c == 1
`,
  },
  {
    name: 'p->x naming no variable of the procedure',
    code: 'CS3007',
    line: 9,
    column: 15,
    message: 'procedure `q` has no variable `flg`',
    hint: 'did you mean `flag`?',
    src: `spec t
procedure q() {
  var flag: bool = false
  flag := true
}
process P[1] {
  var f: frame<q>? = none
  q()
  s: await f->flg
}
`,
  },
  {
    name: 'a set literal mixing ints and bools',
    code: 'CS3008',
    line: 2,
    column: 24,
    message: 'the elements of the set have incompatible types int and bool',
    src: `spec t
invariant i: card({ 1, true }) == 2
`,
  },
  {
    name: 'a macro writing its parameter, called with a literal',
    code: 'CS3009',
    line: 6,
    column: 8,
    message: 'macro `bump` writes its parameter `v`, so the argument must be assignable',
    src: `spec t
macro bump(v) {
  v := v + 1
}
process P[1] {
  bump(1)
}
`,
  },
  {
    name: 'a type alias that contains itself',
    code: 'CS3010',
    line: 2,
    column: 6,
    message: 'type alias `A` refers to itself',
    src: `spec t
type A = set<A>
invariant i: true
`,
  },
  {
    name: 'assigning the result of a macro',
    code: 'CS3011',
    line: 7,
    column: 8,
    message: 'macro `m` returns no value',
    src: `spec t
shared var x: bool = false
macro m() {
  skip
}
process P[1] {
  x := m()
}
`,
  },
  {
    name: 'a procedure called inside an expression',
    code: 'CS3012',
    line: 6,
    column: 9,
    message: 'procedure `q` can only be called as a step',
    src: `spec t
procedure q(): bool {
  return true
}
process P[1] {
  await q()
}
`,
  },
  {
    name: 'a record literal missing a field of the declared type',
    code: 'CS3013',
    line: 3,
    column: 19,
    message: 'record type R is missing field `hi`',
    src: `spec t
type R = { lo: 0..3, hi: 0..3 }
shared var r: R = { lo: 0 }
invariant i: r.lo == 0
`,
  },
];
