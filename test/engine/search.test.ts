// The search against a naive explorer on random transition systems, liveness with known fair
// and unfair lassos, symmetry, and limits ending in an inconclusive verdict with statistics.

import fc from 'fast-check';
import { checkTlaModule, explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { formatValue } from '../../src/engine/values/values.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
import {
  action,
  always,
  and,
  app,
  at,
  bin,
  config,
  def,
  eq,
  eventually,
  exists,
  fcn,
  forall,
  ite,
  leadsTo,
  module,
  or,
  pcIs,
  pcTo,
  primed,
  set,
  sf,
  str,
  unchanged,
  wf,
  boxAction,
} from './tla-builders.js';
import * as F from './fixture-modules.js';

/** A random system: x in 0..n-1, each action a guarded jump table `x' = table[x]` (or disabled). */
function randomSystem(n: number, tables: (number | null)[][]) {
  const actions = tables.map((t, i) => {
    const allowed = t.map((v, x) => (v === null ? null : x)).filter((x): x is number => x !== null);
    const img = fcn(
      'v',
      bin('..', 0, n - 1),
      t.reduceRight<TlaExpr>((acc, v, x) => ite(eq('v', x), v ?? 0, acc), {
        kind: 'TlaNum',
        value: 0,
      }),
    );
    return def(`A${i}`, [], and(bin('\\in', 'x', set(...allowed)), eq(primed('x'), at(img, 'x'))));
  });
  return module({
    name: 'R',
    constants: [],
    variables: ['x'],
    defs: [
      def('Init', [], eq('x', 0)),
      ...actions,
      def('Next', [], or(...actions.map((a) => a.name))),
      def('Spec', [], 'Init'),
    ],
    roles: { actions: actions.map((a) => action(a.name)) },
  });
}

function naiveCount(
  n: number,
  tables: (number | null)[][],
): { distinct: number; generated: number } {
  const seen = new Set<number>([0]);
  const queue = [0];
  let generated = 1;
  for (let h = 0; h < queue.length; h++) {
    const x = queue[h]!;
    for (const t of tables) {
      const y = t[x];
      if (y === null || y === undefined) continue;
      generated++;
      if (!seen.has(y)) {
        seen.add(y);
        queue.push(y);
      }
    }
  }
  void n;
  return { distinct: seen.size, generated };
}

describe('search', () => {
  test('distinct and generated counts equal a naive explorer on random systems', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.array(fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }), {
                minLength: n,
                maxLength: n,
              }),
              { minLength: 1, maxLength: 3 },
            ),
          ),
        ),
        async ([n, tables]) => {
          const r = await checkTlaModule(randomSystem(n, tables), config({ checkDeadlock: false }));
          const naive = naiveCount(n, tables);
          expect(r.verdict).toBe('holds');
          expect(r.stats.distinctStates).toBe(naive.distinct);
          expect(r.stats.statesGenerated).toBe(naive.generated);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// A thread flips between a and b (weakly fair) and may finish from b; "Done" is reached
// only if Finish is taken, which weak fairness does not force (it is disabled at every a).
const toggle = (fair: 'none' | 'WF' | 'SF', property: TlaExpr) =>
  module({
    name: 'L',
    constants: ['Threads'],
    variables: ['pc', 'n'],
    defs: [
      def('Init', [], and(eq('pc', fcn('t', 'Threads', str('a'))), eq('n', 0))),
      def(
        'Flip',
        ['self'],
        and(or(pcIs('a'), pcIs('b')), pcTo(ite(pcIs('a'), str('b'), str('a'))), unchanged('n')),
      ),
      def('Finish', ['self'], and(pcIs('b'), pcTo('Done'), eq(primed('n'), bin('+', 'n', 1)))),
      def('Thread', ['self'], or(app('Flip', 'self'), app('Finish', 'self'))),
      def('Next', [], exists('self', 'Threads', app('Thread', 'self'))),
      def(
        'Spec',
        [],
        and(
          'Init',
          boxAction('Next'),
          ...(fair === 'none'
            ? []
            : [
                forall('self', 'Threads', wf(app('Thread', 'self'))),
                forall('self', 'Threads', (fair === 'WF' ? wf : sf)(app('Finish', 'self'))),
              ]),
        ),
      ),
      def('Prop', [], property),
    ],
    roles: { actions: [action('Thread', ['self', 'Threads'])] },
  });
const cfg = config({
  constants: { Threads: ['t1'] },
  properties: ['Prop'],
  checkDeadlock: false,
});
const allDone = forall('self', 'Threads', pcIs('Done'));

describe('liveness', () => {
  test('weak fairness of Finish is not enough (Finish is enabled only every other state): a fair lasso', async () => {
    const m = toggle('WF', eventually(allDone));
    const r = await checkTlaModule(m, cfg);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('Prop');
    expect(r.loopsBackTo).not.toBeNull();
    expect(
      replayTrace(interpretModule(m, cfg), r.trace!, {
        loopsBackTo: r.loopsBackTo,
        stuttering: r.stuttering,
        property: 'Prop',
      }),
    ).toEqual([]);
  });

  test('strong fairness of Finish makes <>Done hold', async () => {
    const r = await checkTlaModule(toggle('SF', eventually(allDone)), cfg);
    expect(r.verdict).toBe('holds');
  });

  test('without fairness the behaviour may stutter at the start', async () => {
    const m = toggle('none', eventually(allDone));
    const r = await checkTlaModule(m, cfg);
    expect(r.verdict).toBe('violated');
    expect(r.stuttering).toBe(true);
    expect(r.trace).toHaveLength(1);
  });

  test('leads-to, []<> and <>[] forms', async () => {
    const sfCfg = cfg;
    expect(
      (
        await checkTlaModule(
          toggle('SF', leadsTo(pcIs('b', 'T1'), pcIs('Done', 'T1'))),
          config({
            constants: { Threads: ['t1'], T1: 'mv:t1' },
            properties: ['Prop'],
            checkDeadlock: false,
          }),
        )
      ).verdict,
    ).toBe('holds');
    const ae = await checkTlaModule(toggle('SF', always(eventually(eq('n', 0)))), sfCfg);
    expect(ae.verdict).toBe('violated'); // after Finish, n = 1 forever
    const ea = await checkTlaModule(toggle('SF', eventually(always(eq('n', 1)))), sfCfg);
    expect(ea.verdict).toBe('holds');
    const eaWeak = await checkTlaModule(toggle('WF', eventually(always(eq('n', 1)))), sfCfg);
    expect(eaWeak.verdict).toBe('violated');
  });

  test('Mutex: Termination holds under per-thread weak fairness', async () => {
    const r = await checkTlaModule(F.mutex().module, F.mutex().config);
    expect(r.verdict).toBe('holds');
  });
});

describe('symmetry', () => {
  test('same verdict, fewer states, and the count is the number of orbits', async () => {
    const base = F.tsyncSym({ symmetry: false });
    // Without the invariant, the full graph: 3 threads.
    const free = { ...base.config, invariants: [] };
    const plain = await checkTlaModule(base.module, free);
    const symm = F.tsyncSym({ symmetry: true });
    const reduced = await checkTlaModule(symm.module, { ...symm.config, invariants: [] });
    expect(plain.verdict).toBe('holds');
    expect(reduced.verdict).toBe('holds');
    expect(reduced.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
    // Count orbits by hand: canonical form = sorted multiset of per-thread (pc, |domain|, own layer) is not
    // exact, so count orbits of the full state set by applying all 6 permutations.
    const exe = interpretModule(base.module, free);
    const sym = interpretModule(symm.module, symm.config).symmetry!;
    if (sym.kind !== 'symmetric') throw new Error('Permutations(T) is read as its class');
    expect(sym.classes).toHaveLength(1);
    const states: (readonly unknown[])[] = [];
    const seen = new Set<string>();
    const key = (s: readonly unknown[]) => s.map((v) => formatValue(v as never)).join('|');
    const queue: (readonly import('../../src/engine/values/values.js').Value[])[] = [];
    exe.initialStates((s) => {
      if (!seen.has(key(s))) {
        seen.add(key(s));
        queue.push(s);
      }
    });
    for (let h = 0; h < queue.length; h++) {
      states.push(queue[h]!);
      for (let a = 0; a < exe.actions.length; a++) {
        exe.successors(a, queue[h]!, (t) => {
          if (!seen.has(key(t))) {
            seen.add(key(t));
            queue.push(t);
          }
        });
      }
    }
    const { permuteState, symmetryGroup } = await import('../../src/engine/evaluation/symmetry.js');
    const { permutations } = await import('../../src/engine/values/value-ops.js');
    const { makeSet } = await import('../../src/engine/values/values.js');
    const perms = symmetryGroup(permutations(makeSet([...sym.classes[0]!]) as never), 'Perms');
    // symmetryGroup leaves the identity out; every state is in its own orbit.
    const group = [new Map(), ...perms];
    expect(group).toHaveLength(6);
    const orbits = new Set(queue.map((s) => group.map((p) => key(permuteState(s, p))).sort()[0]));
    expect(plain.stats.distinctStates).toBe(queue.length);
    expect(reduced.stats.distinctStates).toBe(orbits.size);
  });
});

describe('limits', () => {
  test('max states ends inconclusive with statistics and advice naming the option', async () => {
    const f = F.mutex();
    const r = await checkTlaModule(f.module, f.config, {
      maxStates: 100,
      commandLine: 'credspec check specs/mutex.cred',
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive!.reason).toBe('max-states');
    expect(r.stats.distinctStates).toBeGreaterThanOrEqual(100);
    expect(r.stats.distinctStates).toBeLessThan(811);
    expect(r.stats.queued).toBeGreaterThan(0);
    expect(r.inconclusive!.advice).toContain('credspec check specs/mutex.cred --max-states 1000');
    expect(r.inconclusive!.advice).toContain('credspec check specs/mutex.cred --engine tlc');
  });

  test('a timeout ends inconclusive, and progress is reported', async () => {
    const f = F.lostUpdates({ liveness: false });
    const seen: number[] = [];
    const r = await explore(interpretModule(f.module, f.config), f.config, {
      timeoutSeconds: 0.3,
      progressIntervalMs: 50,
      onProgress: (p) => seen.push(p.distinctStates),
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive!.reason).toBe('timeout');
    expect(r.inconclusive!.advice).toContain('--timeout');
    expect(r.stats.distinctStates).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
  });

  test('a memory limit ends inconclusive', async () => {
    const f = F.lostUpdates({ liveness: false });
    const r = await explore(interpretModule(f.module, f.config), f.config, { memoryMb: 1 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive!.reason).toBe('memory');
  });

  test('cover predicates no state satisfies are reported after a full search', async () => {
    const m = module({
      name: 'Cv',
      constants: [],
      variables: ['x'],
      defs: [
        def('Init', [], eq('x', 0)),
        def('Inc', [], and(bin('<', 'x', 2), eq(primed('x'), bin('+', 'x', 1)))),
        def('Next', [], 'Inc'),
        def('Spec', [], 'Init'),
        def('ReachTwo', [], eq('x', 2)),
        def('ReachFive', [], eq('x', 5)),
      ],
      roles: { actions: [action('Inc')], covers: ['ReachTwo', 'ReachFive'] },
    });
    const r = await checkTlaModule(m, config({ checkDeadlock: false }));
    expect(r.verdict).toBe('holds');
    expect(r.unreached).toEqual({ actions: [], covers: ['ReachFive'] });
  });
});
