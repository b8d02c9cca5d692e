// Which of a case's properties a check looks at: all of them; the ones `--property` names, as the
// INVARIANT and PROPERTY lines of a TLC config select; and, with `--safety-only`, none of the
// temporal ones. The selection is applied to the case's config, which both engines read (the
// embedded engine the TlcConfig, TLC the printed `.cfg`), so what runs and what the result says
// it checked come from one place. Assertions, covers, the built-in checks (values out of range,
// frames used after return) and deadlock are not named properties and always run as the spec
// says. Pure.

import type { BuiltCase } from '../emit/build-case.js';
import type { PartialCheck } from '../result/result-file.js';
import { printCfg } from '../tla/cfg.js';
import type { SourceMapProperty } from '../emit/source-map.js';

const SELECTABLE: ReadonlySet<SourceMapProperty['kind']> = new Set([
  'invariant',
  'action',
  'temporal',
]);

/** What the command line asks to leave out. */
export interface PropertyChoice {
  /** `--property` names; empty: every property. */
  readonly names: readonly string[];
  readonly safetyOnly: boolean;
  /** `--no-deadlock`: a state where no thread can take a step is not reported. */
  readonly noDeadlock?: boolean | undefined;
}

export type Selection =
  | { readonly ok: true; readonly built: BuiltCase; readonly partial: PartialCheck | undefined }
  | { readonly ok: false; readonly unknown: readonly string[]; readonly known: readonly string[] };

/** The properties of a case a user can name, in the order the spec declares them. */
export function namedProperties(built: BuiltCase): SourceMapProperty[] {
  return built.emitted.sourceMap.properties.filter((p) => SELECTABLE.has(p.kind));
}

/**
 * The case with only the chosen properties in its config, and what was left out (undefined when
 * nothing was). A name is the spec's (`ll_term`) or the module's; one the case does not declare
 * makes the whole choice unknown.
 */
export function selectProperties(built: BuiltCase, choice: PropertyChoice): Selection {
  const named = namedProperties(built);
  const unknown = [
    ...new Set(choice.names.filter((n) => !named.some((p) => p.dslName === n || p.name === n))),
  ];
  if (unknown.length > 0) return { ok: false, unknown, known: named.map((p) => p.dslName) };
  const wanted = (p: SourceMapProperty): boolean =>
    (choice.names.length === 0 || choice.names.some((n) => p.dslName === n || p.name === n)) &&
    !(choice.safetyOnly && p.kind === 'temporal');
  const dropped = named.filter((p) => !wanted(p));
  // `deadlock` is a keyword, so no property of the spec carries the name.
  const deadlockDropped = choice.noDeadlock === true && built.emitted.config.checkDeadlock;
  if (dropped.length === 0 && !deadlockDropped) return { ok: true, built, partial: undefined };
  const by: PartialCheck['by'][number][] = [];
  if (choice.names.length > 0 && dropped.length > 0) by.push('--property');
  if (choice.safetyOnly && dropped.some((p) => p.kind === 'temporal')) by.push('--safety-only');
  if (deadlockDropped) by.push('--no-deadlock');
  const notChecked = [...dropped.map((p) => p.dslName), ...(deadlockDropped ? ['deadlock'] : [])];
  const partial: PartialCheck = {
    by,
    checked: named.filter(wanted).map((p) => p.dslName),
    notChecked,
  };
  return {
    ok: true,
    built: withoutProperties(built, new Set(dropped.map((p) => p.name)), !deadlockDropped, partial),
    partial,
  };
}

/** The case with the given module-level names gone from its config's INVARIANT and PROPERTY lines (and deadlock off when asked). */
function withoutProperties(
  built: BuiltCase,
  drop: ReadonlySet<string>,
  checkDeadlock: boolean,
  partial: PartialCheck,
): BuiltCase {
  const config = built.emitted.config;
  const selected = {
    ...config,
    checkDeadlock: config.checkDeadlock && checkDeadlock,
    invariants: config.invariants.filter((n) => !drop.has(n)),
    properties: config.properties.filter((n) => !drop.has(n)),
  };
  const body = printCfg(config);
  // The header (generated marker, parameters) is kept; a line under it says the file is a selection.
  const header = built.cfgText.endsWith(body)
    ? built.cfgText.slice(0, built.cfgText.length - body.length)
    : '';
  const note = `\\* A partial check (${partial.by.join(', ')}): ${partial.notChecked.join(', ')} left out.\n\n`;
  return {
    ...built,
    emitted: { ...built.emitted, config: selected },
    cfgText: header + note + printCfg(selected),
  };
}

/** `safety only: ll_term not checked`, or `only ll_atomic checked; ll_term not checked`: what a verdict line adds. */
export function describePartial(partial: PartialCheck): string {
  const list = (names: readonly string[]): string =>
    names.length === 0 ? 'no named property' : names.join(', ');
  if (partial.by.includes('--property'))
    return `only ${list(partial.checked)} checked; ${list(partial.notChecked)} not checked`;
  return `${partial.by.includes('--safety-only') ? 'safety only: ' : ''}${list(partial.notChecked)} not checked`;
}
