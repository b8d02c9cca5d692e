// CS4103: a folded step (an `atomic` block or a spec macro) that writes shared state and touches
// more of it, while another thread's step touches what it writes with no lock both hold.
import { check, show } from './helpers.js';

const warnings = (text: string): string[] =>
  check(text)
    .diagnostics.filter((d) => d.code === 'CS4103')
    .map(show);

const RACY = `spec racy
shared var count: 0..4 = 0
shared var flag: bool = false
process Queuer[1] {
  queue: atomic {
    count := count + 1
    flag := true
  }
}
process Runner[1] {
  run: count := count - 1
}
`;

describe('granularity (CS4103)', () => {
  test('an atomic increment plus a flag write, the counter touched by another process without a lock', () => {
    expect(warnings(RACY)).toEqual([
      'CS4103 test.cred:5:3 step `Queuer.queue` folds several kernel operations into one, and writes `count`, which step `Runner.run` of another thread touches with no lock both hold',
    ]);
  });

  test('a spec macro folding the same two writes warns at the call', () => {
    const text = RACY.replace(
      'queue: atomic {\n    count := count + 1\n    flag := true\n  }',
      'queue: bump(count, flag)',
    ).replace('process Queuer', 'macro bump(c, f) {\n  c := c + 1\n  f := true\n}\nprocess Queuer');
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:9:3 step `Queuer.queue` folds several kernel operations into one, and writes `count`, which step `Runner.run` of another thread touches with no lock both hold',
    ]);
  });

  test('another thread of the same group counts as another thread', () => {
    const text = RACY.replace('Queuer[1]', 'Queuer[2]').replace(/process Runner[\s\S]*$/, '');
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:5:3 step `Queuer.queue` folds several kernel operations into one, and writes `count`, which step `Queuer.queue` of another thread touches with no lock both hold',
    ]);
  });

  test('no warning when both steps hold a common lock', () => {
    const text = `spec locked
import kernel
shared var l: Spinlock = SPINLOCK_INIT
shared var count: 0..4 = 0
shared var flag: bool = false
process Queuer[1] {
  take: spin_lock(l)
  queue: atomic {
    count := count + 1
    flag := true
  }
  drop: spin_unlock(l)
}
process Runner[1] {
  take: spin_lock(l)
  run: count := count - 1
  drop: spin_unlock(l)
}
`;
    expect(warnings(text)).toEqual([]);
  });

  test('a lock only one of the steps holds does not protect', () => {
    const text = `spec half_locked
import kernel
shared var l: Spinlock = SPINLOCK_INIT
shared var count: 0..4 = 0
shared var flag: bool = false
process Queuer[1] {
  take: spin_lock(l)
  queue: atomic {
    count := count + 1
    flag := true
  }
  drop: spin_unlock(l)
}
process Runner[1] {
  run: count := count - 1
}
`;
    expect(warnings(text)).toHaveLength(1);
  });

  test('a single shared write folded with thread-local work is atomic anyway', () => {
    const text = `spec single
shared var count: 0..4 = 0
thread var mine: 0..4 = 0
process Queuer[1] {
  queue: atomic {
    mine := mine + 1
    count := count + 1
  }
}
process Runner[1] {
  run: count := count - 1
}
`;
    expect(warnings(text)).toEqual([]);
  });

  test('thread-local writes only', () => {
    const text = `spec local
thread var a: 0..4 = 0
thread var b: bool = false
process Worker[2] {
  both: atomic {
    a := a + 1
    b := true
  }
  again: a := a + 1
}
`;
    expect(warnings(text)).toEqual([]);
  });

  test("a thread's own copies count as shared when another thread writes them", () => {
    const text = `spec foreign
thread var a: 0..4 = 0
thread var b: bool = false
process Worker[1] {
  both: atomic {
    a := a + 1
    b := true
  }
}
process Poker[1] {
  poke: for t in snapshot Worker {
    poke_a: a[t] := 0
    poke_b: b[t] := false
  }
}
`;
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:5:3 step `Worker.both` folds several kernel operations into one, and writes `a`, which step `Poker.poke_a` of another thread touches with no lock both hold',
    ]);
  });
});

