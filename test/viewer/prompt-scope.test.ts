// The viewer's `=` prompt evaluates in the scope of the thread that took the step
// (src/cli/viewer/prompt-scope.ts): on a fresh check of test/trace/fixtures/calls.cred, `self`
// is that thread, a process's local is its copy, and inside a call of `add` the procedure's
// parameter and local are the call's; before any thread moved there is no `self`, and a
// mistake in a text with `self` is still at its column in what was typed.

import { checkFixture, promptAtEveryStep } from '../support/fixture-check.js';
import type { VariantResult } from '../../src/result/result-file.js';

const SPEC = 'test/trace/fixtures/calls.cred';
let result: VariantResult;

beforeAll(async () => {
  result = await checkFixture(SPEC);
}, 60_000);

/** `text` at every step of the trace, as the pane shows it. */
function everyStep(text: string): string[] {
  return promptAtEveryStep(result, SPEC, text);
}

test('the trace the values are read on', () => {
  expect(result.verdict).toBe('violated');
  expect((result.trace ?? []).map((s) => `${s.thread ?? '-'} ${s.step}`)).toEqual([
    '- init',
    'worker2 Worker.go',
    'worker2 add.look',
    'worker1 Worker.go',
    'worker1 add.look',
    'worker1 add.put',
    'worker1 add.add_return',
    'worker1 Worker.fin',
    'worker2 add.put',
    'worker2 add.add_return',
    'worker2 Worker.fin',
  ]);
});

test('`self` is the thread that took the step; there is none before any thread moved', () => {
  const got = everyStep('self');
  expect(got[0]).toMatch(/^error: .*`self`/);
  expect(got.slice(1)).toEqual((result.trace ?? []).slice(1).map((s) => s.thread));
});

test("a process's local is the stepping thread's copy, while it runs the process's code", () => {
  const outside = 'error: unknown name `mine` (column 1)';
  // In a call of `add` (steps 1-5 and 8) the code is the procedure's: `mine` is not in scope.
  expect(everyStep('mine').slice(1)).toEqual([
    ...Array(5).fill(outside),
    '1',
    '2',
    outside,
    '1',
    '2',
  ]);
});

test("inside a call, the procedure's parameter and local are the call's", () => {
  const outside = 'error: unknown name `n` (column 1)';
  expect(everyStep('n').slice(1)).toEqual([
    ...Array(5).fill('1'),
    outside,
    outside,
    '1',
    outside,
    outside,
  ]);
  // worker2 read total (0) before worker1 wrote 1, and its `put` writes 0 + 1 over that 1.
  expect(everyStep('{ who: self, read: before, now: total }')[8]).toBe(
    '{ now: 1, read: 0, who: worker2 }',
  );
});

test('a mistake after `self` keeps its column in the typed text', () => {
  expect(everyStep('self == nosuch')[1]).toBe('error: unknown name `nosuch` (column 9)');
});
