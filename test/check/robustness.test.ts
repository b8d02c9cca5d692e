// The checker on broken input: whatever the parser recovers from damaged text, the checker
// returns diagnostics and never an internal error (CS9001 would mean a check met a tree shape it
// does not handle). Damage is random but seeded, so a failure replays.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { checkProgram } from '../../src/check/check.js';
import { programOf, show } from './helpers.js';

const SPEC = readFileSync(new URL('../../specs/landlock-tsync.cred', import.meta.url), 'utf8');
const SNIPPETS = [
  ' { ',
  ' } ',
  ' := ',
  ' ( ',
  ' ) ',
  ' atomic ',
  ' await ',
  ' if ',
  ' else ',
  ' for x in snapshot ',
  ' return ',
  ' frame ',
  ' self ',
  ' none ',
  ' -> ',
  "'",
  ' with ',
  ' [ ',
  ' ] ',
  ' << ',
  ' : ',
  ' , ',
  ' variant ',
  ' expect ',
];

describe('checker robustness', () => {
  test('damaged specs never produce an internal error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SPEC.length - 1 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(...SNIPPETS),
        (at, cut, insert) => {
          const text = SPEC.slice(0, at) + insert + SPEC.slice(at + cut);
          const result = checkProgram(programOf({ 'specs/landlock-tsync.cred': text }));
          const internal = result.diagnostics.filter((d) => d.code === 'CS9001').map(show);
          expect(internal).toEqual([]);
        },
      ),
      { numRuns: 30, seed: 20260127 },
    );
  });
});
