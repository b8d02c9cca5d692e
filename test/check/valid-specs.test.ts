// Valid specs get no diagnostic from the checker: the shipped prelude, the language reference's
// example, a spec using every kind of declaration, and the shipped Landlock TSYNC spec.
import { readFileSync } from 'node:fs';
import { checkProgram } from '../../src/check/check.js';
import { check, programOf, show } from './helpers.js';

const EVERYTHING = `spec everything
import kernel

param THREADS: 1..3 = 2
param FAULTS: bool = true
param MODE: TwaMode = TWA_SIGNAL

const LIMIT = THREADS + 1
enum Phase { IDLE, BUSY }
type Pair = { a: 0..LIMIT, b: bool }

shared var lock: Spinlock = SPINLOCK_INIT
shared var big: Mutex = MUTEX_INIT
shared var count: 0..LIMIT = 0
shared var pairs: map<Thread, Pair> = [ t in Thread |-> { a: 0, b: false } ]
shared var log: seq<Phase> = << >>
thread var phase: Phase = IDLE
thread var err: Errno = OK

def twice(x: 0..LIMIT): int = x * 2
def busy(t: Thread): bool = phase[t] == BUSY

macro bump(v) {
  v := v + 1
}

procedure helper(n: 0..LIMIT): bool {
  var seen: bool = false
  check: if n > 0 {
    seen := frame->n == n
    return seen
  }
  return false
}

strong fair process Worker[THREADS] spare 1 runs when !stopped[self] {
  var ok: bool = false
  var child: Worker? = none
  take: spin_lock(lock)
  inc: bump(count) may fail when FAULTS {
    err := ENOMEM
  }
  release: spin_unlock(lock)
  sleep: mutex_lock(big)
  work: ok := helper(count)
  wake: mutex_unlock(big)
  mark: atomic {
    await count <= LIMIT
    phase := BUSY
    pairs[self] := pairs[self] with { a: count, b: ok }
    log := append(log, BUSY)
  }
  spawn: if count < LIMIT {
    child := clone Worker
  }
  either {
    skip
  } or {
    all: atomic {
      for t in snapshot Worker {
        pairs[t].b := true
      }
    }
  }
  pick: child := any w in Worker where busy(w)
}

fair process Watcher[1] {
  watch: await forall w in Worker: done(w) || at(w, Worker.mark) || in_call(w, helper)
}

invariant bounded: count <= LIMIT && twice(count) >= 0
invariant typed: forall t in Thread: pairs[t].a <= LIMIT && (MODE == TWA_SIGNAL || MODE == TWA_RESUME)
action grows: count' >= count
cover busy_seen: exists t in Worker: busy(t)
property finishes: eventually forall w in Worker: done(w)
property leads: count > 0 leadsto count == 0

variant v1 {
  param THREADS = 1
  override procedure helper(n: 0..LIMIT): bool {
    return n > 0
  }
  override step Worker.work: ok := true
}
variant v2 extends v1 {
  param FAULTS = false
}

expect base: holds
expect "S-1" v1 with THREADS = 2, MODE = TWA_RESUME: violates bounded
expect v2 with FAULTS = true: deadlock
expect v2: violates frame_use_after_return
`;

