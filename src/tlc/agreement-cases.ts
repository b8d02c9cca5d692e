// Takes a loaded program and returns every case the agreement suite and the recorder compare
// with TLC: what `ci` runs and what `check` runs with no options, one per (variant, parameter
// set), each built and keyed by its module's content hash. Pure: reads no files, runs nothing.

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckedProgram } from '../check/check.js';
import { type BuiltCase, buildCase } from '../emit/build-case.js';
import { checkCases, ciCases } from '../emit/cases.js';

/** Who the emitted files say made them; part of the hashed text, so fixed here. */
export const AGREEMENT_GENERATED_BY = 'credspec agreement';

/** What identifies a record: the spec, the case and the exact text TLC checked. */
export interface AgreementKey {
  /** The spec's path as the program shows it (`specs/landlock-tsync.cred`). */
  readonly spec: string;
  readonly variant: string;
  /** The parameters that differ from the variant's defaults, `NAME=value` sorted by name, comma separated; `""` for the defaults. */
  readonly params: string;
  /** SHA-256 (hex) of the module text, a NUL, and the config text. */
  readonly sha256: string;
}

/** One case to compare, built. */
export interface AgreementCase {
  readonly key: AgreementKey;
  readonly built: BuiltCase;
}

/** One case that could not be built: its diagnostics say why. */
export interface AgreementBuildFailure {
  readonly spec: string;
  readonly variant: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** `NAME=value, ...` in name order, for keys and test names. */
export function paramsText(params: Readonly<Record<string, number | boolean | string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(', ');
}

/** The hash a record carries: of exactly the two texts TLC reads. */
export function caseHash(tlaText: string, cfgText: string): string {
  return createHash('sha256')
    .update(tlaText, 'utf8')
    .update('\0', 'utf8')
    .update(cfgText, 'utf8')
    .digest('hex');
}

/** `spec variant [params]`: how tests and the recorder name a case. */
export function caseLabel(key: Pick<AgreementKey, 'spec' | 'variant' | 'params'>): string {
  return `${key.spec} ${key.variant}${key.params === '' ? '' : ` [${key.params}]`}`;
}

/**
 * Every case of a checked program: `ci`'s cases (each parameter set an `expect` names) first, in
 * their order, then each variant with its defaults as `check` runs it. Cases that resolve to the
 * same variant and parameters are listed once. Cases an expectation checks by simulation are
 * left out: a simulation's counts are a sample, not the state space TLC would count.
 */
export function agreementCases(checked: CheckedProgram): {
  cases: AgreementCase[];
  failures: AgreementBuildFailure[];
} {
  const program = checked.program;
  const planned = [
    ...ciCases(program),
    ...checkCases(program, { variants: [], params: [] }).cases,
  ].filter((c) => c.simulate === undefined);
  const cases: AgreementCase[] = [];
  const failures: AgreementBuildFailure[] = [];
  const seen = new Set<string>();
  for (const c of planned) {
    const r = buildCase(checked, c, AGREEMENT_GENERATED_BY);
    if (!r.ok) {
      failures.push({ spec: program.root.path, variant: c.variant, diagnostics: r.diagnostics });
      continue;
    }
    const params = paramsText(r.built.model.paramOverrides);
    const id = `${c.variant}\0${params}`;
    if (seen.has(id)) continue;
    seen.add(id);
    cases.push({
      key: {
        spec: program.root.path,
        variant: c.variant,
        params,
        sha256: caseHash(r.built.tlaText, r.built.cfgText),
      },
      built: r.built,
    });
  }
  return { cases, failures };
}
