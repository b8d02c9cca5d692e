// `credspec check` and `credspec ci` in process, on small specs in a temporary folder: the
// verdicts, counts and traces a user reads, the result file against its schema, exit codes.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { runCheck } from '../../src/cli/commands/check.js';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const LOCKED = `spec locked_counter

param THREADS: 1..3 = 2

shared var locked: bool = false
shared var count: 0..3 = 0

fair process Worker[THREADS] {
  take:    atomic { await !locked; locked := true }
  bump:    count := count + 1
  release: locked := false
}

invariant bounded: count <= THREADS

variant racy {
  override step Worker.take: skip
}

invariant one_inside: card({ t in Worker | at(t, release) }) <= 1

expect base: holds
expect "R-1" racy: violates one_inside
`;

function workspace(): { dir: string; env: Record<string, string> } {
  const dir = scratch('credspec-check-');
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'locked.cred'), LOCKED);
  return {
    dir,
    env: {
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      CI: 'true',
      CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
    },
  };
}

describe('credspec check', () => {
  test('a holding variant: exit 0, one line with TLC-meaning counts', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: ['base'], param: [] }, io),
    ).toBe(0);
    expect(io.out()).toMatch(
      /^specs\/locked\.cred base: holds {2}\(\d+ distinct states, \d+ generated, depth \d+, [0-9.]+ s\)$/m,
    );
  });

  test('a violation: exit 1, the trace names threads, spec lines and changed variables', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['racy'], param: [], json: 'r.json' },
        io,
      ),
    ).toBe(1);
    const out = io.out();
    expect(out).toContain('racy: violates one_inside');
    // The racy variant's take step is the override, so the trace points at the variant's line.
    expect(out).toMatch(/worker\d {2}specs\/locked\.cred:17:30 {2}Worker\.take/);
    expect(out).toMatch(/worker\d {2}specs\/locked\.cred:10:3 {2}Worker\.bump/);
    expect(out).toMatch(/count: 0 -> 1/);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(ROOT, 'schema', 'result.schema.json'), 'utf8')),
    );
    expect(validate(result) ? [] : validate.errors).toEqual([]);
    const r = result.results[0];
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('one_inside');
    expect(r.propertyLocation).toMatchObject({ file: 'specs/locked.cred', line: 20, column: 1 });
    expect(r.trace[0].step).toBe('init');
    for (const step of r.trace.slice(1)) {
      expect(step.location.file).toBe('specs/locked.cred');
      // Every step points at the line that holds its statement.
      const line = LOCKED.split('\n')[step.location.line - 1]?.replace(/\s+/g, ' ');
      expect(line).toContain(step.source);
    }
    expect(Object.keys(r.trace.at(-1).state)).toEqual(expect.arrayContaining(['count', 'locked']));
    // The spec's view of each step hides the module's internals; its TLA+ view (for ITF) has them whole.
    expect(
      JSON.stringify(r.trace.map(({ tla: _tla, ...spec }: { tla: unknown }) => spec)),
    ).not.toMatch(/"pc"|Worker_take/);
    expect(r.trace.at(-1).tla).toMatchObject({
      action: 'Worker_bump',
      params: { self: { '#mv': 'worker2' } },
      state: { count: 2, locked: false },
    });
    expect(Object.keys(r.trace.at(-1).tla.state)).toContain('pc');
  });

  test('--param changes the model; an unknown variant or parameter is bad input (exit 2)', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['base'], param: ['THREADS=3'] },
        io,
      ),
    ).toBe(0);
    expect(io.out()).toContain('base (THREADS=3): holds');
    const bad = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/locked.cred'], variant: ['v9'], param: [] }, bad)).toBe(
      2,
    );
    expect(bad.err()).toContain(
      'specs/locked.cred:1:6: error CS5016: no variant `v9` in this spec (it has: base, racy)',
    );
    const badParam = memoryIo({ cwd: dir, env });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: [], param: ['NOPE=1'] }, badParam),
    ).toBe(2);
    expect(badParam.err()).toContain('CS5006');
    // A value out of range is one mistake, said once for all the variants it applies to.
    const outOfRange = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: [], param: ['THREADS=7'] },
        outOfRange,
      ),
    ).toBe(2);
    expect(outOfRange.err().match(/CS5007/g)).toHaveLength(1);
    expect(outOfRange.err()).toContain('value 7 does not fit param `THREADS` of type 1..3');
  });

  test('a state limit ends inconclusive (exit 4) with the statistics so far', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['base'], param: ['THREADS=3'], maxStates: 3 },
        io,
      ),
    ).toBe(4);
    expect(io.out()).toMatch(/base \(THREADS=3\): inconclusive {2}\([3-9]\d* distinct states/);
  });

  test('a module that cannot be evaluated: exit 3, the error names the step it came from', async () => {
    const { dir, env } = workspace();
    writeFileSync(
      join(dir, 'specs', 'evalerr.cred'),
      'spec evalerr\nshared var m: map<0..2, bool> = [ i in 0..2 |-> false ]\nshared var k: 0..5 = 0\nshared var v: bool = false\nprocess P[1] {\n  pick: k := 4\n  read: v := m[k]\n}\n',
    );
    const io = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/evalerr.cred'], variant: [], param: [] }, io)).toBe(3);
    expect(io.out()).toMatch(
      /not in the domain of the function.*\(in step P\.read, specs\/evalerr\.cred:7:3/s,
    );
  });

  test('--engine tlc with no Java or jar: exit 3 and one paragraph saying what to do', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({
      cwd: dir,
      env: { ...env, PATH: '/nonexistent', JAVA_HOME: '/nonexistent' },
    });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: [], param: [], engine: 'tlc' }, io),
    ).toBe(3);
    expect(io.err()).toMatch(/embedded engine/);
    expect(io.out()).toBe('');
  });
});

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
    expect(sarif.runs[0].results[0].ruleId).toBe('one_inside');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(20);
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

describe('simulation on a shipped spec', () => {
  test('a seeded run finds the L-7 deadlock on a configuration too large to exhaust, the same trace on every run', async () => {
    // One cache for both runs: the first compiles the module into it (committed code is never run).
    const home = scratch('credspec-sim-home-');
    const run = async (): Promise<{
      code: number;
      result: { verdict: string; trace: unknown[] };
    }> => {
      const dir = scratch('credspec-sim-');
      const io = memoryIo({
        cwd: ROOT,
        env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), CI: 'true' },
      });
      const args = {
        inputs: ['specs/landlock-tsync.cred'],
        variant: ['v3'],
        param: ['CALLERS=2', 'SIBLINGS=2', 'RESTARTS=0'],
        simulate: true,
        traces: 20000,
        depth: 300,
        seed: 1,
        json: join(dir, 'r.json'),
      };
      const code = await runCheck(args, io);
      return { code, result: JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).results[0] };
    };
    const first = await run();
    const second = await run();
    expect(first.code).toBe(1);
    expect(first.result.verdict).toBe('deadlock');
    expect(JSON.stringify(second.result.trace)).toBe(JSON.stringify(first.result.trace));
  }, 180_000);
});
