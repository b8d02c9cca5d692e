// The one way children are started (src/process/process-groups.ts): each in a process group of
// its own, so that stopping it, ending it on a probe's timeout or on the way out takes what it
// started too (a `java` wrapper script's JVM), not only the process itself.

import {
  type GroupProcess,
  killAllGroups,
  liveGroupCount,
  spawnGroup,
} from '../../src/process/process-groups.js';
import { commandLine, descendants, processes } from './process-tree.js';

/** The pids of the processes below this one whose command line starts with `prefix`. */
function below(prefix: string): number[] {
  return descendants(process.pid)
    .filter((p) => commandLine(p.pid).startsWith(prefix))
    .map((p) => p.pid);
}

function alive(pids: readonly number[]): number[] {
  const live = new Set(processes().map((p) => p.pid));
  return pids.filter((p) => live.has(p));
}

async function settle(pids: readonly number[]): Promise<number[]> {
  for (let i = 0; i < 30 && alive(pids).length > 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  return alive(pids);
}

// A script that starts a child and waits for it: the shape of a `java` wrapper.
const WRAPPER = ['-c', 'sleep 41 & wait'];

// A probe's timeout is src/tlc/bounded-run.ts's, tested in tlc-probe.test.ts.

/** The leader's pid; a child that could not start fails the test here. */
function pidOf(child: GroupProcess): number {
  if (child.pid === undefined) throw new Error('/bin/sh did not start');
  return child.pid;
}

test('stopping ends the group: the leader and its child', async () => {
  const child = spawnGroup('/bin/sh', WRAPPER);
  let grandchildren: number[] = [];
  for (let i = 0; i < 50 && grandchildren.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    grandchildren = below('sleep 41');
  }
  expect(grandchildren.length).toBe(1);
  expect(liveGroupCount()).toBe(1);
  child.stop(1000);
  await child.exited;
  expect(await settle([pidOf(child), ...grandchildren])).toEqual([]);
  expect(liveGroupCount()).toBe(0);
});

test('killAllGroups kills every live group at once, synchronously', async () => {
  const children = [spawnGroup('/bin/sh', WRAPPER), spawnGroup('/bin/sh', WRAPPER)];
  let grandchildren: number[] = [];
  for (let i = 0; i < 50 && grandchildren.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 20));
    grandchildren = below('sleep 41');
  }
  expect(grandchildren.length).toBe(2);
  killAllGroups();
  expect(liveGroupCount()).toBe(0);
  expect(await settle([...children.map(pidOf), ...grandchildren])).toEqual([]);
});
