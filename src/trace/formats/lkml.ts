// The `lkml` trace format: the plain-text interleaving kernel developers put in commit
// messages, one column per thread headed CPU0, CPU1, ..., one line per step with the statement
// in its thread's column, at most 80 columns wide (long statements wrap, then are cut with
// "..."). Pure; ASCII framing only, so it survives any mail client.

import { at } from '../../source/checked-index.js';
import type { VariantResult } from '../../result/result-file.js';
import { loopSentence } from './text.js';
import { statusChanges, traceFacts, unbornAtStart } from './trace-facts.js';
import { lkmlStatement } from './statement-text.js';
import { waitEdges, waitForLines } from './wait-for.js';
import { breakingLines } from './breaking-lines.js';
import { type FoldOptions, foldedSummary, traceParts } from './fold-steps.js';

/** One line of a closing block wrapped to the width, its continuations further in so it reads as one entry. */
function wrapIndented(line: string): string[] {
  const indent = ' '.repeat(line.search(/[^ ]|$/));
  const [first, ...rest] = wrapText(line.trim(), LKML_WIDTH - indent.length);
  return [
    `${indent}${first ?? ''}`,
    ...wrapText(rest.join(' '), LKML_WIDTH - indent.length - 4)
      .filter((l) => l !== '')
      .map((l) => `${indent}    ${l}`),
  ];
}

/** The widest line this format writes. */
export const LKML_WIDTH = 80;
const GAP = 2;
/** A statement wraps onto at most this many lines before it is cut. */
const MAX_STATEMENT_LINES = 3;
const CONTINUATION = '  ';
/** Stands for a space that must not break a line while wrapping. */
const KEEP = '\u0001';

/** Where to cut a word longer than a line: after punctuation when there is some late enough. */
function breakPoint(word: string, width: number): number {
  // Not after `_` or `.`: an identifier or a field path split there reads as two names.
  // Nor between the parentheses of an empty argument list.
  for (let p = width; p > width / 3; p--)
    if (
      '(,>'.includes(at(word, p - 1, 'a word longer than a line')) &&
      !(word[p - 1] === '(' && word[p] === ')')
    )
      return p;
  return width;
}

/**
 * Word-wraps `text` to `width`, cutting words longer than a line and ending with "..." when
 * more than `maxLines` lines would be needed.
 */
export function wrapText(
  text: string,
  width: number,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
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
  const last = at(kept, maxLines - 1, 'the kept lines');
  kept[maxLines - 1] =
    last.length + 3 <= width ? `${last}...` : `${last.slice(0, Math.max(0, width - 3))}...`;
  return kept;
}

/**
 * A statement in a column: wrapped to the column, continuation lines set in by two so each
 * statement still reads as one entry, cut with "..." past MAX_STATEMENT_LINES.
 */
export function columnLines(text: string, width: number): string[] {
  // A trailing `// comment` (an outcome, "sleeps forever") is kept in one piece.
  const flat = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\/\/ .*$/, (c) => c.replace(/ /g, KEEP));
  const first = at(wrapText(flat, width), 0, 'wrapped lines');
  // wrapText's first line is always a prefix of the flattened text.
  const rest = flat.slice(first.length).trim();
  if (rest === '') return [first.split(KEEP).join(' ')];
  // Set in only when that cuts no word a full-width line would keep whole.
  const indent = rest
    .split(' ')
    .some((w) => w.length > width - CONTINUATION.length && w.length <= width)
    ? ''
    : CONTINUATION;
  const lines = [
    first,
    ...wrapText(rest, width - indent.length, MAX_STATEMENT_LINES - 1).map((l) => `${indent}${l}`),
  ];
  return lines.map((l) => l.split(KEEP).join(' '));
}

