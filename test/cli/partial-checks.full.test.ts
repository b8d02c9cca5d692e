// Checks that leave properties out say so: `--property` checks only the named invariants,
// action and temporal properties (on either engine, through the config both read), an unknown
// name is bad input naming the known ones, `--safety-only` names the temporal properties it
// dropped, and the advice after an inconclusive run names commands the CLI accepts. Runs the
// built CLI (`npm run build` first); the TLC cases skip by name without TLA2TOOLS_JAR.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { advice } from '../../src/engine/search/explore.js';
import { credspec, project, ROOT, tempDir } from '../robustness/cli-run.js';

const JAR =
  process.env.TLA2TOOLS_JAR !== undefined && existsSync(process.env.TLA2TOOLS_JAR)
    ? process.env.TLA2TOOLS_JAR
    : undefined;
const NO_JAR = 'skipped: TLA2TOOLS_JAR is not set (or names no file), so no TLC to run';

/** `small` is violated (total reaches 2); `bounded` and `grows` hold. */
const PICK = `spec pick

shared var total: 0..3 = 0

fair process A[1] {
  bump: total := total + 1
  again: total := total + 1
}

invariant small: total < 2
invariant bounded: total <= 3
property grows: eventually total == 2
`;

/** Every property holds; `grows` is the temporal one. */
const HOLDING = PICK.replace('spec pick', 'spec holding').replace(
  'invariant small: total < 2',
  'invariant small: total < 3',
);

const validate = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'result.schema.json'), 'utf8')) as object,
);

function workspace(): { dir: string; env: Record<string, string> } {
  const parent = tempDir('partial');
  const dir = project(parent, 'p', 'pick.cred', PICK);
  project(parent, 'p', 'holding.cred', HOLDING);
  return {
    dir,
    env: {
      XDG_CACHE_HOME: join(parent, 'cache'),
      ...(JAR === undefined ? {} : { TLA2TOOLS_JAR: JAR }),
    },
  };
}

type Result = {
  verdict: string;
  property: string | null;
  partial?: { by: string[]; checked: string[]; notChecked: string[] };
};

function resultOf(dir: string, file: string): Result {
  const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { results: Result[] };
  expect(validate(parsed)).toBe(true);
  return parsed.results[0]!;
}

const engines = [
  { engine: 'embedded', skip: null },
  { engine: 'tlc', skip: JAR === undefined ? NO_JAR : null },
] as const;

