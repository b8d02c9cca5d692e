// The plain trace (`credspec trace --plain`, and what `trace` prints off a terminal): a header,
// then one block per step in the spirit of Spin's `-t -p` (index, thread, file:line:col,
// statement, kernel link, changes), the lasso or stuttering note, and a deadlock's wait-for
// picture. Pure; no colour, no terminal width: the same result gives the same bytes.

import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { formatChange, formatParams, formatValue } from './value-text.js';
import { waitForLines } from './wait-for.js';
import type { SpecSources } from './wait-inference.js';

/** `file:line:col` of a step, or null for the initial state and steps without a location. */
export function formatStepLocation(step: TraceStep): string | null {
  const l = step.location;
  return l === null ? null : `${l.file}:${l.line}:${l.column}`;
}

/** `security/landlock/tsync.c restrict_one_thread @42fc7e6543f6`. */
export function formatKernelLink(kernel: NonNullable<TraceStep['kernel']>): string {
  return [kernel.file, kernel.func, kernel.commit === undefined ? undefined : `@${kernel.commit}`].filter((x) => x !== undefined).join(' ');
}

/** The verdict in a few words: `deadlock`, `violated caller_returns`, `holds`. */
export function formatVerdict(result: VariantResult): string {
  return result.property === null ? result.verdict : `${result.verdict} ${result.property}`;
}

/** The header lines shared by the plain formats. */
export function headerLines(result: VariantResult): readonly string[] {
  const params = formatParams(result.params);
  const s = result.stats;
  const lines = [
    `spec      ${result.spec}`,
    `variant   ${result.variant}${params === '' ? '' : ` (${params})`}`,
    `engine    ${result.engine}: ${s.distinctStates} distinct states, ${s.statesGenerated} generated, depth ${s.depth}`,
    `verdict   ${formatVerdict(result)}`,
  ];
  if (result.expected !== null) {
    const e = result.expected;
    lines.push(`expected  ${e.property === null ? e.verdict : `${e.verdict} ${e.property}`}${e.tag === undefined ? '' : ` [${e.tag}]`}`);
  }
  return lines;
}

/** The closing note of a lasso or a stuttering behaviour; null for a finite trace. */
export function endingNote(result: VariantResult): string | null {
  const last = result.trace === null ? 0 : result.trace.length - 1;
  if (result.loopsBackTo !== null) {
    return `-- back to step ${result.loopsBackTo}: steps ${result.loopsBackTo}..${last} repeat forever`;
  }
  if (result.stuttering === true) return `-- then stuttering: nothing changes after step ${last}, forever`;
  return null;
}

function stepBlock(step: TraceStep, result: VariantResult): string[] {
  const indexText = String(step.index).padStart(3);
  const pad = '       ';
  if (step.index === 0 && step.thread === null && step.location === null) {
    const lines = [`${indexText}  init`];
    for (const [k, v] of Object.entries(step.state)) lines.push(`${pad}${k} = ${formatValue(v)}`);
    return lines;
  }
  const head = [indexText, step.thread ?? '(environment)', formatStepLocation(step), step.step].filter((x) => x !== null).join('  ');
  const loopMark = result.loopsBackTo === step.index ? '   <- the loop starts here' : '';
  const lines = [`${head}${loopMark}`];
  if (step.source !== null) lines.push(`${pad}${step.source}`);
  if (step.outcome !== undefined) lines.push(`${pad}outcome: ${step.outcome}`);
  if (step.kernel !== undefined) lines.push(`${pad}kernel: ${formatKernelLink(step.kernel)}`);
  const changes = Object.entries(step.changes);
  if (changes.length === 0) lines.push(`${pad}(no change)`);
  for (const [k, c] of changes) lines.push(`${pad}${k}: ${formatChange(c)}`);
  return lines;
}

/** The whole plain trace, ending in a newline. A result without a trace gets only its header. */
export function formatTextTrace(result: VariantResult, sources?: SpecSources): string {
  const lines: string[] = [...headerLines(result)];
  const trace = result.trace ?? [];
  lines.push(`trace     ${trace.length} states`);
  for (const step of trace) {
    lines.push('');
    lines.push(...stepBlock(step, result));
  }
  const note = endingNote(result);
  if (note !== null) lines.push('', note);
  const waits = waitForLines(result, sources);
  if (waits.length > 0) lines.push('', ...waits);
  return `${lines.join('\n')}\n`;
}
