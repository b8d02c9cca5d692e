// What the live tests of TLC's distributed mode share: fixture modules staged in temp folders
// removed after the test file, and a wait for processes to be gone.
import { afterAll } from '@jest/globals';
import { rmSync } from 'node:fs';
import { processAlive, stageFixture } from '../tlc/live-tlc.js';

/**
 * Registers the removal of the staged folders after the file's tests; the function it returns
 * stages a fixture case and returns its module's path.
 */
export function stagedFixtures(): (caseName: string) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return (caseName) => {
    const { dir, module } = stageFixture(caseName);
    dirs.push(dir);
    return module;
  };
}

/** Waits up to `ms` for the processes to end; returns those still alive. */
export async function waitGone(pids: number[], ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(processAlive);
    if (alive.length === 0 || Date.now() > until) return alive;
    await new Promise((r) => setTimeout(r, 100));
  }
}
