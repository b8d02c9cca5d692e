// `credspec lsp --stdio` driven by a real JSON-RPC client over the child's stdio, on the shipped
// specs. Every expected line and column was read off the spec files (0-based, as the protocol
// counts): e.g. specs/exectime.cred line 129 is `  cred := cred with { cap: CAP, dom: EXISTING ?
// landlock_merge(...`, `landlock_merge` at columns 48..62.

import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { scratchDirs } from '../support/scratch-dirs.js';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { REPO, specText, specUri, startClient, type TestClient } from './client.js';

const scratch = scratchDirs();

const EXECTIME = specUri('exectime.cred');
const LANDLOCK = specUri('landlock-tsync.cred');
const PRELUDE = pathToFileURL(join(REPO, 'prelude', 'kernel.cred')).href;

let client: TestClient;

beforeAll(async () => {
  client = await startClient(scratch('credspec-lsp-cache-'));
  const clean = client.diagnostics(EXECTIME);
  client.open(EXECTIME, specText('exectime.cred'));
  expect(await clean).toEqual([]);
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
  expect(client.errors).toEqual([]);
});

const at = (uri: string, line: number, character: number) => ({
  textDocument: { uri },
  position: { line, character },
});

/** The 0-based line of the Landlock spec's first line matching `re`, so edits elsewhere do not move the answers. */
function landlockLine(re: RegExp): number {
  const line = specText('landlock-tsync.cred')
    .split('\n')
    .findIndex((l) => re.test(l));
  if (line < 0) throw new Error(`no line of landlock-tsync.cred matches ${re}`);
  return line;
}

const range = (line: number, start: number, end: number, endLine = line) => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

test('hover on a prelude operation shows its signature and the prelude doc comment', async () => {
  const hover = await client.connection.sendRequest('textDocument/hover', at(EXECTIME, 128, 50));
  expect(hover).toEqual({
    contents: {
      kind: 'markdown',
      value: [
        '```credspec',
        'def landlock_merge(d: Domain, id: CredId, layer: 0..MAX_RULESET): Domain',
        '```',
        '',
        'landlock_merge_ruleset(dom, ruleset), as a value: the new domain object.',
      ].join('\n'),
    },
    range: range(128, 48, 62),
  });
});

test('hover on a parameter and on a prelude thread variable shows their types', async () => {
  const param = (await client.connection.sendRequest(
    'textDocument/hover',
    at(EXECTIME, 128, 28),
  )) as {
    contents: { value: string };
  };
  expect(param.contents.value).toBe('```credspec\n(param) CAP: bool\n```');
  const threadVar = (await client.connection.sendRequest(
    'textDocument/hover',
    at(EXECTIME, 124, 60),
  )) as { contents: { value: string } };
  expect(threadVar.contents.value).toContain('(thread variable) sig_fatal: bool');
  expect(threadVar.contents.value).toContain('SIGKILL queued (fatal_signal_pending).');
});

test('definition goes into the prelude, and from `at(t, linger)` to both `linger` steps', async () => {
  expect(
    await client.connection.sendRequest('textDocument/definition', at(EXECTIME, 128, 50)),
  ).toEqual([{ uri: PRELUDE, range: range(468, 4, 18) }]);
  expect(
    await client.connection.sendRequest('textDocument/definition', at(EXECTIME, 124, 82)),
  ).toEqual([
    { uri: EXECTIME, range: range(315, 2, 8) },
    { uri: EXECTIME, range: range(334, 2, 8) },
  ]);
});

test('references of a def and of a step label stay in their spec', async () => {
  const refs = await client.connection.sendRequest('textDocument/references', {
    ...at(EXECTIME, 123, 6),
    context: { includeDeclaration: true },
  });
  expect(refs).toEqual([
    { uri: EXECTIME, range: range(123, 4, 16) },
    { uri: EXECTIME, range: range(315, 30, 42) },
    { uri: EXECTIME, range: range(334, 30, 42) },
  ]);
  // `override step do_execve.install` refers to the `install:` step of do_execve.
  const steps = await client.connection.sendRequest('textDocument/references', {
    ...at(EXECTIME, 364, 28),
    context: { includeDeclaration: false },
  });
  expect(steps).toEqual([{ uri: EXECTIME, range: range(364, 26, 33) }]);
});

