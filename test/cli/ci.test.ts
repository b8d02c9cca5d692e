// `credspec ci` in process, on a small spec in a temporary folder: expectations met and not met,
// JUnit and SARIF files, simulation mode and GitHub Actions annotations.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { LOCKED, lockedWorkspace } from './locked-spec.js';

const scratch = scratchDirs();
const workspace = () => lockedWorkspace(scratch);

describe('credspec ci', () => {
  test('every expectation met: exit 0; JUnit and SARIF written', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', junit: 'j.xml', sarif: 's.sarif' }, io)).toBe(0);
    expect(io.out()).toContain('2 checks: 2 as expected, 0 not as expected');
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(dir, 'j.xml'), 'utf8'),
    );
    expect(junit.testsuites.testsuite.testcase.map((c: { name: string }) => c.name)).toEqual([
      'base',
      '[R-1] racy',
    ]);
    const sarif = JSON.parse(readFileSync(join(dir, 's.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    // Everything as expected: no alerts (the expected race is in JUnit and the JSON report).
    expect(sarif.runs[0].results).toEqual([]);
  });

  test('a changed expectation makes ci exit 1 naming the variant, the expected and the actual verdict', async () => {
    const { dir, env } = workspace();
    writeFileSync(
      join(dir, 'specs', 'locked.cred'),
      LOCKED.replace('expect "R-1" racy: violates one_inside', 'expect "R-1" racy: holds'),
    );
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(1);
    expect(io.out()).toMatch(
      /^FAIL \[R-1\] specs\/locked\.cred racy: violates one_inside, expected holds;/m,
    );
  });

  test('in simulation mode a holds expectation is met only as inconclusive (exit 4); a violation is still found', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', simulate: true, traces: 50, depth: 20, seed: 7 }, io)).toBe(
      4,
    );
    const out = io.out();
    expect(out).toMatch(/^\?\? {3}specs\/locked\.cred base: inconclusive, expected holds;/m);
    expect(out).toMatch(
      /^ok {3}\[R-1\] specs\/locked\.cred racy: violates one_inside, expected violates one_inside;/m,
    );
    expect(out).toContain('2 checks: 1 as expected, 0 not as expected, 1 inconclusive');
  });

  test('GitHub Actions annotations point at the expectation', async () => {
    const { dir, env } = workspace();
    writeFileSync(
      join(dir, 'specs', 'locked.cred'),
      LOCKED.replace('expect base: holds', 'expect base: deadlock'),
    );
    const io = memoryIo({ cwd: dir, env: { ...env, GITHUB_ACTIONS: 'true' } });
    expect(await runCi({ dir: 'specs' }, io)).toBe(1);
    expect(io.out()).toContain(
      '::error file=specs/locked.cred,line=22,col=1::base: expected deadlock, got holds',
    );
  });
});