describe("granularity (CS4103): elements, callers' locks, variants, reasons", () => {
  // Per element: a thread's own slot `x[self]` never meets another thread's own slot.
  const SLOTS = `spec slots
shared var slot: map<Thread, 0..2> = [ t in Thread |-> 0 ]
shared var busy: map<Thread, bool> = [ t in Thread |-> false ]
process Worker[2] {
  fill: atomic {
    slot[self] := 1
    busy[self] := true
  }
}
`;

  test("two threads' own elements `x[self]` never alias", () => {
    expect(warnings(SLOTS)).toEqual([]);
  });

  test('reads of any elements `x[t]` may alias writes of `x[self]`', () => {
    const text = `${SLOTS}process Reader[1] {
  peek: for t in snapshot Worker {
    look: assert slot[t] <= 2 || busy[t], "in range"
  }
}
`;
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:5:3 step `Worker.fill` folds several kernel operations into one, and writes `busy`, which step `Reader.look` of another thread touches with no lock both hold',
    ]);
  });

  test('elements named by different literals never alias', () => {
    const text = `spec fixed
shared var cell: map<0..1, 0..2> = [ i in 0..1 |-> 0 ]
shared var flag: bool = false
process A[1] {
  both: atomic {
    cell[0] := 1
    flag := true
  }
}
process B[1] {
  other: cell[1] := 2
  same: cell[0] := 2
}
`;
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:5:3 step `A.both` folds several kernel operations into one, and writes `cell`, which step `B.same` of another thread touches with no lock both hold',
    ]);
    expect(warnings(text.replace('  same: cell[0] := 2\n', ''))).toEqual([]);
  });

  // A procedure's steps hold the locks every one of its calls holds.
  const CALLED = `spec called
import kernel
shared var l: Spinlock = SPINLOCK_INIT
shared var count: 0..4 = 0
shared var flag: bool = false
procedure bump() {
  queue: atomic {
    count := count + 1
    flag := true
  }
}
process Queuer[1] {
  take: spin_lock(l)
  call_it: bump()
  drop: spin_unlock(l)
}
process Runner[1] {
  take: spin_lock(l)
  run: count := count - 1
  drop: spin_unlock(l)
}
`;

  test("a procedure's step under the lock its only caller holds does not warn", () => {
    expect(warnings(CALLED)).toEqual([]);
  });

  test('a procedure called once without the lock warns', () => {
    const text = CALLED.replace(
      'process Runner',
      'process Other[1] {\n  bare: bump()\n}\nprocess Runner',
    );
    expect(warnings(text)).toEqual([
      'CS4103 test.cred:7:3 step `bump.queue` folds several kernel operations into one, and writes `count`, which step `Runner.run` of another thread touches with no lock both hold',
    ]);
  });

  test('only a variant that keeps the sharing warns, and the note names it', () => {
    const base = RACY.replace(
      'process Runner[1] {\n  run: count := count - 1\n}',
      'process Runner[1] {\n  run: skip\n}',
    );
    expect(warnings(base)).toEqual([]);
    const racy = `${base}variant racing {
  override step Runner.run: count := count - 1
}
`;
    const ds = check(racy).diagnostics.filter((d) => d.code === 'CS4103');
    expect(ds.map(show)).toEqual([
      'CS4103 test.cred:5:3 step `Queuer.queue` folds several kernel operations into one, and writes `count`, which step `Runner.run` of another thread touches with no lock both hold',
    ]);
    expect(ds[0]?.related?.[0]?.note).toBe(
      'step `Runner.run` touches it here (in variant `racing`)',
    );
    const removed = `${RACY}variant calm {
  override step Runner.run: skip
}
`;
    // Base still races; the variant that removes the sharing adds nothing.
    expect(warnings(removed)).toHaveLength(1);
  });

  test('`// folded "reason"` above the step silences it; a blank reason does not', () => {
    const reasoned = RACY.replace(
      '  queue: atomic',
      '  // the kernel does both under a lock the model does not name\n  // folded "siglock held"\n  queue: atomic',
    );
    expect(warnings(reasoned)).toEqual([]);
    expect(
      warnings(RACY.replace('  queue: atomic', '  // folded ""\n  queue: atomic')),
    ).toHaveLength(1);
    // Only the comment lines right above the step count.
    expect(
      warnings(RACY.replace('  queue: atomic', '  // folded "siglock held"\n\n  queue: atomic')),
    ).toHaveLength(1);
  });
});

