// Takes the `--tlc-jar` option and the environment and returns the tla2tools.jar to use
// (option, then TLA2TOOLS_JAR, then the user cache), checked to be a zip that starts TLC, with
// the TLC options it supports. Reads files and runs Java (never left running); must not
// download anything.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runBounded } from './bounded-run.js';
import { EMBEDDED_ADVICE, setupProblem, type Setup } from './setup-problem.js';

/** The TLC release `credspec tlc install` fetches, pinned by version and checksum. */
export const PINNED_TLC = {
  version: '1.7.4',
  url: 'https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar',
  sha256: '936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88',
} as const;

export interface JarInfo {
  readonly path: string;
  readonly source: 'option' | 'TLA2TOOLS_JAR' | 'cache';
}

/** What a jar's TLC can do, learnt by starting it once. */
export interface JarProbe {
  /** TLC's `TLC2 Version ...` line, shown to users and never parsed. */
  readonly versionLine: string;
  /** `-noGenerateSpecTE` exists (newer TLCs; 1.7.4 has no such option and writes no trace spec by default). */
  readonly noGenerateSpecTE: boolean;
}

/** `$XDG_CACHE_HOME/credspec/tlc`, or `~/.cache/credspec/tlc`. */
export function tlcCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/')
      ? env.XDG_CACHE_HOME
      : join(env.HOME || homedir(), '.cache');
  return join(base, 'credspec', 'tlc');
}

/** Where `credspec tlc install` puts a release: `<cache>/<version>/tla2tools.jar`. */
export function cachedJarPath(
  env: NodeJS.ProcessEnv = process.env,
  version: string = PINNED_TLC.version,
): string {
  return join(tlcCacheDir(env), version, 'tla2tools.jar');
}

const JAR_ADVICE = `Run \`credspec tlc install\` to download TLC ${PINNED_TLC.version} into the cache, or set TLA2TOOLS_JAR (or pass --tlc-jar) to a tla2tools.jar you have, ${EMBEDDED_ADVICE}.`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A jar is a zip: it starts with `PK\x03\x04`. */
function looksLikeZip(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Finds the jar: `--tlc-jar`, then TLA2TOOLS_JAR, then the cache. A named jar that is missing is an error, not a fall-through. */
export function locateJar(
  options: { tlcJar?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): Setup<{ jar: JarInfo }> {
  const env = options.env ?? process.env;
  const named: [string | undefined, JarInfo['source'], string][] = [
    [options.tlcJar, 'option', '--tlc-jar'],
    [env.TLA2TOOLS_JAR, 'TLA2TOOLS_JAR', 'TLA2TOOLS_JAR'],
  ];
  for (const [path, source, label] of named) {
    if (!path) continue;
    if (!isFile(path))
      return setupProblem(
        'no-jar',
        `${label} names ${path}, which does not exist or is not a file. ${JAR_ADVICE}`,
      );
    return checkZip({ path, source });
  }
  const cached = cachedJarPath(env);
  if (isFile(cached)) return checkZip({ path: cached, source: 'cache' });
  return setupProblem(
    'no-jar',
    `No TLC found: --tlc-jar and TLA2TOOLS_JAR are not set and the cache has no ${cached}. ${JAR_ADVICE}`,
  );
}

function checkZip(jar: JarInfo): Setup<{ jar: JarInfo }> {
  if (!looksLikeZip(jar.path)) {
    return setupProblem(
      'corrupt-jar',
      `${jar.path} (from ${jar.source}) is not a jar file (not a zip archive); it may be a failed or partial download. ${corruptAdvice(jar)}`,
    );
  }
  return { ok: true, jar };
}

function corruptAdvice(jar: JarInfo): string {
  return jar.source === 'cache'
    ? `Delete it and run \`credspec tlc install\` again, ${EMBEDDED_ADVICE}.`
    : `Point ${jar.source === 'option' ? '--tlc-jar' : 'TLA2TOOLS_JAR'} at a working tla2tools.jar, run \`credspec tlc install\`, ${EMBEDDED_ADVICE}.`;
}

const probes = new Map<string, JarProbe>();

/**
 * Starts TLC once as `tlc2.TLC -noGenerateSpecTE -version`: every TLC prints its version line
 * before reading options, then rejects the first option it does not know. A TLC that knows
 * `-noGenerateSpecTE` complains about `-version` instead. Cached per jar path, size and time.
 */
export async function probeJar(
  javaPath: string,
  jar: JarInfo,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<Setup<{ probe: JarProbe }>> {
  const st = statSync(jar.path);
  const key = `${jar.path}\0${st.size}\0${st.mtimeMs}`;
  const known = probes.get(key);
  if (known) return { ok: true, probe: known };
  // Killed with its process group if it hangs (bounded-run.ts).
  const out = await runBounded(
    javaPath,
    ['-cp', jar.path, 'tlc2.TLC', '-noGenerateSpecTE', '-version'],
    { env, timeoutMs: 60_000, signal },
  );
  const output = `${out.stdout}\n${out.stderr}`;
  if (out.timedOut) {
    return setupProblem(
      'corrupt-jar',
      `${javaPath} -cp ${jar.path} tlc2.TLC -version did not answer within 60 s and was stopped. Run the check again when the machine is less busy; if it keeps hanging, point ${jar.source === 'cache' ? 'the cache' : jar.source === 'option' ? '--tlc-jar' : 'TLA2TOOLS_JAR'} at a working tla2tools.jar, ${EMBEDDED_ADVICE}.`,
    );
  }
  const versionLine = output
    .split('\n')
    .find((l) => l.startsWith('TLC2 Version'))
    ?.trim();
  if (!versionLine) {
    const said =
      output
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '') ?? 'no output';
    return setupProblem(
      'corrupt-jar',
      `${jar.path} (from ${jar.source}) does not start TLC (java said: ${said}). ${corruptAdvice(jar)}`,
    );
  }
  const probe: JarProbe = { versionLine, noGenerateSpecTE: !output.includes('-noGenerateSpecTE') };
  probes.set(key, probe);
  return { ok: true, probe };
}
