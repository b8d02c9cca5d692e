// The vacuity gate of `ci` (on unless `--no-vacuity-gate`): a property that holds over paths no
// check took says nothing about them. After the exhaustive checks of one spec, every step, every
// fault point (a `may fail` step's failure), every failing outcome of a test that has no step of
// its own (the missing `else` of an `if`, the exit of a `while`) and every `cover` must have
// been enabled, taken or reached in at least one check; each place none did is a vacant place,
// located at its declaration in the spec, unless the spec marks it `unreachable "reason"` (then
// it is excused, with the reason). The outcomes counted include a `for` never entered with
// nothing to iterate and an `await` at which no thread ever had to wait (a property that holds
// says nothing about the waiting path then). A mark is a claim held against the same checks: a
// marked place some check reaches is a broken mark. Only embedded checks that ended `holds`
// explored everything, so only they count; a spec without one is not judged (its unreached
// places are unknown).

import type { SourceLocation, UnreachedBranch, VariantResult } from '../result/result-file.js';
import {
  describeBranch,
  type MarkedPlace,
  markFor,
  type UnreachedLocator,
} from '../driver/report-text.js';

/** What a vacant place is: a branch is the failing outcome of the `if` or `while` step `name`. */
type PlaceKind =
  | { readonly kind: 'step' | 'fault' | 'cover' }
  | { readonly kind: 'branch'; readonly test: UnreachedBranch['test'] }
  /** A temporal verdict a capped counter took part in (bound-probe.ts): `detail` says which. */
  | { readonly kind: 'bound'; readonly detail: string };

/** A place of the spec that no exhaustive check of it enabled or reached. */
export type VacantPlace = PlaceKind & {
  readonly spec: string;
  /** `A.bump` (a fault point: the step whose failure was never taken; a branch: its test's step), or the cover's name. */
  readonly name: string;
  readonly checks: number;
  readonly location: SourceLocation | null;
};

/** A vacant place the spec marks unreachable: reported with its reason, not a failure. */
export type ExcusedPlace = VacantPlace & {
  readonly mark: MarkedPlace;
};

/** A place marked unreachable that `reachedBy` of the spec's `checks` exhaustive checks reached. */
export interface BrokenMark {
  readonly spec: string;
  readonly mark: MarkedPlace;
  readonly reachedBy: number;
  readonly checks: number;
}

/** What the gate found over one or more specs. */
export interface GateFindings {
  readonly vacant: readonly VacantPlace[];
  readonly excused: readonly ExcusedPlace[];
  readonly broken: readonly BrokenMark[];
}

export const NO_FINDINGS: GateFindings = { vacant: [], excused: [], broken: [] };

const FAILURE = / \(its failure\)$/;

/** The names in every list (none when there is no list). */
function inEvery(lists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = lists;
  if (first === undefined) return [];
  return first.filter((name) => rest.every((l) => l.includes(name)));
}

/** The exhaustive checks among one spec's results: embedded searches that ended `holds`. */
function exhaustiveChecks(results: readonly VariantResult[]): VariantResult[] {
  return results.filter(
    (r) => r.engine === 'embedded' && r.verdict === 'holds' && r.expected?.simulation === undefined,
  );
}

/** Did check `r` reach the marked place (enable the step, take the failure, reach the cover)? */
function reaches(r: VariantResult, mark: MarkedPlace): boolean {
  if (mark.kind === 'cover') return !(r.unreached?.covers ?? []).includes(mark.name);
  if (mark.kind === 'branch')
    return !(r.unreached?.branches ?? []).some((b) => b.step === mark.name);
  const listed = mark.kind === 'fault' ? `${mark.name} (its failure)` : mark.name;
  return !(r.unreached?.steps ?? []).includes(listed);
}

/**
 * The gate over one spec's results: its vacant places (in the order the checks list them), those
 * a mark excuses (a step's mark also excuses its fault point, never taken when the step is not),
 * and the marks some exhaustive check contradicts. A variant may mark what another does not,
 * so each check is held to the marks of its own module.
 */
