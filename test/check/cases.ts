// Invalid specs, one mistake each, with the diagnostic a user must see: code, message, the exact
// line and column, and the hint when there is one. invalid-specs.test.ts runs them; codes.test.ts
// checks that every code of the checker's bands appears here or in BUILT_TREE_CODES.

/** One invalid-input case. `others` are extra files the snippet imports. */
export interface InvalidCase {
  readonly name: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
  readonly related?: { readonly line: number; readonly column: number; readonly file?: string };
  readonly file?: string;
  readonly src: string;
  readonly others?: Readonly<Record<string, string>>;
}

/**
 * Codes the grammar never lets through from source text, tested on hand-built trees in
 * built-trees.test.ts (`violates deadlock`: `deadlock` is a keyword, so only a tree made another
 * way can name it as a property).
 */
export const BUILT_TREE_CODES: readonly string[] = ['CS5011'];

/** Codes raised outside the checker and tested where they arise: CS5016 (an unknown `--variant`) in test/cli/check.test.ts. */
// CS5021-CS5023 (no process, no thread, too many threads): test/robustness/hostile-specs.full.test.ts.
// CS5024 (an enumerated range past the engine's limit): test/robustness/huge-values.full.test.ts.
export const TESTED_ELSEWHERE: readonly string[] = [
  'CS5016',
  'CS5021',
  'CS5022',
  'CS5023',
  'CS5024',
];

