// Runs a sweep of one checked spec: for each variant, every parameter set its declared ranges
// allow, smallest first (order.ts), each on the embedded engine. The budget is one deadline for
// the whole sweep: a check running when it passes is stopped (inconclusive), and the sets not
// started are listed as cut off by the budget.

import type { CheckedProgram } from '../check/check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { collectDecls, declTable } from '../model/decls.js';
import { LoweringError } from '../model/lowering-error.js';
import type { ParamSet } from '../model/params.js';
import { applyVariant, variantNames } from '../model/variants.js';
import { buildCase, type BuiltCase } from '../emit/build-case.js';
import type { VariantResult } from '../result/result-file.js';
import { runCase } from '../driver/run-case.js';
import { compareSets, type SizedSet } from './order.js';
import { paramSpace } from './param-space.js';

/** What one parameter set of a sweep came to. */
export type SetOutcome =
  | { readonly kind: 'checked'; readonly set: SizedSet; readonly result: VariantResult }
  | { readonly kind: 'budget'; readonly set: SizedSet };

/** A variant's sweep: every set in the order checked. */
export interface VariantSweep {
  readonly variant: string;
  /** Some expectation of the variant says it holds: a violation anywhere is a finding. */
  readonly fixed: boolean;
  readonly outcomes: readonly SetOutcome[];
}

export interface SweepSettings {
  readonly variants: readonly string[];
  readonly maxStates?: number | undefined;
  readonly budgetSeconds?: number | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal | undefined;
  /** Each outcome as soon as it is known. */
  readonly onOutcome?: ((variant: string, outcome: SetOutcome) => void) | undefined;
}

export type SweepPlan =
  | {
      readonly ok: true;
      readonly variants: readonly {
        variant: string;
        fixed: boolean;
        cases: readonly { set: SizedSet; built: BuiltCase }[];
      }[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly problem?: string };

/** Builds every case of the sweep, sorted smallest first; a set that cannot be built stops the plan. */
export function planSweep(
  checked: CheckedProgram,
  settings: {
    readonly variants: readonly string[];
    readonly generatedBy: string;
    readonly folder: string;
  },
): SweepPlan {
  const program = checked.program;
  const base = collectDecls(program);
  const known = variantNames(base);
  const unknown = settings.variants.filter((v) => !known.includes(v));
  if (unknown.length > 0)
    return {
      ok: false,
      diagnostics: unknown.map((name) => ({
        code: 'CS5016',
        severity: 'error',
        span: program.root.ast.name.span,
        args: { name, known: known.join(', ') },
      })),
    };
  const chosen =
    settings.variants.length === 0 ? known : known.filter((v) => settings.variants.includes(v));
  const variants = [];
  for (const variant of chosen) {
    let table;
    try {
      table = applyVariant(declTable(checked), variant, program.root.ast.name.span);
    } catch (e) {
      if (e instanceof LoweringError) return { ok: false, diagnostics: [], problem: e.message };
      throw e;
    }
    const space = paramSpace(table);
    if (!space.ok) return { ok: false, diagnostics: [], problem: space.problem };
    const cases: { set: SizedSet; built: BuiltCase }[] = [];
    for (const ranked of space.sets) {
      const overrides = Object.entries(ranked.params).map(([name, value]) => ({
        name,
        value: String(value),
        span: program.root.ast.name.span,
      }));
      const built = buildCase(
        checked,
        { variant, overrides, expects: [] },
        settings.generatedBy,
        settings.folder,
      );
      if (!built.ok) return { ok: false, diagnostics: built.diagnostics };
      const threads = built.built.model.groups.reduce((n, g) => n + g.members.length, 0);
      cases.push({
        set: { params: ranked.params, threads, ranks: ranked.ranks },
        built: built.built,
      });
    }
    cases.sort((a, b) => compareSets(a.set, b.set));
    const fixed = base.expects.some(
      (e) => e.variant.name === variant && e.verdict.kind === 'holds',
    );
    variants.push({ variant, fixed, cases });
  }
  return { ok: true, variants };
}

/** Runs a planned sweep; resolves with every variant's outcomes. */
export async function runSweep(
  plan: Extract<SweepPlan, { ok: true }>,
  specPath: string,
  settings: Omit<SweepSettings, 'variants'>,
): Promise<VariantSweep[]> {
  const deadline =
    settings.budgetSeconds === undefined ? undefined : Date.now() + settings.budgetSeconds * 1000;
  const out: VariantSweep[] = [];
  for (const v of plan.variants) {
    const outcomes: SetOutcome[] = [];
    for (const c of v.cases) {
      const left = deadline === undefined ? undefined : (deadline - Date.now()) / 1000;
      let outcome: SetOutcome;
      if ((left !== undefined && left <= 0) || settings.signal?.aborted === true)
        outcome = { kind: 'budget', set: c.set };
      else {
        const timeoutSeconds = left === undefined ? undefined : Math.max(1, Math.ceil(left));
        const result = await runCase(c.built, specPath, {
          engine: 'embedded',
          cwd: settings.cwd,
          env: settings.env,
          maxStates: settings.maxStates,
          timeoutSeconds,
          signal: settings.signal,
        });
        outcome = { kind: 'checked', set: c.set, result };
      }
      outcomes.push(outcome);
      settings.onOutcome?.(v.variant, outcome);
    }
    out.push({ variant: v.variant, fixed: v.fixed, outcomes });
  }
  return out;
}

/** A parameter set as one word per param (`CALLERS=1 FAULTS=false`). */
export function setText(params: ParamSet): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
