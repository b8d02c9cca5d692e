// The server never fails on half-typed input: shipped specs cut short at a random place, or with
// tokens deleted, duplicated or swapped (the front end's fuzz mutations), are sent as edits of an
// open document, and every request at a random position must answer without error, with no
// error logged and the server still running.

import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { scratchDirs } from '../support/scratch-dirs.js';
import fc from 'fast-check';
import { lexSpec } from '../../grammar/lexer.js';
import { specText, specUri, startClient, type TestClient } from './client.js';

const scratch = scratchDirs();

const SPECS = ['exectime.cred', 'landlock-tsync.cred', 'seccomp-tsync.cred'].map((name) => {
  const text = specText(name);
  const tokens = lexSpec(text).tokens.map(
    (t) => [t.startOffset, t.startOffset + t.image.length] as const,
  );
  return { text, tokens };
});
// Not a file on disk: the open document is all the server reads, its imports resolve beside it.
const SCRATCH = specUri('fuzz-scratch.cred');

let client: TestClient;
let version = 1;

beforeAll(async () => {
  client = await startClient(scratch('credspec-lsp-cache-'));
  client.open(SCRATCH, SPECS[0]?.text ?? '');
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

type Mutation = { kind: 'delete' | 'duplicate' | 'swap'; at: number; other: number };

function mutate(src: (typeof SPECS)[number], mutations: readonly Mutation[]): string {
  // Token texts with the gap after each, so the layout survives.
  const pieces = src.tokens.map(([s, e], i) => ({
    tok: src.text.slice(s, e),
    gap: src.text.slice(e, src.tokens[i + 1]?.[0] ?? src.text.length),
  }));
  for (const m of mutations) {
    const i = m.at % pieces.length;
    const j = m.other % pieces.length;
    const a = pieces[i];
    const b = pieces[j];
    if (a === undefined || b === undefined) break;
    if (m.kind === 'delete') pieces.splice(i, 1);
    else if (m.kind === 'duplicate') pieces.splice(i, 0, { ...a });
    else [a.tok, b.tok] = [b.tok, a.tok];
  }
  const head = src.text.slice(0, src.tokens[0]?.[0] ?? src.text.length);
  return head + pieces.map((p) => p.tok + p.gap).join('');
}

const edit = fc.oneof(
  fc.record({ which: fc.nat(), cut: fc.nat() }).map(({ which, cut }) => {
    const src = SPECS[which % SPECS.length];
    return src === undefined ? '' : src.text.slice(0, cut % (src.text.length + 1));
  }),
  fc
    .record({
      which: fc.nat(),
      mutations: fc.array(
        fc.record({
          kind: fc.constantFrom('delete', 'duplicate', 'swap'),
          at: fc.nat(),
          other: fc.nat(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ which, mutations }) => {
      const src = SPECS[which % SPECS.length];
      return src === undefined ? '' : mutate(src, mutations as Mutation[]);
    }),
);

const METHODS = [
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/codeLens',
  'textDocument/prepareRename',
] as const;

/**
 * The one answer that is an error by design: prepareRename on a name the prelude declares is
 * refused with InvalidParams and says why (rename.ts). A crash would be an InternalError.
 */
function isRefusal(method: string, e: unknown): boolean {
  const { code, message } = e as { code?: unknown; message?: unknown };
  return (
    method === 'textDocument/prepareRename' &&
    code === -32602 &&
    typeof message === 'string' &&
    /^`\w+` cannot be renamed: it is (declared|used) in the kernel prelude/.test(message)
  );
}

test('truncated and mutated specs sent as edits never make a request fail', async () => {
  await fc.assert(
    fc.asyncProperty(edit, fc.nat(), fc.nat(), async (text, line, character) => {
      client.change(SCRATCH, ++version, text);
      const lines = text.split('\n');
      const l = line % lines.length;
      const position = { line: l, character: character % ((lines[l]?.length ?? 0) + 1) };
      for (const method of METHODS)
        await client.connection
          .sendRequest(method, {
            textDocument: { uri: SCRATCH },
            position,
            context: { includeDeclaration: true },
          })
          .catch((e: unknown) => {
            if (!isRefusal(method, e)) throw e;
          });
    }),
    { numRuns: 60, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: false },
  );
  // Let the last debounced check run: publishing its diagnostics must not fail either.
  const last = client.diagnostics(SCRATCH);
  client.change(SCRATCH, ++version, 'spec half\nprocess P[1] {\n  x := ');
  expect((await last).length).toBeGreaterThan(0);
  expect(client.errors).toEqual([]);
}, 240_000);
