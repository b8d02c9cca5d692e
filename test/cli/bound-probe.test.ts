// Bounds must not decide a liveness verdict: a temporal property that holds while a capped
// counter reaches its bound is a warning of `check` and a failure of `ci` (table, JUnit, SARIF),
// unless a `// capped "reason"` comment above the bound says why; a counter that never reaches
// its bound says nothing; a mark without a reason, or above no counter's bound, is an error.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCi } from '../../src/cli/commands/ci.js';
import { runCli } from '../../src/cli/commands/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { lintInWorkspace, specWorkspaces } from '../support/spec-workspace.js';
import { schemaValidator } from '../support/schemas.js';

// Nobody ever sets `ready`, so the worker retries until `tries` reaches TRIES and gives up: the
// property holds only because the cap ends the loop (unbounded, the worker spins forever).
const capped = (mark: string): string => `spec retry

${mark}param TRIES: 0..3 = 2
shared var ready: bool = false
thread var finished: bool = false

fair process Worker[1] {
  var tries: 0..TRIES = 0
  var again: bool = true
  loop: while again {
    attempt: atomic {
      if ready {
        again := false
        finished := true
      } else if tries < TRIES {
        tries := tries + 1
      } else {
        again := false
        finished := true
      }
    }
  }
}

property all_finished: eventually forall w in Worker: finished[w]
expect base: holds
`;

// Two workers take a flag; the loser waits until it is free before it tries again, so no
// worker fails twice: \`tries\` never reaches TRIES, and the property holds of the protocol.
const GENUINE = `spec take_turns

param TRIES: 0..3 = 2
shared var busy: bool = false
thread var finished: bool = false

fair process Worker[2] {
  var tries: 0..TRIES = 0
  var got: bool = false
  loop: while !got {
    attempt: atomic {
      if !busy {
        busy := true
        got := true
      } else if tries < TRIES {
        tries := tries + 1
      }
    }
    wait_free: if !got {
      wait: await !busy
    }
  }
  release: atomic {
    busy := false
    finished := true
  }
}

property all_finished: eventually forall w in Worker: finished[w]
expect base: holds
`;

const workspace = specWorkspaces('credspec-bounds-');

const FINDING =
  'specs/retry.cred:3:1: all_finished holds on base, but counter Worker.tries stands at its bound TRIES = 2 where a step tests it, after 5 steps (tested in Worker.attempt, specs/retry.cred:11:5): the next increment is refused there, so the verdict may rest on the cap, not on the protocol; lift the cap (let the counter wrap or drop it) and check again, or say why above TRIES with `// capped "reason"`';

describe('a temporal verdict a capped counter took part in', () => {
  test('check warns at the bound, naming the counter, the property and the test', async () => {
    const { dir, env } = workspace({ 'retry.cred': capped('') });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCli(['check', 'specs/retry.cred'], io)).toBe(0);
    expect(io.out()).toContain('specs/retry.cred base: holds  (8 distinct states');
    expect(
      io
        .out()
        .split('\n')
        .filter((l) => l.includes('warning:')),
    ).toEqual([`  warning: ${FINDING}`]);
  });

  test('raising the bound does not help: the counter still reaches it', async () => {
    const { dir, env } = workspace({ 'retry.cred': capped('') });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCli(['check', 'specs/retry.cred', '--param', 'TRIES=3'], io)).toBe(0);
    expect(io.out()).toContain(
      'stands at its bound TRIES = 3 where a step tests it, after 7 steps',
    );
  });

  test('ci fails at the bound, in the table, JUnit and SARIF', async () => {
    const { dir, env } = workspace({ 'retry.cred': capped('') });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', junit: 'ci.xml', sarif: 'ci.sarif' }, io)).toBe(1);
    expect(
      io
        .out()
        .split('\n')
        .filter((l) => l.startsWith('FAIL')),
    ).toEqual([`FAIL ${FINDING}`]);
    expect(io.out()).toContain(
      '1 checks: 1 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 1 temporal verdict resting on a bound',
    );
    const junit = readFileSync(join(dir, 'ci.xml'), 'utf8');
    expect(junit).toContain('name="bound TRIES base"');
    const sarif = JSON.parse(readFileSync(join(dir, 'ci.sarif'), 'utf8'));
    const found = sarif.runs[0].results.filter(
      (r: { ruleId: string }) => r.ruleId === 'bound-decides-liveness',
    );
    expect(
      found.map(
        (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
          r.locations[0]?.physicalLocation.region.startLine,
      ),
    ).toEqual([3]);
  });

  test('a reason above the bound excuses it in check and ci', async () => {
    const marked = capped('// capped "the program gives up after TRIES tries by design"\n');
    const { dir, env } = workspace({ 'retry.cred': marked });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(0);
    expect(io.out()).not.toContain('FAIL');
    const check = memoryIo({ cwd: dir, env });
    expect(await runCli(['check', 'specs/retry.cred'], check)).toBe(0);
    expect(check.out()).not.toContain('warning');
  });

  test('the mark may stand above the doc comment of the bound', async () => {
    const marked = capped(
      '// capped "the program gives up after TRIES tries by design"\n/**\n * Tries before giving up.\n */\n',
    );
    const { dir, env } = workspace({ 'retry.cred': marked });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(0);
    expect(io.out()).not.toContain('FAIL');
  });
});

