// The plain trace (`credspec trace --plain`, and what `trace` prints off a terminal): a header,
// then one block per step in the spirit of Spin's `-t -p` (index, thread, file:line:col,
// statement, kernel link, changes), the lasso or stuttering note, the breaking state and a
// deadlock's wait-for picture. Pure; no colour, no terminal width: the same result gives the same bytes.

import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { describeParams } from '../../result/expectation.js';
import { describeStatusChange, statusChanges, unbornAtStart } from './trace-facts.js';
import { formatChange, formatValue } from './value-text.js';
import { waitForLines } from './wait-for.js';
import { breakingLines } from './breaking-lines.js';
import { type FoldOptions, foldedLine, traceParts } from './fold-steps.js';

/** `file:line:col` of a step, or null for the initial state and steps without a location. */
export function formatStepLocation(step: TraceStep): string | null {
  const l = step.location;
  return l === null ? null : `${l.file}:${l.line}:${l.column}`;
}

/** `security/landlock/tsync.c restrict_one_thread @42fc7e6543f6`. */
export function formatKernelLink(kernel: NonNullable<TraceStep['kernel']>): string {
  return [kernel.file, kernel.func, kernel.commit === undefined ? undefined : `@${kernel.commit}`]
    .filter((x) => x !== undefined)
    .join(' ');
}

/** The verdict in a few words: `deadlock`, `violated caller_returns`, `holds`. */
export function formatVerdict(result: VariantResult): string {
  return result.property === null ? result.verdict : `${result.verdict} ${result.property}`;
}

/** The header lines shared by the plain formats. */
export function headerLines(result: VariantResult): readonly string[] {
  const params = describeParams(result.overrides ?? result.params);
  const s = result.stats;
  const lines = [
    `spec      ${result.spec}`,
    `variant   ${result.variant}${params === '' ? '' : ` (${params})`}`,
    `engine    ${result.engine}: ${s.distinctStates} distinct states, ${s.statesGenerated} generated, depth ${s.depth}`,
    `verdict   ${formatVerdict(result)}`,
  ];
  if (result.expected !== null) {
    const e = result.expected;
    lines.push(
      `expected  ${e.property === null ? e.verdict : `${e.verdict} ${e.property}`}${e.tag === undefined ? '' : ` [${e.tag}]`}`,
    );
  }
  return lines;
}

/** The lasso's closing step (the last trace entry, marked with `backTo`), if the result records one. */
export function closingStep(result: VariantResult): TraceStep | null {
  const last = result.trace?.[result.trace.length - 1];
  return last !== undefined && last.backTo !== undefined ? last : null;
}

/** `p1 P.spin (line 7)`: who took a step and where, in a few words. */
export function stepWords(step: TraceStep): string {
  const line = step.location === null ? '' : ` (line ${step.location.line})`;
  const outcome = step.outcome === undefined ? '' : ` [${step.outcome}]`;
  return `${step.thread ?? '(environment)'} ${step.step}${outcome}${line}`;
}

/**
 * What repeats forever in a lasso: `states k..n repeat forever: steps k+1..n, then <thread>
 * <step> (line L) goes back to state k`. The step into state k is not part of the loop.
 */
export function loopSentence(result: VariantResult): string | null {
  const k = result.loopsBackTo;
  if (k === null || result.trace === null) return null;
  const closing = closingStep(result);
  const n = result.trace.length - 1 - (closing === null ? 0 : 1);
  const states = k === n ? `state ${k} repeats forever` : `states ${k}..${n} repeat forever`;
  const inside = n > k ? (n === k + 1 ? `step ${n}` : `steps ${k + 1}..${n}`) : null;
  if (closing === null)
    return `${states}${inside === null ? '' : `: ${inside}`}, then a step back to state ${k} (the result does not record which)`;
  const back =
    closing.thread === null && closing.location === null
      ? `a step goes back to state ${k}`
      : `${stepWords(closing)} goes back to state ${k}`;
  return `${states}: ${inside === null ? '' : `${inside}, then `}${back}`;
}

