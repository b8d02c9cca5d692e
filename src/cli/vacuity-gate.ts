// The vacuity gate of `ci --vacuity-gate`: a property that holds over paths no check took says
// nothing about them. After the exhaustive checks of one spec, every step, every fault point
// (a `may fail` step's failure) and every `cover` must have been enabled or reached in at least
// one check; each place none did is a vacant place, located at its declaration in the spec.
// Only embedded checks that ended `holds` explored everything, so only they count; a spec
// without one is not judged (its unreached places are unknown).

import type { SourceLocation, VariantResult } from '../result/result-file.js';
import type { UnreachedLocator } from './report-text.js';

/** A place of the spec that no exhaustive check of it enabled or reached. */
export interface VacantPlace {
  readonly spec: string;
  readonly kind: 'step' | 'fault' | 'cover';
  /** `A.bump` (a fault point: the step whose failure was never taken), or the cover's name. */
  readonly name: string;
  readonly checks: number;
  readonly location: SourceLocation | null;
}

const FAILURE = / \(its failure\)$/;

/** The names in every list (none when there is no list). */
function inEvery(lists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = lists;
  if (first === undefined) return [];
  return first.filter((name) => rest.every((l) => l.includes(name)));
}

/** The vacant places of one spec's results (all of one spec), in the order the checks list them. */
export function vacantPlaces(
  results: readonly VariantResult[],
  locate: (result: VariantResult) => UnreachedLocator,
): VacantPlace[] {
  const exhaustive = results.filter(
    (r) => r.engine === 'embedded' && r.verdict === 'holds' && r.expected?.simulation === undefined,
  );
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
  const covers = inEvery(exhaustive.map((r) => r.unreached?.covers ?? [])).map(
    (c): VacantPlace => ({
      spec: first.spec,
      kind: 'cover',
      name: c,
      checks,
      location: locator.cover(c),
    }),
  );
  return [...steps, ...covers];
}

/** The place in words: `step A.gone never enabled in any of the 2 exhaustive checks`. */
export function describeVacant(p: VacantPlace): string {
  const what =
    p.kind === 'cover'
      ? `cover ${p.name} never reached`
      : p.kind === 'fault'
        ? `fault point of step ${p.name} never taken`
        : `step ${p.name} never enabled`;
  return `${what} in any of the ${p.checks} exhaustive check${p.checks === 1 ? '' : 's'} of ${p.spec}`;
}

/** The place's location as `file:line:col`, or the spec when it is not known. */
export function vacantWhere(p: VacantPlace): string {
  return p.location === null
    ? p.spec
    : `${p.location.file}:${p.location.line}:${p.location.column}`;
}
