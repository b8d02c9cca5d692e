// Files in credspec's user cache that a run can trust. Folders are created mode 0700 and, with
// every folder between the cache root and them, checked to belong to this user and to be
// writable by nobody else before anything in them is read; files are written atomically (a temp
// name in the same folder, fsync, rename) and read through the descriptor whose owner and mode
// were checked, so the bytes verified are the bytes used. What a file's content must be is the
// caller's business (a content hash in its name): this module only says whether it can be read
// as this user's own.

import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, sep } from 'node:path';

/** A folder of the cache: `root` is created and checked as a whole, `folder` is relative to it. */
export interface PrivateCache {
  readonly root: string;
  readonly folder: string;
}

/** The cache cannot be used: a folder in it is not this user's own, or is open to others. */
export class UntrustedCacheError extends Error {
  override readonly name = 'UntrustedCacheError';
}

/** Why a stat makes a path unfit to trust, or null when it is this user's own and closed to others. */
export function distrust(st: Stats, kind: 'folder' | 'file'): string | null {
  if (kind === 'folder' ? !st.isDirectory() : !st.isFile())
    return kind === 'folder' ? 'is not a folder' : 'is not a regular file';
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid)
    return `belongs to uid ${st.uid}, not to this user (uid ${uid})`;
  const open = st.mode & 0o022;
  if (open !== 0)
    return `is writable by ${(open & 0o002) !== 0 ? 'everyone' : 'its group'} (mode ${(st.mode & 0o777).toString(8)})`;
  return null;
}

function mkdirPrivate(path: string): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/**
 * Creates (mode 0700) what is missing of `<root>/<sub>` and checks the root (through a link the
 * user made to it, if any) and every folder below it (no links). Returns the folder's path;
 * throws UntrustedCacheError naming the first folder that fails.
 */
export function privateFolder(cache: PrivateCache, sub = ''): string {
  mkdirSync(cache.root, { recursive: true, mode: 0o700 });
  const rootWhy = distrust(statSync(cache.root), 'folder');
  if (rootWhy !== null) throw new UntrustedCacheError(`${cache.root} ${rootWhy}`);
  const target = join(cache.root, cache.folder, sub);
  const rel = relative(cache.root, target);
  let path = cache.root;
  for (const part of rel === '' ? [] : rel.split(sep)) {
    path = join(path, part);
    mkdirPrivate(path);
    const why = distrust(lstatSync(path), 'folder');
    if (why !== null) throw new UntrustedCacheError(`${path} ${why}`);
  }
  return target;
}

/** What reading a cache file found. */
export type CacheRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'untrusted'; readonly why: string };

/** Reads a file of a checked folder as this user's own, through the descriptor that was checked; never follows a link. */
export function readPrivate(path: string): CacheRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return {
      kind: 'untrusted',
      why:
        code === 'ELOOP'
          ? 'is a symbolic link'
          : `cannot be read (${code ?? (e as Error).message})`,
    };
  }
  try {
    const why = distrust(fstatSync(fd), 'file');
    if (why !== null) return { kind: 'untrusted', why };
    return { kind: 'text', text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to `path` atomically: a new file (mode 0600) under a name of its own in the same
 * folder, flushed to disk, then renamed over `path`; a reader sees the old file or the whole new
 * one, never a part. The temp file is removed when anything fails.
 */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    try {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never made
    }
    throw e;
  }
}

/** Removes a folder of the cache that failed its check (its parent was checked as this user's). */
export function removePrivate(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
