// SARIF 2.1.0 for `credspec ci --sarif`, what GitHub code scanning reads: one rule per
// property (and one for deadlock, one for an unmet expectation), one result per violation or
// unmet expectation, located at the spec line, with the counterexample as a code flow of spec
// locations so the trace can be stepped through on the CI page; the diagnostics of a spec that
// could not be checked are results too, one rule per diagnostic code.

import type {
  SourceLocation,
  StaleGenerated,
  UncheckedSpec,
  VariantResult,
} from '../../result/result-file.js';
import {
  describeExpectation,
  describeParams,
  describeVerdict,
  judgeExpectation,
} from '../../result/expectation.js';
import {
  describeBroken,
  describeVacant,
  type GateFindings,
  NO_FINDINGS,
  type VacantPlace,
} from '../vacuity-gate.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string };
    region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
  };
  message?: { text: string };
}

function toSarifLocation(loc: SourceLocation, message?: string): SarifLocation {
  const region: SarifLocation['physicalLocation']['region'] = {
    startLine: loc.line,
    startColumn: loc.column,
  };
  if (loc.endLine !== undefined) region.endLine = loc.endLine;
  if (loc.endColumn !== undefined) region.endColumn = loc.endColumn;
  const out: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: loc.file.split('\\').join('/') }, region },
  };
  if (message !== undefined) out.message = { text: message };
  return out;
}

function ruleIdOf(r: VariantResult): string {
  if (r.verdict === 'deadlock') return 'deadlock';
  if (r.verdict === 'violated' && r.property) return r.property;
  return 'expectation';
}

type SarifRule = { id: string; shortDescription: { text: string } };

/**
 * The vacuity gate's results: each vacant place an error, each excused one the same result
 * suppressed in source (SARIF's word for a justified exception) with the spec's reason, each
 * broken mark an error at the mark.
 */
function gateResults(gate: GateFindings, rules: Map<string, SarifRule>): object[] {
  const out: object[] = [];
  const never = (p: VacantPlace, extra: object): void => {
    rules.set('never-reached', {
      id: 'never-reached',
      shortDescription: {
        text: 'A step, fault point or cover that no exhaustive check of the spec reached.',
      },
    });
    out.push({
      ruleId: 'never-reached',
      level: 'error',
      message: { text: describeVacant(p) },
      locations: [toSarifLocation(p.location ?? { file: p.spec, line: 1, column: 1 })],
      partialFingerprints: { credspecScenario: `${p.spec}|never-reached|${p.kind} ${p.name}` },
      ...extra,
    });
  };
  for (const p of gate.vacant) never(p, {});
  for (const p of gate.excused)
    never(p, {
      level: 'note',
      suppressions: [
        {
          kind: 'inSource',
          justification: p.mark.reason,
          location: toSarifLocation(p.mark.location),
        },
      ],
    });
  for (const b of gate.broken) {
    rules.set('unreachable-reached', {
      id: 'unreachable-reached',
      shortDescription: {
        text: 'A place the spec marks `unreachable` that an exhaustive check reached.',
      },
    });
    out.push({
      ruleId: 'unreachable-reached',
      level: 'error',
      message: { text: describeBroken(b) },
      locations: [toSarifLocation(b.mark.location)],
      partialFingerprints: {
        credspecScenario: `${b.spec}|unreachable-reached|${b.mark.kind} ${b.mark.name}`,
      },
    });
  }
  return out;
}

