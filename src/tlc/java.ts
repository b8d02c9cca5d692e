// Takes the environment (JAVA_HOME, PATH) and returns the Java that will run TLC with its major
// version, or a problem saying what to install. Runs `java -version`; must not look anywhere
// else (no guessing of install folders), must not throw for a missing or broken Java, and must
// not leave a `java -version` that hangs behind.

import { runBounded } from './bounded-run.js';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EMBEDDED_ADVICE, setupProblem, type Setup } from './setup-problem.js';
import { at } from '../source/checked-index.js';

/** TLC needs Java 11 or newer. */
export const MIN_JAVA_MAJOR = 11;

export interface JavaInfo {
  /** The executable that will be run. */
  readonly path: string;
  /** Where it was found. */
  readonly source: 'JAVA_HOME' | 'PATH';
  /** The first line of `java -version`. */
  readonly versionLine: string;
  readonly major: number;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `version "17.0.15"` gives 17; the old scheme `version "1.8.0_292"` gives 8. */
export function readJavaMajor(versionText: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionText);
  if (!m) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

function candidates(env: NodeJS.ProcessEnv): { path: string; source: JavaInfo['source'] }[] {
  const out: { path: string; source: JavaInfo['source'] }[] = [];
  if (env.JAVA_HOME) {
    const p = join(env.JAVA_HOME, 'bin', 'java');
    if (isExecutable(p)) out.push({ path: p, source: 'JAVA_HOME' });
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, 'java');
    if (isExecutable(p)) {
      out.push({ path: p, source: 'PATH' });
      break;
    }
  }
  return out;
}

/** How long `java -version` may take before it is killed (with its process group). */
export const JAVA_PROBE_TIMEOUT_MS = 30_000;

async function runVersion(
  path: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ text: string; failed: string | null }> {
  const out = await runBounded(path, ['-version'], { env, timeoutMs, signal });
  // Java prints its version on stderr; some wrappers use stdout.
  const text = `${out.stderr}\n${out.stdout}`.trim();
  return { text, failed: out.timedOut || (out.failed !== null && !text) ? out.failed : null };
}

const INSTALL_ADVICE = `Install a JDK ${MIN_JAVA_MAJOR} or newer (for example the openjdk-17-jre-headless package) and put its java on PATH or set JAVA_HOME, ${EMBEDDED_ADVICE}.`;

/** Finds Java: `$JAVA_HOME/bin/java`, then `java` on PATH; requires version 11 or newer. */
export async function findJava(
  env: NodeJS.ProcessEnv = process.env,
  options: { timeoutMs?: number; signal?: AbortSignal | undefined } = {},
): Promise<Setup<{ java: JavaInfo }>> {
  const found = candidates(env);
  if (found.length === 0) {
    const where = env.JAVA_HOME
      ? `neither in JAVA_HOME (${env.JAVA_HOME}/bin/java) nor on PATH`
      : 'not on PATH and JAVA_HOME is not set';
    return setupProblem(
      'no-java',
      `TLC needs Java, and no java executable was found: ${where}. ${INSTALL_ADVICE}`,
    );
  }
  const { path, source } = at(found, 0, 'the java found');
  const { text, failed } = await runVersion(
    path,
    env,
    options.timeoutMs ?? JAVA_PROBE_TIMEOUT_MS,
    options.signal,
  );
  const major = readJavaMajor(text);
  if (failed || major === null) {
    return setupProblem(
      'no-java',
      `${path} did not report a Java version (${failed ?? text.split('\n')[0] ?? 'no output'}). ${INSTALL_ADVICE}`,
    );
  }
  const versionLine =
    text
      .split('\n')
      .find((l) => /version "/.test(l))
      ?.trim() ?? at(text.split('\n'), 0, 'the first line').trim();
  if (major < MIN_JAVA_MAJOR) {
    return setupProblem(
      'old-java',
      `TLC needs Java ${MIN_JAVA_MAJOR} or newer, but ${path} (from ${source}) is Java ${major} (${versionLine}). ${INSTALL_ADVICE}`,
    );
  }
  return { ok: true, java: { path, source, versionLine, major } };
}
