// Two concurrent `credspec check x.cred --engine tlc` of two specs with the same file name and
// spec name in two folders, sharing one XDG_CACHE_HOME: one locked (holds), one racy (violates
// no_lost_update). Each must get its own verdict in every round; before each TLC run read
// only what it wrote, they read each other's module (false holds among them). Runs the built
// CLI (npm run build first); `node scripts/tlc-collision-rounds.mjs 100` is the long version.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_JAR, liveSkipReason } from '../tlc/live-tlc.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'credspec.js');
const FIXTURES = join(ROOT, 'test', 'robustness', 'fixtures', 'collide');
const ROUNDS = 10;

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'credspec-collide-'));
  for (const name of ['locked', 'racy']) {
    mkdirSync(join(root, name));
    copyFileSync(join(FIXTURES, `${name}.cred`), join(root, name, 'x.cred'));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function check(folder: string): Promise<{ code: number | null; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check', 'x.cred', '--engine', 'tlc'], {
      cwd: join(root, folder),
      env: {
        PATH: process.env.PATH,
        HOME: root,
        XDG_CACHE_HOME: join(root, 'cache'),
        TLA2TOOLS_JAR: ENV_JAR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The verdict is stdout's first line; notes (such as TLC's lock-order note) go to stderr
    // and may arrive first, so stderr is kept only to explain a missing verdict.
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        first:
          out === ''
            ? `no verdict; stderr: ${err.trim()}`
            : out.split('\n')[0]!.replace(/\s*\(.*$/, ''),
      }),
    );
  });
}

if (liveSkipReason) {
  describe(`concurrent TLC checks of colliding specs (${liveSkipReason})`, () => {
    test.skip(`each gets its own verdict in ${ROUNDS} of ${ROUNDS} rounds`, () => {});
  });
} else {
  describe('concurrent TLC checks of colliding specs (TLA2TOOLS_JAR)', () => {
    test(`same file and spec name, one cache: each gets its own verdict in ${ROUNDS} of ${ROUNDS} rounds`, async () => {
      if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'main.js')))
        throw new Error('dist/ is missing: run `npm run build`.');
      const rounds: string[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const [locked, racy] = await Promise.all([check('locked'), check('racy')]);
        rounds.push(`locked: ${locked.code} ${locked.first} | racy: ${racy.code} ${racy.first}`);
      }
      const right = 'locked: 0 x.cred base: holds | racy: 1 x.cred base: violates no_lost_update';
      expect(rounds).toEqual(Array(ROUNDS).fill(right));
    }, 600_000);
  });
}
