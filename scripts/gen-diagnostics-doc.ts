// Generates docs/diagnostics.md from the one table of codes (src/diagnostics/codes.ts) and the
// kernel operations the locking rules know (src/check/kernel-ops.ts). `renderDiagnosticsDoc` is
// pure; run as a program (from the repository root) it rewrites the file only if it changed:
//   npm run diagnostics-doc

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CODES, type CodeInfo } from '../src/diagnostics/codes.js';
import { KERNEL_OPS, ATOMIC_CONTEXT, type KernelOp } from '../src/check/kernel-ops.js';

/** Where the generated file lives, relative to the repository root. */
export const DIAGNOSTICS_DOC_PATH = 'docs/diagnostics.md';

const BANDS: readonly (readonly [string, string])[] = [
  ['1', 'CS1xxx: lexing and syntax'],
  ['2', 'CS2xxx: names and scopes'],
  ['3', 'CS3xxx: types'],
  ['4', 'CS4xxx: steps, labels and atomicity'],
  ['5', 'CS5xxx: variants, parameters and expectations'],
  ['6', 'CS6xxx: properties and fairness'],
  ['8', 'CS8xxx: TLC and environment'],
  ['9', 'CS9xxx: internal'],
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The whole text of docs/diagnostics.md for the given code table and kernel operations. */
export function renderDiagnosticsDoc(
  codes: Readonly<Record<string, CodeInfo>> = CODES,
  ops: Readonly<Record<string, KernelOp>> = KERNEL_OPS,
): string {
  const lines: string[] = [
    '# credspec diagnostics',
    '',
    '<!-- Generated from src/diagnostics/codes.ts by scripts/gen-diagnostics-doc.ts. Do not edit by hand. -->',
    '',
    'Every diagnostic has a stable code `CSnnnn`, a severity, a message (the `{name}` parts are',
    'filled in from the spec) and the location of the offending name or statement. Errors stop a',
    'check (exit code 2); warnings do not.',
    '',
  ];
  const entries = Object.entries(codes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [digit, title] of BANDS) {
    const band = entries.filter(([code]) => code[2] === digit);
    if (band.length === 0) continue;
    lines.push(
      `## ${title}`,
      '',
      '| code | severity | message | what triggers it |',
      '|---|---|---|---|',
    );
    for (const [code, info] of band) {
      lines.push(`| ${code} | ${info.severity} | ${cell(info.message)} | ${cell(info.meaning)} |`);
    }
    lines.push('');
  }
  lines.push(
    '## Kernel operations known to the locking rules (CS4101, CS4102)',
    '',
    'The checker follows, along the statements of each process and procedure body, which locks',
    'may be held. A call to one of these names (a prelude macro or procedure) takes or releases the',
    'lock named by its first argument, or may sleep. Sleeping while a lock of an atomic-context kind',
    `(${[...ATOMIC_CONTEXT].join(', ')}) is held is CS4101; reaching the end of a process body or an`,
    '`exit` with any lock held is CS4102. A plain `await` step sleeps too; an `await` that opens an',
    '`atomic` block or macro is the guard of one step and does not. Trylocks are not followed (whether',
    'they took the lock depends on their result). The list is `KERNEL_OPS` in src/check/kernel-ops.ts.',
    '',
    '| operation | effect | lock kind | may sleep |',
    '|---|---|---|---|',
  );
  for (const [name, op] of Object.entries(ops).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(
      `| \`${name}\` | ${op.effect === 'none' ? '-' : op.effect} | ${op.lock ?? '-'} | ${op.sleeps ? 'yes' : 'no'} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function main(): void {
  const text = renderDiagnosticsDoc();
  let old: string | undefined;
  try {
    old = readFileSync(DIAGNOSTICS_DOC_PATH, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return;
  writeFileSync(DIAGNOSTICS_DOC_PATH, text);
  console.log(`wrote ${DIAGNOSTICS_DOC_PATH}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main();