describe('bounds written as expressions, and the result file', () => {
  test('a bound written as an expression is a cap too, and a mark above its param excuses it', async () => {
    const expr = (mark: string): string =>
      capped(mark)
        .replace('0..TRIES = 0', '0..TRIES + 1 = 0')
        .replace('tries < TRIES', 'tries < TRIES + 1');
    const { dir, env } = workspace({ 'retry.cred': expr('') });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCli(['check', 'specs/retry.cred'], io)).toBe(0);
    expect(io.out()).toContain(
      'specs/retry.cred:3:1: all_finished holds on base, but counter Worker.tries stands at its bound TRIES + 1 = 3 where a step tests it',
    );
    const marked = workspace({ 'retry.cred': expr('// capped "gives up by design"\n') });
    const quiet = memoryIo({ cwd: marked.dir, env: marked.env });
    expect(await runCi({ dir: 'specs' }, quiet)).toBe(0);
    expect(quiet.out()).not.toContain('FAIL');
  });

  test('the result file carries the finding, valid against the result schema', async () => {
    const { dir, env } = workspace({ 'retry.cred': capped('') });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCli(['check', 'specs/retry.cred', '--json', 'r.json'], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(schemaValidator('result')(report)).toBe(true);
    expect(report.results[0].boundHits).toEqual([
      {
        properties: ['all_finished'],
        counter: 'Worker.tries',
        bound: 'TRIES',
        value: 2,
        steps: 5,
        testedBy: 'Worker.attempt',
        location: { file: 'specs/retry.cred', line: 3, column: 1 },
        message: FINDING.slice(FINDING.indexOf(' ') + 1),
      },
    ]);
    // A counter that never reaches its bound leaves no record.
    const genuine = workspace({ 'turns.cred': GENUINE });
    const clean = memoryIo({ cwd: genuine.dir, env: genuine.env });
    expect(await runCli(['check', 'specs/turns.cred', '--json', 'r.json'], clean)).toBe(0);
    const plain = JSON.parse(readFileSync(join(genuine.dir, 'r.json'), 'utf8'));
    expect(plain.results[0].boundHits).toBeUndefined();
  });

  test('a counter that never reaches its bound says nothing', async () => {
    const { dir, env } = workspace({ 'turns.cred': GENUINE });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(0);
    expect(io.out()).not.toContain('FAIL');
    expect(io.out()).toContain('ok   specs/turns.cred base: holds, expected holds');
  });
});

describe('the checker on capped marks', () => {
  async function lint(text: string): Promise<{ code: number; lines: string[] }> {
    const { code, lines } = await lintInWorkspace(workspace, text);
    return { code, lines: lines.filter((l) => l.includes(' error ')) };
  }

  test('a mark without a reason is CS4030 at the mark', async () => {
    const { code, lines } = await lint(capped('// capped ""\n'));
    expect(code).toBe(2);
    expect(lines).toEqual([
      'specs/m.cred:3:4: error CS4030: a `capped` mark needs a reason: say why a verdict may rest on this bound',
    ]);
  });

  test('a mark above no counter bound is CS4031 at the mark', async () => {
    const text = capped('')
      .replace('shared var ready', '// capped "not a bound"\nshared var ready')
      .replace(
        'spec retry\n',
        'spec retry\n// capped "FLAGS bounds no counter"\nparam FLAGS: 0..3 = 1\n',
      );
    const { code, lines } = await lint(text);
    expect(code).toBe(2);
    expect(lines).toEqual([
      "specs/m.cred:2:4: error CS4031: a `capped` mark cannot stand above `FLAGS`, which is no counter's bound (the upper end of its range, tested with `<`)",
      'specs/m.cred:6:4: error CS4031: a `capped` mark cannot stand above what follows it, which is not a `param` or `const`',
    ]);
  });
});
