// Fairness instances made of Next's own actions: the shape is recognised (interpreter and
// compiler alike), and the search that takes ENABLED and step bits from the successors it
// computes gives the same graph, verdicts, counts and traces as evaluating `enabled` and
// `isStep`, on fixtures and on random credspec-shaped systems; without temporal properties
// no fairness work runs at all. Actions guarded by `pc[self] = "label"` are skipped where no
// parameter holds the label, with the same results.

import fc from 'fast-check';
import { Bfs } from '../../src/engine/search/bfs.js';
import { constantBindings } from '../../src/engine/evaluation/constants.js';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { ExecutableModule, FairnessInstance } from '../../src/engine/evaluation/module-api.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { formatValue } from '../../src/engine/values/values.js';
import type { TlaExpr, TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import { loadFresh } from './compile/compiled-fixtures.js';
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
  inSet,
  ite,
  leadsTo,
  module,
  neq,
  or,
  set,
  sf,
  str,
  wf,
} from './tla-builders.js';
import * as F from './fixture-modules.js';

/** The same module with the `steps` descriptions removed: every instance on the general path. */
function general(m: ExecutableModule): ExecutableModule {
  return {
    ...m,
    fairness: m.fairness.map(
      (f): FairnessInstance => ({
        strength: f.strength,
        label: f.label,
        enabled: (s) => f.enabled(s),
        isStep: (s, t) => f.isStep(s, t),
      }),
    ),
  };
}

/** The module with call counters on `enabled` and `isStep`. */
function counted(m: ExecutableModule): {
  module: ExecutableModule;
  calls: { enabled: number; isStep: number };
} {
  const calls = { enabled: 0, isStep: 0 };
  const fairness = m.fairness.map(
    (f): FairnessInstance => ({
      ...f,
      enabled: (s) => (calls.enabled++, f.enabled(s)),
      isStep: (s, t) => (calls.isStep++, f.isStep(s, t)),
    }),
  );
  return { module: { ...m, fairness }, calls };
}

/** The liveness graph of an exhaustive search, as plain arrays. */
function graphOf(m: ExecutableModule): { enabled: number[]; steps: number[]; targets: number[] } {
  const bfs = new Bfs(m, { checkDeadlock: false, collectGraph: true });
  bfs.init();
  while (!bfs.run(1000));
  expect(bfs.stop).toEqual({ kind: 'done' });
  bfs.finishGraph();
  const g = bfs.graph!;
  const arr = (v: { data: Int32Array; length: number }): number[] =>
    Array.from(v.data.subarray(0, v.length));
  return { enabled: arr(g.enabledBits), steps: arr(g.edgeStepBits), targets: arr(g.edgeTarget) };
}

async function sameOutcome(m: ExecutableModule, c: TlcConfig): Promise<void> {
  const fast = await explore(m, c);
  const slow = await explore(general(m), c);
  const strip = (r: typeof fast) => ({ ...r, stats: { ...r.stats, seconds: 0, stateBytes: 0 } });
  expect(strip(fast)).toEqual(strip(slow));
}

/** credspec's shape: each step its own action of Next, a thread's steps gathered for fairness. */
function threads(opts: {
  n: number;
  /** Per action: the image of x for each thread (null: disabled); thread 1 and 2. */
  tables: [(number | null)[], (number | null)[]][];
  /** Actions whose parameter ranges over {T1} only. */
  onlyT1: number[];
  groups: { parts: number[]; strength: 'WF' | 'SF' }[];
  /** A fairness instance that is not made of actions (general path). */
  guarded: boolean;
  property: TlaExpr;
}): { module: TlaModule; config: TlcConfig } {
  const img = (t: (number | null)[]): TlaExpr =>
    fcn(
      'v',
      bin('..', 0, opts.n - 1),
      t.reduceRight<TlaExpr>((acc, v, k) => ite(eq('v', k), v ?? k, acc), {
        kind: 'TlaNum',
        value: 0,
      }),
    );
  const allowed = (t: (number | null)[]): TlaExpr =>
    set(...t.flatMap((v, k) => (v === null ? [] : [k])));
  const actions = opts.tables.map(([t1, t2], i) =>
    def(
      `A${i}`,
      ['self'],
      and(
        ite(eq('self', 'T1'), inSet('x', allowed(t1)), inSet('x', allowed(t2))),
        eq(
          { kind: 'TlaPrimed', name: 'x' },
          ite(eq('self', 'T1'), at(img(t1), 'x'), at(img(t2), 'x')),
        ),
      ),
    ),
  );
  const groups = opts.groups.map((g, k) =>
    def(
      `G${k}`,
      ['self'],
      g.parts.length === 1
        ? app(`A${g.parts[0]}`, 'self')
        : or(...g.parts.map((p) => app(`A${p}`, 'self'))),
    ),
  );
  const fair = [
    ...opts.groups.map((g, k) =>
      forall('self', 'Threads', (g.strength === 'WF' ? wf : sf)(app(`G${k}`, 'self'))),
    ),
    ...(opts.guarded ? [forall('self', 'Threads', wf(app('H', 'self')))] : []),
  ];
  const m = module({
    name: 'Threads',
    constants: ['Threads', 'T1'],
    variables: ['x'],
    defs: [
      def('Init', [], eq('x', 0)),
      ...actions,
      ...groups,
      def('H', ['self'], and(neq('x', 0), app('A0', 'self'))),
      def(
        'Next',
        [],
        or(
          ...actions.map((a, i) =>
            exists('self', opts.onlyT1.includes(i) ? set('T1') : 'Threads', app(a.name, 'self')),
          ),
        ),
      ),
      def(
        'Spec',
        [],
        and(
          'Init',
          { kind: 'TlaBoxAction', action: { kind: 'TlaName', name: 'Next' }, vars: 'vars' },
          ...fair,
        ),
      ),
      def('Prop', [], opts.property),
    ],
    roles: {
      actions: actions.map((a, i) =>
        action(a.name, ['self', opts.onlyT1.includes(i) ? set('T1') : 'Threads']),
      ),
    },
  });
  return {
    module: m,
    config: config({
      constants: { Threads: ['t1', 't2'], T1: 'mv:t1' },
      properties: ['Prop'],
      checkDeadlock: false,
    }),
  };
}

