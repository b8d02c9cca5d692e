// How `check` and `ci` print results: one line per checked variant and parameter set, for a
// violation the trace in the spec's words (Spin `-t -p` style), the property and advice, and
// after an exhaustive run the covers never reached and steps never enabled (warnings).

import { readFileSync } from 'node:fs';
import type { SourceLocation, UnreachedBranch, VariantResult } from '../result/result-file.js';
import { describeExpectation, describeParams, describeVerdict } from '../result/expectation.js';
import { formatTextTrace, type TextTraceOptions, traceSize } from '../trace/formats/text.js';
import { formatValue } from '../trace/formats/value-text.js';
import { rangeSuspects } from '../trace/range-suspects.js';
import { describePartial } from './property-selection.js';
import { OUT_OF_RANGE } from '../tla/names.js';
import type { SourceMap } from '../emit/source-map.js';
import { at } from '../source/checked-index.js';

/** `specs/x.cred v2 (CALLERS=2): deadlock  120 states, 300 generated, depth 14, 0.31 s` */
export function formatResultLine(r: VariantResult): string {
  // The parameters this check set; the rest are the spec's defaults (the result file has them all).
  const params = describeParams(r.overrides ?? r.params);
  const what = `${r.spec} ${r.variant}${params ? ` (${params})` : ''}`;
  const verdict =
    describeVerdict(r.verdict, r.property) +
    (r.partial === undefined ? '' : ` (${describePartial(r.partial)})`);
  const stats = `${r.stats.distinctStates} distinct states, ${r.stats.statesGenerated} generated, depth ${r.stats.depth}, ${r.stats.seconds.toFixed(2)} s`;
  return `${what}: ${verdict}  (${stats})`;
}

/** The story of a violation, an error or an inconclusive run, ready to print under its line. */
export function formatViolation(r: VariantResult, options: TextTraceOptions = {}): string {
  const lines: string[] = [];
  if (r.verdict === 'error') lines.push(`  error: ${r.error?.message ?? 'the check failed'}`);
  if (r.verdict === 'inconclusive')
    lines.push(
      `  inconclusive (${r.inconclusive?.reason ?? 'limit'}): ${r.inconclusive?.advice ?? ''}`,
    );
  if (r.verdict === 'violated' && r.propertyLocation) {
    lines.push(
      `  ${r.property} is declared at ${r.propertyLocation.file}:${r.propertyLocation.line}:${r.propertyLocation.column}`,
    );
  }
  if (r.verdict === 'violated' && r.property === OUT_OF_RANGE) lines.push(...rangeLines(r));
  if (r.trace) {
    lines.push(`  counterexample (${traceSize(r)}; module ${r.module}):`);
    lines.push(formatTextTrace(r, options).replace(/^(?=.)/gm, '  '));
  }
  if (r.expected) lines.push(`  expected: ${describeExpectation(r.expected)}`);
  return lines.join('\n');
}

/**
 * A place the spec marks `unreachable "reason"`: a step, its fault point (`A.bump`), the failing
 * outcome of a test step (`branch`, `else unreachable`) or a cover.
 */
export interface MarkedPlace {
  readonly kind: 'step' | 'fault' | 'branch' | 'cover';
  readonly name: string;
  readonly reason: string;
  /** Where the mark is written. */
  readonly location: SourceLocation;
}

/** Where a step (`P.label`) or a cover is declared (null when not known), and the marked places. */
export interface UnreachedLocator {
  readonly step: (name: string) => SourceLocation | null;
  readonly cover: (name: string) => SourceLocation | null;
  readonly marks: readonly MarkedPlace[];
}

/**
 * The mark that excuses a place: its own, or for a fault point the mark of its step (never
 * taken while the step is not enabled). `name` is a step as results list it: `A.bump (its
 * failure)` is the fault point of `A.bump`.
 */
export function markFor(
  marks: readonly MarkedPlace[],
  kind: 'step' | 'branch' | 'cover',
  name: string,
): MarkedPlace | undefined {
  const find = (k: MarkedPlace['kind'], n: string): MarkedPlace | undefined =>
    marks.find((m) => m.kind === k && m.name === n);
  if (kind !== 'step') return find(kind, name);
  const step = name.replace(/ \(its failure\)$/, '');
  return (step === name ? undefined : find('fault', step)) ?? find('step', step);
}

/** The failing outcome of a test in words: `branch else of if A.odd never taken`. */
export function describeBranch(test: UnreachedBranch['test'], step: string): string {
  switch (test) {
    case 'if':
      return `branch else of if ${step} never taken`;
    case 'while':
      return `exit of while ${step} never taken (its test never failed)`;
    case 'for':
      return `for ${step} never reached with nothing to iterate`;
    case 'await':
      return `await ${step} never had to wait (its condition held whenever a thread reached it)`;
  }
}

/**
 * The line for a place no check reached: a warning, or a note with the reason when the spec
 * marks it unreachable.
 */
export function unreachedLine(what: string, mark: MarkedPlace | undefined): string {
  return mark === undefined
    ? `  warning: ${what}`
    : `  note: ${what}; marked unreachable: "${mark.reason}"`;
}

/**
 * One warning line per cover never reached and step never enabled, as Spin lists unreached
 * code: `  warning: cover two_in: never reached (specs/x.cred:14:1)`; a note instead for a place
 * the spec marks unreachable. Empty unless the result records them (an exhaustive embedded run
 * that found no violation).
 */
export function formatUnreached(r: VariantResult, locate?: UnreachedLocator): string[] {
  if (r.unreached === undefined) return [];
  const where = (loc: SourceLocation | null | undefined): string =>
    loc ? ` (${loc.file}:${loc.line}:${loc.column})` : '';
  const marks = locate?.marks ?? [];
  return [
    ...r.unreached.covers.map((c) =>
      unreachedLine(
        `cover ${c}: never reached${where(locate?.cover(c))}`,
        markFor(marks, 'cover', c),
      ),
    ),
    ...r.unreached.steps.map((s) =>
      unreachedLine(`step ${s} never enabled${where(locate?.step(s))}`, markFor(marks, 'step', s)),
    ),
    ...(r.unreached.branches ?? []).map((b) =>
      unreachedLine(
        `${describeBranch(b.test, b.step)}${where(locate?.step(b.step))}`,
        markFor(marks, 'branch', b.step),
      ),
    ),
  ];
}

/** The line `check` and `ci` print once when TLC ran exhaustively: it does not report covers or unreached steps. */
export const TLC_UNREACHED_NOTE =
  'note: TLC does not report covers never reached or steps never enabled; check with --engine embedded to see them';

/**
 * For `out_of_range`: the variable the last step took out of its range and its declaration. The
 * source map beside the checked module says which variables the check covers; without it, nothing.
 */
function rangeLines(r: VariantResult): string[] {
  let map: SourceMap;
  try {
    map = JSON.parse(readFileSync(r.module.replace(/\.tla$/, '.map.json'), 'utf8')) as SourceMap;
  } catch {
    return [];
  }
  const suspects = rangeSuspects(map, r.trace ?? []);
  const where = (l: (typeof suspects)[number]['location']): string =>
    l === null ? '' : ` declared at ${l.file}:${l.line}:${l.column}`;
  if (suspects.length === 1) {
    const s = at(suspects, 0, 'the one suspect');
    return [`  ${s.name} = ${formatValue(s.value)} is outside the range${where(s.location)}`];
  }
  return suspects.length === 0
    ? []
    : [
        '  one of these is outside its range:',
        ...suspects.map((s) => `    ${s.name} = ${formatValue(s.value)}${where(s.location)}`),
      ];
}
