// The capped-counter analysis of a model (src/model/capped-counters.ts): a counter is capped when
// its range ends at a constant-level expression and a `<` test compares it with that same end.
// The bound may be a param, a const, or an expression of them (`TRIES + 1`); a counter compared
// with a variable is not capped, nor one whose range end no step tests.

import { cappedCounters } from '../../src/model/capped-counters.js';
import { lowerText } from './helpers.js';

const spec = (hi: string, test: string, extra = ''): string => `spec retry

param TRIES: 0..3 = 1
const EXTRA = 2
shared var limit: 0..5 = 3
${extra}
process Worker[1] {
  var tries: 0..${hi} = 0
  attempt: if tries < ${test} {
    tries := tries + 1
  }
}
`;

function summary(text: string): string[] {
  return cappedCounters(lowerText(text)).map(
    (c) =>
      `${c.counter} ${c.owner ?? '-'} ${c.bound} = ${String(c.value)} [${c.boundNames.join(', ')}] ${c.testedBy ?? '-'}`,
  );
}

describe('cappedCounters', () => {
  test('a param bound', () => {
    expect(summary(spec('TRIES', 'TRIES'))).toEqual([
      'tries Worker TRIES = 1 [TRIES] Worker.attempt',
    ]);
  });

  test('an expression of a param and a number', () => {
    expect(summary(spec('TRIES + 1', 'TRIES + 1'))).toEqual([
      'tries Worker TRIES + 1 = 2 [TRIES] Worker.attempt',
    ]);
  });

  test('an expression of a param and a const', () => {
    expect(summary(spec('TRIES + EXTRA', 'TRIES + EXTRA'))).toEqual([
      'tries Worker TRIES + EXTRA = 3 [TRIES, EXTRA] Worker.attempt',
    ]);
  });

  test('a test against another end than the range is no cap', () => {
    expect(summary(spec('TRIES + 1', 'TRIES'))).toEqual([]);
  });

  test('a range ending at a variable is no cap', () => {
    // `limit` is state: comparing with it is the protocol's own test.
    expect(summary(spec('5', 'limit').replace('var tries: 0..5', 'var tries: 0..limit'))).toEqual(
      [],
    );
  });
});
