// How a lasso's closing step is found: from the engine's action, TLC's 2122 message, or the
// threads' pc when neither names it; with no name when no single thread moved.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../src/result/check-result.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { readToolOutput } from '../../src/tlc/read-tool-output.js';
import { toCheckResult } from '../../src/tlc/to-check-result.js';
import { FIXTURES as TLC_FIXTURES, fixturesPresent } from '../tlc/fixture-files.js';
import { map, mv, state, trace } from './two-thread-loop.js';

describe('the closing step as the engines report it', () => {
  test('named by the engine', () => {
    const mapped = mapTrace(
      {
        trace,
        loopsBackTo: 0,
        stuttering: false,
        loopAction: { name: 'A_b', params: { self: mv('t1') } },
      },
      map,
    )!;
    expect(mapped.steps).toHaveLength(3);
    expect(mapped.steps[2]).toMatchObject({
      index: 2,
      thread: 't1',
      step: 'A.b',
      backTo: 0,
      changes: { x: { before: 1, after: 0 } },
    });
  });
  test('worked out from pc when the engine does not name it (TLC 1.7.4)', () => {
    const mapped = mapTrace({ trace, loopsBackTo: 0, stuttering: false }, map)!;
    expect(mapped.steps[2]).toMatchObject({
      thread: 't1',
      step: 'A.b',
      location: { line: 4 },
      backTo: 0,
    });
  });
  test('no name when no single thread moved', () => {
    const still: NonNullable<CheckResult['trace']> = [
      trace[0]!,
      { action: { name: 'A_a', params: { self: mv('t1') } }, state: state(1, 'A_a', 'A_a') },
    ];
    const mapped = mapTrace({ trace: still, loopsBackTo: 0, stuttering: false }, map)!;
    expect(mapped.steps[2]).toMatchObject({
      thread: null,
      step: '(unknown step)',
      location: null,
      backTo: 0,
    });
  });
  (fixturesPresent ? test : test.skip)(
    'TLC 2.x: the 2122 message names the action of the step back',
    () => {
      const dir = join(TLC_FIXTURES, '04a-liveness-lasso');
      const result = toCheckResult(
        readToolOutput(readFileSync(join(dir, 'tool.out'), 'utf8')),
        13,
        { actionParameters: new Map([['A_spin', ['self']]]) },
      );
      expect(result.loopsBackTo).toBe(3);
      expect(result.loopAction).toEqual({ name: 'A_spin', params: { self: mv('t2') } });
    },
  );
});
