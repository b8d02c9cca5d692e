// Test helper: which real TLC jars the live tests run against (TLA2TOOLS_JAR, and the 1.7.4
// build beside the shared one when present), and a temp copy of a fixture module for runTlc.
// Returns paths; it must not start TLC itself.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FIXTURES, fixtureCases, fixturesPresent, moduleOf } from './fixture-files.js';

export const ENV_JAR =
  process.env.TLA2TOOLS_JAR && existsSync(process.env.TLA2TOOLS_JAR)
    ? process.env.TLA2TOOLS_JAR
    : undefined;
/** TLC 1.7.4, the release users install: TLA2TOOLS_JAR_174, else `v1.7.4/` beside TLA2TOOLS_JAR. */
const RELEASE_JAR =
  process.env.TLA2TOOLS_JAR_174 ??
  (ENV_JAR ? join(dirname(ENV_JAR), 'v1.7.4', 'tla2tools.jar') : '');

/** Jars to run live tests against, by a name that appears in the test titles. */
export function liveJars(): { name: string; path: string }[] {
  if (!ENV_JAR) return [];
  const jars = [{ name: 'TLA2TOOLS_JAR', path: ENV_JAR }];
  if (existsSync(RELEASE_JAR) && RELEASE_JAR !== ENV_JAR)
    jars.push({ name: 'v1.7.4', path: RELEASE_JAR });
  return jars;
}

/** Why live tests are skipped, for the skipped describe's title; null when they run. */
export const liveSkipReason: string | null = ENV_JAR
  ? null
  : 'skipped: TLA2TOOLS_JAR is not set (or names no file), so no TLC to run';

/**
 * Why live tests that run the recorded fixture modules are skipped (no jar, or no fixtures
 * beside the checkout), for the skipped describe's title; null when they run.
 */
export const liveFixtureSkipReason: string | null =
  liveSkipReason ??
  (fixturesPresent
    ? null
    : `skipped: the TLC fixture modules are not at ${FIXTURES} (../shared/tlc-fixtures, or set CREDSPEC_TLC_FIXTURES)`);

/** Copies a fixture case's .tla and .cfg into a fresh temp folder; returns the module path. */
export function stageFixture(caseName: string): { dir: string; module: string } {
  // Looked up before the folder is made: a missing case leaves no empty folder behind.
  const c = fixtureCases().find((x) => x.case === caseName);
  if (c === undefined) throw new Error(`no fixture case ${caseName} in ${FIXTURES}`);
  const dir = mkdtempSync(join(tmpdir(), 'credspec-tlc-test-'));
  for (const f of c.spec) copyFileSync(join(FIXTURES, caseName, f), join(dir, f));
  return { dir, module: join(dir, `${moduleOf(c)}.tla`) };
}

/** True while a process with this id exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
