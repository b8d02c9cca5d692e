// SARIF 2.1.0 for `credspec ci --sarif`, what GitHub code scanning reads. Code scanning turns
// every result into an alert that stays open until a later run no longer reports it, so a
// result is only what is not as expected: a violation or deadlock the spec does not expect, an
// expected race no longer found, a check that could not decide or failed, a place the vacuity
// gate finds vacant, a broken `unreachable` mark, a stale generated file, a spec that could not
// be checked, a lock-order inversion (never expected: an order the spec accepts is no edge). A run where everything is as expected has no results; the expected races are in
// the JSON and JUnit reports. Each result sits at the spec line it is about, with the
// counterexample as a code flow of spec locations and the command line that reruns the check;
// its rule (sarif-rules.ts) says what the property is and how to read the trace.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { describeBroken, describeVacant, type GateFindings, NO_FINDINGS } from '../vacuity-gate.js';
import {
  checkFailedRule,
  deadlockRule,
  diagnosticRule,
  expectationRule,
  inconclusiveRule,
  lockOrderRule,
  propertyRule,
  type SarifRule,
  toolRule,
} from './sarif-rules.js';
import type { DocsLink } from './docs-link.js';
import { sarifLog } from './sarif-log.js';
import { describeLockEdge } from '../../driver/lock-order.js';

/** Code scanning rejects a result with more thread flow locations; the last steps are kept. */
const MAX_FLOW_STEPS = 10_000;

export interface SarifOptions {
  readonly toolVersion: string;
  readonly docs: DocsLink;
  /** The spec's own text over a location's lines (a property's declaration), or null. */
  readonly sourceText: (loc: SourceLocation) => string | null;
}

/** What `ci` found besides its results. */
export interface SarifFindings {
  readonly unchecked?: readonly UncheckedSpec[];
  readonly stale?: readonly StaleGenerated[];
  readonly gate?: GateFindings;
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string };
    region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
  };
  message?: { text: string };
}

/**
 * A path as code scanning matches it against the repository: relative paths as relative URI
 * references (each segment percent-encoded), absolute ones as file URLs.
 */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function toSarifLocation(loc: SourceLocation, message?: string): SarifLocation {
  const region: SarifLocation['physicalLocation']['region'] = {
    startLine: Math.max(1, loc.line),
    startColumn: Math.max(1, loc.column),
  };
  if (loc.endLine !== undefined) region.endLine = loc.endLine;
  if (loc.endColumn !== undefined) region.endColumn = loc.endColumn;
  const out: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: artifactUri(loc.file) }, region },
  };
  if (message !== undefined) out.message = { text: message };
  return out;
}

interface Entry {
  readonly rule: SarifRule;
  readonly result: Record<string, unknown>;
}

/** The SARIF log (as a JSON-ready object) of a `ci` run. */
export function buildSarifLog(
  results: readonly VariantResult[],
  options: SarifOptions,
  findings: SarifFindings = {},
): object {
  const entries: Entry[] = [
    ...gateEntries(findings.gate ?? NO_FINDINGS, options.docs),
    ...(findings.stale ?? []).map((s) => staleEntry(s, options.docs)),
    ...(findings.unchecked ?? []).flatMap((u) => uncheckedEntries(u, options.docs)),
    ...results.flatMap((r) => resultEntry(r, options) ?? []),
    ...results.flatMap((r) => lockOrderEntries(r, options)),
  ];
  const byId = new Map(entries.map((e) => [e.rule.id, e.rule]));
  const rules = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return sarifLog({
    toolVersion: options.toolVersion,
    informationUri: options.docs('cli.md', 'sarif-for-code-scanning'),
    rules,
    results: entries.map((e) => ({
      ruleId: e.rule.id,
      ruleIndex: index.get(e.rule.id),
      ...e.result,
    })),
  });
}

