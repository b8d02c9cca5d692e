// Measures what issue 12 found: two concurrent `check x.cred --engine tlc` of two specs with the
// same file name and spec name (one locked, which holds; one racy, which violates), in two
// folders sharing one XDG_CACHE_HOME. Prints how many rounds both runs gave their own verdict.
// Usage: node scripts/tlc-collision-rounds.mjs [rounds]   (needs TLA2TOOLS_JAR and a build)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 100);
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'credspec.js');

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'robustness',
  'fixtures',
  'collide',
);
const LOCKED = readFileSync(join(fixtures, 'locked.cred'), 'utf8');
const RACY = readFileSync(join(fixtures, 'racy.cred'), 'utf8');

const root = mkdtempSync(join(tmpdir(), 'credspec-collide-'));
const cache = join(root, 'cache');
for (const [name, text] of [
  ['locked', LOCKED],
  ['racy', RACY],
]) {
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, 'x.cred'), text);
}

function check(folder) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'check', 'x.cred', '--engine', 'tlc'], {
      cwd: join(root, folder),
      env: { ...process.env, XDG_CACHE_HOME: cache },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The verdict is stdout's first line; notes go to stderr and may arrive first.
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, out: out === '' ? err : out }));
  });
}

let good = 0;
const bad = [];
try {
  for (let i = 1; i <= rounds; i++) {
    const [locked, racy] = await Promise.all([check('locked'), check('racy')]);
    const ok =
      locked.code === 0 &&
      /^x\.cred base: holds/.test(locked.out) &&
      racy.code === 1 &&
      /^x\.cred base: violates no_lost_update/.test(racy.out);
    if (ok) good++;
    else
      bad.push({
        round: i,
        locked: `${locked.code} ${locked.code === 0 ? locked.out.split('\n')[0] : locked.out.split('\n').slice(0, 8).join('\n')}`,
        racy: `${racy.code} ${racy.code === 1 ? racy.out.split('\n')[0] : racy.out.split('\n').slice(0, 8).join('\n')}`,
      });
    process.stderr.write(`\rround ${i}/${rounds}: ${good} right`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.stderr.write('\n');
for (const b of bad) console.log(`round ${b.round}: locked -> ${b.locked}; racy -> ${b.racy}`);
console.log(`${good} of ${rounds} rounds gave both runs their own verdict`);
process.exitCode = good === rounds ? 0 : 1;
