// The commands README.md and docs/*.md show with their output, read out of the fenced blocks,
// and the comparison of a run's output with what the page shows. Two forms carry output:
// a terminal session (a block whose command lines start with `$ `, each followed by what it
// prints), and a `sh` block where `# ` lines right under a command are the first lines it
// prints; a command of a `sh` block with no such lines shows no output and must succeed (exit
// status 0). On a shown line, `...` stands for any text; a line that is only `...` for any number
// of lines. Times (`0.04 s`) are masked. A block preceded by `<!-- file: NAME -->` is a file
// the reader writes at that point (docs/tutorial.md), before the commands after it run.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One step of a page, in page order: a file to write, or a command and what it shows. */
export type DocStep =
  | { readonly kind: 'file'; readonly name: string; readonly text: string }
  | {
      readonly kind: 'command';
      readonly line: number;
      readonly command: string;
      /**
       * The shown output; `prefix` when the page shows only how it begins, `status` when it
       * shows none (the command must then exit 0).
       */
      readonly shown: readonly string[];
      readonly match: 'whole' | 'prefix' | 'status';
    };

const FENCE = /^```(\S*)[^\n]*\n([\s\S]*?)^```$/gm;
const FILE_MARK = /<!-- file: (\S+) -->\s*$/;

/** A `sh` block: commands (with `\` continuations) and the `# ` lines under each. */
function shCommands(body: string, firstLine: number): DocStep[] {
  const out: DocStep[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let command = lines[i] ?? '';
    if (command.trim() === '' || command.startsWith('#')) continue;
    while (command.endsWith('\\') && i + 1 < lines.length)
      command = `${command.slice(0, -1)} ${lines[++i]?.trim()}`;
    const shown: string[] = [];
    while (lines[i + 1]?.startsWith('# ')) shown.push((lines[++i] ?? '').slice(2));
    const match = shown.length === 0 ? 'status' : 'prefix';
    out.push({ kind: 'command', line: firstLine + start, command, shown, match });
  }
  return out;
}

/** A terminal session: `$ command` lines, each followed by its whole output. */
function session(body: string, firstLine: number): DocStep[] {
  const out: DocStep[] = [];
  const lines = body.replace(/\n$/, '').split('\n');
  lines.forEach((l, i) => {
    if (l.startsWith('$ ')) {
      out.push({
        kind: 'command',
        line: firstLine + i,
        command: l.slice(2),
        shown: [],
        match: 'whole',
      });
    } else {
      const last = out.at(-1);
      if (last?.kind === 'command') (last.shown as string[]).push(l);
    }
  });
  return out;
}

/** The steps of one page. */
export function docSteps(root: string, page: string): DocStep[] {
  const text = readFileSync(join(root, page), 'utf8');
  const steps: DocStep[] = [];
  for (const m of text.matchAll(FENCE)) {
    const [, lang = '', body = ''] = m;
    const before = text.slice(0, m.index);
    const firstLine = before.split('\n').length + 1;
    const file = FILE_MARK.exec(before);
    if (file?.[1] !== undefined) steps.push({ kind: 'file', name: file[1], text: body });
    else if (/^\$ /m.test(body) && (lang === '' || lang === 'console'))
      steps.push(...session(body, firstLine));
    else if (lang === 'sh') steps.push(...shCommands(body, firstLine));
  }
  return steps;
}

/** Times masked and trailing blanks dropped: what may differ between two runs. */
function mask(line: string): string {
  return line.replace(/\b\d+\.\d+ s\b/g, '<time> s').trimEnd();
}

function linePattern(shown: string): RegExp {
  const parts = mask(shown)
    .split('...')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * Where the output first departs from what the page shows: null when it matches. Shown lines
 * between two `...` lines match consecutive output lines; a `...` line skips any number.
 */
export function departure(
  shown: readonly string[],
  output: string,
  match: 'whole' | 'prefix' | 'status',
): string | null {
  const actual = output === '' ? [] : output.replace(/\n+$/, '').split('\n').map(mask);
  const groups: RegExp[][] = [[]];
  const gapBefore: boolean[] = [false];
  for (const s of shown) {
    if (s.trim() === '...') {
      groups.push([]);
      gapBefore.push(true);
    } else groups.at(-1)?.push(linePattern(s));
  }
  let at = 0;
  for (const [g, group] of groups.entries()) {
    if (group.length === 0) continue;
    const fits = (from: number) => group.every((re, k) => re.test(actual[from + k] ?? '\u0000'));
    let from = at;
    if (gapBefore[g]) while (from < actual.length && !fits(from)) from++;
    if (!fits(from)) {
      const k = group.findIndex((re, j) => !re.test(actual[from + j] ?? '\u0000'));
      return `shown ${group[k]} but the output has ${JSON.stringify(actual[from + k] ?? '(nothing)')} (output line ${from + k + 1})`;
    }
    at = from + group.length;
  }
  const endsWithGap = shown.length > 0 && shown.at(-1)?.trim() === '...';
  if (match === 'whole' && !endsWithGap && at < actual.length)
    return `the output goes on past what is shown: ${JSON.stringify(actual[at])}`;
  return null;
}
