// Lint benchmark: front end plus checker over the shipped specs and over generated specs of
// 1,000 and 10,000 lines, and the ratio of time per line between the two (1.0 is linear).
// Run after `npm run build` as `node dist/bench/lint.js`; prints a report, asserts nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProgram } from '../src/check/check.js';
import { packageRoot } from '../src/driver/package-root.js';
import { loadProgram } from '../src/syntax/load.js';

const RUNS = 5;

/** A spec of about `lines` lines: groups of shared variables, processes and invariants. */
export function generateSpec(lines: number): string {
  const out = ['spec generated', ''];
  let group = 0;
  while (out.length < lines) {
    const g = group++;
    out.push(
      `shared var v${g}: 0..3 = 0`,
      `shared var f${g}: bool = false`,
      `process P${g}[2] {`,
      `  var mine: bool = false`,
      `  start_${g}: v${g} := (v${g} + 1) mod 4`,
      `  test_${g}: if v${g} == 3 && !f${g} {`,
      `    f${g} := true`,
      `  } else if v${g} > 1 {`,
      `    mine := !mine`,
      `  } else {`,
      `    skip`,
      `  }`,
      `  loop_${g}: while v${g} > 0 && f${g} { v${g} := v${g} - 1 }`,
      `  pick_${g}: either { f${g} := false } or { await v${g} < 3 }`,
      `}`,
      `invariant small_${g}: v${g} <= 3 && (f${g} => v${g} >= 0)`,
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

interface Timing {
  readonly parse: number;
  readonly check: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const middle = s[Math.floor(s.length / 2)];
  if (middle === undefined) throw new Error('the median of no samples');
  return middle;
}

/** Median parse and check milliseconds of linting `text` as `file`. */
function time(file: string, text: string, preludeDir: string): Timing {
  const parse: number[] = [];
  const check: number[] = [];
  const readFile = (p: string): string | Buffer | Error => {
    if (p === file) return text;
    try {
      return readFileSync(p);
    } catch (e) {
      return e as Error;
    }
  };
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const program = loadProgram(file, { readFile, preludeDir });
    const t1 = performance.now();
    checkProgram(program);
    const t2 = performance.now();
    // The first run warms the parser (its self-analysis) and the JIT; it is not counted.
    if (i > 0) {
      parse.push(t1 - t0);
      check.push(t2 - t1);
    }
  }
  return { parse: median(parse), check: median(check) };
}

function row(name: string, lines: number, t: Timing): string {
  const total = t.parse + t.check;
  return `${name.padEnd(34)} ${String(lines).padStart(6)} lines ${total.toFixed(1).padStart(9)} ms  (parse ${t.parse.toFixed(1)}, check ${t.check.toFixed(1)})  ${((total * 1000) / lines).toFixed(1)} us/line`;
}

function main(): void {
  const root = packageRoot();
  const preludeDir = join(root, 'prelude');
  const out: string[] = [`credspec lint benchmark: median of ${RUNS} runs after one warm-up`];
  let specs: string[] = [];
  try {
    specs = readdirSync(join(root, 'specs'))
      .filter((f) => f.endsWith('.cred'))
      .sort();
  } catch {
    out.push('(no specs/ folder)');
  }
  for (const f of specs) {
    const path = join(root, 'specs', f);
    const text = readFileSync(path, 'utf8');
    out.push(row(`specs/${f}`, text.split('\n').length, time(path, text, preludeDir)));
  }
  const timePerLine = (lines: number): number => {
    const t = time(`generated-${lines}.cred`, generateSpec(lines), preludeDir);
    out.push(row(`generated (${lines.toLocaleString('en-US')} lines)`, lines, t));
    return (t.parse + t.check) / lines;
  };
  const small = timePerLine(1_000);
  const large = timePerLine(10_000);
  out.push(
    `linearity: time per line at 10,000 lines / at 1,000 lines = ${(large / small).toFixed(2)} (1.00 is linear)`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

main();