/** The SARIF log (as a JSON-ready object) for the given results and the specs that could not be checked. */
export function buildSarifLog(
  results: readonly VariantResult[],
  toolVersion: string,
  unchecked: readonly UncheckedSpec[] = [],
  stale: readonly StaleGenerated[] = [],
  gate: GateFindings = NO_FINDINGS,
): object {
  const rules = new Map<string, SarifRule>();
  const sarifResults: object[] = [];
  sarifResults.push(...gateResults(gate, rules));
  for (const s of stale) {
    rules.set('stale-generated', {
      id: 'stale-generated',
      shortDescription: {
        text: 'A committed generated file is not what `credspec emit` writes now.',
      },
    });
    sarifResults.push({
      ruleId: 'stale-generated',
      level: 'error',
      message: {
        text: `${s.file} ${s.reason === 'missing' ? 'is missing; emit writes it' : 'differs from what emit writes now'} (run credspec emit ${s.spec})`,
      },
      locations: [toSarifLocation({ file: s.file, line: 1, column: 1 })],
      partialFingerprints: { credspecScenario: `${s.file}|stale-generated` },
    });
  }
  for (const u of unchecked) {
    for (const d of u.diagnostics) {
      if (!rules.has(d.code))
        rules.set(d.code, {
          id: d.code,
          shortDescription: {
            text: `credspec diagnostic ${d.code} (docs/diagnostics.md); the spec could not be checked.`,
          },
        });
      sarifResults.push({
        ruleId: d.code,
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: `${d.message} (${u.spec} could not be checked)` },
        locations: [toSarifLocation(d.location)],
        partialFingerprints: {
          credspecScenario: `${u.spec}|${d.code}|${d.location.line}:${d.location.column}`,
        },
      });
    }
  }
  for (const r of results) {
    const entry = resultEntry(r);
    if (entry === undefined) continue;
    if (!rules.has(entry.rule.id)) rules.set(entry.rule.id, entry.rule);
    sarifResults.push(entry.result);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'credspec',
            version: toolVersion,
            rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
          },
        },
        results: sarifResults,
      },
    ],
  };
}

/** A result's SARIF entry and its rule: a violation, or an expectation not met; else none. */
function resultEntry(
  r: VariantResult,
): { rule: SarifRule; result: Record<string, unknown> } | undefined {
  const outcome = judgeExpectation(r);
  const isViolation = r.verdict === 'violated' || r.verdict === 'deadlock';
  if (!isViolation && outcome !== 'unmet') return undefined;
  const ruleId = outcome === 'unmet' && !isViolation ? 'expectation' : ruleIdOf(r);
  const ruleText =
    ruleId === 'deadlock'
      ? 'A reachable state where no thread can take a step and not every thread has finished.'
      : ruleId === 'expectation'
        ? 'A variant did not behave as its expectation in the spec says.'
        : `The property ${ruleId} of the spec.`;
  const params = describeParams(r.overrides ?? r.params);
  const where = `${r.variant}${params ? ` (${params})` : ''}`;
  const actual = describeVerdict(r.verdict, r.property);
  const text =
    outcome === 'unmet'
      ? `${where}: expected ${r.expected ? describeExpectation(r.expected) : 'nothing'}, got ${actual}`
      : `${where}: ${actual}${r.expected ? ' (as expected)' : ''}`;
  const anchor = r.propertyLocation ??
    r.expectLocation ??
    r.trace?.[r.trace.length - 1]?.location ?? { file: r.spec, line: 1, column: 1 };
  const result: Record<string, unknown> = {
    ruleId,
    level: outcome === 'unmet' ? 'error' : outcome === 'met' ? 'note' : 'warning',
    message: { text },
    locations: [toSarifLocation(anchor)],
    partialFingerprints: { credspecScenario: `${r.spec}|${r.variant}|${params}|${ruleId}` },
  };
  if (r.trace && r.trace.length > 0) {
    const steps = r.trace.filter((s) => s.location !== null);
    result.codeFlows = [
      {
        threadFlows: [
          {
            locations: steps.map((s) => ({
              location: toSarifLocation(
                s.location as SourceLocation,
                `${s.index}: ${s.thread ?? 'init'} ${s.source ?? s.step}`,
              ),
            })),
          },
        ],
      },
    ];
  }
  return { rule: { id: ruleId, shortDescription: { text: ruleText } }, result };
}
