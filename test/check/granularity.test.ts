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
