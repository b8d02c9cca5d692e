// Reads a file a command was pointed at, refusing what would block or grow without bound: a
// FIFO, a device, a folder, or a file over a size cap. Opens without blocking (a FIFO with no
// writer would otherwise hang the open) and checks the opened file, not the path, so a swap
// between a check and the open changes nothing. Returns the bytes or a one-line reason.

import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: string };

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'it is a folder';
  if (stat.isFIFO()) return 'it is a FIFO, not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'it is a device, not a regular file';
  if (stat.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

function openFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENXIO':
      return 'it is a FIFO or socket, not a regular file';
    default:
      return code ?? String(e);
  }
}

/** `n` bytes in words (`64 MiB`). */
export function describeBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The whole of a regular file of at most `maxBytes` bytes. Never throws, never blocks on a FIFO. */
export async function readRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, reason: openFailure(e) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: kindOf(stat) };
    if (stat.size > maxBytes)
      return {
        ok: false,
        reason: `it is ${stat.size} bytes, over the limit of ${describeBytes(maxBytes)}`,
      };
    // Read to the end rather than trusting the size: a file that grows while it is read, or
    // one that reports no size (/proc), is still held to the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes)
        return { ok: false, reason: `it is over the limit of ${describeBytes(maxBytes)}` };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, reason: openFailure(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
