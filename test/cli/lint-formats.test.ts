// `credspec lint --format json|sarif`: the diagnostics an editor or a CI job reads, with the
// positions of the text output, the JSON valid against schema/lint.schema.json, the SARIF with
// what SARIF 2.1.0 requires and one rule per code, and the exit codes of the text format.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { schemaValidator } from '../support/schemas.js';
import { githubProblems, schemaProblems } from './sarif-checks.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
let dir: string;

// Line 2: an unused const (warning); line 4: `x` declared again (error, related to line 3);
// line 6: a misspelt `false` after a tab (error with a hint).
const SPEC =
  'spec e\nconst UNUSED = 1\nshared var x: 0..3 = 0\nshared var x: 0..3 = 1\nprocess P[1] {\n\ts: x := flase\n}\n';
const FILE = 'odd dir/e f#1.cred';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-lint-format-'));
  mkdirSync(join(dir, '.prelude'));
  writeFileSync(
    join(dir, '.prelude', 'kernel.cred'),
    'spec kernel\nshared var kernel_ticks: 0..3 = 0\n',
  );
  mkdirSync(join(dir, 'odd dir'));
  writeFileSync(join(dir, FILE), SPEC);
  writeFileSync(
    join(dir, 'clean.cred'),
    'spec c\nshared var x: 0..3 = 0\nprocess P[1] {\n  s: x := 1\n}\ninvariant small: x <= 3\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function lint(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd: dir, env: { CREDSPEC_PRELUDE: join(dir, '.prelude') } });
  const code = await runCli(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** The row of docs/diagnostics.md for a code: [severity, message, what triggers it]. */
function docRow(code: string): string[] {
  const row = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`| ${code} |`));
  if (row === undefined) throw new Error(`${code} is not in docs/diagnostics.md`);
  return row
    .split(' | ')
    .slice(1)
    .map((c) => c.replace(/ \|$/, ''));
}

describe('credspec lint --format json', () => {
  test('an error, a warning, a hint and a related place: hand-checked positions, valid against the schema, exit 2', async () => {
    const r = await lint('--format', 'json', FILE);
    expect(r.code).toBe(2);
    expect(r.err).toBe('1 file, 2 errors, 1 warning\n');
    const doc = JSON.parse(r.out);
    const validate = schemaValidator('lint');
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.summary).toEqual({ files: 1, errors: 2, warnings: 1 });
    expect(doc.diagnostics).toEqual([
      {
        file: FILE,
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 13,
        severity: 'warning',
        code: 'CS2007',
        message: 'const `UNUSED` is never used',
        hint: null,
        related: [],
      },
      {
        file: FILE,
        line: 4,
        column: 12,
        endLine: 4,
        endColumn: 13,
        severity: 'error',
        code: 'CS2002',
        message: 'duplicate declaration of `x`',
        hint: null,
        related: [
          {
            file: FILE,
            line: 3,
            column: 12,
            endLine: 3,
            endColumn: 13,
            message: 'first declared here',
          },
        ],
      },
      {
        file: FILE,
        line: 6,
        column: 10,
        endLine: 6,
        endColumn: 15,
        severity: 'error',
        code: 'CS2001',
        message: 'unknown name `flase`',
        hint: 'did you mean `false`?',
        related: [],
      },
    ]);
  });

  test('a clean spec: an empty list, exit 0; the schema refuses a diagnostic without a position', async () => {
    const r = await lint('--format', 'json', 'clean.cred');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.diagnostics).toEqual([]);
    const validate = schemaValidator('lint');
    expect(validate(doc)).toBe(true);
    const broken = {
      ...doc,
      diagnostics: [
        { file: 'a', severity: 'error', code: 'CS2001', message: 'm', hint: null, related: [] },
      ],
    };
    expect(validate(broken)).toBe(false);
  });

  test('a missing input still gives a JSON document for the others, and exit 2', async () => {
    const r = await lint('--format', 'json', 'nope.cred', 'clean.cred');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).summary).toEqual({ files: 1, errors: 0, warnings: 0 });
    expect(r.err).toContain('cannot read nope.cred');
  });
});

describe('credspec lint --format sarif', () => {
  test('SARIF 2.1.0: one rule per code from the codes table, results with regions and related locations', async () => {
    const r = await lint('--format', 'sarif', FILE);
    expect(r.code).toBe(2);
    expect(r.err).toBe('1 file, 2 errors, 1 warning\n');
    const log = JSON.parse(r.out);
    expect(schemaProblems(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    // What SARIF 2.1.0 requires of a log, a run, a tool, a rule and a result.
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('credspec');
    const rules = run.tool.driver.rules;
    expect(rules.map((x: { id: string }) => x.id)).toEqual(['CS2001', 'CS2002', 'CS2007']);
    for (const rule of rules) {
      const [severity, message, meaning] = docRow(rule.id);
      expect(rule.shortDescription.text).toBe(message!.replace(/\\\|/g, '|'));
      expect(rule.fullDescription.text).toBe(meaning);
      expect(rule.defaultConfiguration.level).toBe(severity);
      // No public address in package.json: no link rather than a path on this machine.
      expect(rule.helpUri).toBeUndefined();
    }
    expect(
      run.results.map((x: { ruleId: string; level: string }) => `${x.ruleId} ${x.level}`),
    ).toEqual(['CS2007 warning', 'CS2002 error', 'CS2001 error']);
    for (const res of run.results) {
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(typeof res.message.text).toBe('string');
    }
    const [unused, duplicate, unknown] = run.results;
    const uri = 'odd%20dir/e%20f%231.cred';
    expect(unused.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 13 },
        },
      },
    ]);
    expect(duplicate.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: 3, startColumn: 12, endLine: 3, endColumn: 13 },
        },
        message: { text: 'first declared here' },
      },
    ]);
    expect(unknown.message.text).toBe('unknown name `flase` (hint: did you mean `false`?)');
    expect(unknown.locations[0].physicalLocation.region).toEqual({
      startLine: 6,
      startColumn: 10,
      endLine: 6,
      endColumn: 15,
    });
  });

  test('warnings only: exit 0, as in text', async () => {
    writeFileSync(
      join(dir, 'warn.cred'),
      'spec w\nconst UNUSED = 1\nshared var x: 0..3 = 0\nprocess P[1] {\n  s: x := 1\n}\n',
    );
    const r = await lint('--format', 'sarif', 'warn.cred');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual([
      'CS2007',
    ]);
  });
});

describe('credspec lint --format', () => {
  test('text is the default and the same as no --format; an unknown format is bad usage', async () => {
    const plain = await lint(FILE);
    expect(await lint('--format', 'text', FILE)).toEqual(plain);
    expect(plain.out.endsWith('1 file, 2 errors, 1 warning\n')).toBe(true);
    const bad = await lint('--format', 'xml', FILE);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /^credspec: error: option '--format <format>' argument 'xml' is invalid/,
    );
    expect(bad.out).toBe('');
  });
});
