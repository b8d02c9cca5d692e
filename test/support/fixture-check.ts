// Test helper: a fixture spec's base case checked in process by the embedded engine, as
// `credspec check` does, with a cache of its own; and what the viewer's `=` prompt shows for a
// text at every step of the counterexample found.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { promptEvaluator } from '../../src/cli/viewer/prompt-eval.js';
import { selectProperties } from '../../src/driver/property-selection.js';
import { runCase } from '../../src/driver/run-case.js';
import { buildCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import type { VariantResult } from '../../src/result/result-file.js';
import { formatValue } from '../../src/trace/formats/value-text.js';

const ROOT = resolve(process.cwd());
const IO = { cwd: ROOT, env: process.env };

/** The base case of `spec` (a path from the checkout) checked; `only` keeps just those properties. */
export async function checkFixture(spec: string, only?: readonly string[]): Promise<VariantResult> {
  const program = loadSpec(spec, IO);
  const c = ciCases(program).find((x) => x.variant === 'base');
  if (c === undefined) throw new Error(`${spec}: no base case`);
  const b = buildCase(checkProgram(program), c, 'credspec test');
  if (!b.ok) throw new Error(`${spec}: the fixture does not build`);
  let built = b.built;
  if (only !== undefined) {
    const some = selectProperties(built, { names: [...only], safetyOnly: false });
    if (!some.ok) throw new Error(`${spec}: no ${only.join(', ')}`);
    built = some.built;
  }
  return runCase(built, spec, {
    engine: 'embedded',
    cwd: ROOT,
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'credspec-prompt-')) },
  });
}

/** `text` typed at the `=` prompt at every step of `result`'s trace, as the pane shows it; `root` is the spec's text. */
export function promptAtEveryStep(
  result: VariantResult,
  spec: string,
  text: string,
  root = readFileSync(spec, 'utf8'),
): string[] {
  const evaluate = promptEvaluator(result, root, IO);
  return (result.trace ?? []).map((step) => {
    const got = evaluate(step, text);
    return got.ok ? formatValue(got.value) : `error: ${got.error}`;
  });
}
