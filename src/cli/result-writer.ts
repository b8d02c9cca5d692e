// Writes the result file (`--json FILE`): the ResultFile of src/result/result-file.ts, two-space
// JSON. schema/result.schema.json describes it; tests validate written files against it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ResultFile, VariantResult } from '../result/result-file.js';
import { packageVersion } from '../driver/package-root.js';

/** The result file's content for these results. */
export function resultFile(results: readonly VariantResult[]): ResultFile {
  return { tool: 'credspec', version: packageVersion(), results };
}

/** The result file's text: two-space JSON, `tool` first (how a later run knows it for credspec's). */
export function resultFileText(results: readonly VariantResult[], extra: object = {}): string {
  return JSON.stringify({ ...resultFile(results), ...extra }, null, 2) + '\n';
}

/** Writes the result file into a folder of the caller's own (a temporary one); returns an error message instead of throwing. */
export function writeResultFile(
  path: string,
  cwd: string,
  results: readonly VariantResult[],
): string | null {
  try {
    const target = resolve(cwd, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, resultFileText(results));
    return null;
  } catch (e) {
    return `cannot write ${path}: ${(e as Error).message}`;
  }
}
