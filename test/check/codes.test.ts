// The code table: every code unique, well formed, in the file of its band, documented in
// docs/diagnostics.md (which must be exactly what the generator writes), and every code of the
// checker's bands exercised by a test.
import { readFileSync } from 'node:fs';
import { CODES } from '../../src/diagnostics/codes.js';
import { CHECK_CODES } from '../../src/diagnostics/codes/check.js';
import { SYNTAX_CODES } from '../../src/diagnostics/codes/syntax.js';
import { TOOL_CODES } from '../../src/diagnostics/codes/tool.js';
import { renderDiagnosticsDoc } from '../../scripts/gen-diagnostics-doc.js';
import { BUILT_TREE_CODES, INVALID_CASES, TESTED_ELSEWHERE } from './cases.js';

const BAND_FILES: readonly (readonly [string, Readonly<Record<string, unknown>>, RegExp])[] = [
  ['codes/syntax.ts', SYNTAX_CODES, /^CS1\d{3}$/],
  ['codes/check.ts', CHECK_CODES, /^CS[2-6]\d{3}$/],
  ['codes/tool.ts', TOOL_CODES, /^CS[89]\d{3}$/],
];

const DOC = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');

describe('diagnostic codes', () => {
  test('no code is declared in two band files (the merged table would hide one)', () => {
    const all = BAND_FILES.flatMap(([, table]) => Object.keys(table));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(CODES).length).toBe(all.length);
  });

  test.each(BAND_FILES.map(([file, table, band]) => [file, table, band] as const))(
    'every code in %s is CSnnnn of its band',
    (_, table, band) => {
      for (const code of Object.keys(table)) {
        expect(code).toMatch(/^CS\d{4}$/);
        expect(code).toMatch(band);
      }
    },
  );

  test('every code has a message and a one-line meaning', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect([
        code,
        info.message.length > 0,
        info.meaning.length > 0,
        info.meaning.includes('\n'),
      ]).toEqual([code, true, true, false]);
    }
  });

  test('docs/diagnostics.md is what scripts/gen-diagnostics-doc.ts generates (regenerate it when this fails)', () => {
    expect(DOC).toBe(renderDiagnosticsDoc());
  });

  test('every code of the table appears in docs/diagnostics.md with its meaning', () => {
    for (const code of Object.keys(CODES)) expect(DOC).toContain(`| ${code} |`);
  });

  test('every code of the checker bands (CS2xxx-CS6xxx) is exercised by a test', () => {
    const tested = new Set([
      ...INVALID_CASES.map((c) => c.code),
      ...BUILT_TREE_CODES,
      ...TESTED_ELSEWHERE,
    ]);
    const untested = Object.keys(CHECK_CODES).filter((c) => !tested.has(c));
    expect(untested).toEqual([]);
  });

  test('at least 25 named invalid-input cases, each with a distinct name', () => {
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(INVALID_CASES.map((c) => c.name)).size).toBe(INVALID_CASES.length);
  });
});
