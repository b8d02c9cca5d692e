// Compact plain-text forms shared by reports (JUnit failure bodies, SARIF messages, the check
// summary): parameters as `A=1, B=2`, values in the spec's notation, and a one-block-per-step
// trace in the spirit of Spin's `-t -p`.

import type { DslValue, TraceStep, VariantResult } from '../../result/result-file.js';

/** `CALLERS=2, SIBLINGS=0`, sorted by name; empty for no parameters. */
export function formatParams(params: Readonly<Record<string, number | boolean | string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(', ');
}

/** A value as the spec would write it: `{caller1, caller2}`, `<<1, 2>>`, `{ error: ENOMEM }`. */
export function formatValue(value: DslValue | null): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `<<${value.map(formatValue).join(', ')}>>`;
  const obj = value as Record<string, unknown>;
  if ('#bigint' in obj) return String(obj['#bigint']);
  if ('#mv' in obj) return String(obj['#mv']);
  if ('#set' in obj) return `{${(obj['#set'] as DslValue[]).map(formatValue).join(', ')}}`;
  if ('#map' in obj) {
    const pairs = obj['#map'] as [DslValue, DslValue][];
    return `[${pairs.map(([k, v]) => `${formatValue(k)} |-> ${formatValue(v)}`).join(', ')}]`;
  }
  const fields = Object.keys(obj).map((k) => `${k}: ${formatValue(obj[k] as DslValue)}`);
  return `{ ${fields.join(', ')} }`;
}

function formatStep(step: TraceStep): string[] {
  const where = step.location ? `${step.location.file}:${step.location.line}:${step.location.column}` : '';
  const who = step.thread ?? '-';
  const lines = [`${String(step.index).padStart(3)}  ${who.padEnd(10)} ${step.step}${where ? `  ${where}` : ''}`];
  if (step.source) lines.push(`     ${step.source}${step.outcome ? `  [${step.outcome}]` : ''}`);
  for (const [name, change] of Object.entries(step.changes)) {
    lines.push(`       ${name}: ${formatValue(change.before)} -> ${formatValue(change.after)}`);
  }
  return lines;
}

/** The whole trace of a result as plain text, with lasso and stuttering notes. */
export function formatTracePlain(result: Pick<VariantResult, 'trace' | 'loopsBackTo' | 'stuttering'>): string {
  if (!result.trace) return '';
  const lines: string[] = [];
  for (const step of result.trace) lines.push(...formatStep(step));
  if (result.loopsBackTo !== null) lines.push(`     ... and back to step ${result.loopsBackTo}, forever`);
  if (result.stuttering) lines.push('     ... and nothing more happens (stutters forever)');
  return lines.join('\n');
}
