// Remembers the temporary folders a run has made and not yet removed, so that a process that
// must end at once (a second Ctrl-C, any exit: exit-cleanup.ts) removes them synchronously on its
// way out. The code that makes a folder still removes it itself; this is the net under that.

import { rmSync } from 'node:fs';
import { cleanUpOnExit } from './exit-cleanup.js';

const live = new Set<string>();

/** Records `path` as a temporary folder of this process; the returned function forgets it once it is removed. */
export function trackTempDir(path: string): () => void {
  cleanUpOnExit('folders', removeAllTempDirs);
  live.add(path);
  return () => void live.delete(path);
}

/** Removes every folder still recorded, synchronously; a folder that cannot be removed is left and forgotten. */
export function removeAllTempDirs(): void {
  for (const path of live) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  live.clear();
}
