// Shared by the viewer tests: the recorded results, a view of one with its spec read, and the
// plain text of rendered lines.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import { lineText, type StyledLine } from '../../src/cli/viewer/styled-line.js';
import { makeTraceView, type TraceView } from '../../src/cli/viewer/trace-view.js';

export const REPO = process.cwd();
export const RESULTS = join(REPO, 'test', 'fixtures', 'results');

/** A recorded result file, parsed. */
export function loadFile(name: string): ResultFile {
  return JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as ResultFile;
}

/** The view of one recorded result, with its spec file read from the repository. */
export function viewOf(result: VariantResult): TraceView {
  return makeTraceView(
    result,
    new Map([[result.spec, readFileSync(join(REPO, result.spec), 'utf8')]]),
  );
}

/** The rendered lines as plain text. */
export function texts(lines: readonly StyledLine[]): string[] {
  return lines.map(lineText);
}
