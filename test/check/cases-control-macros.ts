// Invalid specs for break and continue, macros that return a value, and macro calls checked as
// instances. Part of INVALID_CASES (cases.ts).

import type { InvalidCase } from './invalid-case.js';

export const CONTROL_MACRO_CASES: readonly InvalidCase[] = [
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
    related: { line: 639, column: 3, file: 'prelude/kernel.cred' },
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