/** `5 states` of a trace, and the lasso's step back when recorded: `5 states, then the step back to state 2`. */
export function traceSize(result: VariantResult): string {
  const closing = closingStep(result);
  const n = (result.trace?.length ?? 0) - (closing === null ? 0 : 1);
  const states =
    closing === null ? `${n} states` : `${n} states, then the step back to state ${closing.backTo}`;
  return states + counterexampleNote(result.counterexample);
}

/** `, shrunk from 83, 2 preemptions`: how the trace was chosen, when the result says. */
function counterexampleNote(facts: VariantResult['counterexample']): string {
  if (facts === undefined) return '';
  const shrunk = facts.shrunkFrom === undefined ? '' : `, shrunk from ${facts.shrunkFrom}`;
  const p = facts.preemptions;
  const count = p === null ? '' : `, ${p} preemption${p === 1 ? '' : 's'}`;
  const marked = facts.essential;
  const essential = marked === undefined ? '' : `, ${marked.length} essential`;
  return `${shrunk}${count}${essential}`;
}

/** The closing note of a lasso or a stuttering behaviour; null for a finite trace. */
export function endingNote(result: VariantResult): string | null {
  const last = result.trace === null ? 0 : result.trace.length - 1;
  const loop = loopSentence(result);
  if (loop !== null) return `-- ${loop}`;
  if (result.stuttering === true)
    return `-- then stuttering: nothing changes after step ${last}, forever`;
  return null;
}

function stepBlock(step: TraceStep, result: VariantResult): string[] {
  const indexText = String(step.index).padStart(3);
  const pad = '       ';
  if (step.index === 0 && step.thread === null && step.location === null) {
    const lines = [
      `${indexText}  init${result.loopsBackTo === 0 ? '   <- the loop starts here' : ''}`,
    ];
    for (const [k, v] of Object.entries(step.state)) lines.push(`${pad}${k} = ${formatValue(v)}`);
    const unborn = unbornAtStart(result);
    if (unborn.length > 0)
      lines.push(`${pad}unborn: ${unborn.join(', ')} (spare slots a clone may fill)`);
    return lines;
  }
  const head = [indexText, step.thread ?? '(environment)', formatStepLocation(step), step.step]
    .filter((x) => x !== null)
    .join('  ');
  const loopMark =
    step.backTo !== undefined
      ? `   -> back to state ${step.backTo}`
      : result.loopsBackTo === step.index
        ? '   <- the loop starts here'
        : '';
  const lines = [`${head}${loopMark}`];
  if (step.source !== null) lines.push(`${pad}${step.source}`);
  if (step.outcome !== undefined) lines.push(`${pad}outcome: ${step.outcome}`);
  if (step.kernel !== undefined) lines.push(`${pad}kernel: ${formatKernelLink(step.kernel)}`);
  const changes = Object.entries(step.changes);
  const lives = result.trace === null ? [] : statusChanges(result.trace, step.index);
  if (changes.length === 0 && lives.length === 0) lines.push(`${pad}(no change)`);
  for (const c of lives) lines.push(`${pad}${describeStatusChange(c)}`);
  for (const [k, c] of changes) lines.push(`${pad}${k}: ${formatChange(c)}`);
  return lines;
}

/** How much of a trace to show (fold-steps.ts). */
export type TextTraceOptions = FoldOptions;

/** The whole plain trace, ending in a newline. A result without a trace gets only its header. */
export function formatTextTrace(result: VariantResult, options: TextTraceOptions = {}): string {
  const lines: string[] = [...headerLines(result)];
  const trace = result.trace ?? [];
  lines.push(`trace     ${traceSize(result)}`);
  for (const part of traceParts(trace, options)) {
    lines.push('');
    if (part.kind === 'step') lines.push(...stepBlock(part.step, result));
    else lines.push(foldedLine(part));
  }
  const note = endingNote(result);
  if (note !== null) lines.push('', note);
  const breaking = breakingLines(result);
  if (breaking.length > 0) lines.push('', ...breaking);
  const waits = waitForLines(result);
  if (waits.length > 0) lines.push('', ...waits);
  return `${lines.join('\n')}\n`;
}
