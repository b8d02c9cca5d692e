// How `replay` tells where the other case stops following a counterexample: the step (its
// number, thread and place in the spec), why (not enabled, another outcome or branch, the
// thread has finished), and the state both sides are in just before it, where they differ.

import type { SourceMap } from '../emit/source-map.js';
import type { ReplayOutcome } from '../engine/index.js';
import type { TraceStep, VariantResult } from '../result/result-file.js';
import { formatValue } from '../trace/formats/value-text.js';
import { describeParams } from '../result/expectation.js';

type Divergence = Extract<ReplayOutcome, { kind: 'diverges' }>;

/** `replay of specs/x.cred v2 (CALLERS=2) on v3 (CALLERS=2)` */
export function replayHeader(source: VariantResult, target: string): string {
  return `replay of ${source.spec} ${source.variant}${paramText(source.overrides ?? {})} on ${target}`;
}

/** ` (CALLERS=2, SIBLINGS=0)`: the parameters a case set, as `check` names them; empty for none. */
export function paramText(overrides: Readonly<Record<string, number | boolean | string>>): string {
  const params = describeParams(overrides);
  return params === '' ? '' : ` (${params})`;
}

/** The divergence, from `diverges at step 5 of 12` on: `target` is the other case's behaviour up to it. */
export function divergenceText(
  source: VariantResult,
  target: VariantResult,
  d: Divergence,
  map: SourceMap,
): string {
  const steps = source.trace ?? [];
  const step = steps[d.step];
  const before = steps[d.step - 1];
  const now = target.trace?.[target.trace.length - 1];
  const stepName = (name: string): string => map.actions.find((a) => a.name === name)?.step ?? name;
  const outcome = (name: string): string | undefined =>
    map.actions.find((a) => a.name === name)?.outcome;
  const thread = step?.thread ?? null;
  const where =
    step?.location === null || step?.location === undefined
      ? ''
      : ` at ${step.location.file}:${step.location.line}:${step.location.column}`;
  const lines = [
    `diverges at step ${d.step} of ${steps.length - 1}`,
    `  step ${d.step} of the counterexample: ${thread ?? '(no thread)'} ${step?.step ?? stepName(d.wanted.name)}${step?.outcome === undefined ? '' : ` (${step.outcome})`}${where}`,
    `  on ${target.variant}: ${reason(d, thread, now, stepName, outcome)}`,
  ];
  if (before !== undefined && now !== undefined)
    lines.push(...stateLines(source, before, target, now, thread));
  return lines.join('\n');
}

function reason(
  d: Divergence,
  thread: string | null,
  now: TraceStep | undefined,
  stepName: (name: string) => string,
  outcome: (name: string) => string | undefined,
): string {
  const who = thread ?? 'the environment';
  const wantedStep = stepName(d.wanted.name);
  if (d.reason === 'other-choice')
    return `a different branch is taken: ${wantedStep} has no successor there like the one the counterexample took`;
  if (d.instead.length === 0) {
    const status = thread === null ? undefined : now?.threads?.[thread];
    return status === 'done' || status === 'gone' || status === 'exiting'
      ? `the thread has finished: ${who} can take no step there (${status})`
      : `${who} can take no step there (it is blocked)`;
  }
  const same = d.instead.find((a) => stepName(a.name) === wantedStep);
  if (same !== undefined)
    return `a different outcome is taken: ${wantedStep} goes ${outcome(same.name) ?? stepName(same.name)} there, not ${outcome(d.wanted.name) ?? 'the way the counterexample went'}`;
  const names = [...new Set(d.instead.map((a) => stepName(a.name)))].join(', ');
  return `the step is not enabled there; ${who} can take instead: ${names}`;
}

/** The variables (and the thread's status) that differ between both sides before the step. */
function stateLines(
  source: VariantResult,
  before: TraceStep,
  target: VariantResult,
  now: TraceStep,
  thread: string | null,
): string[] {
  const names = [...new Set([...Object.keys(before.state), ...Object.keys(now.state)])];
  const shown = (v: TraceStep['state'][string] | undefined): string =>
    v === undefined ? '(absent)' : formatValue(v);
  const differ = names.filter((n) => shown(before.state[n]) !== shown(now.state[n]));
  // The same variant under other parameters: say which side is which by role, not by name.
  const sides =
    source.variant === target.variant
      ? 'as checked | replayed'
      : `${source.variant} | ${target.variant}`;
  const out = [`  state before the step (${sides}):`];
  if (thread !== null) {
    const a = before.threads?.[thread] ?? '?';
    const b = now.threads?.[thread] ?? '?';
    out.push(`    ${thread}: ${a} | ${b}`);
  }
  if (differ.length === 0) out.push('    every variable is the same on both sides');
  for (const n of differ) out.push(`    ${n}: ${shown(before.state[n])} | ${shown(now.state[n])}`);
  return out;
}