const describeSteps = (m: ExecutableModule): (string[] | undefined)[] =>
  m.fairness.map((f) =>
    f.steps?.map(
      (s) => `${m.actions[s.index]!.name}(${s.param === undefined ? '' : formatValue(s.param)})`,
    ),
  );

describe('recognising fairness made of Next actions', () => {
  test('a per-thread WF over the Next action itself is described by it; a sub-action is not', async () => {
    const mutex = interpretModule(F.mutex().module, F.mutex().config);
    expect(describeSteps(mutex)).toEqual([['Thread(t1)'], ['Thread(t2)'], ['Thread(t3)']]);
    const commit = interpretModule(F.commitFairness().module, F.commitFairness().config);
    expect(describeSteps(commit)).toEqual([undefined, undefined]);
  });

  test('a group of actions, an action over a smaller set, and a guarded instance; the compiler agrees', async () => {
    const t = threads({
      n: 3,
      tables: [
        [
          [1, 2, 0],
          [1, 2, 0],
        ],
        [
          [0, 0, 0],
          [null, null, 1],
        ],
        [
          [2, null, null],
          [2, null, null],
        ],
      ],
      onlyT1: [2],
      groups: [
        { parts: [0, 1], strength: 'WF' },
        { parts: [2], strength: 'SF' },
      ],
      guarded: true,
      property: eventually(eq('x', 2)),
    });
    const exe = interpretModule(t.module, t.config);
    expect(describeSteps(exe)).toEqual([
      ['A0(t1)', 'A1(t1)'],
      ['A0(t2)', 'A1(t2)'],
      ['A2(t1)'],
      ['A2(t2)'],
      undefined,
      undefined,
    ]);
    const compiled = (await loadFresh(t.module)).factory(constantBindings(t.config), t.config);
    expect(describeSteps(compiled)).toEqual(describeSteps(exe));
    await sameOutcome(compiled, t.config);
    expect(graphOf(compiled)).toEqual(graphOf(exe));
  });
});

describe('ENABLED and steps from the successors', () => {
  test('fixtures: same graph bits, same results, and no enabled or isStep calls for described instances', async () => {
    for (const fx of [F.mutex(), F.lostUpdates({ rounds: 2 }), F.commitFairness()]) {
      const exe = interpretModule(fx.module, fx.config);
      expect(graphOf(exe)).toEqual(graphOf(general(exe)));
      await sameOutcome(exe, fx.config);
    }
    const { module: m, calls } = counted(interpretModule(F.mutex().module, F.mutex().config));
    const r = await explore(m, F.mutex().config);
    expect(r.verdict).toBe('holds');
    expect(calls).toEqual({ enabled: 0, isStep: 0 });
  });

  test('without temporal properties no fairness work runs and no graph is kept', async () => {
    const fx = F.commitFairness();
    const c = { ...fx.config, properties: [] };
    const { module: m, calls } = counted(interpretModule(fx.module, c));
    const r = await explore(m, c);
    expect(r.verdict).toBe('holds');
    expect(calls).toEqual({ enabled: 0, isStep: 0 });
    expect(new Bfs(m, { checkDeadlock: false, collectGraph: false }).graph).toBeUndefined();
  });

  test('random thread systems: identical graphs, verdicts, counts and lassos on both paths', async () => {
    const n = 4;
    const cell = fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null, freq: 3 });
    const table = fc.array(cell, { minLength: n, maxLength: n });
    const prop = fc.oneof(
      fc.integer({ min: 0, max: n - 1 }).map((k) => eventually(eq('x', k))),
      fc.integer({ min: 0, max: n - 1 }).map((k) => always(eventually(eq('x', k)))),
      fc.integer({ min: 0, max: n - 1 }).map((k) => eventually(always(neq('x', k)))),
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
        .map(([a, b]) => leadsTo(eq('x', a), eq('x', b))),
    );
    let violated = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(table, table), { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<'WF' | 'SF'>('WF', 'SF'),
        prop,
        async (tables, subset, guarded, strength, property) => {
          const t = threads({
            n,
            tables,
            onlyT1: subset ? [tables.length - 1] : [],
            groups: [
              { parts: [0, 1], strength: 'WF' },
              {
                parts: tables
                  .slice(2)
                  .map((_, i) => i + 2)
                  .concat(tables.length === 2 ? [1] : []),
                strength,
              },
            ],
            guarded,
            property,
          });
          const exe = interpretModule(t.module, t.config);
          expect(exe.fairness.some((f) => f.steps !== undefined)).toBe(true);
          expect(graphOf(exe)).toEqual(graphOf(general(exe)));
          const fast = await explore(exe, t.config);
          await sameOutcome(exe, t.config);
          if (fast.verdict === 'violated') {
            violated++;
            expect(
              replayTrace(exe, fast.trace!, {
                loopsBackTo: fast.loopsBackTo,
                stuttering: fast.stuttering,
                property: 'Prop',
              }),
            ).toEqual([]);
          }
        },
      ),
      { numRuns: 80, seed: 11 },
    );
    expect(violated).toBeGreaterThan(5);
  });
});

