// Nothing of a TLC run stays in the temp folder, however the run ends: a run that holds, one
// stopped at its time limit, one TLC rejects, and a process that exits while TLC is still
// running (the JVM's group is ended and the run's folder removed on the way out, with no
// hsperfdata file of the killed JVM left in /tmp). Each run is a child node process with a
// TMPDIR of its own, on the built code (npm run build first). Live against TLA2TOOLS_JAR.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENV_JAR, liveSkipReason } from '../tlc/live-tlc.js';
import { survivors } from './process-check.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUN_JS = join(ROOT, 'dist', 'src', 'tlc', 'run.js');

const MODULES: Record<string, string> = {
  Small:
    "---- MODULE Small ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 5\n====\n",
  // Nine million states: it runs until it is stopped.
  Long: "---- MODULE Long ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == \\/ x' = (x + 1) % 3000 /\\ y' = y\n        \\/ y' = (y + 1) % 3000 /\\ x' = x\n====\n",
  Broken:
    "---- MODULE Broken ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = undefinedName\n====\n",
};

/** The child: runs runTlc on a module path; `exit` calls process.exit once TLC has started. */
const CHILD = `
import { runTlc } from ${JSON.stringify(pathToFileURL(RUN_JS).href)};
const [module, mode] = process.argv.slice(2);
const r = await runTlc({
  module,
  timeoutSeconds: mode === 'timeout' ? 3 : 300,
  onStart: (s) => {
    console.log('pid ' + s.pid);
    if (mode === 'exit') setTimeout(() => process.exit(0), 1500);
  },
});
console.log('verdict ' + r.verdict);
`;

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'credspec-tempfolders-'));
  mkdirSync(join(root, 'modules'));
  for (const [name, text] of Object.entries(MODULES)) {
    writeFileSync(join(root, 'modules', `${name}.tla`), text);
    writeFileSync(join(root, 'modules', `${name}.cfg`), 'INIT Init\nNEXT Next\n');
  }
  writeFileSync(join(root, 'child.mjs'), CHILD);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the child with its own TMPDIR; what it printed and what that TMPDIR holds after. */
function runChild(
  module: string,
  mode: string,
): Promise<{ pid: number; verdict: string | undefined; left: string[] }> {
  const tmp = mkdtempSync(join(root, `tmp-${mode}-`));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'child.mjs'), join(root, 'modules', `${module}.tla`), mode],
      {
        env: { PATH: process.env.PATH, HOME: root, TMPDIR: tmp, TLA2TOOLS_JAR: ENV_JAR },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', () => {
      resolve({
        pid: Number(/^pid (\d+)/m.exec(out)?.[1] ?? 0),
        verdict: /^verdict (\S+)/m.exec(out)?.[1],
        left: readdirSync(tmp),
      });
    });
  });
}

if (liveSkipReason) {
  describe(`temp folders of TLC runs (${liveSkipReason})`, () => {
    test.skip('none left after a run, a stopped run, a rejected module or an exit mid-run', () => {});
  });
} else {
  describe('temp folders of TLC runs (TLA2TOOLS_JAR)', () => {
    beforeAll(() => {
      if (!existsSync(RUN_JS)) throw new Error('dist/ is missing: run `npm run build`.');
    });

    test('a run that holds leaves nothing', async () => {
      const r = await runChild('Small', 'plain');
      expect(r.verdict).toBe('holds');
      expect(r.left).toEqual([]);
    }, 120_000);

    test('a run stopped at its time limit leaves nothing, and its java is gone', async () => {
      const r = await runChild('Long', 'timeout');
      expect(r.verdict).toBe('inconclusive');
      expect(r.left).toEqual([]);
      expect(await survivors([r.pid])).toEqual([]);
    }, 120_000);

    test('a module TLC rejects leaves nothing', async () => {
      const r = await runChild('Broken', 'plain');
      expect(r.verdict).toBe('error');
      expect(r.left).toEqual([]);
    }, 120_000);

    test('a process that exits while TLC runs: its java is ended and nothing is left, not even an hsperfdata file', async () => {
      const r = await runChild('Long', 'exit');
      expect(r.pid).toBeGreaterThan(0);
      expect(r.verdict).toBeUndefined();
      const alive = await survivors([r.pid]);
      // A failing run must not leave its java running either.
      for (const pid of alive) process.kill(-pid, 'SIGKILL');
      expect(alive).toEqual([]);
      expect(r.left).toEqual([]);
      expect(existsSync(join('/tmp', `hsperfdata_${userInfo().username}`, String(r.pid)))).toBe(
        false,
      );
    }, 120_000);
  });
}