test('document symbols list procedures with their steps, variants and properties', async () => {
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', {
    textDocument: { uri: LANDLOCK },
  })) as {
    name: string;
    kind: number;
    selectionRange: unknown;
    children?: { name: string; selectionRange: unknown }[];
  }[];
  const restrictOne = symbols.find((s) => s.name === 'restrict_one');
  const declared = landlockLine(/^procedure restrict_one\(/);
  expect(restrictOne?.selectionRange).toEqual(range(declared, 10, 22));
  // Its first labelled statement: `  prepare: atomic {`, the first such line after it.
  const prepare = landlockLine(/^ {2}prepare: atomic \{/);
  expect(prepare).toBeGreaterThan(declared);
  expect(restrictOne?.children?.[0]).toMatchObject({
    name: 'prepare',
    selectionRange: range(prepare, 2, 9),
  });
  expect(symbols.find((s) => s.name === 'll_no_esrch')).toMatchObject({
    kind: 7,
    selectionRange: range(landlockLine(/^invariant ll_no_esrch:/), 10, 21),
  });
  // Every variant, in the order the spec declares them.
  const variants = [...specText('landlock-tsync.cred').matchAll(/^variant (\w+)/gm)].map(
    (m) => m[1],
  );
  expect(variants).toContain('lock_blocking');
  expect(symbols.filter((s) => s.kind === 2).map((s) => s.name)).toEqual(variants);
});

test('workspace symbols find declarations of every spec under the folder', async () => {
  const found = (await client.connection.sendRequest('workspace/symbol', {
    query: 'll_no_es',
  })) as {
    name: string;
    location: unknown;
  }[];
  expect(found).toEqual([
    expect.objectContaining({
      name: 'll_no_esrch',
      location: { uri: LANDLOCK, range: range(landlockLine(/^invariant ll_no_esrch:/), 10, 21) },
    }),
  ]);
});

test('completion offers parameters after `expect ... with` and prelude operations with signatures', async () => {
  const params = (await client.connection.sendRequest(
    'textDocument/completion',
    at(EXECTIME, 430, 25),
  )) as {
    label: string;
  }[];
  expect(params.map((p) => p.label)).toEqual(
    expect.arrayContaining([
      'SIBLINGS',
      'REQUESTS',
      'EXECS',
      'FLAGS',
      'TSYNC',
      'NNP',
      'CAP',
      'BPF',
    ]),
  );
  expect(params.every((p) => /^[A-Z_]+$/.test(p.label))).toBe(true);
  // Inside setup_thread's body (line 131, `  nnp := NNP`): locals, spec names and the prelude.
  const names = (await client.connection.sendRequest(
    'textDocument/completion',
    at(EXECTIME, 130, 9),
  )) as {
    label: string;
    detail?: string;
  }[];
  expect(names.find((n) => n.label === 'landlock_merge')?.detail).toBe(
    'def landlock_merge(d: Domain, id: CredId, layer: 0..MAX_RULESET): Domain',
  );
  expect(names.map((n) => n.label)).toContain('exec_pending');
});

test('rename changes a macro with its overrides, and a variant with its expectations', async () => {
  const macro = (await client.connection.sendRequest('textDocument/rename', {
    ...at(EXECTIME, 135, 8),
    newName: 'stage_req',
  })) as { changes: Record<string, { range: unknown }[]> };
  expect(macro.changes[EXECTIME]?.map((e) => e.range)).toEqual([
    range(135, 6, 19),
    range(164, 9, 22),
    range(390, 17, 30),
    range(407, 17, 30),
  ]);
  const variant = (await client.connection.sendRequest('textDocument/rename', {
    ...at(EXECTIME, 362, 10),
    newName: 'nnp_cap',
  })) as { changes: Record<string, { range: unknown; newText: string }[]> };
  // The variant's sweep block, at the end of the spec, names it too.
  const sweepLine = specText('exectime.cred')
    .split('\n')
    .findIndex((l) => l.startsWith('sweep nnp_unless_cap '));
  expect(variant.changes).toEqual({
    [EXECTIME]: [
      { range: range(362, 8, 22), newText: 'nnp_cap' },
      { range: range(434, 13, 27), newText: 'nnp_cap' },
      { range: range(sweepLine, 6, 20), newText: 'nnp_cap' },
    ],
  });
});

test('typing an error publishes its diagnostic at the right range, fixing it clears it', async () => {
  const lines = specText('exectime.cred').split('\n');
  lines[130] = '  nnp := NPP';
  const broken = client.diagnostics(EXECTIME, (ds) => ds.length > 0);
  client.change(EXECTIME, 2, lines.join('\n'));
  const ds = await broken;
  expect(ds).toEqual([
    expect.objectContaining({
      range: range(130, 9, 12),
      severity: 1,
      code: 'CS2001',
      source: 'credspec',
    }),
  ]);
  expect(ds[0]?.message).toContain('NPP');
  const clean = client.diagnostics(EXECTIME);
  client.change(EXECTIME, 3, specText('exectime.cred'));
  expect(await clean).toEqual([]);
});

