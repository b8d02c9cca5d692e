// Checking that a file is a result file, and picking the result to show.

import {
  parseParamSet,
  selectResult,
  validateResultFile,
} from '../../src/cli/viewer/load-result.js';
import { loadFile } from './helpers.js';

describe('validateResultFile', () => {
  test('accepts the recorded results', () => {
    for (const name of ['tsync-deadlock.json', 'tsync-lasso.json', 'tsync-invariant.json']) {
      expect(validateResultFile(loadFile(name)).ok).toBe(true);
    }
  });
  test('rejects what is not a result file, saying where', () => {
    expect(validateResultFile({ hello: 1 })).toEqual({
      ok: false,
      error: expect.stringContaining('not a credspec result file'),
    });
    const broken = structuredClone(loadFile('tsync-deadlock.json')) as unknown as {
      results: { trace: { location: { line: unknown } }[] }[];
    };
    broken.results[1]!.trace[3]!.location.line = 'x';
    expect(validateResultFile(broken)).toEqual({
      ok: false,
      error: 'not a credspec result file: results[1].trace[3].location.line is not an integer',
    });
    const badVerdict = {
      tool: 'credspec',
      version: '1',
      results: [{ ...loadFile('tsync-invariant.json').results[0], verdict: 'maybe' }],
    };
    expect(validateResultFile(badVerdict).ok).toBe(false);
  });
});

describe('selectResult', () => {
  const deadlock = loadFile('tsync-deadlock.json');
  const lasso = loadFile('tsync-lasso.json');
  test('without a choice: the first result that has a trace', () => {
    const r = selectResult(deadlock, {});
    expect(r.ok && r.value.verdict).toBe('deadlock');
    expect(r.ok && r.value.params).toEqual({ CALLERS: 2 });
  });
  test('--variant and --params pick among results', () => {
    const v2 = selectResult(lasso, { variant: 'v2' });
    expect(v2.ok && v2.value.stuttering).toBe(true);
    const byParams = selectResult(lasso, { params: 'CALLERS=1,SIBLINGS=1' });
    expect(byParams.ok && byParams.value.variant).toBe('v2');
    const base = selectResult(lasso, { variant: 'base', params: 'CALLERS=2' });
    expect(base.ok && base.value.loopsBackTo).toBe(1);
  });
  test('an unknown variant, unmatched parameters and a result without a trace are errors', () => {
    expect(selectResult(deadlock, { variant: 'v9' })).toEqual({
      ok: false,
      error: 'unknown variant "v9" (the file has: v2)',
    });
    expect(selectResult(deadlock, { variant: 'v2', params: 'CALLERS=5' })).toEqual({
      ok: false,
      error: 'no result with CALLERS=5 (the file has: v2 (CALLERS=1, SIBLINGS=0); v2 (CALLERS=2))',
    });
    expect(selectResult(deadlock, { params: 'CALLERS=1' })).toEqual({
      ok: false,
      error: 'the result v2 (CALLERS=1, SIBLINGS=0) has no trace (verdict: holds)',
    });
  });
  test('--params must be NAME=VALUE pairs', () => {
    expect(parseParamSet('A=1, B=x')).toEqual({
      ok: true,
      value: [
        ['A', '1'],
        ['B', 'x'],
      ],
    });
    expect(parseParamSet('A')).toEqual({
      ok: false,
      error: '--params expects NAME=VALUE[,NAME=VALUE...], got "A"',
    });
  });
});
