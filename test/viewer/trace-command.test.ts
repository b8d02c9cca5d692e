// `credspec trace` in-process: bad input is one line and exit 2; off a terminal, with
// --plain, TERM=dumb or CI the plain trace is printed; --format picks a format.

import { join } from 'node:path';
import { runTrace, type TraceArgs, type TraceIo } from '../../src/cli/commands/trace.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { loadFile, REPO, RESULTS } from './helpers.js';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: TraceArgs, over: Partial<TraceIo> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: TraceIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: REPO,
    ...over,
  };
  const code = await runTrace(args, io);
  return { code, stdout, stderr };
}

const DEADLOCK = 'test/fixtures/results/tsync-deadlock.json';

describe('bad input: one line on stderr, exit 2', () => {
  test('a missing file', async () => {
    expect(await run({ file: 'test/fixtures/results/nope.json' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'credspec trace: cannot read test/fixtures/results/nope.json: no such file\n',
    });
  });
  test('a file that is not a result', async () => {
    const notJson = await run({ file: 'test/fixtures/results/tsync-mini.cred' });
    expect(notJson).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'credspec trace: test/fixtures/results/tsync-mini.cred is not a credspec result file: not JSON\n',
    });
    const notResult = await run({ file: 'package.json' });
    expect(notResult.code).toBe(2);
    expect(notResult.stderr).toBe(
      'credspec trace: package.json is not a credspec result file (expected { "tool": "credspec", "results": [...] })\n',
    );
  });
  test('a result with no trace', async () => {
    expect(await run({ file: DEADLOCK, params: 'CALLERS=1' })).toEqual({
      code: 2,
      stdout: '',
      stderr: `credspec trace: ${DEADLOCK}: the result v2 (CALLERS=1, SIBLINGS=0) has no trace (verdict: holds)\n`,
    });
  });
  test('an unknown variant', async () => {
    expect(await run({ file: DEADLOCK, variant: 'v7' })).toEqual({
      code: 2,
      stdout: '',
      stderr: `credspec trace: ${DEADLOCK}: unknown variant "v7" (the file has: v2)\n`,
    });
  });
  test('an unknown format', async () => {
    const r = await run({ file: DEADLOCK, format: 'svg' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'credspec trace: unknown format "svg" (one of: text, json, itf, mermaid, lkml)\n',
    );
  });
});

describe('plain output', () => {
  const plain = formatTrace(loadFile('tsync-deadlock.json').results[1]!, 'text');
  const terminal = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  test('off a terminal', async () => {
    expect(await run({ file: DEADLOCK })).toEqual({ code: 0, stdout: plain, stderr: '' });
  });
  test.each([
    ['--plain', { plain: true }, {}],
    ['TERM=dumb', {}, { TERM: 'dumb' }],
    ['CI', {}, { CI: 'true' }],
  ])('on a terminal with %s', async (_, extra, env) => {
    expect(await run({ file: DEADLOCK, ...extra }, { isTTY: true, env, terminal })).toEqual({
      code: 0,
      stdout: plain,
      stderr: '',
    });
  });
  test('an absolute path, from another working folder', async () => {
    const r = await run({ file: join(RESULTS, 'tsync-deadlock.json') }, { cwd: '/' });
    expect(r.stdout).toBe(plain);
  });
});

describe('--format', () => {
  test('json is the selected result as is', async () => {
    const r = await run({
      file: 'test/fixtures/results/tsync-lasso.json',
      variant: 'v2',
      format: 'json',
    });
    expect(JSON.parse(r.stdout)).toEqual(loadFile('tsync-lasso.json').results[1]);
  });
  test("itf matches the format function (a result that records the module's states)", async () => {
    const s1 = 'test/fixtures/results/seccomp-s1-atomic.json';
    const r = await run({ file: s1, format: 'itf' });
    expect(r).toEqual({
      code: 0,
      stdout: formatTrace(loadFile('seccomp-s1-atomic.json').results[0]!, 'itf'),
      stderr: '',
    });
  });
  test('itf of a result that records no module states: exit 2, what to do', async () => {
    const r = await run({ file: DEADLOCK, format: 'itf' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^credspec trace: test\/fixtures\/results\/tsync-deadlock\.json: no ITF: .*run the check again/,
    );
  });
  test.each(['mermaid', 'lkml', 'text'])('%s matches the format function', async (format) => {
    const r = await run({ file: DEADLOCK, format });
    expect(r).toEqual({
      code: 0,
      stdout: formatTrace(loadFile('tsync-deadlock.json').results[1]!, format as never),
      stderr: '',
    });
  });
});
