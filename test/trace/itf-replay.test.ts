// ITF traces (src/trace/formats/itf.ts) as ADR-015 asks, on a shipped violation (S-1, recorded
// in test/fixtures/results): every state defines every variable of the emitted module under
// the module's own names, model values are never plain strings, each state's `#meta` names
// the action and thread that led to it, and the trace, decoded back to the module's values,
// replays against the module (src/engine/search/replay.ts): the first state initial, each next one a
// successor by the named action, the property violated at the end. The L-1 deadlock, checked now by the built CLI, is in
// itf-replay.full.test.ts.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { replayTrace } from '../../src/engine/search/replay.js';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { ResultFile } from '../../src/result/result-file.js';
import type { ItfStateMeta, ItfValue } from '../../src/trace/formats/itf.js';
import {
  CLI,
  fromItf,
  itfOf,
  L3,
  modelValuesOf,
  moduleOf,
  ROOT,
  S1,
  stateValues,
  stringsOf,
} from './itf-harness.js';

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
    expect(itf.states).toHaveLength(24);
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
