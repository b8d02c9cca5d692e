// Diagnostics follow imports and match `lint`: a spec importing a file that is open in the
// editor is re-checked when that file changes, and what the server publishes for a broken spec
// is what `credspec lint --format json` prints for it (code, message, line and column).

import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { scratchDirs } from '../support/scratch-dirs.js';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, startClient, type TestClient } from './client.js';

const scratch = scratchDirs();

const DIR = scratch('credspec-lsp-imports-');
const LIB = 'spec lib\n\nconst LIMIT = 2\n';
const MAIN = [
  'spec main',
  '',
  'import "lib.cred"',
  '',
  'shared var n: 0..LIMIT = 0',
  '',
  'process P[1] {',
  '  bump: n := LIMIT',
  '}',
  '',
  'invariant small: n <= LIMIT',
  '',
].join('\n');
const libUri = pathToFileURL(join(DIR, 'lib.cred')).href;
const mainUri = pathToFileURL(join(DIR, 'main.cred')).href;

let client: TestClient;

beforeAll(async () => {
  writeFileSync(join(DIR, 'lib.cred'), LIB);
  writeFileSync(join(DIR, 'main.cred'), MAIN);
  client = await startClient(scratch('credspec-lsp-cache-'));
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
  expect(client.errors).toEqual([]);
});

test('changing an open import re-checks the open spec that imports it', async () => {
  const clean = client.diagnostics(mainUri);
  client.open(libUri, LIB);
  client.open(mainUri, MAIN);
  expect(await clean).toEqual([]);
  const broken = client.diagnostics(mainUri, (ds) => ds.length > 0);
  client.change(libUri, 2, 'spec lib\n\nconst LIMITS = 2\n');
  const ds = await broken;
  // Every use of LIMIT in main.cred is now an unknown name, where it is written.
  expect(ds.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
    ['CS2001', 4, 17],
    ['CS2001', 7, 13],
    ['CS2001', 10, 22],
  ]);
  const fixed = client.diagnostics(mainUri, (d) => d.length === 0);
  client.change(libUri, 3, LIB);
  expect(await fixed).toEqual([]);
});

test('the diagnostics of a broken spec are the ones lint prints for it', async () => {
  const text = MAIN.replace('bump: n := LIMIT', 'bump: n := LIMIT + m').replace(
    'invariant small: n <= LIMIT',
    'invariant small: n <= LIMIT +',
  );
  const path = join(DIR, 'broken.cred');
  writeFileSync(path, text);
  const uri = pathToFileURL(path).href;
  const published = client.diagnostics(uri, (ds) => ds.length > 0);
  client.open(uri, text);
  const ours = (await published).map((d) => ({
    code: d.code,
    message: d.message.split('\nhint: ')[0],
    hint: d.message.split('\nhint: ')[1] ?? null,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
  let out = '';
  try {
    execFileSync(
      process.execPath,
      [join(REPO, 'bin', 'credspec.js'), 'lint', '--format', 'json', path],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const lint = (
    JSON.parse(out) as {
      diagnostics: {
        code: string;
        message: string;
        hint: string | null;
        line: number;
        column: number;
      }[];
    }
  ).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    hint: d.hint,
    line: d.line,
    column: d.column,
  }));
  expect(ours.length).toBeGreaterThan(0);
  expect(ours).toEqual(lint);
});
