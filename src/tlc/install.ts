// Takes a URL and SHA-256 (the pinned v1.7.4 release unless overridden for tests or a mirror)
// and returns the path of the verified tla2tools.jar in the user cache. Downloads over HTTP(S)
// following redirects, verifies, then renames a temp file into place; it must never leave an
// unverified or partial file where locateJar would find it.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cachedJarPath, PINNED_TLC } from './jar.js';
import { EMBEDDED_ADVICE, setupProblem, type Setup } from './setup-problem.js';

export interface InstallOptions {
  /** Download from here instead of the pinned release (a mirror; tests use a local server). Else `CREDSPEC_TLC_URL`. */
  readonly url?: string | undefined;
  /** Expect this SHA-256 (hex) instead of the pinned one. Else `CREDSPEC_TLC_SHA256`. */
  readonly sha256?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** Give up on a download that takes longer (default 300 s). */
  readonly timeoutSeconds?: number;
}

export interface Installed {
  readonly path: string;
  readonly sha256: string;
  readonly url: string;
  /** False when a verified copy was already in the cache. */
  readonly downloaded: boolean;
}

/** The URL and checksum an install would use, after options and environment overrides. */
export function installSource(options: InstallOptions = {}): { url: string; sha256: string } {
  const env = options.env ?? process.env;
  return {
    url: options.url || env.CREDSPEC_TLC_URL || PINNED_TLC.url,
    sha256: (options.sha256 || env.CREDSPEC_TLC_SHA256 || PINNED_TLC.sha256).toLowerCase(),
  };
}

async function sha256OfFile(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

function reasonOf(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'the download timed out';
  const cause = err?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN')
    return 'the host name could not be resolved (no network?)';
  if (cause?.code) return `${cause.message ?? 'network error'} (${cause.code})`;
  return err?.message ?? String(e);
}

/** Downloads, verifies and installs TLC into `<cache>/<version>/tla2tools.jar`. */
export async function installTlc(
  options: InstallOptions = {},
): Promise<Setup<{ installed: Installed }>> {
  const env = options.env ?? process.env;
  const { url, sha256 } = installSource(options);
  const target = cachedJarPath(env);

  const existing = await sha256OfFile(target);
  if (existing === sha256)
    return { ok: true, installed: { path: target, sha256, url, downloaded: false } };

  const failed = (reason: string) =>
    setupProblem(
      'download-failed',
      `Could not download TLC (tla2tools.jar ${PINNED_TLC.version}) from ${url}: ${reason}. Two ways to proceed: download that file by hand, check that its SHA-256 is ${sha256}, and set TLA2TOOLS_JAR to its path; ${EMBEDDED_ADVICE}.`,
    );

  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout((options.timeoutSeconds ?? 300) * 1000),
    });
  } catch (e) {
    return failed(reasonOf(e));
  }
  if (!response.ok || !response.body)
    return failed(`the server answered ${response.status} ${response.statusText}`.trim());

  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    return setupProblem(
      'write-failed',
      `Could not create the cache folder ${dirname(target)}: ${(e as Error).message}. Set XDG_CACHE_HOME to a writable folder, or set TLA2TOOLS_JAR to a tla2tools.jar you have, ${EMBEDDED_ADVICE}.`,
    );
  }
  const hash = createHash('sha256');
  try {
    const body = Readable.fromWeb(
      response.body as import('node:stream/web').ReadableStream<Uint8Array>,
    );
    body.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(body, createWriteStream(temp, { flags: 'wx' }));
  } catch (e) {
    await rm(temp, { force: true });
    return failed(reasonOf(e));
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    await rm(temp, { force: true });
    return setupProblem(
      'checksum-mismatch',
      `The file downloaded from ${url} has SHA-256 ${actual}, not the expected ${sha256}, so it was discarded and nothing was installed. The download may have been corrupted or tampered with: try again, or download tla2tools.jar ${PINNED_TLC.version} by hand, check its checksum, and set TLA2TOOLS_JAR to its path; ${EMBEDDED_ADVICE}.`,
    );
  }
  try {
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    return setupProblem(
      'write-failed',
      `Could not write ${target}: ${(e as Error).message}. Set XDG_CACHE_HOME to a writable folder, or set TLA2TOOLS_JAR to a tla2tools.jar you have, ${EMBEDDED_ADVICE}.`,
    );
  }
  return { ok: true, installed: { path: target, sha256, url, downloaded: true } };
}
