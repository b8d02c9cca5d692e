// Property-based: whatever the input (random bytes, token soup, a realistic spec with tokens
// deleted, duplicated or swapped), the front end returns a tree and diagnostics, never throws,
// and every span it reports lies inside the file.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lexSpec } from '../../grammar/lexer.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { decodeSource } from '../../src/syntax/decode.js';
import { parseSpec } from '../../src/syntax/parse.js';
import { allNodes, spanChecker, spanInside } from './helpers.js';

const ROOT = process.cwd();

/** The sample fixture, the shipped specs and the prelude, when they exist. */
function corpus(): string[] {
  const files = [join(ROOT, 'test/fixtures/sample.cred')];
  for (const dir of ['specs', 'prelude']) {
    try {
      for (const f of readdirSync(join(ROOT, dir)).sort())
        if (f.endsWith('.cred')) files.push(join(ROOT, dir, f));
    } catch {
      // not written yet
    }
  }
  return files.map((f) => readFileSync(f, 'utf8'));
}

/** Parses and checks the invariants every input must keep. */
function checkInvariants(text: string): void {
  const r = parseSpec(text, 'f.cred');
  const inside = spanChecker(r.text);
  for (const d of r.diagnostics) {
    expect(d.code in CODES).toBe(true);
    if (!inside(d.span))
      throw new Error(`diagnostic ${d.code} span outside the file: ${JSON.stringify(d.span)}`);
  }
  for (const n of allNodes(r.ast)) {
    if (!inside(n.span))
      throw new Error(`${n.kind} span outside the file: ${JSON.stringify(n.span)}`);
  }
}

const RUN = {
  numRuns: 200,
  interruptAfterTimeLimit: 60_000,
  markInterruptAsFailure: false,
} as const;

/** The language's own words and symbols, and the characters that break lines and tokens. */
const WORDS = [
  'spec',
  'x',
  'process',
  'P',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ':=',
  ':',
  'if',
  'else',
  'while',
  'for',
  'in',
  'snapshot',
  'may',
  'fail',
  'when',
  'await',
  'return',
  '1',
  '0x',
  '"s',
  '"t"',
  '<<',
  '>>',
  '>',
  '<',
  '|',
  '|->',
  '..',
  '.',
  '->',
  "'",
  '?',
  '@kernel',
  ',',
  ';',
  'variant',
  'override',
  'step',
  'expect',
  'with',
  'holds',
  'violates',
  'property',
  'eventually',
  'always',
  'leadsto',
  'forall',
  'exists',
  '!',
  '-',
  '+',
  '*',
  '/*',
  '*/',
  '//',
  '\n',
  '\t',
  '\r\n',
  '#',
  '\u0000',
  'var',
  'shared',
  'procedure',
  'def',
  '=',
  '==',
  'any',
  'where',
  'clone',
  'either',
  'or',
  'atomic',
];

describe('the front end on arbitrary input', () => {
  test('random bytes: decoding and parsing never throw, spans stay inside', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const decoded = decodeSource(bytes, 'f.cred');
        for (const d of decoded.diagnostics) expect(spanInside(d.span, decoded.text)).toBe(true);
        checkInvariants(decoded.text);
      }),
      RUN,
    );
  }, 120_000);

  test("token soup: random sequences of the language's own words and symbols", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }),
        fc.array(fc.constantFrom(' ', ''), { maxLength: 120 }),
        (toks, seps) => {
          checkInvariants(toks.map((t, i) => t + (seps[i] ?? ' ')).join(''));
        },
      ),
      RUN,
    );
  }, 120_000);

  test('token mutations of realistic specs: delete, duplicate, swap', () => {
    const sources = corpus().map((text) => ({
      text,
      tokens: lexSpec(text).tokens.map(
        (t) => [t.startOffset, t.startOffset + t.image.length] as const,
      ),
    }));
    const mutation = fc.record({
      kind: fc.constantFrom('delete', 'duplicate', 'swap'),
      at: fc.nat(),
      other: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const src = sources[which % sources.length]!;
          // Work on token texts with their following gap, so the layout survives.
          const pieces = src.tokens.map(([s, e], i) => ({
            tok: src.text.slice(s, e),
            gap: src.text.slice(e, src.tokens[i + 1]?.[0] ?? src.text.length),
          }));
          for (const m of mutations) {
            if (pieces.length === 0) break;
            const i = m.at % pieces.length;
            const j = m.other % pieces.length;
            if (m.kind === 'delete') pieces.splice(i, 1);
            else if (m.kind === 'duplicate') pieces.splice(i, 0, { ...pieces[i]! });
            else [pieces[i]!.tok, pieces[j]!.tok] = [pieces[j]!.tok, pieces[i]!.tok];
          }
          const head = src.tokens.length > 0 ? src.text.slice(0, src.tokens[0]![0]) : src.text;
          checkInvariants(head + pieces.map((p) => p.tok + p.gap).join(''));
        },
      ),
      RUN,
    );
  }, 180_000);

  test('the unmutated corpus parses cleanly', () => {
    for (const text of corpus()) expect(parseSpec(text, 'f.cred').diagnostics).toEqual([]);
  });
});
