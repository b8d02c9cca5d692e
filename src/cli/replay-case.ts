// The part of `replay` that `ci` shares: from a checked spec, a result with a safety
// counterexample and the case to replay it on (a variant and parameter overrides on top of the
// counterexample's own), builds both cases and replays the schedule on the embedded engine.
// Bad input (an unknown variant or parameter, a result without each step's TLA+ view) is a
// ReplayInputError with the one line to print.

import type { CheckedProgram } from '../check/check.js';
import { formatMessage } from '../diagnostics/render.js';
import { type BuiltCase, buildCase } from '../emit/build-case.js';
import { checkCases } from '../emit/cases.js';
import type { ReplayOutcome } from '../engine/index.js';
import type { ParamOverrideRequest } from '../model/params.js';
import type { TlaTraceStep } from '../result/check-result.js';
import type { VariantResult } from '../result/result-file.js';
import type { TlaState, TlaValue } from '../result/tla-value.js';
import { packageVersion } from '../driver/package-root.js';
import { outputFolderOf } from '../driver/spec-output-folder.js';

/** Input that cannot be replayed: the message says why. */
export class ReplayInputError extends Error {}

/** A replay: its outcome, the case it ran on, and the counterexample's trace as the module saw it. */
export interface CaseReplay {
  readonly outcome: ReplayOutcome;
  readonly target: BuiltCase;
  readonly trace: readonly TlaTraceStep[];
}

/** Where to replay: a variant (default: the counterexample's own) and overrides of its parameters. */
export interface ReplayTarget {
  readonly variant?: string | undefined;
  readonly params: readonly ParamOverrideRequest[];
  /** The target's own parameter overrides, instead of the counterexample's with `params` on top. */
  readonly exactly?: Readonly<Record<string, number | boolean | string>>;
}

/** Replays `source`'s counterexample (a result of `checked`, loaded from `specPath`) on `to`. */
export async function replayCase(
  checked: CheckedProgram,
  specPath: string,
  source: VariantResult,
  to: ReplayTarget,
  cwd: string,
): Promise<CaseReplay> {
  const trace = tlaTrace(source);
  const own = Object.entries(source.overrides ?? {}).map(([name, v]) => override(name, String(v)));
  const build = (variant: string, params: readonly ParamOverrideRequest[]): BuiltCase => {
    const planned = checkCases(checked.program, { variants: [variant], params });
    const c = planned.cases[0];
    if (planned.diagnostics.length > 0 || c === undefined)
      throw new ReplayInputError(`${source.spec} has no variant "${variant}"`);
    const folder = outputFolderOf(specPath, cwd, 'generated');
    const built = buildCase(checked, c, `credspec ${packageVersion()}`, folder);
    if (!built.ok)
      throw new ReplayInputError(
        built.diagnostics.map((d) => formatMessage(d.code, d.args)).join('; ') ||
          `cannot build ${variant}`,
      );
    return built.built;
  };
  const from = build(source.variant, own);
  const params =
    to.exactly !== undefined
      ? Object.entries(to.exactly).map(([name, v]) => override(name, String(v)))
      : [...own.filter((o) => !to.params.some((e) => e.name === o.name)), ...to.params];
  const target = build(to.variant ?? source.variant, params);
  const { replayOnVariant } = await import('../engine/index.js');
  return { outcome: replayOnVariant(from, trace, target), target, trace };
}

function override(name: string, value: string): ParamOverrideRequest {
  return { name, value, span: { file: '<result file>', start: POS, end: POS } };
}
const POS = { line: 1, column: 1, offset: 0 };

/** The emitted module's view of the counterexample, as the result recorded it. */
function tlaTrace(r: VariantResult): TlaTraceStep[] {
  return (r.trace ?? []).map((st) => {
    if (st.tla === undefined)
      throw new ReplayInputError(
        `the result of ${r.spec} ${r.variant} was written without each step's TLA+ view: check the spec again to replay it`,
      );
    const params = (st.tla.params ?? {}) as Record<string, TlaValue>;
    return {
      action: st.tla.action === null ? null : { name: st.tla.action, params },
      state: st.tla.state as TlaState,
    };
  });
}
