// Report options never overwrite what credspec did not write: `--json` (check and ci),
// `--junit` and `--sarif` refuse a spec, a folder, a FIFO, a symlink to a folder and a file of
// the user's, each with exit 2 and the path named, before any check runs; they accept `-`
// (standard output, the report alone on it) and their own earlier report.

import { describe, expect, jest, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from './cli-process.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { tinySpec } from './hostile-names.js';

const scratch = scratchDirs();
/** A temporary folder (`mkdtempSync`'s full prefix), removed when the file's tests end. */
const mkdtempSync = (prefix: string): string => scratch(relative(tmpdir(), prefix));

jest.setTimeout(240_000);

interface ReportOption {
  readonly name: string;
  readonly args: (path: string) => string[];
  /** Whether `text` is this option's report. */
  readonly isReport: (text: string) => boolean;
}

const json = (
  text: string,
): { tool?: string; results?: unknown[]; runs?: Array<{ tool: { driver: { name: string } } }> } =>
  JSON.parse(text);

const OPTIONS: readonly ReportOption[] = [
  {
    name: 'check --json',
    args: (p) => ['check', 'specs/a.cred', '--json', p],
    isReport: (t) => json(t).tool === 'credspec' && Array.isArray(json(t).results),
  },
  {
    name: 'ci --json',
    args: (p) => ['ci', 'specs', '--json', p],
    isReport: (t) => json(t).tool === 'credspec' && Array.isArray(json(t).results),
  },
  {
    name: 'ci --junit',
    args: (p) => ['ci', 'specs', '--junit', p],
    isReport: (t) => new XMLParser().parse(t).testsuites !== undefined,
  },
  {
    name: 'ci --sarif',
    args: (p) => ['ci', 'specs', '--sarif', p],
    isReport: (t) => json(t).runs?.[0]?.tool.driver.name === 'credspec',
  },
];

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-report-paths-'));
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'a.cred'), tinySpec());
  return dir;
}

async function refused(option: ReportOption, dir: string, path: string): Promise<void> {
  const run = await runCli(option.args(path), dir, {
    seconds: 30,
    env: { XDG_CACHE_HOME: join(dir, '.cache') },
  });
  expect({ path, timedOut: run.timedOut, code: run.code }).toEqual({
    path,
    timedOut: false,
    code: 2,
  });
  expect(run.stderr).toContain(
    `refusing to write the ${option.name.split(' ')[1]} report to ${path}: `,
  );
  // Refused before anything ran: no verdict lines.
  expect(run.stdout).toBe('');
}

describe.each(OPTIONS)('$name', (option) => {
  test("refuses the spec, any .cred, a folder, a FIFO, a symlink to a folder and a file of the user's; accepts - and its own earlier report", async () => {
    const dir = project();
    const spec = readFileSync(join(dir, 'specs', 'a.cred'), 'utf8');
    mkdirSync(join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync(join(dir, 'out'), join(dir, 'link'));
    writeFileSync(join(dir, 'mine.txt'), 'my own notes\n');
    // Each is refused before any check runs, so they can all run at once.
    await Promise.all(
      [
        'specs/a.cred',
        './specs/../specs/a.cred',
        'new.cred',
        'out',
        'fifo',
        'link',
        'mine.txt',
      ].map((p) => refused(option, dir, p)),
    );
    expect(readFileSync(join(dir, 'specs', 'a.cred'), 'utf8')).toBe(spec);
    expect(existsSync(join(dir, 'new.cred'))).toBe(false);
    expect(lstatSync(join(dir, 'out')).isDirectory()).toBe(true);
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('my own notes\n');

    const env = { XDG_CACHE_HOME: join(dir, '.cache') };
    const toStdout = await runCli(option.args('-'), dir, { env });
    expect(toStdout.code).toBe(0);
    expect(option.isReport(toStdout.stdout)).toBe(true);
    expect(toStdout.stderr).toContain('specs/a.cred');
    expect(existsSync(join(dir, '-'))).toBe(false);

    for (let round = 0; round < 2; round++) {
      const written = await runCli(option.args('reports/latest'), dir, { env });
      expect({ round, code: written.code, stderr: written.stderr }).toEqual({
        round,
        code: 0,
        stderr: '',
      });
      expect(option.isReport(readFileSync(join(dir, 'reports', 'latest'), 'utf8'))).toBe(true);
    }
  });
});

test('two report options naming one file, or both standard output, are refused', async () => {
  const dir = project();
  const env = { XDG_CACHE_HOME: join(dir, '.cache') };
  const same = await runCli(['ci', 'specs', '--junit', 'r.out', '--sarif', './r.out'], dir, {
    env,
  });
  expect(same.code).toBe(2);
  expect(same.stderr).toContain('--junit and --sarif both name ./r.out');
  const stdout = await runCli(['ci', 'specs', '--json', '-', '--sarif', '-'], dir, { env });
  expect(stdout.code).toBe(2);
  expect(stdout.stderr).toContain('--json and --sarif both ask for standard output');
});
