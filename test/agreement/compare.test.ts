// The agreement rules on their own: which numbers count for which verdict, and that a
// difference names both numbers, so a failing agreement case says what to look at.

import { caseHash, caseLabel, paramsText } from '../../src/tlc/agreement-cases.js';
import {
  compareOutcomes,
  findRecord,
  type ComparableOutcome,
  type TlcRecord,
} from '../../src/tlc/agreement-record.js';

const names = { a: 'embedded', b: 'TLC' };
const never = (): boolean => false;
const holds: ComparableOutcome = {
  verdict: 'holds',
  property: null,
  distinct: 436,
  generated: 765,
  depth: 74,
  traceLength: null,
};

describe('compareOutcomes', () => {
  test('a holding run must match distinct, generated and depth; each difference names both numbers', () => {
    expect(compareOutcomes(holds, holds, names, never)).toEqual([]);
    expect(compareOutcomes(holds, { ...holds, distinct: 435, depth: 73 }, names, never)).toEqual([
      'distinct states: embedded 436, TLC 435',
      'depth: embedded 74, TLC 73',
    ]);
  });

  test('a deadlock must match the counterexample length, not the counts at the stop', () => {
    const a: ComparableOutcome = {
      verdict: 'deadlock',
      property: null,
      distinct: 384,
      generated: 702,
      depth: 20,
      traceLength: 19,
    };
    expect(compareOutcomes(a, { ...a, distinct: 383, generated: 701 }, names, never)).toEqual([]);
    expect(compareOutcomes(a, { ...a, traceLength: 20 }, names, never)).toEqual([
      'counterexample length: embedded 19, TLC 20',
    ]);
  });

  test('a temporal violation compares the whole-graph counts and not the lasso length', () => {
    const a: ComparableOutcome = {
      verdict: 'violated',
      property: 'Term',
      distinct: 10,
      generated: 20,
      depth: 5,
      traceLength: 4,
    };
    const temporal = (p: string): boolean => p === 'Term';
    expect(compareOutcomes(a, { ...a, traceLength: 7 }, names, temporal)).toEqual([]);
    expect(compareOutcomes(a, { ...a, generated: 21 }, names, temporal)).toEqual([
      'states generated: embedded 20, TLC 21',
    ]);
  });

  test('a different verdict or property is reported before any count', () => {
    expect(
      compareOutcomes(holds, { ...holds, verdict: 'violated', property: 'Inv' }, names, never),
    ).toEqual(['verdict: embedded holds, TLC violated', 'property: embedded null, TLC Inv']);
  });
});

describe('record keys', () => {
  test('the hash covers both texts and their boundary', () => {
    expect(caseHash('a', 'bc')).not.toBe(caseHash('ab', 'c'));
    expect(caseHash('a', 'bc')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('parameters are named in order; the label shows them', () => {
    expect(paramsText({ SIBLINGS: 0, CALLERS: 2, FAULTS: true })).toBe(
      'CALLERS=2, FAULTS=true, SIBLINGS=0',
    );
    expect(caseLabel({ spec: 'specs/x.cred', variant: 'v2', params: '' })).toBe('specs/x.cred v2');
  });

  test('a record of the same case with another hash is found as stale', () => {
    const rec = { spec: 's', variant: 'v', params: '', sha256: 'old' } as TlcRecord;
    expect(findRecord([rec], { spec: 's', variant: 'v', params: '', sha256: 'new' })).toEqual({
      exact: undefined,
      stale: rec,
    });
    expect(findRecord([rec], { spec: 's', variant: 'v', params: '', sha256: 'old' }).exact).toBe(
      rec,
    );
  });
});