// An id pool: `seccomp_prepare_filter()` writes `filters[filter_next + 1]` and then bumps
// `filter_next`; `f` holds only ids handed out so. The installer's step writes `filters[f]` and
// reads the counter, the allocator's hand-out writes the fresh slot.
const POOL = `spec pool
import kernel
process Installer[1] {
  var f: FilterId = 0
  var err: Errno = OK
  alloc: seccomp_prepare_filter(f, false, err)
  attach: atomic {
    if filter_next > 0 {
      filters[f] := filters[f] with { listener: true }
    }
  }
}
process Allocator[1] {
  var g: FilterId = 0
  var err: Errno = OK
  alloc2: seccomp_prepare_filter(g, false, err)
}
`;

const POOL_RACE =
  'CS4103 test.cred:7:3 step `Installer.attach` folds several kernel operations into one, and writes `filters`, which step `Allocator.alloc2` of another thread touches with no lock both hold';

describe('granularity (CS4103) and fresh slots of an id pool', () => {
  test('an element named by a handed-out id never meets the next hand-out', () => {
    expect(warnings(POOL)).toEqual([]);
  });

  test('a fixed element may be the next hand-out', () => {
    expect(warnings(POOL.replace('filters[f] := filters[f]', 'filters[2] := filters[2]'))).toEqual([
      POOL_RACE,
    ]);
  });

  test('a local also written otherwise may hold any id', () => {
    const text = POOL.replace('  attach: atomic', '  pick: f := 2\n  attach: atomic');
    expect(warnings(text)).toEqual([POOL_RACE.replace(':7:3', ':8:3')]);
  });

  test('a local that starts above the counter may hold the next id', () => {
    expect(warnings(POOL.replace('var f: FilterId = 0', 'var f: FilterId = 1'))).toEqual([
      POOL_RACE,
    ]);
  });

  test('a counter written other than by one more is no pool', () => {
    const text = POOL.replace(
      '  alloc2: seccomp_prepare_filter(g, false, err)',
      '  alloc2: seccomp_prepare_filter(g, false, err)\n  reset: filter_next := 0',
    );
    expect(warnings(text)).toEqual([POOL_RACE]);
  });

  test('a slot written after the bump is not the fresh one', () => {
    const text = `spec pool2
shared var slots: map<1..3, 0..2> = [ i in 1..3 |-> 0 ]
shared var next: 0..2 = 0
macro take(out) {
  out := next + 1
  next := next + 1
  slots[next + 1] := 1
}
process Taker[1] {
  var id: 0..3 = 0
  got: take(id)
  fill: atomic {
    if next > 0 {
      slots[id] := 2
    }
  }
}
process Other[1] {
  var id: 0..3 = 0
  got: take(id)
}
`;
    const ws = warnings(text);
    expect(ws).toContain(
      'CS4103 test.cred:12:3 step `Taker.fill` folds several kernel operations into one, and writes `slots`, which step `Other.got` of another thread touches with no lock both hold',
    );
    // The same hand-out in the right order: apart.
    const ordered = text.replace(
      '  next := next + 1\n  slots[next + 1] := 1',
      '  slots[next + 1] := 1\n  next := next + 1',
    );
    expect(warnings(ordered).filter((w) => w.includes('Taker.fill'))).toEqual([]);
  });
});
