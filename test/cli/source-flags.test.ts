// Every `--flag` a message of credspec names (advice after a limit, a refusal, a SARIF rule's
// text, a hint) is an option of one of its commands: a renamed or never-added option in a
// message sends the user to an error. Reads the string literals of src/ (comments left out)
// and the help of every command of the built CLI (`npm run build` first).

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(process.cwd());

/** Options of programs other than credspec that messages name on purpose. */
const NOT_OURS = new Set([
  '--max-old-space-size', // Node's, in NODE_OPTIONS advice
  '--list-modules', // java's, run to find the JVM's modules
]);

const COMMANDS = [
  [],
  ['lint'],
  ['check'],
  ['emit'],
  ['ci'],
  ['sweep'],
  ['trace'],
  ['replay'],
  ['lsp'],
  ['tlc', 'install'],
  ['tlc', 'path'],
  ['tlc', 'version'],
  ['tlc', 'worker'],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The flags named inside string literals and templates of `text`, comment lines left out. */
function namedFlags(text: string): string[] {
  const code = text
    .split('\n')
    .filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l))
    .map((l) => l.replace(/\s\/\/ .*$/, ''))
    .join('\n');
  const literals = code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
  return literals.flatMap((l) => [...l.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));
}

test('every flag a message names is an option of a credspec command', () => {
  const options = new Set<string>();
  for (const command of COMMANDS) {
    const help = spawnSync(process.execPath, ['bin/credspec.js', ...command, '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    for (const m of help.stdout.matchAll(/(?:^|\s|,)(--[a-z][a-z-]*)/gm)) options.add(m[1] ?? '');
  }
  expect(options).toContain('--no-vacuity-gate');
  const unknown: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    for (const flag of namedFlags(readFileSync(file, 'utf8')))
      if (!options.has(flag) && !NOT_OURS.has(flag))
        unknown.push(`${flag} in ${file.slice(ROOT.length + 1)}`);
  }
  expect(unknown).toEqual([]);
});