export function gateFindings(
  results: readonly VariantResult[],
  locate: (result: VariantResult) => UnreachedLocator,
): GateFindings {
  const exhaustive = exhaustiveChecks(results);
  const marks = exhaustive.map((r) => locate(r).marks);
  const vacant: VacantPlace[] = [];
  const excused: ExcusedPlace[] = [];
  for (const p of vacantPlaces(exhaustive, locate)) {
    const mark =
      p.kind === 'cover' || p.kind === 'branch'
        ? markFor(marks.flat(), p.kind, p.name)
        : markFor(marks.flat(), 'step', p.kind === 'fault' ? `${p.name} (its failure)` : p.name);
    if (mark === undefined) vacant.push(p);
    else excused.push({ ...p, mark });
  }
  const broken = new Map<string, BrokenMark>();
  exhaustive.forEach((r, i) => {
    for (const mark of marks[i] ?? []) {
      if (!reaches(r, mark)) continue;
      const key = `${mark.kind} ${mark.name}`;
      const seen = broken.get(key);
      broken.set(key, {
        spec: r.spec,
        mark,
        reachedBy: (seen?.reachedBy ?? 0) + 1,
        checks: exhaustive.length,
      });
    }
  });
  return { vacant, excused, broken: [...broken.values()] };
}

/** The vacant places of one spec's exhaustive results, in the order the checks list them. */
function vacantPlaces(
  exhaustive: readonly VariantResult[],
  locate: (result: VariantResult) => UnreachedLocator,
): VacantPlace[] {
  const first = exhaustive[0];
  if (first === undefined) return [];
  const locator = locate(first);
  const checks = exhaustive.length;
  const steps = inEvery(exhaustive.map((r) => r.unreached?.steps ?? [])).map((s): VacantPlace => {
    const fault = FAILURE.test(s);
    const name = s.replace(FAILURE, '');
    return {
      spec: first.spec,
      kind: fault ? 'fault' : 'step',
      name,
      checks,
      location: locator.step(name),
    };
  });
  // A test's step never enabled is reported as a step; its outcomes are then never taken either.
  const branches = inEvery(
    exhaustive.map((r) => (r.unreached?.branches ?? []).map((b) => `${b.test} ${b.step}`)),
  ).flatMap((key): VacantPlace[] => {
    const [test, name] = key.split(' ', 2);
    if (!isTest(test) || name === undefined) return [];
    return [{ spec: first.spec, kind: 'branch', test, name, checks, location: locator.step(name) }];
  });
  const covers = inEvery(exhaustive.map((r) => r.unreached?.covers ?? [])).map(
    (c): VacantPlace => ({
      spec: first.spec,
      kind: 'cover',
      name: c,
      checks,
      location: locator.cover(c),
    }),
  );
  return [...steps, ...branches, ...covers];
}

/** The place in words: `step A.gone never enabled in any of the 2 exhaustive checks`. */
export function describeVacant(p: VacantPlace): string {
  if (p.kind === 'bound') return p.detail;
  const what =
    p.kind === 'cover'
      ? `cover ${p.name} never reached`
      : p.kind === 'fault'
        ? `fault point of step ${p.name} never taken`
        : p.kind === 'branch'
          ? describeBranch(p.test, p.name)
          : `step ${p.name} never enabled`;
  return `${what} in any of the ${p.checks} exhaustive check${p.checks === 1 ? '' : 's'} of ${p.spec}`;
}

/** The place's location as `file:line:col`, or the spec when it is not known. */
export function vacantWhere(p: VacantPlace): string {
  return p.location === null
    ? p.spec
    : `${p.location.file}:${p.location.line}:${p.location.column}`;
}

/** The excused place in words: what was never reached, and the spec's reason. */
export function describeExcused(p: ExcusedPlace): string {
  return `${describeVacant(p)}; marked unreachable (${markWhere(p.mark)}): "${p.mark.reason}"`;
}

/** The broken mark in words: `step A.gone is marked unreachable ("...") but 1 of the 2 ...`. */
export function describeBroken(b: BrokenMark): string {
  const { kind, name, reason } = b.mark;
  const what =
    kind === 'cover'
      ? `cover ${name}`
      : kind === 'fault'
        ? `the fault point of step ${name}`
        : kind === 'branch'
          ? `the else of step ${name}`
          : `step ${name}`;
  const did =
    kind === 'cover' ? 'reached' : kind === 'fault' || kind === 'branch' ? 'took' : 'enabled';
  return `${what} is marked unreachable ("${reason}") but ${b.reachedBy} of the ${b.checks} exhaustive check${b.checks === 1 ? '' : 's'} of ${b.spec} ${did} it`;
}

/** A mark's location as `file:line:col`. */
export function markWhere(m: MarkedPlace): string {
  return `${m.location.file}:${m.location.line}:${m.location.column}`;
}

function isTest(t: string | undefined): t is UnreachedBranch['test'] {
  return t === 'if' || t === 'while' || t === 'for' || t === 'await';
}
