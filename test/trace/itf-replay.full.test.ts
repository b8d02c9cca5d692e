// ITF traces of a deadlock checked now by the built CLI (L-1, two Landlock callers): every state
// defines every variable of the emitted module under the module's own names, no model value is a
// plain string, and the trace, decoded, replays to the deadlock. The recorded violation's ITF is
// in itf-replay.test.ts.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayTrace } from '../../src/engine/search/replay.js';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { ResultFile } from '../../src/result/result-file.js';
import type { ItfStateMeta, ItfValue } from '../../src/trace/formats/itf.js';
import { CLI, fromItf, itfOf, moduleOf, ROOT, stateValues, stringsOf } from './itf-harness.js';

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