describe('action guards', () => {
  /** LostUpdates with each step its own action of Next, as credspec emits it. */
  const perStep = (initPc: TlaExpr | undefined, invariant: boolean) => {
    const fx = F.lostUpdates({ rounds: 2 });
    const defs = fx.module.defs.map((d) =>
      d.name === 'Init' && initPc !== undefined
        ? def(
            'Init',
            [],
            and(
              eq('pc', initPc),
              eq('counter', 0),
              eq(
                'regs',
                fcn('t', 'Threads', {
                  kind: 'TlaRecord',
                  fields: [
                    { name: 'tmp', value: { kind: 'TlaNum', value: 0 } },
                    { name: 'round', value: { kind: 'TlaNum', value: 0 } },
                  ],
                }),
              ),
              eq('lastWriter', set()),
            ),
          )
        : d,
    );
    const m: TlaModule = {
      ...fx.module,
      defs,
      roles: {
        ...fx.module.roles,
        actions: [
          action('A_load', ['self', 'Threads']),
          action('A_store', ['self', 'Threads']),
          action('Terminating'),
        ],
      },
    };
    const c = { ...fx.config, invariants: invariant ? ['Tight'] : [], properties: ['Termination'] };
    return {
      module: { ...m, defs: [...m.defs, def('Tight', [], bin('<=', 'counter', 2))] },
      config: c,
    };
  };
  const unguarded = (m: ExecutableModule): ExecutableModule => ({
    ...m,
    actions: m.actions.map((a) => ({
      name: a.name,
      paramName: a.paramName,
      paramValues: a.paramValues,
      subActions: a.subActions,
    })),
  });

  test('`pc[self] = "label"` first is recognised by both; skipping guarded actions changes no result', async () => {
    for (const invariant of [false, true]) {
      const t = perStep(undefined, invariant);
      const exe = interpretModule(t.module, t.config);
      expect(exe.actions.map((a) => a.guard)).toEqual([
        { variable: 0, label: 'load' },
        { variable: 0, label: 'store' },
        undefined,
      ]);
      const compiled = (await loadFresh(t.module)).factory(constantBindings(t.config), t.config);
      expect(compiled.actions.map((a) => a.guard)).toEqual(exe.actions.map((a) => a.guard));
      const strip = (r: Awaited<ReturnType<typeof explore>>) => ({
        ...r,
        stats: { ...r.stats, seconds: 0, stateBytes: 0 },
      });
      const fast = strip(await explore(exe, t.config));
      expect(fast.verdict).toBe(invariant ? 'violated' : 'holds');
      expect(fast).toEqual(strip(await explore(unguarded(exe), t.config)));
      expect(strip(await explore(compiled, t.config))).toEqual(fast);
    }
  });

  test('a guard variable that is not a function of strings never skips the action (its error is reported)', async () => {
    const t = perStep(fcn('t', 'Threads', 0), false);
    const exe = interpretModule(t.module, t.config);
    const r = await explore(exe, t.config);
    const slow = await explore(unguarded(exe), t.config);
    expect(r.verdict).toBe('error');
    expect(r.error).toEqual(slow.error);
    const notFcn = perStep(str('load'), false);
    const e2 = interpretModule(notFcn.module, notFcn.config);
    const r2 = await explore(e2, notFcn.config);
    expect(r2.verdict).toBe('error');
    expect(r2.error).toEqual((await explore(unguarded(e2), notFcn.config)).error);
  });
});