/** The vacuity gate: each vacant place and each broken mark an error; excused places are as expected. */
function gateEntries(gate: GateFindings, docs: DocsLink): Entry[] {
  const vacant = gate.vacant.map((p) => ({
    rule: toolRule(p.kind === 'bound' ? 'bound-decides-liveness' : 'never-reached', docs),
    result: {
      level: 'error',
      message: { text: `${describeVacant(p)}.` },
      locations: [toSarifLocation(p.location ?? { file: p.spec, line: 1, column: 1 })],
      partialFingerprints: {
        credspecScenario: `${p.spec}|${p.kind === 'bound' ? 'bound-decides-liveness' : 'never-reached'}|${p.kind} ${p.name}`,
      },
    },
  }));
  const broken = gate.broken.map((b) => ({
    rule: toolRule('unreachable-reached', docs),
    result: {
      level: 'error',
      message: { text: `${describeBroken(b)}.` },
      locations: [toSarifLocation(b.mark.location)],
      partialFingerprints: {
        credspecScenario: `${b.spec}|unreachable-reached|${b.mark.kind} ${b.mark.name}`,
      },
    },
  }));
  return [...vacant, ...broken];
}

function staleEntry(s: StaleGenerated, docs: DocsLink): Entry {
  const what =
    s.reason === 'missing' ? 'is missing; emit writes it' : 'differs from what emit writes now';
  return {
    rule: toolRule('stale-generated', docs),
    result: {
      level: 'error',
      message: { text: `${s.file} ${what} (run credspec emit ${s.spec}).` },
      locations: [toSarifLocation({ file: s.file, line: 1, column: 1 })],
      partialFingerprints: { credspecScenario: `${s.file}|stale-generated` },
    },
  };
}

function uncheckedEntries(u: UncheckedSpec, docs: DocsLink): Entry[] {
  return u.diagnostics.map((d) => ({
    rule: diagnosticRule(d.code, docs),
    result: {
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: `${d.message} (${u.spec} could not be checked).` },
      locations: [toSarifLocation(d.location)],
      partialFingerprints: {
        credspecScenario: `${u.spec}|${d.code}|${d.location.line}:${d.location.column}`,
      },
    },
  }));
}

