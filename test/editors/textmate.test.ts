// The VS Code extension's TextMate grammar, run by the engine VS Code uses (vscode-textmate on
// vscode-oniguruma), on every shipped spec and the prelude: no text left invalid, no comment or
// string left open at the end, and each keyword the lexer finds scoped as its kind of keyword.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { lexSpec } from '../../grammar/lexer.js';
import { keywordOf, type KeywordWord } from '../../grammar/tokens.js';
import { credFilesUnder } from '../../src/cli/spec-inputs.js';
import { KIND_SCOPE, keywordKind, TEXTMATE_PATH } from '../../scripts/gen-editor-syntax.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHIPPED = [
  ...credFilesUnder(join(REPO, 'specs'), 'specs'),
  ...credFilesUnder(join(REPO, 'prelude'), 'prelude'),
];

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(
    createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'),
  );
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope) =>
      scope === 'source.credspec'
        ? textmate.parseRawGrammar(
            readFileSync(join(REPO, TEXTMATE_PATH), 'utf8'),
            join(REPO, TEXTMATE_PATH),
          )
        : null,
  });
  const grammar = await registry.loadGrammar('source.credspec');
  if (grammar === null) throw new Error('the grammar did not load');
  return grammar;
}

interface ScopedToken {
  readonly offset: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

/** The TextMate tokens of a file, with offsets in the whole text, and whether a region is left open. */
function tokenise(
  grammar: textmate.IGrammar,
  text: string,
): { tokens: ScopedToken[]; open: boolean } {
  const tokens: ScopedToken[] = [];
  let stack = textmate.INITIAL;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens)
      tokens.push({
        offset: lineStart + t.startIndex,
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      });
    stack = result.ruleStack;
    lineStart += line.length + 1;
  }
  // The root rule alone is depth 1; a comment or string still open adds its own.
  return { tokens, open: stack.depth > 1 };
}

describe('the TextMate grammar on the shipped specs', () => {
  let grammar: textmate.IGrammar;
  beforeAll(async () => {
    grammar = await loadGrammar();
  });

  test('there are shipped specs to tokenise', () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(4);
  });

  test.each(SHIPPED)('%s: no invalid text, no region left open', (file) => {
    const { tokens, open } = tokenise(grammar, readFileSync(join(REPO, file), 'utf8'));
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
    expect(invalid.map((t) => `${t.offset}: ${t.text}`)).toEqual([]);
    expect(open).toBe(false);
  });

  test.each(SHIPPED)('%s: every keyword the lexer finds is scoped as its kind', (file) => {
    const text = readFileSync(join(REPO, file), 'utf8');
    const { tokens } = tokenise(grammar, text);
    const scopeAt = new Map(tokens.map((t) => [t.offset, t]));
    const wrong: string[] = [];
    let keywords = 0;
    for (const tok of lexSpec(text).tokens) {
      const word = keywordOf(tok.tokenType);
      if (word === undefined) continue;
      keywords++;
      const expected = KIND_SCOPE[keywordKind(word as KeywordWord)];
      const got = scopeAt.get(tok.startOffset);
      if (got?.text !== word || !got.scopes.includes(expected))
        wrong.push(`${tok.startOffset} ${word}: ${got?.scopes.join(' ') ?? 'no token'}`);
    }
    expect(keywords).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  test('comments, strings and names are told apart from keywords', () => {
    const { tokens } = tokenise(
      grammar,
      '/** doc */ spec specs // thread\nparam x: bool = "if" /* while\n */ true',
    );
    const scopesOf = (text: string) => tokens.find((t) => t.text === text)?.scopes ?? [];
    expect(scopesOf('spec')).toContain('keyword.other.credspec');
    expect(scopesOf('specs')).toContain('variable.other.credspec');
    expect(scopesOf(' doc ')).toContain('comment.block.documentation.credspec');
    expect(scopesOf('// thread')).toContain('comment.line.double-slash.credspec');
    expect(scopesOf('if')).toContain('string.quoted.double.credspec');
    expect(scopesOf(' while')).toContain('comment.block.credspec');
    expect(scopesOf('true')).toContain('constant.language.credspec');
    expect(tokenise(grammar, 'spec a /* not closed\n').open).toBe(true);
  });
});
