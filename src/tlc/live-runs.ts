// Keeps the process groups and private folders of the TLC runs now in progress in this process,
// so that they can be ended at once when the process itself must go (a second Ctrl-C, a
// `process.exit` while a run is still going). Each run still ends its own group and removes
// its own folder when it finishes or is aborted; this is the last resort, and it is
// synchronous because an `exit` listener cannot wait.

import { rmSync } from 'node:fs';

const groups = new Set<number>();
const folders = new Set<string>();
let exitHookInstalled = false;

/**
 * Signals a whole process group: every TLC process is started detached, in its own group, so
 * a java wrapper script and the JVM it starts both go. A group id is not reused while any
 * member of the group lives, so this never reaches an unrelated process.
 */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', endAllTlcRunsNow);
}

/** Records a process group this process started; the returned function forgets it. */
export function trackGroup(pid: number): () => void {
  installExitHook();
  groups.add(pid);
  return () => groups.delete(pid);
}

/** Records a run's private folder; the returned function forgets it. */
export function trackFolder(path: string): () => void {
  installExitHook();
  folders.add(path);
  return () => folders.delete(path);
}

/**
 * Ends every TLC process group still running (SIGKILL: there is no waiting for a grace
 * period here) and removes every private folder of a run still in progress. Safe to call at
 * any time and more than once; runs in progress then end with the verdict their killed
 * process gives (`error` or, when they were aborted first, `inconclusive`).
 */
export function endAllTlcRunsNow(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while the process exits.
    }
  }
  folders.clear();
}

/** How many groups and folders are tracked now (tests check that a run forgets its own). */
export function liveRunCounts(): { groups: number; folders: number } {
  return { groups: groups.size, folders: folders.size };
}
