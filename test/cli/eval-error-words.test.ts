// An evaluation error is told in the spec's words (src/driver/error-in-spec.ts): what went
// wrong as the language says it, the spec's expression with its file:line:col, the values of
// the bound variables it failed under, its operands' values in the state it failed in, and the
// step (with the thread) or property evaluated; none of TLC's words (`Attempted to apply`,
// `Head`, `Overflow:`, `while evaluating`, `TLA+`).

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { JAR, NO_JAR } from './pick-spec.js';

const ROOT = resolve(process.cwd());
const DIR = 'test/fixtures/eval-errors';

/** `credspec check` on a fixture: its exit code and the error line of its report. */
function errorLine(spec: string, ...args: string[]): { status: number | null; line: string } {
  const run = spawnSync(process.execPath, ['bin/credspec.js', 'check', `${DIR}/${spec}`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'credspec-eval-words-')) },
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('  error: ')) ?? run.stdout;
  expect(line).not.toMatch(
    /Attempted|Head|Overflow:|while evaluating|TLA\+|\\in|CHOOSE|interval|the engine/,
  );
  return { status: run.status, line: line.slice('  error: '.length) };
}

test('head of an empty sequence in a step: the call, its operand, the step and the thread', () => {
  const got = errorLine('head-empty.cred');
  expect(got.status).toBe(3);
  expect(got.line).toBe(
    '`head` of an empty sequence: `head(log)` at test/fixtures/eval-errors/head-empty.cred:8:13; ' +
      'log is <<>> (in step Worker.a, test/fixtures/eval-errors/head-empty.cred:8:3, thread worker1)',
  );
});

test('a key outside a map, inside a def a step applies: the def body, where it is written', () => {
  const got = errorLine('key-outside.cred', '--property', 'small');
  expect(got.line).toBe(
    'an index outside the keys of the map or sequence: `m[i]` at ' +
      'test/fixtures/eval-errors/key-outside.cred:8:26; m is [0 |-> 0, 1 |-> 0]; count is 2 ' +
      '(in step Worker.b, test/fixtures/eval-errors/key-outside.cred:12:3, thread worker1)',
  );
});

test('a key outside a map in an invariant: the sub-expression, no thread', () => {
  const got = errorLine('key-outside.cred', '--variant', 'in_invariant');
  expect(got.line).toBe(
    'an index outside the keys of the map or sequence: `m[count]` at ' +
      'test/fixtures/eval-errors/key-outside.cred:21:36; m is [0 |-> 0, 1 |-> 0]; count is 2 ' +
      '(in invariant looked_up, test/fixtures/eval-errors/key-outside.cred:21:1)',
  );
});

test("an integer past the checker's range: the arithmetic and its operand", () => {
  const got = errorLine('overflow.cred');
  expect(got.line).toBe(
    "the integer 4294966000 is outside the checker's range (-2147483648..2147483647): " +
      '`big * 2` at test/fixtures/eval-errors/overflow.cred:7:13; big is 2147483000 ' +
      '(in step Worker.a, test/fixtures/eval-errors/overflow.cred:7:3, thread worker1)',
  );
});

describe('an error under a bound variable: the failing sub-expression and the value it failed for', () => {
  const FILE = `${DIR}/under-binder.cred`;
  test.each([
    ['all_read', 'forall', 'slots[idx[t]]', '20:41', 't = other1', 'idx[t]', '20:1'],
    ['none_three', 'exists', 'slots[idx[t]]', '21:45', 't = other1', 'idx[t]', '21:1'],
    ['counted', 'a set comprehension', 'slots[idx[t]]', '22:41', 't = other1', 'idx[t]', '22:1'],
    ['through_def', 'forall over a def', 'slots[idx[t]]', '18:32', 't = other1', 'idx[t]', '23:1'],
    [
      'nested',
      'two nested foralls',
      'slots[idx[o]]',
      '24:73',
      'w = worker1, o = other1',
      'idx[o]',
      '24:1',
    ],
  ])('%s (%s)', (property, _kind, text, at, bound, operand, declared) => {
    const got = errorLine('under-binder.cred', '--property', property);
    expect(got.status).toBe(3);
    expect(got.line).toBe(
      `an index outside the keys of the map or sequence: \`${text}\` at ${FILE}:${at} ` +
        `with ${bound}; slots is <<1>>; ${operand} is 2 (in invariant ${property}, ${FILE}:${declared})`,
    );
  });

  test('the condition of an `any` in a step, with the thread running it', () => {
    const got = errorLine('choose-under-binder.cred');
    expect(got.status).toBe(3);
    expect(got.line).toBe(
      'an index outside the keys of the map or sequence: `slots[idx[t]]` at ' +
        `${DIR}/choose-under-binder.cred:15:40 with t = other1; slots is <<1>>; idx[t] is 2 ` +
        `(in step Other.take, ${DIR}/choose-under-binder.cred:15:3, thread other1)`,
    );
  });
});

test('a range too large to enumerate, met by an invariant in the initial state: located there, with its bound', () => {
  const got = errorLine('range-too-large.cred');
  expect(got.status).toBe(3);
  expect(got.line).toBe(
    'the range 0..2000000000 has 2000000001 members, more than the 1048576 a check enumerates: ' +
      `\`0..N\` at ${DIR}/range-too-large.cred:14:30; N is 2000000000 ` +
      `(in invariant small, ${DIR}/range-too-large.cred:14:1)`,
  );
});

(JAR === undefined ? test.skip : test)(
  `TLC words an index past a sequence otherwise; the line is the embedded engine's all the same${JAR === undefined ? ` (${NO_JAR})` : ''}`,
  () => {
    const embedded = errorLine('under-binder.cred', '--property', 'nested');
    const tlc = errorLine(
      'under-binder.cred',
      '--property',
      'nested',
      '--engine',
      'tlc',
      '--tlc-jar',
      JAR ?? '',
    );
    expect(tlc.status).toBe(3);
    expect(tlc.line).toBe(embedded.line);
    expect(tlc.line).toContain(
      '`slots[idx[o]]` at test/fixtures/eval-errors/under-binder.cred:24:73 with w = worker1, o = other1',
    );
  },
  120_000,
);
