// Test helper: ITF traces as the tests read them: a result file's ITF from the built CLI, ITF
// values decoded back to the engines' TLA+ values, and the module a result was checked on, built
// again from its spec.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { ExecutableModule } from '../../src/engine/evaluation/module-api.js';
import { buildCase } from '../../src/emit/build-case.js';
import type { VariantResult } from '../../src/result/result-file.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import type { ItfState, ItfTrace, ItfValue } from '../../src/trace/formats/itf.js';

export const ROOT = resolve(process.cwd());
export const CLI = resolve(ROOT, 'bin/credspec.js');
export const S1 = 'test/fixtures/results/seccomp-s1-atomic.json';
export const L3 = 'test/fixtures/results/landlock-l3-frame.json';

export function itfOf(resultFile: string): ItfTrace {
  const out = execFileSync(process.execPath, [CLI, 'trace', resultFile, '--format', 'itf'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return JSON.parse(out) as ItfTrace;
}

/** An ITF value back as the engines write TLA+ values (src/result/tla-value.ts). */
export function fromItf(v: ItfValue): TlaValue {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return (v as readonly ItfValue[]).map(fromItf);
  const o = v as Readonly<Record<string, unknown>>;
  if ('#unserializable' in o) return { '#mv': String(o['#unserializable']) };
  if ('#bigint' in o) return { '#bigint': String(o['#bigint']) };
  if ('#set' in o) return { '#set': (o['#set'] as ItfValue[]).map(fromItf) };
  if ('#tup' in o) return (o['#tup'] as ItfValue[]).map(fromItf);
  if ('#map' in o)
    return {
      '#map': (o['#map'] as [ItfValue, ItfValue][]).map(
        ([k, x]) => [fromItf(k), fromItf(x)] as const,
      ),
    };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromItf(x as ItfValue)]));
}

export function stateValues(s: ItfState): Record<string, TlaValue> {
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k]) => k !== '#meta')
      .map(([k, x]) => [k, fromItf(x as ItfValue)]),
  );
}

/** The module S-1 was checked on, built again from the spec with the result's parameters. */
export function moduleOf(result: VariantResult): { executable: ExecutableModule; tlaPath: string } {
  const program = loadSpec(result.spec, { cwd: ROOT, env: process.env });
  const checked = checkProgram(program);
  const span = {
    file: result.spec,
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: 1, offset: 0 },
  };
  const overrides = Object.entries(result.overrides ?? {}).map(([name, value]) => ({
    name,
    value: String(value),
    span,
  }));
  const built = buildCase(
    checked,
    { variant: result.variant, overrides, expects: [] },
    'credspec test',
  );
  if (!built.ok) throw new Error(`${result.spec} ${result.variant} does not build`);
  const e = built.built.emitted;
  return { executable: interpretModule(e.module, e.config), tlaPath: built.built.tlaPath };
}

/** Every plain string anywhere in a value. */
export function stringsOf(v: ItfValue, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v as readonly ItfValue[]) stringsOf(x, out);
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v))
      if (k !== '#unserializable') stringsOf(x as ItfValue, out);
  return out;
}

/** The model values of a TLA+ value, by name. */
export function modelValuesOf(v: TlaValue, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v as readonly TlaValue[]) modelValuesOf(x, out);
  else if (typeof v === 'object' && v !== null) {
    if ('#mv' in v) out.add(String((v as { '#mv': string })['#mv']));
    else for (const x of Object.values(v)) modelValuesOf(x as TlaValue, out);
  }
  return out;
}
