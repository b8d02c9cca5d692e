// The process groups and private folders of the TLC runs now in progress, kept in the
// process-wide registries of src/process/ so that the CLI's signal layer and a process that
// must exit at once (a second Ctrl-C, a `process.exit` mid-run) end and remove them with every
// other child. Each run still ends its own group and removes its own folder when it finishes or
// is aborted; this is the last resort, and it is synchronous because an `exit` listener cannot
// wait.

import {
  killAllGroups,
  killGroup,
  liveGroupCount,
  trackGroup as trackProcessGroup,
} from '../process/process-groups.js';
import { liveTempDirs, removeAllTempDirs, trackTempDir } from '../process/temp-dirs.js';

export { killGroup };

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', endAllTlcRunsNow);
}

/** Records a process group this process started (its leader detached); the returned function forgets it. */
export function trackGroup(pid: number): () => void {
  installExitHook();
  return trackProcessGroup(pid);
}

/** Records a run's private folder; the returned function forgets it. */
export function trackFolder(path: string): () => void {
  installExitHook();
  return trackTempDir(path);
}

/**
 * Ends every process group still running (SIGKILL: there is no waiting for a grace period
 * here) and removes every private folder still recorded. Safe to call at any time and more
 * than once; runs in progress then end with the verdict their killed process gives (`error`
 * or, when they were aborted first, `inconclusive`).
 */
export function endAllTlcRunsNow(): void {
  killAllGroups();
  removeAllTempDirs();
}

/** How many groups and folders are tracked now (tests check that a run forgets its own). */
export function liveRunCounts(): { groups: number; folders: number } {
  return { groups: liveGroupCount(), folders: liveTempDirs().length };
}