export const INVALID_CASES: readonly InvalidCase[] = [
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

  // --- CS4xxx steps, labels, atomicity, kernel rules -----------------------------------------
  {
    name: 'a label used twice in one process',
    code: 'CS4001',
    line: 4,
    column: 3,
    message: 'label `a` is already used in `P`',
    related: { line: 3, column: 3 },
    src: `spec t
process P[1] {
  a: skip
  a: skip
}
`,
  },
  {
    name: 'a procedure call inside an atomic block',
    code: 'CS4002',
    line: 7,
    column: 5,
    message: 'procedure call inside an `atomic` block',
    src: `spec t
procedure q() {
  skip
}
process P[1] {
  atomic {
    q()
  }
}
`,
  },
  {
    name: 'a while loop inside an atomic block',
    code: 'CS4003',
    line: 5,
    column: 5,
    message: '`while` inside an `atomic` block',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  atomic {
    while n < 3 {
      n := n + 1
    }
  }
}
`,
  },
  {
    name: 'a label inside an atomic block',
    code: 'CS4004',
    line: 4,
    column: 5,
    message: 'label `a` inside an `atomic` block',
    src: `spec t
process P[1] {
  atomic {
    a: skip
  }
}
`,
  },
  {
    name: 'an await after the first statement of an atomic block',
    code: 'CS4005',
    line: 6,
    column: 5,
    message: 'a blocking statement can only come first in an `atomic` block',
    src: `spec t
shared var ready: bool = false
process P[1] {
  atomic {
    ready := true
    await ready
  }
}
`,
  },
  {
    name: 'a blocking prelude macro after the first statement of a macro body',
    code: 'CS4005',
    line: 6,
    column: 3,
    message: 'a blocking statement can only come first in macro `lock_both`',
    src: `spec t
import kernel
shared var a: Spinlock = SPINLOCK_INIT
macro lock_both(x, y) {
  spin_lock(x)
  spin_lock(y)
}
invariant i: a == none
`,
  },
  {
    name: 'a for loop in an atomic block that is not a parallel update',
    code: 'CS4006',
    line: 6,
    column: 7,
    message: '`for` inside an `atomic` block must write only elements indexed by `t`',
    src: `spec t
shared var total: 0..9 = 0
process P[2] {
  atomic {
    for t in snapshot P {
      total := total + 1
    }
  }
}
`,
  },
  {
    name: 'two procedures calling each other',
    code: 'CS4007',
    line: 3,
    column: 3,
    message: 'procedure `a` is recursive: a -> b -> a',
    src: `spec t
procedure a() {
  b()
}
procedure b() {
  a()
}
process P[1] {
  a()
}
`,
  },
  {
    name: 'return in a process body',
    code: 'CS4008',
    line: 3,
    column: 3,
    message: '`return` outside a procedure',
    src: `spec t
process P[1] {
  return
}
`,
  },
  {
    name: 'return with a value from a procedure without a return type',
    code: 'CS4009',
    line: 3,
    column: 10,
    message: 'procedure `q` has no return type, so `return` takes no value',
    src: `spec t
procedure q() {
  return 1
}
process P[1] {
  q()
}
`,
  },
  {
    name: 'the result of a procedure with a return type can fall off the end',
    code: 'CS4010',
    line: 3,
    column: 11,
    message: 'procedure `q` returns bool but its body can end without `return`',
    src: `spec t
shared var b: bool = false
procedure q(): bool {
  if b {
    return true
  }
}
process P[1] {
  var r: bool = false
  r := q()
  await r
}
`,
  },
  {
    name: 'clone of a group without spare slots',
    code: 'CS4011',
    line: 3,
    column: 9,
    message: '`clone P`: the group has no `spare` slots for new threads',
    hint: 'declare spare slots: `process P[N] spare M { ... }`',
    src: `spec t
process P[1] {
  clone P
}
`,
  },
  {
    name: 'a step after exit is unreachable',
    code: 'CS4012',
    line: 4,
    column: 3,
    message: 'this step is unreachable',
    src: `spec t
process P[1] {
  exit
  skip
}
`,
  },
  {
    name: 'a step after while true is unreachable',
    code: 'CS4012',
    line: 7,
    column: 3,
    message: 'this step is unreachable',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  while true {
    n := 1
  }
  done_: skip
}
`,
  },
  {
    name: 'mutex_lock while a spinlock is held: sleeping in atomic context',
    code: 'CS4101',
    line: 7,
    column: 3,
    message: '`mutex_lock` may sleep while spinlock `lock` is held (sleeping in atomic context)',
    related: { line: 6, column: 3 },
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
shared var m: Mutex = MUTEX_INIT
fair process P[1] {
  spin_lock(lock)
  mutex_lock(m)
  mutex_unlock(m)
  spin_unlock(lock)
}
`,
  },
  {
    name: 'waiting for a completion inside an RCU read section',
    code: 'CS4101',
    line: 7,
    column: 5,
    message:
      '`wait_for_completion` may sleep while an RCU read section is held (sleeping in atomic context)',
    src: `spec t
import kernel
shared var c: Completion = COMPLETION_INIT
process P[1] {
  rcu_read_lock()
  if c.all {
    wait_for_completion(c)
  }
  rcu_read_unlock()
}
`,
  },
  {
    name: 'a call to a procedure that waits, under a spinlock',
    code: 'CS4101',
    line: 10,
    column: 3,
    message:
      'the call to `wait_ready` may sleep while spinlock `lock` is held (sleeping in atomic context)',
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
shared var ready: bool = false
procedure wait_ready() {
  await ready
}
process P[1] {
  spin_lock(lock)
  wait_ready()
  spin_unlock(lock)
}
`,
  },
  {
    name: 'a variant whose overridden step sleeps under a spinlock taken by the base body',
    code: 'CS4101',
    line: 11,
    column: 25,
    message:
      '`wait_for_completion` may sleep while spinlock `lock` is held (sleeping in atomic context)',
    related: { line: 6, column: 3 },
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
shared var c: Completion = COMPLETION_INIT
process P[1] {
  spin_lock(lock)
  work: skip
  spin_unlock(lock)
}
variant v {
  override step P.work: wait_for_completion(c)
}
`,
  },
  {
    name: 'a process body that ends with a spinlock held returns to user space with it',
    code: 'CS4102',
    line: 5,
    column: 3,
    message: 'the end of process `P` returns to user space with spinlock `lock` held',
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
process P[1] {
  spin_lock(lock)
  skip
}
`,
  },
  {
    name: 'exit on one branch with a mutex held',
    code: 'CS4102',
    line: 8,
    column: 5,
    message: '`exit` returns to user space with mutex `m` held',
    related: { line: 6, column: 3 },
    src: `spec t
import kernel
shared var m: Mutex = MUTEX_INIT
shared var bad: bool = false
process P[1] {
  mutex_lock(m)
  if bad {
    exit
  }
  mutex_unlock(m)
}
`,
  },

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
  // --- break and continue --------------------------------------------------------------------
  {
    name: '`break` outside a loop',
    code: 'CS4013',
    line: 4,
    column: 15,
    message: '`break` outside a loop',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  if n == 0 { break }
}
`,
  },
  {
    name: '`continue` in a procedure called from a loop',
    code: 'CS4013',
    line: 4,
    column: 15,
    message: '`continue` outside a loop',
    src: `spec t
