// `--workers N`: the parallel search gives one worker's verdict, property, counts (distinct,
// generated, depth, queued) and the very same trace, on violations, deadlocks, action
// properties, symmetry and specs that hold; temporal properties fall back to one worker
// and say so. The parts of the search are tested on their own below. State limits and
// interruption are in parallel-limits.full.test.ts, the shipped specs in
// parallel-specs.full.test.ts.

import { chooseStop, mergeKeys, stopCounts } from '../../src/engine/search/parallel/stop-counts.js';
import { StateReader, StateWriter } from '../../src/engine/search/parallel/value-codec.js';
import {
  formatValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  modelValue,
  type Value,
} from '../../src/engine/values/values.js';
import { FP, fingerprintState } from '../../src/engine/values/fingerprint.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import * as F from './fixture-modules.js';
import { both as runBoth, summary, workerScript } from './parallel-workers.js';

const both = (
  module: TlaModule,
  config: TlcConfig,
  workers: number,
  opts: { maxStates?: number } = {},
) => runBoth(workerScript, module, config, workers, opts);

const fixtures: [string, () => F.Fixture][] = [
  ['invariant violated (RacyCounter)', F.racyCounter],
  ['deadlock (BarrierLock)', F.barrierLock],
  ['action property violated (SeccompTsync)', F.seccompTsync],
  ['symmetry (TsyncSym)', () => F.tsyncSym({ symmetry: true })],
];

describe('parallel search', () => {
  test.each(fixtures)(
    '%s: the same verdict, counts and trace with 2 and 3 workers',
    async (_name, make) => {
      const fx = make();
      for (const workers of [2, 3]) {
        const { one, many, notes } = await both(fx.module, fx.config, workers);
        expect(notes).toEqual([]);
        expect(summary(many)).toEqual(summary(one));
        expect(many.trace).toEqual(one.trace);
      }
    },
  );

  test('a violation, a deadlock and an action property are what the fixtures give', async () => {
    const verdicts: string[] = [];
    for (const [, make] of fixtures.slice(0, 3)) {
      const fx = make();
      const { many } = await both(fx.module, fx.config, 2);
      verdicts.push(`${many.verdict} ${many.property ?? ''}`.trim());
    }
    expect(verdicts).toEqual(['violated NoLostUpdate', 'deadlock', 'violated ChainOnlyGrows']);
  });

  test('a model that holds (Mutex without its temporal properties): counts and unreached actions agree', async () => {
    const fx = F.mutex({ recover: true });
    const config = { ...fx.config, properties: [] };
    for (const workers of [2, 3]) {
      const { one, many } = await both(fx.module, config, workers);
      expect(one.verdict).toBe('holds');
      expect(summary(many)).toEqual(summary(one));
    }
  });

  test('temporal properties: one worker, said in one line', async () => {
    const fx = F.spinlock();
    const { one, many, notes } = await both(fx.module, fx.config, 2);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/temporal properties.*one worker instead of 2/);
    expect(summary(many)).toEqual(summary(one));
  });
});

describe('pieces of the parallel search', () => {
  test('states survive the message encoding with their fingerprints', () => {
    const t1 = modelValue('t1');
    const t2 = modelValue('t2');
    const make = (): Value[] => [
      makeFcn([t1, t2], ['load', 'Done']),
      makeSet([t2, t1, 3]),
      makeRecord(['uid', 'gen'], [1000, -7]),
      makeSeq([true, false, 'x', makeSeq([])]),
      makeFcn([1, 3], [makeRecord(['a'], [t1]), 2 ** 40]),
      makeRecord(
        ['outer', 'z'],
        [makeRecord(['inner'], [makeRecord(['deep', 'x'], [1, 2])]), makeRecord(['a'], [t2])],
      ),
    ];
    const state = make();
    const w = new StateWriter(4);
    w.state(state);
    w.state(state); // the same objects: one word per variable
    w.state(make()); // equal values, new objects: names and record shapes from the dictionary
    const r = new StateReader();
    r.reset(w.take());
    fingerprintState(state);
    const want = [FP.h1, FP.h2];
    for (let i = 0; i < 3; i++) {
      const back = r.state(state.length);
      fingerprintState(back);
      expect([FP.h1, FP.h2]).toEqual(want);
      expect(back.map(formatValue)).toEqual(state.map(formatValue));
    }
    expect(r.pos).toBe(r.buf.length);
  });

  test("merged keys give each new state its place in one worker's order, and the counts at a stop", () => {
    // Level of 3 states (ranks 0..2) with 2, 3 and 1 successors; 4 were new.
    const merged = mergeKeys([Int32Array.from([0, 1, 2, 0]), Int32Array.from([0, 0, 1, 2])]);
    expect(Array.from(merged.parentRank)).toEqual([0, 0, 1, 2]);
    expect(merged.ranks.map((r) => Array.from(r))).toEqual([
      [1, 3],
      [0, 2],
    ]);
    const level = { level: 2, distinct: 5, generated: 6, frontier: 3 };
    const succ = Int32Array.from([2, 3, 1]);
    // An invariant fails on the state first reached as successor 2 of rank 1: it counts, but is not queued.
    expect(stopCounts({ r: 1, j: 2, phase: 0 }, 'invariant', merged, succ, level)).toEqual({
      distinct: 8,
      generated: 11,
      depth: 3,
      queued: 3,
    });
    // The state limit at 7: reached after rank 0's successors, so rank 1 is never expanded.
    const stop = chooseStop([], merged, level, 7);
    expect(stop?.key).toEqual({ r: 1, j: 0, phase: -2 });
    expect(stopCounts(stop!.key, undefined, merged, succ, level)).toEqual({
      distinct: 7,
      generated: 8,
      depth: 3,
      queued: 4,
    });
  });
});
