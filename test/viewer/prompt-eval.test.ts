// The viewer's `=` prompt goes through the real front end and the engine's evaluator
// (src/cli/viewer/prompt-eval.ts): on a fresh check of test/trace/fixtures/releasers.cred (its
// `one_releasing` alone, the trace where both workers reach `release`), a
// spec def, a thread's copy by thread and a shared set take their values step by step, a type
// error is the checker's with its column in the typed text, and a spec that no longer checks
// says where.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { runCase } from '../../src/driver/run-case.js';
import { selectProperties } from '../../src/driver/property-selection.js';
import { promptEvaluator } from '../../src/cli/viewer/prompt-eval.js';
import { buildCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import type { VariantResult } from '../../src/result/result-file.js';
import { formatValue } from '../../src/trace/formats/value-text.js';

const ROOT = resolve(process.cwd());
const SPEC = 'test/trace/fixtures/releasers.cred';
const IO = { cwd: ROOT, env: process.env };
let result: VariantResult;

beforeAll(async () => {
  const program = loadSpec(SPEC, IO);
  const c = ciCases(program).find((x) => x.variant === 'base');
  if (c === undefined) throw new Error('no base case');
  const b = buildCase(checkProgram(program), c, 'credspec test');
  if (!b.ok) throw new Error('the fixture does not build');
  const one = selectProperties(b.built, { names: ['one_releasing'], safetyOnly: false });
  if (!one.ok) throw new Error('no one_releasing');
  result = await runCase(one.built, SPEC, {
    engine: 'embedded',
    cwd: ROOT,
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'credspec-prompt-')) },
  });
}, 60_000);

/** `text` at every step of the trace, as the pane shows it. */
function everyStep(text: string, root = readFileSync(SPEC, 'utf8')): string[] {
  const evaluate = promptEvaluator(result, root, IO);
  return (result.trace ?? []).map((step) => {
    const got = evaluate(step, text);
    return got.ok ? formatValue(got.value) : `error: ${got.error}`;
  });
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
