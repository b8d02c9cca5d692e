// ITF traces (src/trace/formats/itf.ts) as ADR-015 asks, on a shipped violation (S-1, recorded
// in test/fixtures/results): every state defines every variable of the emitted module under
// the module's own names, model values are never plain strings, each state's `#meta` names
// the action and thread that led to it, and the trace, decoded back to the module's values,
// replays against the module (src/engine/search/replay.ts): the first state initial, each next one a
// successor by the named action, the property violated at the end.

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { ExecutableModule } from '../../src/engine/evaluation/module-api.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { buildCase } from '../../src/emit/build-case.js';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import type { ItfState, ItfStateMeta, ItfTrace, ItfValue } from '../../src/trace/formats/itf.js';

const ROOT = resolve(process.cwd());
const CLI = resolve(ROOT, 'bin/credspec.js');
const S1 = 'test/fixtures/results/seccomp-s1-atomic.json';
const L3 = 'test/fixtures/results/landlock-l3-frame.json';

function itfOf(resultFile: string): ItfTrace {
  const out = execFileSync(process.execPath, [CLI, 'trace', resultFile, '--format', 'itf'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return JSON.parse(out) as ItfTrace;
}

/** An ITF value back as the engines write TLA+ values (src/result/tla-value.ts). */
function fromItf(v: ItfValue): TlaValue {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return (v as readonly ItfValue[]).map(fromItf);
  const o = v as Readonly<Record<string, unknown>>;
  if ('#unserializable' in o) return { '#mv': String(o['#unserializable']) };
  if ('#bigint' in o) return { '#bigint': String(o['#bigint']) };
  if ('#set' in o) return { '#set': (o['#set'] as ItfValue[]).map(fromItf) };
  if ('#tup' in o) return (o['#tup'] as ItfValue[]).map(fromItf);
  if ('#map' in o)
    return {
      '#map': (o['#map'] as [ItfValue, ItfValue][]).map(
        ([k, x]) => [fromItf(k), fromItf(x)] as const,
      ),
    };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromItf(x as ItfValue)]));
}

function stateValues(s: ItfState): Record<string, TlaValue> {
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k]) => k !== '#meta')
      .map(([k, x]) => [k, fromItf(x as ItfValue)]),
  );
}

/** The module S-1 was checked on, built again from the spec with the result's parameters. */
function moduleOf(result: VariantResult): { executable: ExecutableModule; tlaPath: string } {
  const program = loadSpec(result.spec, { cwd: ROOT, env: process.env });
  const checked = checkProgram(program);
  const span = {
    file: result.spec,
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: 1, offset: 0 },
  };
  const overrides = Object.entries(result.overrides ?? {}).map(([name, value]) => ({
    name,
    value: String(value),
    span,
  }));
  const built = buildCase(
    checked,
    { variant: result.variant, overrides, expects: [] },
    'credspec test',
  );
  if (!built.ok) throw new Error(`${result.spec} ${result.variant} does not build`);
  const e = built.built.emitted;
  return { executable: interpretModule(e.module, e.config), tlaPath: built.built.tlaPath };
}

/** Every plain string anywhere in a value. */
function stringsOf(v: ItfValue, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v as readonly ItfValue[]) stringsOf(x, out);
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v))
      if (k !== '#unserializable') stringsOf(x as ItfValue, out);
  return out;
}

/** The model values of a TLA+ value, by name. */
function modelValuesOf(v: TlaValue, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v as readonly TlaValue[]) modelValuesOf(x, out);
  else if (typeof v === 'object' && v !== null) {
    if ('#mv' in v) out.add(String((v as { '#mv': string })['#mv']));
    else for (const x of Object.values(v)) modelValuesOf(x as TlaValue, out);
  }
  return out;
}

