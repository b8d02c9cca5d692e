// The built CLI (bin/credspec.js over dist/) run from the repository root, as the README's
// table scripts run it: for the tests that compare a README table with a fresh run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'credspec.js');

/** Fails with what to do when dist/ was never built. */
export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm ci does it through `prepare`).');
}

/** Runs the built CLI in the repository; its exit code and what it printed. */
export function runBuiltCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
