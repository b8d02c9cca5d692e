// `credspec lint` run in process: exit codes, the summary line, diagnostics sorted across files,
// folders searched recursively, missing inputs, bad usage, and the internal-error path.
// Imports followed into other files are in lint-imports.test.ts.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { lintFolder } from './lint-folder.js';

const folder = lintFolder();
const { write, lint } = folder;

/** A spec with no diagnostic. */
const CLEAN =
  'spec a\nshared var x: 0..3 = 0\nprocess P[1] {\n  set_one: x := 1\n}\ninvariant small: x <= 3\n';

describe('credspec lint', () => {
  test('a clean spec: exit 0 and only the summary line', async () => {
    write('a.cred', CLEAN);
    expect(await lint('lint', 'a.cred')).toEqual({
      code: 0,
      out: '1 file, 0 errors, 0 warnings\n',
      err: '',
    });
  });

  test('errors in two files: all printed at once, sorted by file, line, column; exit 2', async () => {
    write('b.cred', 'spec b\ninvariant k: true #\n');
    write('a.cred', 'spec a\ninvariant i: (true\ninvariant j: $ true\n');
    const r = await lint('lint', 'b.cred', 'a.cred');
    expect(r.code).toBe(2);
    const headers = r.out.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(headers).toEqual([
      'a.cred:3:1: error CS1003: expected `)` to close the parenthesis opened at 2:14, found `invariant`',
      'a.cred:3:14: error CS1001: unexpected character `$`',
      'b.cred:2:19: error CS1001: unexpected character `#`',
    ]);
    expect(r.out.endsWith('2 files, 3 errors, 0 warnings\n')).toBe(true);
    expect(r.out).toContain('  3 | invariant j: $ true\n    |              ^\n');
  });

  test('a folder is searched recursively in sorted order; other files and hidden folders are skipped', async () => {
    write('specs/z.cred', CLEAN);
    write('specs/sub/m.cred', 'spec m\ninvariant = 1\n');
    write('specs/a.cred', 'spec a\ninvariant = 2\n');
    write('specs/notes.txt', 'not a spec');
    write('specs/.hidden/h.cred', 'garbage');
    const r = await lint('lint', 'specs');
    expect(r.code).toBe(2);
    expect(r.out.split('\n').filter((l) => l.includes(': error '))).toEqual([
      'specs/a.cred:2:11: error CS1002: expected a name, found `=`',
      'specs/sub/m.cred:2:11: error CS1002: expected a name, found `=`',
    ]);
    expect(r.out.endsWith('3 files, 2 errors, 0 warnings\n')).toBe(true);
  });

  test('a missing file is reported on stderr, the others are still linted, exit 2', async () => {
    write('a.cred', CLEAN);
    const r = await lint('lint', 'nope.cred', 'a.cred');
    expect(r.code).toBe(2);
    expect(r.err).toBe('credspec lint: error CS8001: cannot read nope.cred: no such file\n');
    expect(r.out).toBe('1 file, 0 errors, 0 warnings\n');
  });

  test('an empty folder is bad input', async () => {
    mkdirSync(join(folder.dir, 'empty'));
    const r = await lint('lint', 'empty');
    expect(r.code).toBe(2);
    expect(r.err).toBe('credspec lint: no .cred files in empty\n');
  });

  test('warnings alone exit 0', async () => {
    write(
      'w.cred',
      'spec w\nconst UNUSED = 1\nshared var y: bool = false\nprocess Q[1] { y := true }\ninvariant ok: y || !y\n',
    );
    const r = await lint('lint', 'w.cred');
    expect(r.code).toBe(0);
    expect(
      r.out
        .split('\n')
        .filter((l) => l !== '')
        .pop(),
    ).toMatch(/^1 file, 0 errors, \d+ warnings?$/);
  });

  test('output is the same bytes on every run, and colour only when asked', async () => {
    write('a.cred', 'spec a\nconst = 1\n');
    const first = await lint('lint', 'a.cred');
    const second = await lint('lint', 'a.cred');
    expect(second).toEqual(first);
    expect(first.out).not.toContain('\u001b[');
    expect((await lint('lint', '--color', 'a.cred')).out).toContain('\u001b[');
  });
});

describe('the command line skeleton', () => {
  test('bad usage is one line on stderr and exit 2', async () => {
    for (const args of [
      ['lint'],
      ['lint', '--bogus', 'a.cred'],
      ['nonsense'],
      ['check', '--engine', 'spin', 'a.cred'],
      ['check', '--max-states', 'lots', 'a.cred'],
      ['trace'],
      ['tlc', 'frobnicate'],
    ]) {
      const r = await lint(...args);
      expect([args, r.code]).toEqual([args, 2]);
      expect([args, r.err.trimEnd().split('\n').length]).toEqual([args, 1]);
      expect(r.out).toBe('');
    }
  });

  test('--help of the program and of each command exits 0 and prints usage', async () => {
    for (const cmd of [
      [],
      ['lint'],
      ['check'],
      ['emit'],
      ['ci'],
      ['trace'],
      ['tlc'],
      ['tlc', 'install'],
    ]) {
      const r = await lint(...cmd, '--help');
      expect([cmd, r.code]).toEqual([cmd, 0]);
      expect(r.out).toContain('Usage: credspec');
    }
  });

  test('no command: usage on stderr, exit 2', async () => {
    const r = await lint();
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: credspec');
  });

  test('--version prints the package version', async () => {
    const r = await lint('--version');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('an unexpected exception is internal error CS9001 and exit 3', async () => {
    write('a.cred', CLEAN);
    const io = memoryIo({ cwd: folder.dir, env: { CREDSPEC_PRELUDE: folder.prelude } });
    const broken = {
      ...io,
      stdout: {
        write: (): never => {
          throw new Error('disk full');
        },
      },
    };
    expect(await runCli(['lint', 'a.cred'], broken)).toBe(3);
    expect(io.err()).toBe(
      'credspec: error CS9001: internal error in the command line: disk full\n',
    );
  });
});