describe('ITF of S-1 (seccomp partial TSYNC, violates sc_atomic)', () => {
  const result = (JSON.parse(readFileSync(resolve(ROOT, S1), 'utf8')) as ResultFile).results[0]!;
  const itf = itfOf(S1);
  const { executable, tlaPath } = moduleOf(result);

  test('#meta says what the file is and which module it replays against', () => {
    expect(itf['#meta']).toMatchObject({
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: 'generated/seccomp-tsync/SeccompTsync_partial.tla',
      spec: 'specs/seccomp-tsync.cred',
      verdict: 'violated',
      property: 'sc_atomic',
    });
    expect(itf['#meta']['source']).toBe(`generated/${tlaPath}`);
    expect('loop' in itf).toBe(false);
  });

  test("every state defines every variable of the module, under the module's names", () => {
    expect(itf.vars).toEqual(executable.variables);
    expect(itf.vars).toEqual(
      expect.arrayContaining(['pc', 'stack', 'failure', 'seccomp_tsync_changed', 'Caller_ret']),
    );
    expect(itf.states).toHaveLength(25);
    itf.states.forEach((s) =>
      expect(
        Object.keys(s)
          .filter((k) => k !== '#meta')
          .sort(),
      ).toEqual([...executable.variables].sort()),
    );
  });

  test('model values are #unserializable, never plain strings', () => {
    const names = new Set<string>();
    for (const step of result.trace!)
      for (const v of Object.values(step.tla!.state)) modelValuesOf(v, names);
    expect(names).toContain('None');
    expect(names).toContain('caller1');
    const strings = itf.states.flatMap((s) =>
      Object.entries(s)
        .filter(([k]) => k !== '#meta')
        .flatMap(([, v]) => stringsOf(v as ItfValue)),
    );
    expect(strings.filter((x) => names.has(x) || x === 'none')).toEqual([]);
    expect(JSON.stringify(itf.states)).toContain('{"#unserializable":"None"}');
  });

  test("each state's #meta names its action and thread; the first has none", () => {
    const metas = itf.states.map((s) => s['#meta'] as ItfStateMeta);
    metas.forEach((m, i) => expect(m.index).toBe(i));
    expect(metas[0]).toMatchObject({ action: null, thread: null, step: 'init' });
    const names = new Set(executable.actions.flatMap((a) => [a.name, ...a.subActions]));
    for (const m of metas.slice(1)) {
      expect(names.has(m.action!)).toBe(true);
      expect(typeof m.thread).toBe('string');
      expect(m.location).toMatch(/^specs\/seccomp-tsync\.cred:\d+:\d+$/);
    }
    expect(metas[1]).toMatchObject({
      action: result.trace![1]!.tla!.action,
      thread: result.trace![1]!.thread,
      step: result.trace![1]!.step,
    });
  });

  test('decoded, it replays against the module: initial state, a transition by the named action at each step, sc_atomic false at the end', () => {
    const steps: TlaTraceStep[] = itf.states.map((s) => {
      const m = s['#meta'] as ItfStateMeta;
      const params = Object.fromEntries(
        Object.entries(m.params ?? {}).map(([k, v]) => [k, fromItf(v)]),
      );
      return {
        action: m.action === null ? null : { name: m.action, params },
        state: stateValues(s),
      };
    });
    expect(
      replayTrace(executable, steps, {
        loopsBackTo: null,
        stuttering: false,
        property: 'sc_atomic',
      }),
    ).toEqual([]);
    // The replay is a real check: a state swapped out of order is caught.
    const swapped = [steps[0]!, steps[2]!, steps[1]!, ...steps.slice(3)];
    expect(
      replayTrace(executable, swapped, {
        loopsBackTo: null,
        stuttering: false,
        property: 'sc_atomic',
      }).length,
    ).toBeGreaterThan(0);
  });
});

describe('ITF of L-1 (two Landlock callers deadlock), checked now by the built CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-itf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const resultFile = join(dir, 'l1 result.json');
  let check: SpawnSyncReturns<string>;
  beforeAll(() => {
    check = spawnSync(
      process.execPath,
      [
        CLI,
        'check',
        'specs/landlock-tsync.cred',
        '--variant',
        'v2',
        '--param',
        'CALLERS=2',
        '--param',
        'SIBLINGS=0',
        '--json',
        resultFile,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') },
      },
    );
  }, 600_000);

  test('every state defines every variable of the module, and the trace replays to a deadlock', () => {
    expect(check.status).toBe(1);
    const result = (JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile).results[0]!;
    expect(result.verdict).toBe('deadlock');
    const itf = itfOf(resultFile);
    const { executable } = moduleOf(result);
    expect(itf.vars).toEqual(executable.variables);
    for (const s of itf.states)
      expect(Object.keys(s).filter((k) => k !== '#meta')).toEqual(executable.variables);
    expect(itf.states.length).toBe(result.trace!.length);
    const strings = itf.states.flatMap((s) =>
      Object.entries(s)
        .filter(([k]) => k !== '#meta')
        .flatMap(([, v]) => stringsOf(v as ItfValue)),
    );
    expect(strings.filter((x) => ['none', 'None', 'caller1', 'caller2'].includes(x))).toEqual([]);
    const steps: TlaTraceStep[] = itf.states.map((s) => {
      const m = s['#meta'] as ItfStateMeta;
      const params = Object.fromEntries(
        Object.entries(m.params ?? {}).map(([k, v]) => [k, fromItf(v)]),
      );
      return {
        action: m.action === null ? null : { name: m.action, params },
        state: stateValues(s),
      };
    });
    expect(
      replayTrace(executable, steps, { loopsBackTo: null, stuttering: false, deadlock: true }),
    ).toEqual([]);
  }, 120_000);
});

describe("a result written without the module's states", () => {
  test('trace --format itf says so and how to get one, exit 2, nothing on stdout', () => {
    const r = spawnSync(process.execPath, [CLI, 'trace', L3, '--format', 'itf'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^credspec trace: test\/fixtures\/results\/landlock-l3-frame\.json: no ITF: the result records no TLA\+ state for step 0 .*run the check again/,
    );
  });
});