/** The lkml-style interleaving of a result's trace, ending in a newline; non-essential runs folded unless `allSteps`. */
export function formatLkmlTrace(result: VariantResult, options: FoldOptions = {}): string {
  const facts = traceFacts(result);
  const threads = facts.threads.length === 0 ? ['-'] : facts.threads;
  const n = threads.length;
  const colWidth = Math.max(8, Math.floor((LKML_WIDTH - GAP * (n - 1)) / n));
  const column = new Map(threads.map((t, i) => [t, i]));
  const row = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(colWidth + GAP)))
      .join('')
      .trimEnd();
  const place = (col: number, text: string): string =>
    row(threads.map((_, i) => (i === col ? text : '')));
  const out: string[] = [];
  out.push(
    row(threads.map((t, i) => at(wrapText(`CPU${i} (${t})`, colWidth, 1), 0, 'wrapped lines'))),
  );
  out.push(row(threads.map(() => '----')));
  const trace = result.trace ?? [];
  const k = result.loopsBackTo;
  const unborn = new Set(unbornAtStart(result));
  if (unborn.size > 0) out.push(row(threads.map((t) => (unborn.has(t) ? '(unborn)' : ''))));
  if (k === 0) out.push(...wrapText(`<the loop starts here>`, LKML_WIDTH));
  // Births, exits and ends, each in the column of the thread they happen to.
  const lives = (index: number): string[] =>
    statusChanges(trace, index).flatMap((c) => {
      const col = column.get(c.thread);
      const what = c.by !== undefined ? `(born: clone of ${c.by})` : `(${c.after})`;
      return col === undefined ? [] : columnLines(what, colWidth).map((p) => place(col, p));
    });
  for (const part of traceParts(trace, options)) {
    if (part.kind === 'folded') {
      const col = part.thread === null ? undefined : column.get(part.thread);
      const text = foldedSummary(part);
      if (col === undefined) out.push(...columnLines(text, LKML_WIDTH));
      else for (const piece of columnLines(text, colWidth)) out.push(place(col, piece));
      for (const step of part.steps) out.push(...lives(step.index));
      continue;
    }
    const step = part.step;
    if (step.index === 0 && step.thread === null) continue;
    const col = step.thread === null ? undefined : column.get(step.thread);
    const text =
      step.backTo !== undefined && step.location === null && step.thread !== null
        ? `(the step back to state ${step.backTo})`
        : lkmlStatement(step);
    if (col === undefined) out.push(...columnLines(`(${step.step}) ${text}`, LKML_WIDTH));
    else for (const piece of columnLines(text, colWidth)) out.push(place(col, piece));
    out.push(...lives(step.index));
    // State k is the loop's first: the step into it ran once, the ones after it repeat.
    if (k !== null && step.index === k && step.backTo === undefined)
      out.push(...wrapText(`<the loop starts here>`, LKML_WIDTH));
  }
  const loop = loopSentence(result);
  if (loop !== null) out.push(...wrapText(`<${loop}>`, LKML_WIDTH));
  else if (result.stuttering === true)
    out.push(...wrapText('<then nothing happens, forever>', LKML_WIDTH));
  else if (result.verdict === 'violated' && result.property !== null)
    out.push(...wrapText(`<${result.property} is violated here>`, LKML_WIDTH));
  // A deadlock's sleepers, each in its column, where the interleaving stops for good.
  for (const edge of result.verdict === 'deadlock' ? waitEdges(result) : []) {
    const col = column.get(edge.thread);
    if (col === undefined || edge.statement === undefined) continue;
    for (const piece of columnLines(
      `${edge.statement.replace(/\s*\{$/, '')} // sleeps forever`,
      colWidth,
    ))
      out.push(place(col, piece));
  }
  const breaking = breakingLines(result);
  if (breaking.length > 0) out.push('', ...breaking.flatMap(wrapIndented));
  const waits = waitForLines(result);
  if (waits.length > 0) out.push('', ...waits.flatMap(wrapIndented));
  return `${out.join('\n')}\n`;
}
