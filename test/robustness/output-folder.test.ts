// The rule that names a spec's output folder (src/tla/names.ts): one folder per spec path,
// never empty, never `.` or `..`, never hidden or dash-led, whatever the path; the shipped
// specs keep `generated/<name>/`.

import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { posix } from 'node:path';
import { specOutputFolder } from '../../src/tla/names.js';
import { HOSTILE_FOLDERS, HOSTILE_SPEC_NAMES } from './hostile-names.js';

const segment = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('.', '-', '%', '_', ' ', 'a', 'ü', '\t', '\\'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 6,
  })
  .filter((s) => !s.includes('/') && s !== '.' && s !== '..');
const specPath = fc
  .tuple(
    fc.nat({ max: 2 }),
    fc.boolean(),
    fc.array(segment, { maxLength: 3 }),
    segment,
    fc.boolean(),
  )
  .map(([ups, inSpecs, folders, name, cred]) =>
    [
      ...Array<string>(ups).fill('..'),
      ...(inSpecs ? ['specs'] : []),
      ...folders,
      cred ? `${name}.cred` : name,
    ].join('/'),
  );

function safe(folder: string): void {
  expect(folder).not.toBe('');
  for (const part of folder.split('/')) {
    expect(part).not.toBe('');
    expect(part).not.toMatch(/^[.-]/);
    // eslint-disable-next-line no-control-regex
    expect(part).not.toMatch(/[\u0000-\u001f\u007f]/);
  }
}

describe('the output folder of a spec', () => {
  test('the shipped layout: specs/<name>.cred is generated/<name>/', () => {
    expect(specOutputFolder('specs/landlock-tsync.cred')).toBe('landlock-tsync');
    expect(specOutputFolder('specs/net/x.cred')).toBe('net/x');
    expect(specOutputFolder('x.cred')).toBe('_/x');
  });

  test('every hostile name is a safe folder of its own', () => {
    const paths = HOSTILE_FOLDERS.flatMap((f) =>
      HOSTILE_SPEC_NAMES.map((n) => posix.normalize(`${f}/${n}`)),
    );
    const folders = new Map<string, string>();
    for (const p of paths) {
      const folder = specOutputFolder(p);
      safe(folder);
      expect({ p, other: folders.get(folder) }).toEqual({ p, other: undefined });
      folders.set(folder, p);
    }
  });

  test('is a safe folder for any path, and no two paths share one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(specPath, {
          minLength: 2,
          maxLength: 8,
          selector: (p) => posix.normalize(p),
        }),
        (paths) => {
          const folders = paths.map(specOutputFolder);
          folders.forEach(safe);
          expect(new Set(folders).size).toBe(paths.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
