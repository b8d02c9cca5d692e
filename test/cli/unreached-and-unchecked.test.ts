// `check` and `ci` on what users met: covers never reached and steps never enabled printed as
// warnings after an exhaustive run (and TLC's silence about them said once), a lasso's step
// back printed under the trace, and a spec that fails lint counted as failed to run in the
// summary, the JUnit, the SARIF and the result file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCheck, unreachedPrinter } from '../../src/cli/commands/check.js';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import type { VariantResult } from '../../src/result/result-file.js';
import { specWorkspaces } from '../support/spec-workspace.js';
import { schemaValidator } from '../support/schemas.js';

const COVERED = `spec covered

shared var total: 0..5 = 0

process A[1] {
  bump: total := total + 1
  check: if total > 3 {
    after: total := 0
  }
}

cover reached_one: total == 1
cover reached_two: total == 2

expect base: holds
`;

const LOOPING = `spec looping

shared var locked: bool = false
shared var done_once: bool = false

fair process W[1] {
  start: locked := false
  loop: while true {
    take: atomic { await !locked; locked := true }
    drop: locked := false
  }
}

property p: eventually done_once
`;

const BROKEN = `spec broken
shared var x: bool = flse
expect base: holds
`;

const workspace = specWorkspaces('credspec-unreached-');

describe('covers and unreached steps', () => {
  test('check prints each as a warning with its line; the exit code stays 0', async () => {
    const { dir, env } = workspace({ 'covered.cred': COVERED });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/covered.cred'], variant: [], param: [] }, io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines).toContain(
      '  warning: cover reached_two: never reached (specs/covered.cred:13:1)',
    );
    expect(lines).toContain('  warning: step A.after never enabled (specs/covered.cred:8:5)');
    expect(io.out()).not.toContain('reached_one');
  });
  test('ci prints them too, under the case line', async () => {
    const { dir, env } = workspace({ 'covered.cred': COVERED });
    const io = memoryIo({ cwd: dir, env });
    // The gate off: its places are the warnings under test (the gate: vacuity-gate.test.ts).
    expect(await runCi({ dir: 'specs', vacuityGate: false }, io)).toBe(0);
    expect(io.out()).toMatch(
      /^ok {3}specs\/covered\.cred base: holds, expected holds;[^\n]*\n {2}warning: cover reached_two: never reached \(specs\/covered\.cred:13:1\)\n/m,
    );
  });
  test('ci names a step once per spec, only when no exhaustive check of the spec enabled it; a fault never taken is its failure', async () => {
    const SPREAD = `spec spread

param GO: bool = false
param FAULTS: bool = false
shared var total: 0..3 = 0

process A[1] {
  bump: total := total + 1 may fail when FAULTS { total := 0 }
  go: if GO {
    gone: total := 0
  }
  odd: if total > 2 {
    never_step: skip
  }
}

expect base: holds
expect base with GO = true: holds
`;
    const { dir, env } = workspace({ 'spread.cred': SPREAD });
    const io = memoryIo({ cwd: dir, env });
    // The gate off: its places are the warnings under test (the gate: vacuity-gate.test.ts).
    expect(await runCi({ dir: 'specs', vacuityGate: false }, io)).toBe(0);
    const warnings = io
      .out()
      .split('\n')
      .filter((l) => l.includes('warning:'));
    expect(warnings).toEqual([
      '  warning: step A.bump (its failure) never enabled in any of the 2 exhaustive checks of specs/spread.cred (specs/spread.cred:8:3)',
      '  warning: step A.never_step never enabled in any of the 2 exhaustive checks of specs/spread.cred (specs/spread.cred:13:5)',
    ]);
  });
  test('after a TLC run that holds, one line says TLC does not report them', () => {
    const io = memoryIo({ cwd: '/', env: {} });
    const print = unreachedPrinter(io);
    const holds = {
      engine: 'tlc',
      verdict: 'holds',
      module: 'M.tla',
      property: null,
    } as unknown as VariantResult;
    print(holds, undefined);
    print(holds, undefined);
    expect(io.out()).toBe(
      '  note: TLC does not report covers never reached or steps never enabled; check with --engine embedded to see them\n',
    );
  });
});

describe("a lasso in check's output", () => {
  test('the step back to the loop is shown and named in the last line', async () => {
    const { dir, env } = workspace({ 'looping.cred': LOOPING });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/looping.cred'], variant: [], param: [] }, io)).toBe(1);
    const out = io.out();
    expect(out).toContain('  counterexample (4 states, then the step back to state 1; module ');
    expect(out).toContain('    4  w1  specs/looping.cred:10:5  W.drop   -> back to state 1\n');
    expect(out).toContain(
      '  -- states 1..3 repeat forever: steps 2..3, then w1 W.drop (line 10) goes back to state 1\n',
    );
  });
});

describe('ci with a spec that fails lint', () => {
  test('counted as failed to run, in the summary and every report; exit 2', async () => {
    const { dir, env } = workspace({ 'broken.cred': BROKEN, 'covered.cred': COVERED });
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCi(
        { dir: 'specs', junit: 'j.xml', sarif: 's.sarif', json: 'r.json', vacuityGate: false },
        io,
      ),
    ).toBe(2);
    expect(io.out()).toContain(
      'ERR  specs/broken.cred: could not be checked: CS2001 at specs/broken.cred:2:22 (diagnostics on stderr)\n',
    );
    expect(io.out()).toContain(
      '2 checks: 1 as expected, 0 not as expected, 0 inconclusive, 1 failed to run\n',
    );
    expect(io.err()).toContain('specs/broken.cred:2:22: error CS2001');

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(dir, 'j.xml'), 'utf8'),
    );
    expect(junit.testsuites.errors).toBe('1');
    expect(junit.testsuites.failures).toBe('0');
    const broken = junit.testsuites.testsuite.find(
      (s: { name: string }) => s.name === 'specs/broken.cred',
    );
    expect(broken.testcase.name).toBe('specs/broken.cred');
    expect(broken.testcase.error.type).toBe('SpecError');
    expect(broken.testcase.error['#text']).toContain(
      'specs/broken.cred:2:22: error CS2001: unknown name `flse`',
    );

    const sarif = JSON.parse(readFileSync(join(dir, 's.sarif'), 'utf8'));
    const diag = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CS2001');
    expect(diag.level).toBe('error');
    expect(diag.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/broken.cred' },
      region: { startLine: 2, startColumn: 22 },
    });

    const file = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const validate = schemaValidator('result');
    expect(validate(file) ? [] : validate.errors).toEqual([]);
    expect(file.unchecked).toEqual([
      {
        spec: 'specs/broken.cred',
        diagnostics: [
          {
            severity: 'error',
            code: 'CS2001',
            message: 'unknown name `flse`',
            location: { file: 'specs/broken.cred', line: 2, column: 22 },
          },
        ],
      },
    ]);
    expect(file.results).toHaveLength(1);
  });
});
