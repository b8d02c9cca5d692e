// Invalid specs for steps, labels, atomicity and kernel rules (CS4xxx). Part of INVALID_CASES (cases.ts).

import type { InvalidCase } from './invalid-case.js';

export const STEP_CASES: readonly InvalidCase[] = [
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
  {
    name: 'an unreachable mark without a reason',
    code: 'CS4020',
    line: 4,
    column: 3,
    message: 'an `unreachable` mark needs a reason: say why no check reaches this place',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  unreachable "" s: n := 1
}
`,
  },
  {
    name: 'an unreachable mark inside an atomic block, where no check counts a place',
    code: 'CS4021',
    line: 5,
    column: 5,
    message:
      '`unreachable` cannot mark a statement inside an `atomic` block: the vacuity gate counts steps, fault points and covers',
    src: `spec t
shared var n: 0..3 = 0
process P[1] {
  atomic {
    unreachable "inside" n := 1
  }
}
`,
  },
  {
    name: 'a capped mark without a reason',
    code: 'CS4030',
    line: 2,
    column: 4,
    message: 'a `capped` mark needs a reason: say why a verdict may rest on this bound',
    src: `spec t
// capped "  "
param MAX: 1..3 = 2
shared var n: 0..MAX = 0
process P[1] {
  s: if n < MAX {
    inc: n := n + 1
  }
}
`,
  },
  {
    name: 'a capped mark above a parameter that bounds no counter',
    code: 'CS4031',
    line: 2,
    column: 4,
    message:
      "a `capped` mark cannot stand above `MAX`, which is no counter's bound (the upper end of its range, tested with `<`)",
    src: `spec t
// capped "MAX bounds the range, but no test caps an increment at it"
param MAX: 1..3 = 2
shared var n: 0..MAX = 0
process P[1] {
  s: n := 1
}
`,
  },
];