test('a code lens on each expect line checks it on the embedded engine, with the trace as locations', async () => {
  const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
    textDocument: { uri: EXECTIME },
  })) as {
    range: { start: { line: number } };
    command: { title: string; command: string; arguments: unknown[] };
  }[];
  expect(lenses.length).toBe(
    specText('exectime.cred')
      .split('\n')
      .filter((l) => l.startsWith('expect ')).length,
  );
  const e1 = lenses.find((l) => l.range.start.line === 434);
  expect(e1?.command.title).toBe('check: violates ex_nnp_sticky');
  const result = (await client.connection.sendRequest('workspace/executeCommand', {
    command: e1?.command.command,
    arguments: e1?.command.arguments,
  })) as {
    verdict: string;
    outcome: string;
    trace: { location: { uri: string }; thread: string | null }[];
  };
  expect(result.verdict).toBe('violates ex_nnp_sticky');
  expect(result.outcome).toBe('met');
  expect(result.trace.length).toBeGreaterThan(3);
  // The lens now shows that verdict, until the spec is edited.
  const after = (await client.connection.sendRequest('textDocument/codeLens', {
    textDocument: { uri: EXECTIME },
  })) as { range: { start: { line: number } }; command: { title: string } }[];
  expect(after.find((l) => l.range.start.line === 434)?.command.title).toBe(
    'nnp_unless_cap: violates ex_nnp_sticky (as expected): check again',
  );
  expect(result.trace[0]).toMatchObject({
    location: { uri: EXECTIME, range: range(303, 2, 23) },
    thread: 'requester1',
  });
}, 180_000);

test('completion in `at(t, ...)` offers step labels; built-ins and bad names cannot be renamed', async () => {
  // Line 125: `... && !at(t, linger) && ...`, the cursor where `linger` starts.
  const labels = (await client.connection.sendRequest(
    'textDocument/completion',
    at(EXECTIME, 124, 80),
  )) as {
    label: string;
  }[];
  expect(labels.map((l) => l.label)).toEqual(
    expect.arrayContaining(['linger', 'killed', 'install', 'setup']),
  );
  expect(labels.map((l) => l.label)).not.toContain('exec_pending');
  // `alive(t)` on the same line is a built-in function.
  expect(
    await client.connection.sendRequest('textDocument/prepareRename', at(EXECTIME, 124, 33)),
  ).toBeNull();
  expect(
    await client.connection.sendRequest('textDocument/prepareRename', at(EXECTIME, 124, 82)),
  ).toEqual(range(124, 80, 86));
  await expect(
    client.connection.sendRequest('textDocument/rename', {
      ...at(EXECTIME, 124, 82),
      newName: 'not a name',
    }),
  ).rejects.toThrow('is not a credspec identifier');
});

test('rename of a local variable changes its declaration and every use in its process only', async () => {
  // Line 300 `  var k: 0..2 = 0`, used on lines 305 to 307.
  const edit = (await client.connection.sendRequest('textDocument/rename', {
    ...at(EXECTIME, 304, 18),
    newName: 'made',
  })) as { changes: Record<string, { range: unknown }[]> };
  expect(edit.changes[EXECTIME]?.map((e) => e.range)).toEqual([
    range(299, 6, 7),
    range(304, 18, 19),
    range(305, 49, 50),
    range(306, 18, 19),
    range(306, 23, 24),
  ]);
});

test('a prelude operation cannot be renamed: prepareRename and rename refuse, naming the prelude', async () => {
  // Line 129 `... landlock_merge(...)`: declared in the prelude, used by every Landlock spec.
  const refusal =
    /`landlock_merge` cannot be renamed: it is declared in the kernel prelude \(<prelude>\/kernel\.cred\)/;
  await expect(
    client.connection.sendRequest('textDocument/prepareRename', at(EXECTIME, 128, 50)),
  ).rejects.toThrow(refusal);
  await expect(
    client.connection.sendRequest('textDocument/rename', {
      ...at(EXECTIME, 128, 50),
      newName: 'merge_layer',
    }),
  ).rejects.toThrow(refusal);
  // A prelude thread variable (line 125 `sig_fatal[t]`) is refused the same way.
  await expect(
    client.connection.sendRequest('textDocument/prepareRename', at(EXECTIME, 124, 60)),
  ).rejects.toThrow(/`sig_fatal` cannot be renamed: it is declared in the kernel prelude/);
});

test('rename of a lock variable also renames it in `lock_order`, which references it', async () => {
  const text = `${readFileSync(join(REPO, 'test/fixtures/lock-order/inversion.cred'), 'utf8')}lock_order m2 < m1\n`;
  const uri = pathToFileURL(join(scratch('credspec-lsp-lock-order-'), 'accepted.cred')).href;
  const clean = client.diagnostics(uri);
  client.open(uri, text);
  expect(await clean).toEqual([]);
  const lines = text.split('\n');
  const declared = lines.findIndex((l) => l.startsWith('shared var m1:'));
  const ordered = lines.findIndex((l) => l.startsWith('lock_order m2 < m1'));
  const edit = (await client.connection.sendRequest('textDocument/rename', {
    ...at(uri, declared, 11),
    newName: 'inode_lock',
  })) as { changes: Record<string, { range: unknown }[]> };
  const ranges = edit.changes[uri]?.map((e) => e.range) ?? [];
  expect(ranges).toContainEqual(range(declared, 11, 13));
  expect(ranges).toContainEqual(range(ordered, 16, 18));
  // The declaration, the two locks and two unlocks, and the order: six places.
  expect(ranges).toHaveLength(6);
});