describe('valid specs', () => {
  test('a library file (no process) linted on its own reports nothing as unused', () => {
    const lib =
      'spec creds\nconst MAX = 3\ntype Cred = { id: 0..MAX }\ndef is_new(c: Cred): bool = c.id == 0\n';
    expect(check(lib).diagnostics.map(show)).toEqual([]);
  });

  test('a spec that only imports the prelude gets no diagnostic at all', () => {
    expect(check('spec t\nimport kernel\n').diagnostics.map(show)).toEqual([]);
  });

  test("the language reference example (with the prelude's Errno) gets no diagnostic", () => {
    const src = `spec counter_demo

import kernel

param THREADS: 1..4 = 2
param FAULTS: bool = true

shared var lock: Spinlock = SPINLOCK_INIT
shared var count: 0..8 = 0
thread var err: Errno = OK

fair process Worker[THREADS] symmetric {
  take:    spin_lock(lock)
  bump:    count := count + 1 may fail when FAULTS { err := ENOMEM }
  release: spin_unlock(lock)
}

invariant bounded: count <= THREADS
expect base: holds
expect base with THREADS = 3: holds
`;
    expect(check(src).diagnostics.map(show)).toEqual([]);
  });

  test('a spec using every kind of declaration gets no error, and only the granularity warning its `mark` step earns', () => {
    expect(check(EVERYTHING).diagnostics.map(show)).toEqual([
      'CS4103 test.cred:47:3 step `Worker.mark` folds several kernel operations into one, and writes `log`, which step `Worker.mark` of another thread touches with no lock both hold',
    ]);
  });

  test('the checker records types and symbols for later phases', () => {
    const result = check(EVERYTHING);
    expect(result.variants.has('v2')).toBe(true);
    const worker = result.globals.lookup('Worker');
    expect(worker?.kind).toBe('process');
    const typeNames = new Set([...result.types.values()].map((t) => t.kind));
    expect(typeNames.has('record')).toBe(true);
  });

  test('the shipped Landlock TSYNC spec gets no error from the checker', () => {
    const program = programOf({
      'specs/landlock-tsync.cred': readFileSync(
        new URL('../../specs/landlock-tsync.cred', import.meta.url),
        'utf8',
      ),
    });
    const errors = checkProgram(program)
      .diagnostics.filter((d) => d.severity === 'error')
      .map(show);
    expect(errors).toEqual([]);
  });
});

describe('reporting', () => {
  test('all diagnostics of a spec come at once, sorted by line and column', () => {
    const src = `spec t
shared var n: 0..3 = true
process P[1] {
  a: skip
  a: n := m
}
invariant i: n == RED
`;
    expect(
      check(src).diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column}`),
    ).toEqual(['CS3001 2:22', 'CS4001 5:3', 'CS2001 5:11', 'CS2001 7:19']);
  });

  test('the same input gives the same diagnostics, byte for byte', () => {
    const src = 'spec t\nshared var x: bool = 1\ninvariant i: y\n';
    expect(JSON.stringify(check(src).diagnostics)).toBe(JSON.stringify(check(src).diagnostics));
  });
});

describe('the constructs of the language issue', () => {
  // macro-results releases a lock its own `trylock` macro took, which the lock analysis does not
  // know: its `leave` step is judged as if no lock were held.
  const LEAVE_WARNING =
    'CS4103 test.cred:31:3 step `Worker.leave` folds several kernel operations into one, and writes `holders`, which step `Worker.hold` of another thread touches with no lock both hold';
  test.each([
    ['loop-exits', []],
    ['macro-results', [LEAVE_WARNING]],
    ['fresh-generic', []],
  ] as const)('golden spec %s gets no error, and only the warnings listed', (c, expected) => {
    const src = readFileSync(new URL(`../golden/${c}/${c}.cred`, import.meta.url), 'utf8');
    expect(check(src).diagnostics.map(show)).toEqual(expected);
  });

  test('the prelude value forms check where the kernel uses them', () => {
    const src = `spec t
import kernel
shared var refs: 0..2 = 2
shared var lock: Spinlock = SPINLOCK_INIT
shared var m: Mutex = MUTEX_INIT
shared var sem: Rwsem = RWSEM_INIT
shared var done_: Completion = COMPLETION_INIT
thread var left: 0..2 = 2
process W[2] {
  put: if atomic_dec_and_test(refs) { complete_all(done_) }
  try: if spin_trylock(lock) { spin_unlock(lock) }
  mtx: if mutex_trylock_val(m) { mutex_unlock(m) } else if down_write_trylock_val(sem) { up_write(sem) }
  get: left := atomic_read_val(refs)
  wait: wait_for_completion(done_)
}
`;
    expect(check(src).diagnostics.map(show)).toEqual([]);
  });

  test("`self` in a shared variable's initial value is still refused", () => {
    expect(
      check(
        'spec t\nshared var owner: Thread = self\nthread var me: Thread = self\ninvariant i: true\n',
      ).diagnostics.map(show),
    ).toEqual([expect.stringContaining('CS2003')]);
  });
});