describe.each(engines)('--property on the $engine engine', ({ engine, skip }) => {
  (skip === null ? test : test.skip)(
    `checks only the named invariant: the other one, violated, is left out and named${skip === null ? '' : ` (${skip})`}`,
    async () => {
      const { dir, env } = workspace();
      const all = await credspec(['check', 'specs/pick.cred', '--engine', engine], dir, env);
      expect(all.code).toBe(1);
      expect(all.stdout).toMatch(/^specs\/pick\.cred base: violates small {2}\(/m);
      const one = await credspec(
        [
          'check',
          'specs/pick.cred',
          '--engine',
          engine,
          '--property',
          'bounded',
          '--json',
          'r.json',
        ],
        dir,
        env,
      );
      expect(one.stderr).toBe('');
      expect(one.code).toBe(0);
      expect(one.stdout).toMatch(
        /^specs\/pick\.cred base: holds \(only bounded checked; small, grows not checked\) {2}\(3 distinct states/m,
      );
      expect(resultOf(dir, 'r.json')).toMatchObject({
        verdict: 'holds',
        partial: { by: ['--property'], checked: ['bounded'], notChecked: ['small', 'grows'] },
      });
    },
  );

  (skip === null ? test : test.skip)(
    `a temporal property alone, and the violated invariant picked with it${skip === null ? '' : ` (${skip})`}`,
    async () => {
      const { dir, env } = workspace();
      const grows = await credspec(
        ['check', 'specs/pick.cred', '--engine', engine, '--property', 'grows'],
        dir,
        env,
      );
      expect(grows.code).toBe(0);
      expect(grows.stdout).toMatch(
        /base: holds \(only grows checked; small, bounded not checked\)/,
      );
      const both = await credspec(
        [
          'check',
          'specs/pick.cred',
          '--engine',
          engine,
          '--property',
          'small',
          '--property',
          'grows',
        ],
        dir,
        env,
      );
      expect(both.code).toBe(1);
      expect(both.stdout).toMatch(
        /base: violates small \(only small, grows checked; bounded not checked\)/,
      );
    },
  );
});

/** Deadlocks at once: the only thread waits for what nobody sets. */
const STUCK = `spec stuck

shared var go: bool = false

process A[1] {
  wait: await go
}

invariant never: !go
`;

describe.each(engines)('--no-deadlock on the $engine engine', ({ engine, skip }) => {
  (skip === null ? test : test.skip)(
    `a deadlock is not reported, and the verdict line and result file say deadlock was not checked${skip === null ? '' : ` (${skip})`}`,
    async () => {
      const { dir, env } = workspace();
      writeFileSync(join(dir, 'specs', 'stuck.cred'), STUCK);
      const all = await credspec(['check', 'specs/stuck.cred', '--engine', engine], dir, env);
      expect(all.code).toBe(1);
      expect(all.stdout).toMatch(/^specs\/stuck\.cred base: deadlock {2}\(/m);
      const r = await credspec(
        ['check', 'specs/stuck.cred', '--engine', engine, '--no-deadlock', '--json', 'n.json'],
        dir,
        env,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^specs\/stuck\.cred base: holds \(deadlock not checked\) {2}\(1 distinct states/m,
      );
      expect(resultOf(dir, 'n.json')).toMatchObject({
        verdict: 'holds',
        partial: { by: ['--no-deadlock'], checked: ['never'], notChecked: ['deadlock'] },
      });
    },
  );
});

test('an unknown --property name is bad input (exit 2) naming the properties the spec has, and nothing is checked', async () => {
  const { dir, env } = workspace();
  const r = await credspec(
    ['check', 'specs/pick.cred', '--property', 'bounded', '--property', 'no such\nthing'],
    dir,
    env,
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    'credspec check: --property "no such\\nthing": no such property in specs/pick.cred base; its properties are small, bounded, grows\n',
  );
  expect(r.stdout).toBe('');
});

test('without --property a full check has no partial field and a plain verdict', async () => {
  const { dir, env } = workspace();
  const r = await credspec(['check', 'specs/holding.cred', '--json', 'r.json'], dir, env);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^specs\/holding\.cred base: holds {2}\(/m);
  expect(resultOf(dir, 'r.json').partial).toBeUndefined();
});

(JAR === undefined ? test.skip : test)(
  `--safety-only names the temporal property it left out, in the verdict line and the result file (exit 0)${JAR === undefined ? ` (${NO_JAR})` : ''}`,
  async () => {
    const { dir, env } = workspace();
    const r = await credspec(
      [
        'check',
        'specs/holding.cred',
        '--engine',
        'tlc',
        '--distributed',
        '--safety-only',
        '--json',
        'd.json',
      ],
      dir,
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^specs\/holding\.cred base: holds \(safety only: grows not checked\) {2}\(/m,
    );
    expect(r.stdout).not.toMatch(/base: holds {2}\(/);
    expect(resultOf(dir, 'd.json')).toMatchObject({
      verdict: 'holds',
      partial: { by: ['--safety-only'], checked: ['small', 'bounded'], notChecked: ['grows'] },
    });
  },
  120_000,
);

describe('the advice after an inconclusive run', () => {
  test('names only commands the CLI accepts: each one, run as written, is taken (no usage error, no help page)', async () => {
    const { dir } = workspace();
    // No jar: a TLC command the CLI accepts stops at "no TLC" (exit 3), after parsing and the mode checks.
    const env = {
      XDG_CACHE_HOME: join(dir, '..', 'cache'),
      TLA2TOOLS_JAR: join(dir, 'no-such.jar'),
    };
    const limited = await credspec(['check', 'specs/pick.cred', '--max-states', '2'], dir, env);
    expect(limited.code).toBe(4);
    const commands = [...limited.stdout.matchAll(/`(credspec [^`]*)`/g)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    expect(commands).toEqual(
      expect.arrayContaining([
        expect.stringContaining('--distributed'),
        expect.stringContaining('--simulate'),
      ]),
    );
    for (const command of commands) {
      const args = command.split(' ').slice(1);
      const r = await credspec(args, dir, env);
      // The command is in the object so a failure names it.
      expect({
        command,
        usage: /Usage:|error: unknown|go with|do not go together|add --engine tlc/.test(
          r.stdout + r.stderr,
        ),
        accepted: [0, 1, 3, 4].includes(r.code ?? -1),
      }).toEqual({ command, usage: false, accepted: true });
      if (args.includes('tlc')) expect(r.stderr).toMatch(/TLC|tla2tools|jar/i);
      else expect(r.stdout).toMatch(/^specs\/pick\.cred base: /m);
    }
  }, 120_000);

  test('quotes a spec path with spaces and quotes, so a command pasted into a shell checks that spec', async () => {
    const { dir, env } = workspace();
    writeFileSync(join(dir, 'specs', "it's a pick.cred"), PICK);
    const limited = await credspec(
      ['check', "specs/it's a pick.cred", '--max-states', '2'],
      dir,
      env,
    );
    expect(limited.code).toBe(4);
    const commands = [...limited.stdout.matchAll(/`(credspec [^`]*)`/g)]
      .map((m) => m[1]!)
      .filter((c) => !c.includes('--engine tlc'));
    expect(commands).toContain(`credspec check 'specs/it'\\''s a pick.cred' --max-states 20`);
    for (const command of commands) {
      const shell = `"${process.execPath}" "${join(ROOT, 'bin', 'credspec.js')}" ${command.slice('credspec '.length)}`;
      const r = spawnSync('/bin/sh', ['-c', shell], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          CI: 'true',
          NO_COLOR: '1',
          CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
          ...env,
        },
        encoding: 'utf8',
      });
      expect({ command, line: /^specs\/it's a pick\.cred base: /m.test(r.stdout) }).toEqual({
        command,
        line: true,
      });
    }
  }, 120_000);

  test('every flag it names, for every reason, with and without the command line, is an option of check', async () => {
    const { dir, env } = workspace();
    const help = await credspec(['check', '--help'], dir, env);
    const options = new Set(
      [...help.stdout.matchAll(/(?:^|\s|,)(--[a-z][a-z-]*)/gm)].map((m) => m[1]!),
    );
    expect(options).toContain('--max-states');
    const named = new Set<string>();
    for (const reason of [
      'max-states',
      'timeout',
      'memory',
      'interrupted',
      'simulation',
    ] as const) {
      for (const commandLine of [undefined, 'credspec check specs/pick.cred']) {
        const text = advice(
          reason,
          { distinct: 10, queued: 3 },
          {
            maxStates: 10,
            timeoutSeconds: 5,
            ...(commandLine === undefined ? {} : { commandLine }),
          },
        );
        // Node's own option (NODE_OPTIONS=--max-old-space-size) is not credspec's.
        for (const m of text.replace(/NODE_OPTIONS=\S+/g, '').matchAll(/--[a-z][a-z-]*/g))
          named.add(m[0]);
      }
    }
    expect([...named].filter((flag) => !options.has(flag))).toEqual([]);
    expect(named).toContain('--distributed');
  });
});
