// Writes a file so that a reader sees the old content or the new, never part of either: the
// text goes to a fresh temporary name in the same folder, is flushed to disk, and is renamed over
// the target. A run stopped halfway leaves the target as it was (and, if killed outright, a
// hidden `.credspec-*.tmp` file beside it).

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/** The temporary name pattern, for anything that lists a folder credspec writes into. */
export const TEMP_NAME = /^\.credspec-\d+-[0-9a-f]+\.tmp$/;

/** Replaces `target` with `text` atomically; throws the file system's error (the target untouched). */
export function writeFileAtomic(target: string, text: string): void {
  // A short name of its own, so a long target name cannot make the temporary one too long.
  const temp = join(
    dirname(target),
    `.credspec-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = openSync(temp, 'wx', 0o666);
  try {
    try {
      // A write may take only part of the bytes (a file size limit, a full disk): go on until
      // all are written or the file system says why not.
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; )
        done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
