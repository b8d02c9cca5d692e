// `--workers N`: the parallel search gives one worker's verdict, property, counts (distinct,
// generated, depth, queued) and the very same trace, on violations, deadlocks, action
// properties, state limits and specs that hold; temporal properties fall back to one worker
// and say so. Worker threads run JavaScript, so the sources are transpiled once into a folder.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { checkProgram } from '../../src/check/check.js';
import { preludeDir } from '../../src/cli/package-root.js';
import { explore } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
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
import { agreementCases } from '../../src/tlc/agreement-cases.js';
import { loadProgram } from '../../src/syntax/load.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import * as F from './fixture-modules.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'node_modules', '.cache', 'credspec-parallel-test');
let workerScript: URL;

/** Transpiles src/ (no type check) into `out`, once per run, so worker threads can load it. */
function transpileSources(): URL {
  rmSync(out, { recursive: true, force: true });
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const js = ts.transpileModule(readFileSync(p, 'utf8'), {
          compilerOptions: {
            module: ts.ModuleKind.ES2022,
            target: ts.ScriptTarget.ES2022,
            jsx: ts.JsxEmit.ReactJSX,
          },
          fileName: p,
        }).outputText;
        const target = join(out, relative(root, p)).replace(/\.tsx?$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, js);
      }
    }
  };
  walk(join(root, 'src'));
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return pathToFileURL(join(out, 'src/engine/search/parallel/worker.js'));
}

beforeAll(() => {
  workerScript = transpileSources();
});

afterAll(() => {
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
});

function summary(r: EngineCheckResult) {
  return {
    verdict: r.verdict,
    property: r.property,
    distinct: r.stats.distinctStates,
    generated: r.stats.statesGenerated,
    depth: r.stats.depth,
    queued: r.stats.queued,
    traceLength: r.trace?.length ?? null,
    inconclusive: r.inconclusive?.reason ?? null,
    unreached: r.unreached ?? null,
    error: r.error?.message ?? null,
  };
}

/** One worker and `workers` workers on the same interpreted module; returns both. */
async function both(
  module: TlaModule,
  config: TlcConfig,
  workers: number,
  opts: { maxStates?: number } = {},
) {
  const exe = interpretModule(module, config);
  const one = await explore(exe, config, opts);
  const notes: string[] = [];
  const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
    ...opts,
    workers,
    workerScript,
    onNote: (m) => notes.push(m),
  });
  return { one, many, notes };
}

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

  test('--max-states: the same inconclusive counts as one worker at every limit', async () => {
    const fx = F.mutex();
    const config = { ...fx.config, properties: [] };
    const full = await explore(interpretModule(fx.module, config), config);
    const limits = [
      2,
      5,
      17,
      40,
      Math.floor(full.stats.distinctStates / 2),
      full.stats.distinctStates - 1,
      full.stats.distinctStates,
    ];
    for (const maxStates of limits) {
      const { one, many } = await both(fx.module, config, 3, { maxStates });
      expect(summary(many)).toEqual(summary(one));
    }
  });

  test('an interrupted search ends inconclusive, with its reason', async () => {
    const fx = F.mutex();
    const config = { ...fx.config, properties: [] };
    const exe = interpretModule(fx.module, config);
    const signal = AbortSignal.abort();
    const r = await exploreParallel(
      { kind: 'interpreted', module: fx.module, config },
      exe,
      config,
      { workers: 2, workerScript, signal },
    );
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive?.reason).toBe('interrupted');
    const t = await exploreParallel(
      { kind: 'interpreted', module: fx.module, config },
      exe,
      config,
      { workers: 2, workerScript, timeoutSeconds: 0 },
    );
    expect(t.inconclusive?.reason).toBe('timeout');
  });

  describe('shipped specs (interpreted), every small case', () => {
    const cases = [
      'specs/exectime.cred',
      'specs/seccomp-tsync.cred',
      'specs/landlock-tsync.cred',
    ].flatMap((spec) => {
      const readFile = (p: string): Uint8Array | Error => {
        try {
          return readFileSync(resolve(root, p));
        } catch (e) {
          return e as Error;
        }
      };
      const program = loadProgram(spec, { readFile, preludeDir: preludeDir(process.env) });
      const checked = checkProgram(program);
      if (checked.diagnostics.some((d) => d.severity === 'error')) return [];
      return agreementCases(checked).cases.map((c) => ({
        label: `${spec} ${c.key.variant} ${c.key.params}`,
        built: c.built,
      }));
    });

    test('the specs give cases to compare', () => {
      expect(cases.length).toBeGreaterThan(10);
    });

    test('2 workers agree with one on cases without temporal properties (up to 3,000 states)', async () => {
      let compared = 0;
      const verdicts = new Set<string>();
      for (const c of cases) {
        const { module, config } = c.built.emitted;
        const exe = interpretModule(module, config);
        if (exe.temporalProperties.length > 0) continue;
        const one = await explore(exe, config, { maxStates: 3000 });
        if (one.verdict === 'inconclusive') continue;
        const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
          workers: 2,
          workerScript,
        });
        expect({ label: c.label, ...summary(many) }).toEqual({ label: c.label, ...summary(one) });
        expect(many.trace).toEqual(one.trace);
        compared++;
        verdicts.add(one.verdict);
        if (compared >= 12) break;
      }
      expect(compared).toBeGreaterThan(4);
      expect(verdicts).toContain('holds');
      expect(verdicts).toContain('violated');
    }, 120000);
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
