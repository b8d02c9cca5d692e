// docs/prelude.md's reference and the hover on a prelude operation come from one source, the
// prelude's doc comments: the page must be what scripts/gen-prelude-doc.ts writes now, every
// documented operation must be listed with its comment, and the hover a real client receives
// must say what the page says.

import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BEGIN_MARKER,
  END_MARKER,
  PRELUDE_DOC_PATH,
  renderPreludeReference,
  withReference,
} from '../../scripts/gen-prelude-doc.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { REPO, specText, specUri, startClient, type TestClient } from './client.js';

const PAGE = readFileSync(join(REPO, PRELUDE_DOC_PATH), 'utf8');
const PRELUDE = readFileSync(join(REPO, 'prelude', 'kernel.cred'), 'utf8');
const reference = renderPreludeReference(join(REPO, 'prelude'));
const scratch = scratchDirs();

let client: TestClient;

beforeAll(async () => {
  client = await startClient(scratch('credspec-lsp-prelude-doc-'));
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
  expect(client.errors).toEqual([]);
});

test('docs/prelude.md holds what scripts/gen-prelude-doc.ts generates (run `npm run prelude-doc` when this fails)', () => {
  expect(PAGE.split(BEGIN_MARKER)).toHaveLength(2);
  expect(PAGE.split(END_MARKER)).toHaveLength(2);
  expect(PAGE).toBe(withReference(PAGE, reference));
});

test('every documented macro and def of the prelude is in the reference with its doc comment', () => {
  // Read off the prelude's text here, independently of the generator's parse.
  const documented = [
    ...PRELUDE.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n(macro|def) ([a-z_]+)\(/g),
  ].map(([, comment = '', kind, name]) => ({
    kind,
    name,
    text: comment
      .split('\n')
      .map((l) => l.replace(/^\s*\*( |$)/, '').trim())
      .join(' ')
      .trim(),
  }));
  expect(documented.length).toBeGreaterThan(60);
  const lines = PAGE.split('\n');
  for (const { kind, name, text } of documented) {
    const entry = lines.find((l) => l.startsWith(`- \`${kind} ${name}(`));
    expect(entry).toBeDefined();
    expect(entry?.slice(entry.indexOf('`: ') + 3)).toBe(text);
  }
});

test('the hover on a prelude operation in a shipped spec says what docs/prelude.md says', async () => {
  const uri = specUri('landlock-tsync.cred');
  const text = specText('landlock-tsync.cred');
  client.open(uri, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\s+task_work_add\(task_works\[t\]/.test(l));
  const character = (lines[line] ?? '').indexOf('task_work_add') + 3;
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line, character },
  })) as { contents: { value: string } };
  const [fence, signature, close, blank, ...doc] = hover.contents.value.split('\n');
  expect([fence, close, blank]).toEqual(['```credspec', '```', '']);
  expect(signature).toBe('macro task_work_add(list, t, item, mode, res)');
  const entry = PAGE.split('\n').find((l) => l.startsWith(`- \`${signature}\`: `));
  expect(entry).toBe(`- \`${signature}\`: ${doc.join(' ')}`);
  expect(entry).toContain('TWA_SIGNAL');
});