/** A shell word as typed: bare when it needs no quoting. */
function shellWord(word: string): string {
  return /^[\w.,:=+/@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `credspec check` command line that reruns one case of `ci`. */
export function rerunCommand(r: VariantResult): string {
  const params = r.overrides ?? r.params;
  const words = ['credspec', 'check', r.spec, '--variant', r.variant];
  for (const k of Object.keys(params).sort()) words.push('--param', `${k}=${String(params[k])}`);
  const sim = r.expected?.simulation;
  if (sim !== undefined) {
    words.push('--simulate');
    if (sim.seed !== undefined) words.push('--seed', String(sim.seed));
    if (sim.traces !== undefined) words.push('--traces', String(sim.traces));
    if (sim.depth !== undefined) words.push('--depth', String(sim.depth));
  }
  if (r.engine === 'tlc') words.push('--engine', 'tlc');
  return words.map(shellWord).join(' ');
}

/** The rule a result that is not as expected falls under. */
function ruleOf(r: VariantResult, outcome: 'unmet' | 'inconclusive' | 'error', o: SarifOptions) {
  if (outcome === 'inconclusive') return inconclusiveRule(r.spec, o.docs);
  if (outcome === 'error') return checkFailedRule(r.spec, o.docs);
  if (r.verdict === 'deadlock') return deadlockRule(r.spec, o.docs);
  if (r.verdict === 'violated' && r.property !== null) {
    const loc = r.propertyLocation;
    return propertyRule(
      {
        spec: r.spec,
        name: r.property,
        line: loc?.line ?? null,
        text: loc === undefined ? null : o.sourceText(loc),
      },
      o.docs,
    );
  }
  return expectationRule(r.spec, o.docs);
}

/** What happened, in one sentence, and what to do next. */
function messageOf(r: VariantResult, outcome: 'unmet' | 'inconclusive' | 'error'): string {
  const params = describeParams(r.overrides ?? r.params);
  const where = `${r.spec} ${r.variant}${params ? ` (${params})` : ''}`;
  const expected = r.expected ? describeExpectation(r.expected) : 'nothing';
  const head = `${where}: ${describeVerdict(r.verdict, r.property)}, expected ${expected}.`;
  const detail =
    outcome === 'inconclusive' && r.inconclusive
      ? ` ${r.inconclusive.advice}`
      : outcome === 'error' && r.error
        ? ` ${r.error.message}`
        : '';
  return `${head}${detail} Rerun: ${rerunCommand(r)}`;
}

/** A trace's steps at their spec lines, the last ones when it is very long; none without one. */
function threadFlow(trace: VariantResult['trace']): object | undefined {
  const steps = (trace ?? []).flatMap((s) =>
    s.location === null
      ? []
      : [toSarifLocation(s.location, `${s.index}: ${s.thread ?? 'init'} ${s.source ?? s.step}`)],
  );
  if (steps.length === 0) return undefined;
  const kept = steps.slice(-MAX_FLOW_STEPS);
  return { locations: kept.map((location) => ({ location })) };
}

/** The code flow of a trace: its steps at their spec lines, the last ones when it is very long. */
function codeFlows(r: VariantResult): object[] | undefined {
  const flow = threadFlow(r.trace);
  return flow === undefined ? undefined : [{ threadFlows: [flow] }];
}

/**
 * A check's lock-order inversions, one result per cycle whatever the verdict: `ci` fails on
 * each (an order the spec accepts is no edge), so none is ever as expected. Placed at the step
 * that first showed the cycle's first edge, with a thread flow per edge.
 */
function lockOrderEntries(r: VariantResult, options: SarifOptions): Entry[] {
  const cycles = r.lockOrder?.cycles ?? [];
  if (cycles.length === 0) return [];
  const rule = lockOrderRule(options.docs);
  const params = describeParams(r.overrides ?? r.params);
  const where = `${r.spec} ${r.variant}${params ? ` (${params})` : ''}`;
  const reached = r.verdict === 'deadlock' ? '' : '; this check reaches no deadlock through it';
  return cycles.map((cycle) => {
    const order = [...cycle.locks, cycle.locks[0] ?? ''].join(' -> ');
    const edges = cycle.edges.map((w) => {
      const at = w.location === null ? '' : ` (${w.location.file}:${w.location.line})`;
      return `${describeLockEdge(w)} at ${w.step}${at}`;
    });
    const anchor = cycle.edges.find((w) => w.location !== null)?.location ?? {
      file: r.spec,
      line: 1,
      column: 1,
    };
    const flows = cycle.edges.flatMap((w) => threadFlow(w.trace) ?? []);
    const result: Record<string, unknown> = {
      level: 'error',
      message: {
        text: `${where}: lock-order inversion ${order}${reached}: ${edges.join('; ')}. Rerun: ${rerunCommand(r)}`,
      },
      locations: [toSarifLocation(anchor)],
      partialFingerprints: {
        credspecScenario: `${r.spec}|${r.variant}|${params}|${rule.id}|${cycle.locks.join(' ')}`,
      },
    };
    if (flows.length > 0) result.codeFlows = [{ threadFlows: flows }];
    return { rule, result };
  });
}

/** A result's entry when it is not as expected; none when it is. */
function resultEntry(r: VariantResult, options: SarifOptions): Entry | undefined {
  const outcome = judgeExpectation(r);
  if (outcome === 'met' || outcome === 'none') return undefined;
  const rule = ruleOf(r, outcome, options);
  const isViolation = r.verdict === 'violated' || r.verdict === 'deadlock';
  const anchor = (isViolation ? r.propertyLocation : undefined) ??
    r.expectLocation ??
    r.trace?.at(-1)?.location ?? { file: r.spec, line: 1, column: 1 };
  const params = describeParams(r.overrides ?? r.params);
  const result: Record<string, unknown> = {
    level: outcome === 'inconclusive' ? 'warning' : 'error',
    message: { text: messageOf(r, outcome) },
    locations: [toSarifLocation(anchor)],
    partialFingerprints: { credspecScenario: `${r.spec}|${r.variant}|${params}|${rule.id}` },
  };
  const flows = codeFlows(r);
  if (flows !== undefined) result.codeFlows = flows;
  return { rule, result };
}
