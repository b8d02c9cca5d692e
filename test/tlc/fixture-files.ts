// Test helper: reads the recorded TLC runs of the shared fixture corpus through its index.json,
// in place (never copied into the repository). Returns text; it must not interpret it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The corpus beside the repository (`../shared/tlc-fixtures`), or CREDSPEC_TLC_FIXTURES. */
export const FIXTURES =
  process.env.CREDSPEC_TLC_FIXTURES ?? resolve(process.cwd(), '..', 'shared', 'tlc-fixtures');

export interface FixtureRun {
  readonly run: string;
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
}

export interface FixtureCase {
  readonly case: string;
  readonly spec: readonly string[];
  readonly runs: readonly FixtureRun[];
  readonly traceFiles: readonly string[];
  readonly extraOptions: string;
}

export const fixturesPresent = existsSync(join(FIXTURES, 'index.json'));

export function fixtureCases(): FixtureCase[] {
  if (!fixturesPresent) return [];
  return (
    JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as { cases: FixtureCase[] }
  ).cases;
}

export function fixtureText(caseName: string, file: string): string {
  return readFileSync(join(FIXTURES, caseName, file), 'utf8');
}

/** The module name of a case (its `.tla` file without extension). */
export function moduleOf(c: FixtureCase): string {
  return c.spec.find((f) => f.endsWith('.tla'))!.replace(/\.tla$/, '');
}
