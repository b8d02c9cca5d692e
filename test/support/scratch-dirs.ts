// Test helper: temp folders that are removed when the test file ends. Call `scratchDirs()` at
// the top level of a test file (it registers an afterAll); the function it returns makes a
// folder under the system temp folder, as mkdtempSync does.

import { afterAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A maker of temp folders (`credspec-<prefix>-XXXXXX`), all removed after the file's tests. */
export function scratchDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
