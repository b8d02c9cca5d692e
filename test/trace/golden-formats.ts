// The golden files of the trace formats (test/trace/formats-golden/): compares a format's text
// with its file, and with UPDATE_GOLDEN=1 writes it (review the diff). Shared by every test
// that holds a format to its golden text.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TraceFormat } from '../../src/trace/formats/format-trace.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'formats-golden');

/** The formats with golden files, and each one's file extension. */
export const GOLDEN_FORMATS: readonly [TraceFormat, string][] = [
  ['text', 'txt'],
  ['mermaid', 'mmd'],
  ['lkml', 'lkml.txt'],
];

/** Asserts `actual` is the golden file `name`; a missing file fails unless UPDATE_GOLDEN=1. */
export function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`missing golden file ${path}: run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
