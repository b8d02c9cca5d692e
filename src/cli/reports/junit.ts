// JUnit XML for `credspec ci --junit`: one test case per variant and parameter set, the
// trace in the failure body, so a CI page lists each scenario by name; a spec that could not be
// checked is an errored case named after its file. Built with junit-report-builder.

import junitModule, { type Builder } from 'junit-report-builder';
import type { StaleGenerated, UncheckedSpec, VariantResult } from '../../result/result-file.js';
import {
  describeExpectation,
  describeParams,
  describeVerdict,
  judgeExpectation,
} from '../../result/expectation.js';
import { formatTextTrace } from '../../trace/formats/text.js';
import { formatLockOrder } from '../../driver/lock-order.js';
import { junitMarker } from '../junit-marker.js';
import {
  describeBroken,
  describeExcused,
  describeVacant,
  type GateFindings,
  markWhere,
  NO_FINDINGS,
  vacantWhere,
} from '../vacuity-gate.js';

// The package is CommonJS whose module.exports is the builder itself; its typings describe an
// ES default export, so the default import is the builder at run time.
const junit = junitModule as unknown as Builder;

/** The XML text of a JUnit report for the given results and the specs that could not be checked. */
export function buildJunitReport(
  results: readonly VariantResult[],
  unchecked: readonly UncheckedSpec[] = [],
  stale: readonly StaleGenerated[] = [],
  gate: GateFindings = NO_FINDINGS,
): string {
  const builder = junit.newBuilder();
  addGateSuite(builder, gate);
  addStaleSuite(builder, stale);
  for (const u of unchecked) addUncheckedSuite(builder, u);
  const bySpec = new Map<string, VariantResult[]>();
  for (const r of results) {
    const list = bySpec.get(r.spec) ?? [];
    list.push(r);
    bySpec.set(r.spec, list);
  }
  for (const [spec, list] of bySpec) {
    const suite = builder.testSuite().name(spec);
    for (const r of list) {
      addResultCase(suite, spec, r);
      addLockOrderCase(suite, spec, r);
    }
  }
  return withMarker(builder.build());
}

type Suite = ReturnType<Builder['testSuite']>;

/** The vacuity gate's suite: a failure per vacant place and broken mark, a skip per excused place. */
function addGateSuite(builder: Builder, gate: GateFindings): void {
  if (gate.vacant.length + gate.excused.length + gate.broken.length === 0) return;
  const suite = builder.testSuite().name('vacuity gate');
  for (const p of gate.vacant)
    suite
      .testCase()
      .className(p.spec)
      .name(`${p.kind} ${p.name}`)
      .file(p.location?.file ?? p.spec)
      .failure(`${vacantWhere(p)}: ${describeVacant(p)}`, 'NeverReached');
  // An excused place is skipped, not passed: no check took it, and the spec says why.
  for (const p of gate.excused)
    suite
      .testCase()
      .className(p.spec)
      .name(`${p.kind} ${p.name}`)
      .file(p.location?.file ?? p.spec)
      .skipped()
      .standardOutput(`${vacantWhere(p)}: ${describeExcused(p)}`);
  for (const b of gate.broken)
    suite
      .testCase()
      .className(b.spec)
      .name(`${b.mark.kind} ${b.mark.name}`)
      .file(b.mark.location.file)
      .failure(`${markWhere(b.mark)}: ${describeBroken(b)}`, 'UnreachableReached');
}

/** The committed generated files that differ from what emit writes now, one failure each. */
function addStaleSuite(builder: Builder, stale: readonly StaleGenerated[]): void {
  if (stale.length === 0) return;
  const suite = builder.testSuite().name('generated files');
  for (const s of stale) {
    const reason =
      s.reason === 'missing' ? 'missing; emit writes it' : 'differs from what emit writes now';
    suite
      .testCase()
      .className(s.spec)
      .name(s.file)
      .file(s.file)
      .failure(`${s.file} ${reason} (run credspec emit ${s.spec})`, 'StaleGenerated');
  }
}

/** A spec that could not be checked: an errored case named after its file, its diagnostics the body. */
function addUncheckedSuite(builder: Builder, u: UncheckedSpec): void {
  const testCase = builder
    .testSuite()
    .name(u.spec)
    .testCase()
    .className(u.spec)
    .name(u.spec)
    .file(u.spec);
  const n = u.diagnostics.length;
  const body = u.diagnostics
    .map(
      (d) =>
        `${d.location.file}:${d.location.line}:${d.location.column}: ${d.severity} ${d.code}: ${d.message}`,
    )
    .join('\n');
  testCase.error(
    `the spec could not be checked: ${n} error${n === 1 ? '' : 's'}`,
    'SpecError',
    body,
  );
}

/** One (variant, parameter set) as a case: passed, failed with its trace, or errored. */
function addResultCase(suite: Suite, spec: string, r: VariantResult): void {
  const params = describeParams(r.overrides ?? r.params);
  const name = `${r.expected?.tag ? `[${r.expected.tag}] ` : ''}${r.variant}${params ? ` (${params})` : ''}`;
  const testCase = suite.testCase().className(spec).name(name).time(r.stats.seconds).file(spec);
  const outcome = judgeExpectation(r);
  const actual = describeVerdict(r.verdict, r.property);
  const expected = r.expected ? describeExpectation(r.expected) : 'no expectation';
  const stats = `${r.stats.distinctStates} distinct states, ${r.stats.statesGenerated} generated, depth ${r.stats.depth}`;
  if (outcome === 'unmet') {
    testCase.failure(`expected ${expected}, got ${actual}`, 'ExpectationNotMet');
    testCase.stacktrace(r.trace ? formatTextTrace(r) : stats);
  } else if (outcome === 'error') {
    testCase.error(`checking failed: ${r.error?.message ?? 'unknown error'}`, 'CheckError');
  } else if (outcome === 'inconclusive') {
    testCase.error(
      `inconclusive (${r.inconclusive?.reason ?? 'limit'}): expected ${expected}; ${r.inconclusive?.advice ?? ''}`.trim(),
      'Inconclusive',
    );
  } else {
    testCase.standardOutput(`${actual} as expected; ${stats}`);
  }
}

/**
 * A check's lock-order inversions as a failed case of its own beside the verdict's case: `ci`
 * fails on an inversion whatever the verdict, and the verdict's case keeps its own outcome.
 */
function addLockOrderCase(suite: Suite, spec: string, r: VariantResult): void {
  const cycles = r.lockOrder?.cycles ?? [];
  if (cycles.length === 0) return;
  const params = describeParams(r.overrides ?? r.params);
  const orders = cycles.map((c) => [...c.locks, c.locks[0] ?? ''].join(' -> ')).join(', ');
  const n = cycles.length;
  suite
    .testCase()
    .className(spec)
    .name(`lock order: ${r.variant}${params ? ` (${params})` : ''}`)
    .file(spec)
    .failure(
      `${n} lock-order inversion${n === 1 ? '' : 's'}: ${orders}; accept an order the kernel documents with \`lock_order a < b\``,
      'LockOrderInversion',
    )
    .stacktrace(formatLockOrder(r).join('\n'));
}

/** Puts the marker that tells a later run this report is credspec's own, so it may replace it. */
function withMarker(xml: string): string {
  const marker = junitMarker();
  const declaration = /^<\?xml[^>]*\?>\n?/.exec(xml);
  return declaration === null
    ? `${marker}\n${xml}`
    : `${declaration[0].trimEnd()}\n${marker}\n${xml.slice(declaration[0].length)}`;
}
