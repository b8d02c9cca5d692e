// A result file records the hash of each spec file it was checked from (`specFiles`, root and
// imports); `trace` warns in one line when one has changed since or is gone, and still shows
// the trace. Result files written before the hashes were recorded are read as before.

import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { specTextHash } from '../../src/result/spec-hash.js';
import { schemaValidator } from '../support/schemas.js';

const ROOT = process.cwd();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-stale-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(ROOT, 'test', 'trace', 'fixtures', 'clone.cred'), join(dir, 'specs', 'c.cred'));
  const io = memoryIo({ cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
  expect(await runCli(['check', 'specs/c.cred', '--json', 'r.json'], io)).toBe(1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function trace(file = 'r.json'): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
  const code = await runCli(['trace', file], io);
  return { code, out: io.out(), err: io.err() };
}

const written = (): { results: { specFiles?: { file: string; sha256: string }[] }[] } =>
  JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));

test('check --json records each spec file and the hash of its text; the file matches the schema', () => {
  const file = written();
  expect(file.results[0]!.specFiles).toEqual([
    {
      file: 'specs/c.cred',
      sha256: specTextHash(readFileSync(join(dir, 'specs', 'c.cred'), 'utf8')),
    },
  ]);
  const validate = schemaValidator('result');
  expect(validate(file)).toBe(true);
});

test('the spec unchanged: the trace and no warning', async () => {
  const r = await trace();
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  expect(r.out).toContain('specs/c.cred:9:3');
});

test('the spec changed since: one warning line naming it, then the trace', async () => {
  const before = readFileSync(join(dir, 'specs', 'c.cred'), 'utf8');
  appendFileSync(join(dir, 'specs', 'c.cred'), '// edited\n');
  try {
    const r = await trace();
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'credspec trace: warning: since this result was written, specs/c.cred changed: the steps are shown against the current lines, which may not be the ones checked\n',
    );
    expect(r.out).toContain('specs/c.cred:9:3');
  } finally {
    writeFileSync(join(dir, 'specs', 'c.cred'), before);
  }
});

test('the spec gone: one warning line saying it is missing', async () => {
  const before = readFileSync(join(dir, 'specs', 'c.cred'), 'utf8');
  rmSync(join(dir, 'specs', 'c.cred'));
  try {
    const r = await trace();
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^credspec trace: warning: since this result was written, specs\/c\.cred is missing: .*\n$/,
    );
  } finally {
    writeFileSync(join(dir, 'specs', 'c.cred'), before);
  }
});

test('a result file written before hashes were recorded: no warning, the trace as before', async () => {
  const file = written();
  delete file.results[0]!.specFiles;
  writeFileSync(join(dir, 'old.json'), JSON.stringify(file));
  appendFileSync(join(dir, 'specs', 'c.cred'), '// edited\n');
  const r = await trace('old.json');
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
});

describe('imports: the prelude the result was checked with', () => {
  const SECCOMP = 'test/fixtures/results/seccomp-s1-atomic.json';
  async function traceFromRoot(
    env: Record<string, string>,
  ): Promise<{ code: number; err: string }> {
    const io = memoryIo({ cwd: ROOT, env });
    const code = await runCli(['trace', SECCOMP], io);
    return { code, err: io.err() };
  }
  test('recorded, and unchanged: no warning', async () => {
    const files = (
      JSON.parse(readFileSync(join(ROOT, SECCOMP), 'utf8')) as {
        results: { specFiles: { file: string }[] }[];
      }
    ).results[0]!.specFiles.map((f) => f.file);
    expect(files).toEqual(['specs/seccomp-tsync.cred', '<prelude>/kernel.cred']);
    expect(await traceFromRoot({})).toEqual({ code: 0, err: '' });
  });
  test('another prelude: the warning names it', async () => {
    const prelude = join(dir, 'prelude');
    mkdirSync(prelude, { recursive: true });
    writeFileSync(
      join(prelude, 'kernel.cred'),
      readFileSync(join(ROOT, 'prelude', 'kernel.cred'), 'utf8') + '\n// another prelude\n',
    );
    const r = await traceFromRoot({ CREDSPEC_PRELUDE: prelude });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^credspec trace: warning: since this result was written, <prelude>\/kernel\.cred changed: /,
    );
  });
});
