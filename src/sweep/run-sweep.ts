// Runs a sweep of one checked spec: for each variant, every parameter set its declared ranges
// allow, smallest first (order.ts), each on the embedded engine. The budget is one deadline for
// the whole sweep: a check running when it passes is stopped (inconclusive), and the sets not
// started are listed as cut off by the budget. A set is lowered and emitted only when its turn
// comes: the plan resolves each set's group sizes alone (cheap), since a spec's declared ranges
// can hold thousands of sets and emitting them all first would spend the budget before the
// first check. `maxThreads` narrows the sweep to the sets of at most that many threads, and
// `maxSets` to the first sets of each variant in sweep order: both keep a sweep's cost known in
// advance (unlike the budget, whose cut depends on the machine's speed). The spec's `sweep`
// blocks narrow the sets first; a variant expected to break goes on past `maxSets` (planVariant).

import type { CheckedProgram } from '../check/check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type CaseDecls, collectDecls, declTable } from '../model/decls.js';
import { LoweringError } from '../model/lowering-error.js';
import type { ParamSet } from '../model/params.js';
import { applyVariant, variantNames } from '../model/variants.js';
import { buildCase, type BuildResult, type BuiltCase } from '../emit/build-case.js';
import { namedProperties, selectProperties } from '../driver/property-selection.js';
import { resolveCase } from '../check/resolve-params.js';
import { variantDecls } from '../model/instance.js';
import { inconsistent } from '../model/lowering-error.js';
import type { VariantResult } from '../result/result-file.js';
import { type RunCaseOptions, runCase } from '../driver/run-case.js';
import { compareSets, type SizedSet } from './order.js';
import { paramSpace, sweepEntries } from './param-space.js';

/** What one parameter set of a sweep came to. */
export type SetOutcome =
  | {
      readonly kind: 'checked';
      readonly set: SizedSet;
      /** The check of every property. */
      readonly result: VariantResult;
      /** When it broke, the checks again without what broke (recheck), in order. */
      readonly also: readonly VariantResult[];
    }
  | { readonly kind: 'budget'; readonly set: SizedSet }
  | { readonly kind: 'failed'; readonly set: SizedSet; readonly message: string };

/** A variant's sweep: every set in the order checked. */
export interface VariantSweep {
  readonly variant: string;
  /** Some expectation of the variant says it holds: a violation anywhere is a finding. */
  readonly fixed: boolean;
  /** The properties (`deadlock` for a deadlock) an expectation says the variant breaks. */
  readonly expectedBreaks: readonly string[];
  readonly outcomes: readonly SetOutcome[];
  /** Sets of the declared ranges left out by the thread limit. */
  readonly beyond: number;
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

interface PlannedCase {
  readonly set: SizedSet;
  /** Among the first `maxSets` sets: always checked. */
  readonly core: boolean;
  readonly build: () => BuildResult;
}

export type SweepPlan =
  | {
      readonly ok: true;
      readonly variants: readonly {
        variant: string;
        fixed: boolean;
        expectedBreaks: readonly string[];
        /** The expected breaks the sweep goes on for past its core (exhaustive expectations'). */
        seek: readonly string[];
        /** Smallest first; a set outside the core is checked only while a `seek` break is unseen. */
        cases: readonly PlannedCase[];
        /** Sets of the declared ranges, before any limit or `sweep` block. */
        declared: number;
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
    readonly maxThreads?: number | undefined;
    /** Only the first this many sets of each variant, in sweep order. */
    readonly maxSets?: number | undefined;
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
    const planned = planVariant(checked, variant, base, settings);
    if (!planned.ok) return planned;
    variants.push(planned.variant);
  }
  return { ok: true, variants };
}

type PlannedVariant = Extract<SweepPlan, { ok: true }>['variants'][number];

/** The properties an exhaustive expectation of `variant` says it breaks (`deadlock` for one). */
function expectedBreaksOf(base: CaseDecls, variant: string, exhaustiveOnly: boolean): string[] {
  return base.expects
    .filter((e) => e.variant.name === variant && e.verdict.kind !== 'holds')
    .filter((e) => !exhaustiveOnly || e.search === undefined)
    .map((e) => (e.verdict.kind === 'violates' ? e.verdict.property.name : 'deadlock'));
}

/**
 * One variant's cases: the sets of the ranges its `sweep` blocks narrow the declared ones to,
 * smallest first. The core is the first `maxSets` of them. A variant an exhaustive expectation
 * says breaks a property gets the sets past the core too, checked only while some expected break
 * is still unseen: so the sweep names the smallest set that breaks it however far it lies.
 */
function planVariant(
  checked: CheckedProgram,
  variant: string,
  base: CaseDecls,
  settings: Parameters<typeof planSweep>[1],
): { ok: true; variant: PlannedVariant } | Extract<SweepPlan, { ok: false }> {
  const program = checked.program;
  let table;
  try {
    table = applyVariant(declTable(checked), variant, program.root.ast.name.span);
  } catch (e) {
    if (e instanceof LoweringError) return { ok: false, diagnostics: [], problem: e.message };
    throw e;
  }
  const space = paramSpace(table);
  if (!space.ok) return { ok: false, diagnostics: [], problem: space.problem };
  const narrowed = paramSpace(table, sweepEntries(program.root.ast.decls, variant));
  if (!narrowed.ok) return { ok: false, diagnostics: [], problem: narrowed.problem };
  const decls = variantDecls(checked, variant);
  const all: PlannedCase[] = [];
  for (const ranked of narrowed.sets) {
    const overrides = Object.entries(ranked.params).map(([name, value]) => ({
      name,
      value: String(value),
      span: program.root.ast.name.span,
    }));
    const resolved = resolveCase(decls, overrides, inconsistent);
    if (!resolved.ok) return { ok: false, diagnostics: resolved.diagnostics };
    let threads = 0;
    for (const g of resolved.resolved.groupSizes.values()) threads += g.born + g.spare;
    if (settings.maxThreads !== undefined && threads > settings.maxThreads) continue;
    all.push({
      set: {
        params: ranked.params,
        threads,
        ranks: ranked.ranks,
        differs: resolved.resolved.params.overrides,
      },
      core: true,
      build: () =>
        buildCase(
          checked,
          { variant, overrides, expects: [] },
          settings.generatedBy,
          settings.folder,
        ),
    });
  }
  all.sort((a, b) => compareSets(a.set, b.set));
  let left = settings.maxSets ?? Number.POSITIVE_INFINITY;
  const cases = all.map((c) => {
    const core = c.core && left > 0;
    if (core) left--;
    return { ...c, core };
  });
  const seek = [...new Set(expectedBreaksOf(base, variant, true))];
  const own = base.expects.filter((e) => e.variant.name === variant);
  return {
    ok: true,
    variant: {
      variant,
      fixed: own.some((e) => e.verdict.kind === 'holds'),
      expectedBreaks: expectedBreaksOf(base, variant, false),
      seek,
      cases: seek.length === 0 ? cases.filter((c) => c.core) : cases,
      declared: space.sets.length,
    },
  };
}

/** The properties (or `deadlock`) an outcome found broken. */
function brokenIn(o: SetOutcome): string[] {
  if (o.kind !== 'checked') return [];
  return [o.result, ...o.also].flatMap((r) =>
    r.verdict === 'deadlock'
      ? ['deadlock']
      : r.verdict === 'violated'
        ? [r.property ?? 'unnamed']
        : [],
  );
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
    const unseen = new Set(v.seek);
    for (const c of v.cases) {
      const left = deadline === undefined ? undefined : (deadline - Date.now()) / 1000;
      const over = (left !== undefined && left <= 0) || settings.signal?.aborted === true;
      if (!c.core && (unseen.size === 0 || over)) continue;
      const outcome: SetOutcome = over
        ? { kind: 'budget', set: c.set }
        : await runSet(c, specPath, settings, left);
      for (const p of brokenIn(outcome)) unseen.delete(p);
      outcomes.push(outcome);
      settings.onOutcome?.(v.variant, outcome);
    }
    out.push({
      variant: v.variant,
      fixed: v.fixed,
      expectedBreaks: v.expectedBreaks,
      outcomes,
      beyond: v.declared - outcomes.length,
    });
  }
  return out;
}

