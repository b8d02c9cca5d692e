// `credspec emit` end to end on a temporary folder: what it writes, that it leaves unchanged
// files alone, that it refuses to overwrite a file it did not generate, and that --param output
// goes to the cache folder, never under generated/.

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runEmit } from '../../src/cli/commands/emit.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

const SPEC = `spec two_step
param N: 1..3 = 1
shared var x: 0..3 = 0
process T[N] { s: x := 1 }
variant v2 { override step T.s: x := 2 }
expect base: holds
expect v2 with N = 2: holds
`;

// A cache of the test's own: emit keeps the compiled modules it makes there.
function io(cwd: string, env: Record<string, string> = { XDG_CACHE_HOME: join(cwd, '.xdg') }) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env,
      cwd,
    },
    out,
    err,
  };
}

function setup(): string {
  const dir = scratch('credspec-emit-');
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'two-step.cred'), SPEC);
  return dir;
}

describe('credspec emit', () => {
  test('writes module, source map and one config per expected parameter set', async () => {
    const dir = setup();
    const r = io(dir);
    expect(await runEmit({ inputs: ['specs'] }, r.io)).toBe(0);
    expect(readdirSync(join(dir, 'generated', 'two-step')).sort()).toEqual([
      'TwoStep_base.cfg',
      'TwoStep_base.js',
      'TwoStep_base.map.json',
      'TwoStep_base.tla',
      'TwoStep_base.ts',
      'TwoStep_v2.cfg',
      'TwoStep_v2.js',
      'TwoStep_v2.map.json',
      'TwoStep_v2.tla',
      'TwoStep_v2.ts',
      'TwoStep_v2__N_2.cfg',
      'credspec-manifest.json',
    ]);
    expect(
      readFileSync(join(dir, 'generated', 'two-step', 'TwoStep_v2__N_2.cfg'), 'utf8'),
    ).toContain('T = {t1, t2}');
    expect(r.out.at(-1)).toBe('12 file(s) written, 0 unchanged\n');
  });

  test('a second run writes nothing; a file without the marker is never overwritten', async () => {
    const dir = setup();
    await runEmit({ inputs: ['specs/two-step.cred'] }, io(dir).io);
    const tla = join(dir, 'generated', 'two-step', 'TwoStep_base.tla');
    const mtime = statSync(tla).mtimeMs;
    const again = io(dir);
    expect(await runEmit({ inputs: ['specs/two-step.cred'] }, again.io)).toBe(0);
    expect(again.out.at(-1)).toBe('0 file(s) written, 12 unchanged\n');
    expect(statSync(tla).mtimeMs).toBe(mtime);
    writeFileSync(tla, 'my own module\n');
    const third = io(dir);
    expect(await runEmit({ inputs: ['specs/two-step.cred'] }, third.io)).toBe(2);
    expect(third.err.join('')).toContain(
      'refusing to overwrite generated/two-step/TwoStep_base.tla',
    );
    expect(readFileSync(tla, 'utf8')).toBe('my own module\n');
  });

  test("files its manifest lists that the spec no longer asks for are removed; the user's are kept", async () => {
    const dir = setup();
    await runEmit({ inputs: ['specs'] }, io(dir).io);
    const folder = join(dir, 'generated', 'two-step');
    writeFileSync(join(folder, 'notes.cfg'), 'my own config\n');
    // The spec drops its `v2 with N = 2` expectation: that config was emit's and goes.
    writeFileSync(
      join(dir, 'specs', 'two-step.cred'),
      SPEC.replace('expect v2 with N = 2: holds\n', 'expect v2: holds\n'),
    );
    const r = io(dir);
    expect(await runEmit({ inputs: ['specs'] }, r.io)).toBe(0);
    expect(r.out).toContain('removed generated/two-step/TwoStep_v2__N_2.cfg\n');
    expect(existsSync(join(folder, 'TwoStep_v2__N_2.cfg'))).toBe(false);
    expect(readFileSync(join(folder, 'notes.cfg'), 'utf8')).toBe('my own config\n');
    expect(r.out.at(-1)).toBe('1 file(s) written, 10 unchanged, 1 removed\n');
  });

  test('--param writes to the cache folder', async () => {
    const dir = setup();
    const cache = join(dir, 'cache');
    const r = io(dir, { XDG_CACHE_HOME: cache });
    expect(await runEmit({ inputs: ['specs/two-step.cred'], params: ['N=3'] }, r.io)).toBe(0);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
    expect(
      readFileSync(
        join(cache, 'credspec', 'generated', 'two-step', 'TwoStep_base__N_3.cfg'),
        'utf8',
      ),
    ).toContain('T = {t1, t2, t3}');
  });

  test('bad input exits 2 with a located diagnostic', async () => {
    const dir = setup();
    const r = io(dir);
    expect(
      await runEmit(
        { inputs: ['specs/two-step.cred'], params: ['N=9'] },
        { ...r.io, env: { XDG_CACHE_HOME: join(dir, 'c') } },
      ),
    ).toBe(2);
    expect(r.err.join('')).toMatch(
      /^<command line>:1:1: error CS5007: value 9 does not fit param `N`/m,
    );
  });
});
