// Takes what TLC printed without `-tool` and returns the same messages read-tool-output.ts
// returns, with the code each line would have carried in `-tool` mode. Plain output has no
// codes, so this reads TLC's English wording; it is supported more loosely than `-tool`
// output (which is what the runner uses) and must not be used for anything but reading logs.

import type { ParsedToolOutput, ToolMessage } from './read-tool-output.js';

interface Rule {
  readonly re: RegExp;
  readonly code: number;
  readonly severity: number;
  /** Further lines belong to the message until a blank line or the next recognised line. */
  readonly multiLine: boolean;
  /** Rewrites the first line into its `-tool` form. */
  readonly rewrite?: (m: RegExpExecArray) => string;
}

const RULES: readonly Rule[] = [
  { re: /^TLC2 Version /, code: 2262, severity: 0, multiLine: false },
  { re: /^Running .*Model-Checking/, code: 2187, severity: 0, multiLine: false },
  { re: /^Please run the Java VM/, code: 2401, severity: 3, multiLine: false },
  { re: /^Starting\.\.\. \(/, code: 2185, severity: 0, multiLine: false },
  { re: /^Computing initial states\.\.\./, code: 2189, severity: 0, multiLine: false },
  { re: /^Finished computing initial states:/, code: 2190, severity: 0, multiLine: false },
  {
    re: /^Invariant \S+ is violated by the initial state:/,
    code: 2107,
    severity: 1,
    multiLine: true,
  },
  { re: /^Invariant \S+ is violated\./, code: 2110, severity: 1, multiLine: false },
  { re: /^Evaluating invariant \S+ failed\./, code: 2111, severity: 1, multiLine: true },
  { re: /^Action property \S+ is violated\./, code: 2112, severity: 1, multiLine: false },
  { re: /^Deadlock reached\./, code: 2114, severity: 1, multiLine: false },
  {
    re: /^Temporal propert(?:y \S+ was|ies (?:.+ )?were) violated\./,
    code: 2116,
    severity: 1,
    multiLine: false,
  },
  { re: /^The behavior up to this point is:/, code: 2121, severity: 1, multiLine: false },
  {
    re: /^The following behavior constitutes a counter-example:/,
    code: 2264,
    severity: 1,
    multiLine: false,
  },
  {
    re: /^The first argument of Assert evaluated to FALSE/,
    code: 2132,
    severity: 1,
    multiLine: true,
  },
  {
    re: /^The error occurred when TLC was evaluating the nested/,
    code: 2103,
    severity: 1,
    multiLine: true,
  },
  { re: /^TLC threw an unexpected exception\./, code: 1000, severity: 1, multiLine: true },
  { re: /^Parsing or semantic analysis failed\./, code: 3002, severity: 1, multiLine: false },
  {
    re: /^The constant parameter \S+ is not assigned a value/,
    code: 2222,
    severity: 1,
    multiLine: false,
  },
  {
    re: /^State (\d+): Stuttering/,
    code: 2218,
    severity: 4,
    multiLine: false,
    rewrite: (m) => `${m[1]}: Stuttering`,
  },
  {
    re: /^State (\d+): (<.*)$/,
    code: 2217,
    severity: 4,
    multiLine: true,
    rewrite: (m) => `${m[1]}: ${m[2]}`,
  },
  {
    re: /^Back to state (\d+): (.*)$/,
    code: 2122,
    severity: 4,
    multiLine: false,
    rewrite: (m) => `${m[1]}: Back to state: ${m[2]}`,
  },
  {
    re: /^Model checking completed\. No error has been found\./,
    code: 2193,
    severity: 0,
    multiLine: true,
  },
  { re: /^Progress\(/, code: 2200, severity: 0, multiLine: false },
  { re: /^[\d,]+ states generated, /, code: 2199, severity: 0, multiLine: false },
  {
    re: /^The depth of the complete state graph search is/,
    code: 2194,
    severity: 0,
    multiLine: false,
  },
  { re: /^Finished in /, code: 2186, severity: 0, multiLine: false },
];

const SANY_PROGRESS = /^(Parsing file |Semantic processing of module |Linting of module )/;

/** Reads TLC's plain (non `-tool`) output into messages with the codes `-tool` mode would show. */
export function readPlainOutput(text: string): ParsedToolOutput {
  const messages: ToolMessage[] = [];
  const sanyLines: string[] = [];
  const otherLines: string[] = [];
  let open: { code: number; severity: number; lines: string[]; multiLine: boolean } | null = null;
  let started = false;

  const close = (): void => {
    if (open)
      messages.push({
        code: open.code,
        severity: open.severity,
        text: open.lines.join('\n').trimEnd(),
      });
    open = null;
  };

  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const isError = line.startsWith('Error: ');
    const body = isError ? line.slice('Error: '.length) : line;
    let matched = false;
    for (const rule of RULES) {
      const m = rule.re.exec(body);
      if (!m) continue;
      close();
      open = {
        code: rule.code,
        severity: rule.severity,
        lines: [rule.rewrite ? rule.rewrite(m) : body],
        multiLine: rule.multiLine,
      };
      if (rule.code === 2185) started = true;
      matched = true;
      break;
    }
    if (matched) continue;
    if (isError) {
      // An error TLC printed that no rule knows: kept as an error in TLC's words.
      close();
      open = { code: 0, severity: 1, lines: [body], multiLine: true };
      continue;
    }
    if (open && (open as { multiLine: boolean }).multiLine && line.trim() !== '') {
      (open as { lines: string[] }).lines.push(line);
      continue;
    }
    if (line.trim() === '') {
      close();
      if (!started) sanyLines.push(line);
      continue;
    }
    close();
    if (!started) {
      if (!SANY_PROGRESS.test(line)) sanyLines.push(line);
    } else otherLines.push(line);
  }
  close();
  while (sanyLines[0]?.trim() === '') sanyLines.shift();
  while (sanyLines.at(-1)?.trim() === '') sanyLines.pop();
  return { messages, sanyLines, otherLines };
}