/** Builds and checks one set within the budget left (seconds). */
async function runSet(
  c: { set: SizedSet; build: () => BuildResult },
  specPath: string,
  settings: Omit<SweepSettings, 'variants'>,
  left: number | undefined,
): Promise<SetOutcome> {
  const built = c.build();
  if (!built.ok) {
    const d = built.diagnostics[0];
    const detail = d?.args?.detail;
    return {
      kind: 'failed',
      set: c.set,
      message: `${d?.code ?? 'CS9001'} ${typeof detail === 'string' ? detail : 'the set could not be built'}`,
    };
  }
  const options = {
    engine: 'embedded' as const,
    cwd: settings.cwd,
    env: settings.env,
    maxStates: settings.maxStates,
    timeoutSeconds: left === undefined ? undefined : Math.max(1, Math.ceil(left)),
    signal: settings.signal,
  };
  const result = await runCase(built.built, specPath, options);
  return {
    kind: 'checked',
    set: c.set,
    result,
    also: await recheck(built.built, result, specPath, options),
  };
}

/**
 * A search stops at the first property it finds broken, which would hide any other property
 * that breaks in the same set. The set is checked again without each property found broken
 * (deadlock: with deadlock off) until what is left holds or stops otherwise: the further
 * violations found. Assertions and the built-in checks cannot be left out, so one of them
 * breaking ends the search.
 */
async function recheck(
  built: BuiltCase,
  first: VariantResult,
  specPath: string,
  options: RunCaseOptions,
): Promise<VariantResult[]> {
  const named = namedProperties(built).map((p) => p.dslName);
  const dropped = new Set<string>();
  let noDeadlock = false;
  const also: VariantResult[] = [];
  let last = first;
  for (;;) {
    if (last.verdict === 'deadlock') noDeadlock = true;
    else if (last.verdict === 'violated' && named.includes(last.property ?? ''))
      dropped.add(last.property ?? '');
    else return also;
    const names = named.filter((n) => !dropped.has(n));
    if (names.length === 0) return also;
    const selected = selectProperties(built, { names, safetyOnly: false, noDeadlock });
    if (!selected.ok) return also;
    last = await runCase(selected.built, specPath, options);
    also.push(last);
  }
}

/** A parameter set as one word per param (`CALLERS=1 FAULTS=false`). */
export function setText(params: ParamSet): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
