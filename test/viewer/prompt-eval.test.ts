// The viewer's `=` prompt goes through the real front end and the engine's evaluator
// (src/cli/viewer/prompt-eval.ts): on a fresh check of test/trace/fixtures/releasers.cred (its
// `one_releasing` alone, the trace where both workers reach `release`), a
// spec def, a thread's copy by thread and a shared set take their values step by step, a type
// error is the checker's with its column in the typed text, and a spec that no longer checks
// says where.

import { readFileSync } from 'node:fs';
import { checkFixture, promptAtEveryStep } from '../support/fixture-check.js';
import type { VariantResult } from '../../src/result/result-file.js';

const SPEC = 'test/trace/fixtures/releasers.cred';
let result: VariantResult;

beforeAll(async () => {
  result = await checkFixture(SPEC, ['one_releasing']);
}, 60_000);

/** `text` at every step of the trace, as the pane shows it (`root`: the spec's text). */
function everyStep(text: string, root?: string): string[] {
  return promptAtEveryStep(result, SPEC, text, root);
}

test('the trace the values are read on', () => {
  expect(result.verdict).toBe('violated');
  expect((result.trace ?? []).map((s) => `${s.thread ?? '-'} ${s.step ?? 'init'}`)).toEqual([
    '- init',
    'worker1 Worker.take',
    'worker1 Worker.mark',
    'worker2 Worker.take',
    'worker2 Worker.mark',
  ]);
});

test("a def of the spec, with the module's operators", () => {
  expect(everyStep('busy_ones()')).toEqual([
    '{}',
    '{worker1}',
    '{worker1}',
    '{worker1, worker2}',
    '{worker1, worker2}',
  ]);
  expect(everyStep('card(busy_ones() union changed)')).toEqual(['0', '1', '1', '2', '2']);
});

test("a thread's copy by thread, and a control predicate", () => {
  expect(everyStep('{ t in Worker | phase[t] == busy && !(t in changed) }')).toEqual([
    '{}',
    '{worker1}',
    '{}',
    '{worker2}',
    '{}',
  ]);
  expect(everyStep('{ t in Worker | at(t, release) }')).toEqual([
    '{}',
    '{}',
    '{worker1}',
    '{worker1}',
    '{worker1, worker2}',
  ]);
});

test("a type error is the checker's, at its column in the expression", () => {
  expect(everyStep('card(changed) + busy')[0]).toBe(
    'error: the right operand of `+` has type Phase, expected int (column 17)',
  );
});

test('a spec that no longer checks says where', () => {
  const broken = readFileSync(SPEC, 'utf8').replace('phase := idle', 'phase := idel');
  expect(everyStep('1', broken)[0]).toMatch(
    /^error: the spec does not check: test\/trace\/fixtures\/releasers\.cred:17:\d+: unknown name `idel`/,
  );
});
