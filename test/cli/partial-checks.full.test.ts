// Checks that leave properties out say so: `--property` checks only the named invariants,
// action and temporal properties (on either engine, through the config both read), an unknown
// name is bad input naming the known ones, and `--safety-only` names the temporal properties it
// dropped. Runs the built CLI (`npm run build` first); the TLC cases skip by name without
// TLA2TOOLS_JAR. The advice after an inconclusive run is in advice-commands.full.test.ts and
// advice-flags.full.test.ts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credspec } from '../robustness/cli-run.js';
import { JAR, NO_JAR, workspace } from './pick-spec.js';
import { schemaValidator } from '../support/schemas.js';

const validate = schemaValidator('result');

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

test('trace on a partial result that holds names what was not checked, never a plain holds', async () => {
  const { dir, env } = workspace();
  const one = await credspec(
    ['check', 'specs/pick.cred', '--property', 'bounded', '--json', 'r.json'],
    dir,
    env,
  );
  expect(one.code).toBe(0);
  const t = await credspec(['trace', 'r.json'], dir, env);
  expect(t.code).toBe(2);
  expect(t.stderr).toBe(
    'credspec trace: r.json: the result base has no trace ' +
      '(verdict: holds, only bounded checked; small, grows not checked)\n',
  );
});
