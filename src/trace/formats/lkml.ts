// The `lkml` trace format: the plain-text interleaving kernel developers put in commit
// messages, one column per thread headed CPU0, CPU1, ..., one line per step with the statement
// in its thread's column, at most 80 columns wide (long statements wrap, then are cut with
// "..."). Pure; ASCII framing only, so it survives any mail client.

import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { traceFacts } from './trace-facts.js';
import { waitForLines } from './wait-for.js';

/** The widest line this format writes. */
export const LKML_WIDTH = 80;
const GAP = 2;
/** A statement wraps onto at most this many lines before it is cut. */
const MAX_STATEMENT_LINES = 3;

/** Where to cut a word longer than a line: after punctuation when there is some late enough. */
function breakPoint(word: string, width: number): number {
  for (let p = width; p > width / 2; p--) if ('(,._>'.includes(word[p - 1]!)) return p;
  return width;
}

/**
 * Word-wraps `text` to `width`, cutting words longer than a line and ending with "..." when
 * more than `maxLines` lines would be needed.
 */
export function wrapText(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    while (word.length > width) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      const cut = breakPoint(word, width);
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length + 3 <= width ? `${last}...` : `${last.slice(0, Math.max(0, width - 3))}...`;
  return kept;
}

function statement(step: TraceStep): string {
  const text = step.source ?? step.step;
  return step.outcome === undefined ? text : `${text} // ${step.outcome}`;
}

/** The lkml-style interleaving of a result's trace, ending in a newline. */
export function formatLkmlTrace(result: VariantResult): string {
  const facts = traceFacts(result);
  const threads = facts.threads.length === 0 ? ['-'] : facts.threads;
  const n = threads.length;
  const colWidth = Math.max(8, Math.floor((LKML_WIDTH - GAP * (n - 1)) / n));
  const column = new Map(threads.map((t, i) => [t, i]));
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(colWidth + GAP))).join('').trimEnd();
  const place = (col: number, text: string): string => row(threads.map((_, i) => (i === col ? text : '')));
  const out: string[] = [];
  out.push(row(threads.map((t, i) => wrapText(`CPU${i} (${t})`, colWidth, 1)[0]!)));
  out.push(row(threads.map(() => '----')));
  for (const step of result.trace ?? []) {
    if (step.index === 0 && step.thread === null) continue;
    if (result.loopsBackTo === step.index) out.push(...wrapText(`<the loop from here on repeats forever>`, LKML_WIDTH));
    const col = step.thread === null ? undefined : column.get(step.thread);
    if (col === undefined) {
      out.push(...wrapText(`(${step.step}) ${statement(step)}`, LKML_WIDTH, MAX_STATEMENT_LINES));
      continue;
    }
    for (const piece of wrapText(statement(step), colWidth, MAX_STATEMENT_LINES)) out.push(place(col, piece));
  }
  if (result.loopsBackTo !== null) out.push(...wrapText(`<back to step ${result.loopsBackTo}>`, LKML_WIDTH));
  else if (result.stuttering === true) out.push(...wrapText('<then nothing happens, forever>', LKML_WIDTH));
  const waits = waitForLines(result);
  if (waits.length > 0) {
    out.push('');
    for (const w of waits) {
      const indent = w.match(/^ */)![0];
      // Continuation lines sit further in, so each wait still reads as one entry.
      const [first, ...rest] = wrapText(w.trim(), LKML_WIDTH - indent.length);
      out.push(`${indent}${first}`, ...wrapText(rest.join(' '), LKML_WIDTH - indent.length - 4).filter((l) => l !== '').map((l) => `${indent}    ${l}`));
    }
  }
  return `${out.join('\n')}\n`;
}
