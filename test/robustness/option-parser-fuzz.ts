// Test helper: fuzzing of the command line's option parser: random argument vectors, built from the
// commands, their options, option values that are wrong in every way we know (negative, hex,
// exponent, empty, with spaces, escape sequences, unknown names) and plain random strings, run
// through the CLI in a scratch folder holding one small spec whose every check holds. Whatever
// the vector, the exit code is one of 0, 2, 3, 4 (never 1: nothing in the folder is violated),
// anything but 0 comes with a message, and no output is a stack trace or an internal error.
// `trace` never prints a raw control character, whatever its file or arguments hold.
// The seed is fixed so a failure replays. `tlc install` (a download) and `tlc worker` (a server
// connection) are left out of the vocabulary. This file is the vocabulary, the folder and the
// expectations; option-parser.fuzz.test.ts runs vectors in process, and
// option-parser.fuzz.full.test.ts a few as processes of the built CLI (a node start each).

import { afterAll, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RAW_CONTROL, STACK_TRACE } from './trace-harness.js';

export const REPO = process.cwd();
export const SEED = 1206;

const SPEC = `spec two_step
param N: 1..3 = 1
shared var x: 0..3 = 0
process T[N] { s: x := 1 }
variant v2 { override step T.s: x := 2 }
expect base: holds
expect v2 with N = 2: holds
`;

const COMMANDS: readonly (readonly string[])[] = [
  ['lint'],
  ['check'],
  ['emit'],
  ['ci'],
  ['trace'],
  ['trace', 'evil.json'],
  ['trace', 'deep.json'],
  ['tlc', 'path'],
  ['tlc', 'version'],
  ['tlc'],
  ['bogus'],
  [],
];
const OPTIONS = [
  '--variant',
  '--param',
  '--engine',
  '--json',
  '--max-states',
  '--timeout',
  '--workers',
  '--tlc-jar',
  '--tla',
  '--memory',
  '--view',
  '--simulate',
  '--depth',
  '--traces',
  '--seed',
  '--distributed',
  '--listen',
  '--safety-only',
  '--property',
  '--print-worker-command',
  '--out',
  '--junit',
  '--sarif',
  '--params',
  '--plain',
  '--format',
  '--color',
  '--no-color',
  '--help',
  '-h',
  '-V',
  '--version',
  '--',
  '-',
  '--bogus',
  '-x',
  '--json=',
  '--workers=0',
  '--timeout=-1',
];
const VALUES = [
  'specs/two.cred',
  'specs',
  '.',
  'evil.json',
  'deep.json',
  'nope.cred',
  'r.json',
  'out.xml',
  '0',
  '1',
  '2',
  '-1',
  '1e3',
  '0x10',
  ' 2',
  '2.5',
  'NaN',
  'abc',
  '',
  'N=2',
  'N=9',
  'N',
  '=',
  'N=',
  '=2',
  'base',
  'v2',
  'v9',
  'tlc',
  'embedded',
  'text',
  'json',
  'itf',
  'svg',
  '127.0.0.1:0',
  'host:port',
  ':',
  '\u001b[2J',
  'a\u202eb',
  'é',
];
const randomWord = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    '-',
    '=',
    ',',
    ' ',
    '1',
    '.',
    '\t',
    '\u0000',
    '\u001b',
    'é',
    '\u202e',
  ),
  maxLength: 6,
});
const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OPTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: randomWord },
);
export const argv = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(token, { maxLength: 7 }))
  .map(([command, rest]) => [...command, ...rest]);

/** The folder vectors run in (one spec, two hostile result files) and their environment. */
export interface FuzzFolder {
  readonly dir: string;
  readonly env: Record<string, string>;
}

/** Makes the folder before the file's tests and removes it after; the getter gives it. */
export function fuzzFolder(): () => FuzzFolder {
  let folder: FuzzFolder | undefined;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'credspec-fuzz-argv-'));
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'two.cred'), SPEC);
    // Two hostile result files for `trace` to be pointed at (test/robustness/corpus/results).
    copyFileSync(
      join(REPO, 'test', 'robustness', 'corpus', 'results', 'escapes-in-names.json'),
      join(dir, 'evil.json'),
    );
    copyFileSync(
      join(REPO, 'test', 'robustness', 'corpus', 'results', 'deep-nesting-in-value.json'),
      join(dir, 'deep.json'),
    );
    // No TLC and no Java: `--engine tlc` ends at once with exit 3 and what to do.
    const env = {
      XDG_CACHE_HOME: join(dir, 'cache'),
      HOME: dir,
      PATH: join(dir, 'no-bin'),
      CI: 'true',
    };
    folder = { dir, env };
  });
  afterAll(() => {
    if (folder !== undefined) rmSync(folder.dir, { recursive: true, force: true });
  });
  return () => {
    if (folder === undefined) throw new Error('the fuzz folder is made before the tests');
    return folder;
  };
}

export function expectWellBehaved(
  args: readonly string[],
  code: number | null,
  out: string,
  err: string,
): void {
  const context = JSON.stringify(args);
  expect({ context, code: [0, 2, 3, 4].includes(code ?? -1) }).toEqual({ context, code: true });
  // Something is always said: a usage error on stderr, lint's diagnostics and the reports on stdout.
  expect({ context, said: (out + err).trim() !== '' }).toEqual({ context, said: true });
  if (code === 3) expect({ context, said: err.trim() !== '' }).toEqual({ context, said: true });
  expect(out + err).not.toMatch(STACK_TRACE);
  expect(err).not.toMatch(/CS9001|internal error/);
  // What `trace` prints comes from its file or its arguments: never a raw control character.
  if (args[0] === 'trace')
    expect({ context, raw: RAW_CONTROL.test(out + err) }).toEqual({ context, raw: false });
}
