// Fuzzing of the result reader: random mutations of real result files (a value anywhere
// replaced by random JSON, strings with escape sequences and bidi overrides, deep nesting, a
// field dropped or renamed, the text cut or spliced) given to `credspec trace` in every format.
// Each is either rejected (exit 2, one line on stderr, nothing on stdout) or shown (exit 0);
// never a stack trace, never a raw control character on stdout or stderr. The seed is fixed so
// a failure replays (fast-check prints the seed and path; pass them to fc.assert to rerun).

import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTrace } from '../../src/cli/commands/trace.js';
import { TRACE_FORMATS } from '../../src/trace/formats/format-trace.js';
import { captureTrace, RAW_CONTROL, STACK_TRACE } from './trace-harness.js';

const REPO = process.cwd();
const BASES = ['clone', 'frame', 'lasso'].map((n) =>
  readFileSync(join(REPO, 'test', 'trace', 'fixtures', `${n}.json`), 'utf8'),
);
const SEED = 20261206;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = readonly (string | number)[];

/** Every place in a JSON value, the root first. */
function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

type Edit =
  | { kind: 'set'; value: Json }
  | { kind: 'drop' }
  | { kind: 'rename'; to: string }
  | { kind: 'taint'; insert: string; at: number };

function edit(root: Json, path: Path, e: Edit): Json {
  if (path.length === 0) return e.kind === 'set' ? e.value : root;
  const parent = path
    .slice(0, -1)
    .reduce<Json>((v, k) => (v as Record<string, Json>)[k as string]!, root) as
    | Record<string | number, Json>
    | Json[];
  const key = path[path.length - 1]!;
  if (e.kind === 'taint') {
    const old = String((parent as Record<string | number, Json>)[key]);
    const i = e.at % (old.length + 1);
    (parent as Record<string | number, Json>)[key] = old.slice(0, i) + e.insert + old.slice(i);
  } else if (e.kind === 'set') (parent as Record<string | number, Json>)[key] = e.value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else {
    const value = parent[key as string]!;
    delete parent[key as string];
    if (e.kind === 'rename')
      Object.defineProperty(parent, e.to, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return root;
}

const hostileChar = fc.constantFrom(
  '\u001b',
  '\u001b[2J',
  '\u001b]0;x\u0007',
  '\u009b',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u2028',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u007f',
  '"',
  '\\',
  '#',
  '.',
  'a',
  't1',
  'p1',
  'é',
  '\ud800',
);
const hostileString = fc.array(hostileChar, { maxLength: 8 }).map((parts) => parts.join(''));
const nested = fc.integer({ min: 1, max: 300 }).map((n) => {
  let v: Json = 0;
  for (let i = 0; i < n; i++) v = i % 2 === 0 ? [v] : { '#set': [v] };
  return v;
});
const value: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 53,
    1e308,
    '',
    [],
    {},
    { '#mv': 'p1' },
    { '#bigint': '12' },
    { '#map': [[1, 2]] },
  ),
  fc.integer(),
  nested,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  // A string anywhere (a name, a step, a value, a file) with escapes in it: mostly still a valid file.
  {
    weight: 10,
    arbitrary: fc
      .tuple(hostileString, fc.nat())
      .map(([insert, at]) => ({ kind: 'taint' as const, insert, at })),
  },
  { weight: 4, arbitrary: value.map((v) => ({ kind: 'set' as const, value: v })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
  { weight: 1, arbitrary: hostileString.map((to) => ({ kind: 'rename' as const, to })) },
);

/** A mutated result file's text: a few structural edits, then sometimes a cut or splice of the text. */
const mutated = fc
  .record({
    base: fc.integer({ min: 0, max: BASES.length - 1 }),
    edits: fc.array(fc.tuple(fc.nat(), editArb), { minLength: 1, maxLength: 3 }),
    splice: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat({ max: 40 }), hostileString) },
    ),
  })
  .map(({ base, edits, splice }) => {
    let root = JSON.parse(BASES[base]!) as Json;
    for (const [pick, e] of edits) {
      const everywhere = paths(root);
      const strings = everywhere.filter(
        (p) =>
          p.length > 0 &&
          typeof p.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string]!, root) ===
            'string',
      );
      const all = e.kind === 'taint' ? strings : everywhere;
      if (all.length === 0) continue;
      root = edit(root, all[pick % all.length]!, e);
    }
    let text = JSON.stringify(root, null, 2);
    if (splice !== null) {
      const [at, cut, insert] = splice;
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return text;
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-fuzz-result-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a mutated result file is rejected with exit 2 and one line, or shown; never a stack trace or a raw control character', async () => {
  let n = 0;
  let shown = 0;
  await fc.assert(
    fc.asyncProperty(mutated, fc.constantFrom(...TRACE_FORMATS), async (text, format) => {
      const file = join(dir, `r${n++}.json`);
      writeFileSync(file, text);
      const r = await captureTrace(runTrace, { file, format }, REPO);
      rmSync(file);
      expect([0, 2]).toContain(r.code);
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      if (r.code === 2) {
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^credspec trace: [^\n]+\n$/);
      } else {
        shown++;
        expect(r.stderr).toMatch(/^(credspec trace: warning: [^\n]+\n)?$/);
        if (format === 'json' || format === 'itf') expect(() => JSON.parse(r.stdout)).not.toThrow();
      }
    }),
    { seed: SEED, numRuns: 400 },
  );
  // The mutations reach the formats, not only the reader's refusals.
  expect(shown).toBeGreaterThan(60);
  expect(shown).toBeLessThan(n);
});