shared var n: 0..3 = 0
procedure advance() {
  if n == 0 { continue }
}
process P[1] {
  while n < 3 { advance() }
}
`,
  },
  {
    name: '`break` inside an atomic block',
    code: 'CS4014',
    line: 5,
    column: 34,
    message: '`break` inside an `atomic` block',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  while true {
    atomic { n := 1; if n == 1 { break } }
  }
}
`,
  },
  {
    name: '`continue` inside a macro body',
    code: 'CS4014',
    line: 4,
    column: 15,
    message: '`continue` inside macro `m`',
    src: `spec t
shared var n: 0..3 = 0
macro m() {
  if n == 0 { continue }
}
process P[1] {
  while true { m() }
}
`,
  },
  {
    name: '`break` in a fault handler',
    code: 'CS4014',
    line: 5,
    column: 27,
    message: '`break` inside a fault handler',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  while n < 3 {
    n := n + 1 may fail { break }
  }
}
`,
  },
  {
    name: 'a labelled `break`',
    code: 'CS4015',
    line: 5,
    column: 17,
    message: '`break` is not a step, so it cannot have a label',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  while true {
    if n == 0 { out: break }
  }
}
`,
  },
  {
    name: 'a lock held at a `break` is held after the loop',
    code: 'CS4101',
    line: 13,
    column: 3,
    message: '`mutex_lock` may sleep while spinlock `lock` is held (sleeping in atomic context)',
    src: `spec t
import kernel
shared var lock: Spinlock = SPINLOCK_INIT
shared var m: Mutex = MUTEX_INIT
shared var n: 0..3 = 0
process W[1] {
  while n < 3 {
    spin_lock(lock)
    if n == 2 { break }
    n := n + 1
    spin_unlock(lock)
  }
  mutex_lock(m)
  mutex_unlock(m)
  spin_unlock(lock)
}
`,
  },
  // --- macros that return a value ------------------------------------------------------------
  {
    name: 'a variant replaces a value-returning macro by one without a value',
    code: 'CS5004',
    line: 11,
    column: 18,
    message: '`override macro dec`: returns no value, the original returns one',
    related: { line: 3, column: 7 },
    src: `spec t
shared var n: 0..3 = 3
macro dec(v): bool {
  v := v - 1
  return v == 0
}
process P[1] {
  if dec(n) { skip }
}
variant quiet {
  override macro dec(v) {
    v := v - 1
  }
}
`,
  },
  {
    name: 'a `return` before the end of a macro',
    code: 'CS4016',
    line: 4,
    column: 3,
    message: 'macro `m` can `return e` only as the last statement of its body',
    src: `spec t
shared var n: 0..3 = 0
macro m() {
  return n == 0
  n := 1
}
process P[1] {
  m()
}
`,
  },
  {
    name: 'a macro with a result type that does not end with `return e`',
    code: 'CS4016',
    line: 3,
    column: 7,
    message: 'macro `m` declares a result type, so its body must end with `return e`',
    src: `spec t
shared var n: 0..3 = 0
macro m(): bool {
  n := 1
}
process P[1] {
  if m() { skip }
}
`,
  },
  {
    name: 'a bare `return` in a macro',
    code: 'CS4016',
    line: 5,
    column: 5,
    message:
      'macro `m` returns with `return e` or not at all: a bare `return` has nothing to leave',
    src: `spec t
shared var n: 0..3 = 0
macro m() {
  if n == 0 {
    return
  }
}
process P[1] {
  m()
}
`,
  },
  {
    name: 'two value-returning macro calls in one condition',
    code: 'CS4017',
    line: 9,
    column: 16,
    message: 'this step already calls value-returning macro `dec`; a step can use one',
    src: `spec t
shared var n: 0..3 = 3
shared var m: 0..3 = 3
macro dec(v): bool {
  v := v - 1
  return v == 0
}
process P[1] {
  if dec(n) && dec(m) { skip }
}
`,
  },
  {
    name: 'a value-returning macro inside an expression that is no condition',
    code: 'CS4018',
    line: 8,
    column: 8,
    message:
      'macro `dec` is a step: its value can be used only as `x := dec(...)` or in the condition of `if`, `while` or `await`',
    src: `spec t
shared var n: 0..3 = 3
macro dec(v): int {
  v := v - 1
  return v
}
process P[1] {
  n := dec(n) + 1
}
`,
  },
  {
    name: 'a value-returning macro in an invariant',
    code: 'CS4018',
    line: 7,
    column: 14,
    message:
      'macro `zero` is a step: its value can be used only as `x := zero(...)` or in the condition of `if`, `while` or `await`',
    src: `spec t
shared var n: 0..3 = 3
macro zero(v): bool {
  return v == 0
}
process P[1] { skip }
invariant i: zero(n) || true
`,
  },
  {
    name: 'a macro without `return e` used in a condition',
    code: 'CS3011',
    line: 7,
    column: 6,
    message: 'macro `inc` returns no value',
    src: `spec t
shared var n: 0..3 = 0
macro inc(v) {
  v := v + 1
}
process P[1] {
  if inc(n) { skip }
}
`,
  },
  {
    name: 'the result of a macro assigned to a variable of another type',
    code: 'CS3001',
    line: 7,
    column: 3,
    message: 'the result of `zero` has type bool, expected 0..3',
    src: `spec t
shared var n: 0..3 = 3
macro zero(v): bool {
  return v == 0
}
process P[1] {
  n := zero(n)
}
`,
  },
  // --- macro calls checked as instances, one write per location --------------------------------
  {
    name: 'a macro argument whose type the macro body cannot use, reported at the argument',
    code: 'CS3001',
    line: 5,
    column: 10,
    message: 'the left operand of `union` has type map<Thread, set<Thread>>, expected a set',
    related: { line: 2, column: 30 },
    src: `spec macro_type
macro add(list, x) { list := list union { x } }
shared var q: map<Thread, set<Thread>> = [ t in Thread |-> {} ]
process W[1] {
  s: add(q, self)
}
`,
  },
  {
    name: 'a macro argument of the wrong element type, reported at the argument',
    code: 'CS3006',
    line: 5,
    column: 10,
    message: 'the operands of `union` have incompatible types set<bool> and set<W>',
    related: { line: 2, column: 30 },
    src: `spec t
macro add(list, x) { list := list union { x } }
shared var flags: set<bool> = {}
process W[1] {
  s: add(flags, self)
}
`,
  },
  {
    name: 'a prelude macro given an argument of the wrong type: the note names the prelude line',
    code: 'CS3005',
    line: 5,
    column: 18,
    message: 'type bool cannot be indexed',
    related: { line: 60, column: 3, file: 'prelude/kernel.cred' },
    src: `spec t
import kernel
shared var n: 0..3 = 0
process W[1] {
  s: send_signal(n)
}
`,
  },
  {
    name: 'the value of a macro instance is typed from its arguments',
    code: 'CS3001',
    line: 6,
    column: 6,
    message: 'the result of `atomic_read_val` has type 0..3, expected bool',
    src: `spec t
import kernel
shared var n: 0..3 = 0
shared var b: bool = false
process W[1] {
  s: b := atomic_read_val(n)
}
`,
  },
  {
    name: 'a macro call whose target the macro also writes',
    code: 'CS4019',
    line: 5,
    column: 6,
    message:
      '`n` is written twice in one step: by macro `atomic_inc_return_val` (as `v`) and by the assignment',
    related: { line: 617, column: 3, file: 'prelude/kernel.cred' },
    src: `spec t
import kernel
shared var n: 0..3 = 0
process W[1] {
  s: n := atomic_inc_return_val(n)
}
`,
  },
  {
    name: 'a macro call whose two written arguments are one location',
    code: 'CS4019',
    line: 5,
    column: 24,
    message:
      '`n` is written twice in one step: by macro `atomic_dec_return` (as `out`) and by macro `atomic_dec_return` (as `v`)',
    src: `spec t
import kernel
shared var n: 0..3 = 2
process W[1] {
  s: atomic_dec_return(n, n)
}
`,
  },
  {
    name: 'a thread variable written as its own copy and as x[self] by one call',
    code: 'CS4019',
    line: 5,
    column: 14,
    message:
      '`c` is written twice in one step: by macro `both` (as `a`) and by macro `both` (as `b`)',
    src: `spec t
thread var c: 0..3 = 0
macro both(a, b) { a := 1  b := 2 }
process W[1] {
  s: both(c, c[self])
}
`,
  },
  {
    name: 'exists before a temporal form',
    code: 'CS6005',
    line: 6,
    column: 13,
    message:
      'property `p`: a quantifier before `eventually`, `always` or `leadsto` must be `forall`',
    src: `spec t
shared var got: map<Thread, bool> = [ t in Thread |-> false ]
fair process W[2] {
  s: got[self] := true
}
property p: exists t in W: eventually got[t]
`,
  },
  {
    name: 'a variant override of a macro that does not fit a call of the base spec',
    code: 'CS3001',
    line: 5,
    column: 11,
    message: 'the operand of `!` has type 0..3, expected bool',
    related: { line: 8, column: 34 },
    src: `spec t
shared var n: 0..3 = 0
macro bump(v) { v := v + 1 }
process W[1] {
  s: bump(n)
}
variant flip {
  override macro bump(v) { v := !v }
}
expect flip: holds
`,
  },
];
