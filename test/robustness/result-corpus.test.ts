// `credspec trace` on the corpus of hostile result files (corpus/results/expected.json): each
// gives its exit code and a message of its class on one line, names the JSON path of the first
// problem where it has one, never prints a stack trace or a raw control character, never hangs
// (a FIFO, a folder and a file over the size cap are made here), and leaves nothing behind.

import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTrace } from '../../src/cli/commands/trace.js';
import { TRACE_FORMATS } from '../../src/trace/formats/format-trace.js';
import { captureTrace, RAW_CONTROL, STACK_TRACE } from './trace-harness.js';

const REPO = process.cwd();
const CORPUS = join(REPO, 'test', 'robustness', 'corpus', 'results');

interface Case {
  readonly file: string;
  readonly exit: number;
  readonly class: string;
  readonly path?: string;
  readonly made?: 'fifo' | 'folder' | 'huge';
}

const cases = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { cases: Case[] })
  .cases;

/** What a message of each class says (after `credspec trace: <file> `). */
const CLASSES: Readonly<Record<string, RegExp>> = {
  'not-a-result':
    /^is not a credspec result file \(expected \{ "tool": "credspec", "results": \[\.\.\.\] \}\)$/,
  'not-json': /^is not a credspec result file: not JSON$/,
  'too-deep': /^is not a credspec result file: \S+ nests deeper than 100 levels$/,
  schema: /^is not a credspec result file: (\S+) (is|has|must) .+$/,
  'newer-version':
    /^is not a credspec result file: .+ \(written by credspec 9\.0\.0, newer than this credspec \d+\.\d+\.\d+\)$/,
  inconsistent: /^is not a consistent result file: (\S+) .+$/,
  'not-regular': /^cannot read: it is (a FIFO|a folder)/,
  'too-large': /^cannot read: it is \d+ bytes, over the limit of 64 MiB$/,
};

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'credspec-corpus-'));
  for (const c of cases) {
    const target = join(work, c.file);
    if (c.made === 'fifo') execFileSync('mkfifo', [target]);
    else if (c.made === 'folder') mkdirSync(target);
    else if (c.made === 'huge') {
      // Sparse: 65 MiB that take no disk.
      closeSync(openSync(target, 'w'));
      truncateSync(target, 65 * 1024 * 1024);
    } else copyFileSync(join(CORPUS, c.file), target);
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(cases)('$file', (c) => {
  test(`exit ${c.exit}, ${c.class}`, async () => {
    // Run from the repository root, as the fixtures' spec paths expect; the file by its absolute path.
    const r = await captureTrace(runTrace, { file: join(work, c.file), plain: true }, REPO);
    expect(r.code).toBe(c.exit);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    if (c.exit === 2) {
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n') && r.stderr.split('\n').length).toBe(2);
      const shown = join(work, c.file);
      const cannotRead = `credspec trace: cannot read ${shown}: `;
      const isNot = `credspec trace: ${shown} `;
      const said = r.stderr.startsWith(cannotRead)
        ? `cannot read: ${r.stderr.slice(cannotRead.length)}`
        : r.stderr.startsWith(isNot)
          ? r.stderr.slice(isNot.length)
          : r.stderr;
      expect(said.trimEnd()).toMatch(CLASSES[c.class]!);
      if (c.path !== undefined) expect(said).toContain(`: ${c.path} `);
    } else {
      expect(r.stdout).toMatch(/^spec {6}/);
    }
  });
});

describe('a shown hostile file, in every format', () => {
  test.each([...TRACE_FORMATS])(
    '%s: no raw control character, the escapes visible',
    async (format) => {
      const r = await captureTrace(
        runTrace,
        { file: join(CORPUS, 'escapes-in-names.json'), format },
        REPO,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      if (format === 'json' || format === 'itf') {
        // The value read back is the one in the file.
        const parsed = JSON.parse(r.stdout) as {
          variant?: string;
          trace?: { step: string }[];
          '#meta'?: { variant: string };
        };
        expect(format === 'json' ? parsed.variant : parsed['#meta']!.variant).toBe('base\u001b[8m');
        if (format === 'json') expect(parsed.trace![1]!.step).toBe('A.c\u009b31m\u202eevil\u2066');
      } else {
        expect(r.stdout).toContain('a1\\x1b[2J\\x1b]0;owned\\x07');
      }
    },
  );
  test('a line feed in a name does not start a line of its own', async () => {
    const r = await captureTrace(
      runTrace,
      { file: join(CORPUS, 'escapes-in-names.json'), format: 'text' },
      REPO,
    );
    expect(r.stdout).toContain('total\\x0d\\x0aholds');
    expect(r.stdout.split('\n').some((l) => l.startsWith('holds'))).toBe(false);
  });
  test('a spec path naming a device or /proc is never read', async () => {
    const r = await captureTrace(
      runTrace,
      { file: join(CORPUS, 'spec-is-a-device.json'), format: 'text' },
      REPO,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('PATH=');
  });
});
