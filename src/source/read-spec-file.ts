// Reads one spec file from disk the way a spec may be read: only a regular `.cred` file, no
// larger than MAX_SPEC_BYTES, and for an import only inside the folders the run allows. Takes
// a path and the allowed folders; returns the file's bytes or an Error whose `code` names the
// refusal (readFailureReason in src/syntax/load.ts words it). It never opens a FIFO, device or
// socket (they are refused on `stat`, and the open is non-blocking in case one is swapped in),
// and never reads more than the cap, so `/dev/zero` or a FIFO cannot hang a run or fill memory.

import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { sep } from 'node:path';

/**
 * The `code` of an Error a reader returns when it refuses a file by policy (not a `.cred` file,
 * not a regular file, too large, outside the allowed folders); its message is the reason.
 */
export const REFUSED = 'CREDSPEC_REFUSED';

/** The largest spec file credspec reads: 4 MiB (the shipped specs are under 40 KiB). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;

/** Why a file is not read; each says what credspec reads instead. */
const REASONS = {
  notCred: 'it is not a `.cred` file (credspec reads `.cred` specs only)',
  special: 'it is not a regular file (FIFOs, devices and sockets are never read)',
  outside: "it is outside the importing spec's folder, the prelude and every --import-path folder",
  tooLarge: `it is larger than ${MAX_SPEC_BYTES / (1024 * 1024)} MiB, the most credspec reads from one spec file`,
} as const;

/** An Error that readFailureReason words by its message (its code marks it as a refusal). */
function refused(reason: keyof typeof REASONS): Error {
  return Object.assign(new Error(REASONS[reason]), { code: REFUSED });
}

/** True when `real` (a canonical path) is `root` or lies under it. */
function inside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Canonical forms of the allowed folders; a folder that does not exist allows nothing. */
export function canonicalFolders(folders: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of folders) {
    try {
      out.push(realpathSync(f));
    } catch {
      // a missing --import-path folder adds no place to import from
    }
  }
  return out;
}

/**
 * Reads `path` (already resolved against the working folder). `allowedRoots` (canonical
 * paths) confines the file's canonical path, symlinks followed; undefined: anywhere.
 */
export function readSpecFile(path: string, allowedRoots?: readonly string[]): Uint8Array | Error {
  if (!path.endsWith('.cred')) return refused('notCred');
  let real: string;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!st.isFile()) return refused('special');
    real = realpathSync(path);
    if (!real.endsWith('.cred')) return refused('notCred');
    if (allowedRoots !== undefined && !allowedRoots.some((root) => inside(real, root)))
      return refused('outside');
    if (st.size > MAX_SPEC_BYTES) return refused('tooLarge');
  } catch (e) {
    return e as Error;
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return e as Error;
  }
  try {
    // The file checked above may have been replaced since: look again at what was opened.
    if (!fstatSync(fd).isFile()) return refused('special');
    return readCapped(fd);
  } catch (e) {
    return e as Error;
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but at most MAX_SPEC_BYTES (a file that grows past it is refused). */
function readCapped(fd: number): Uint8Array | Error {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > MAX_SPEC_BYTES) return refused('tooLarge');
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}
