// Generates the editors' highlighting from the lexer's token definitions (grammar/tokens.ts), the
// one list of keywords and operators: the TextMate grammar of the VS Code extension, the vim
// syntax file and the keyword lists of the emacs mode (between its generated markers). The
// render functions are pure; run as a program (from anywhere in the repository) it rewrites the
// files that changed:
//   npm run editor-syntax

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TokenType } from 'chevrotain';
import {
  ALL_TOKENS,
  BlockComment,
  IntegerLiteral,
  KEYWORD_WORDS,
  type KeywordWord,
  keywordOf,
  LineComment,
} from '../grammar/tokens.js';
import { packageRoot } from '../src/driver/package-root.js';

/** Generated files, relative to the repository root. */
export const TEXTMATE_PATH = 'editors/vscode/syntaxes/credspec.tmLanguage.json';
export const VIM_SYNTAX_PATH = 'editors/vim/syntax/credspec.vim';
export const EMACS_MODE_PATH = 'editors/emacs/credspec-mode.el';

export const EMACS_BEGIN = ';; BEGIN GENERATED KEYWORDS (scripts/gen-editor-syntax.ts)';
export const EMACS_END = ';; END GENERATED KEYWORDS';

/** How a keyword is highlighted; a new keyword of the lexer is `declaration` until listed here. */
export type KeywordKind = 'declaration' | 'control' | 'operator' | 'constant';

const CONTROL = new Set<KeywordWord>([
  'return',
  'if',
  'else',
  'while',
  'for',
  'when',
  'either',
  'atomic',
  'await',
  'assert',
  'skip',
  'may',
  'fail',
  'clone',
  'exit',
  'break',
  'continue',
  'snapshot',
  'live',
  'with',
  'holds',
  'violates',
  'deadlock',
  'unreachable',
]);
const OPERATOR = new Set<KeywordWord>([
  'and',
  'or',
  'not',
  'mod',
  'in',
  'any',
  'where',
  'union',
  'inter',
  'notin',
  'subseteq',
  'forall',
  'exists',
  'eventually',
  'always',
  'leadsto',
]);
const CONSTANT = new Set<KeywordWord>(['true', 'false', 'none', 'self']);

export function keywordKind(word: KeywordWord): KeywordKind {
  if (CONSTANT.has(word)) return 'constant';
  if (OPERATOR.has(word)) return 'operator';
  if (CONTROL.has(word)) return 'control';
  return 'declaration';
}

/** The TextMate scope of each kind (the test checks the specs' keywords get these). */
export const KIND_SCOPE: Readonly<Record<KeywordKind, string>> = {
  declaration: 'keyword.other.credspec',
  control: 'keyword.control.credspec',
  operator: 'keyword.operator.word.credspec',
  constant: 'constant.language.credspec',
};

const KINDS: readonly KeywordKind[] = ['declaration', 'control', 'operator', 'constant'];

function wordsOf(kind: KeywordKind): string[] {
  return KEYWORD_WORDS.filter((w) => keywordKind(w) === kind);
}

/** The operators and punctuation of the lexer: every token with a fixed text that is no keyword. */
export function symbolTokens(): string[] {
  return ALL_TOKENS.filter((t) => typeof t.PATTERN === 'string' && keywordOf(t) === undefined)
    .map((t) => t.PATTERN as string)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function regexSource(type: TokenType): string {
  const pattern = type.PATTERN;
  if (!(pattern instanceof RegExp)) throw new Error(`${type.name} has no regular expression`);
  return pattern.source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const BRACKETS = new Set(['(', ')', '[', ']', '{', '}', '<<']);
const SEPARATORS = new Set([',', ';', ':']);

function textMateSymbols(): object[] {
  const symbols = symbolTokens();
  const group = (keep: (s: string) => boolean) => symbols.filter(keep).map(escapeRegex).join('|');
  return [
    {
      name: 'keyword.operator.credspec',
      match: group((s) => !BRACKETS.has(s) && !SEPARATORS.has(s)),
    },
    { name: 'punctuation.section.brackets.credspec', match: group((s) => BRACKETS.has(s)) },
    { name: 'punctuation.separator.credspec', match: group((s) => SEPARATORS.has(s)) },
  ];
}

/** The TextMate grammar (scope `source.credspec`), as the JSON text of the file. */
export function renderTextMate(): string {
  const grammar = {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'credspec',
    scopeName: 'source.credspec',
    fileTypes: ['cred'],
    comment:
      'Generated from grammar/tokens.ts by scripts/gen-editor-syntax.ts. Do not edit by hand.',
    patterns: [
      { include: '#comments' },
      { include: '#strings' },
      {
        name: 'constant.numeric.credspec',
        match: `\\b(?:${regexSource(IntegerLiteral)})\\b`,
      },
      ...KINDS.map((kind) => ({
        name: KIND_SCOPE[kind],
        match: `\\b(?:${wordsOf(kind).join('|')})\\b`,
      })),
      { name: 'variable.other.credspec', match: '\\b[A-Za-z_][A-Za-z0-9_]*\\b' },
      ...textMateSymbols(),
      { name: 'invalid.illegal.character.credspec', match: '[^\\s]' },
    ],
    repository: {
      comments: {
        patterns: [
          {
            name: 'comment.block.documentation.credspec',
            begin: '/\\*\\*(?!/)',
            end: '\\*/',
          },
          { name: 'comment.block.credspec', begin: '/\\*', end: '\\*/' },
          { name: 'comment.line.double-slash.credspec', match: regexSource(LineComment) },
        ],
      },
      strings: {
        name: 'string.quoted.double.credspec',
        begin: '"',
        end: '"|$',
        patterns: [{ name: 'constant.character.escape.credspec', match: '\\\\.' }],
      },
    },
  };
  return JSON.stringify(grammar, null, 2) + '\n';
}

/** Vim's `syn keyword` lines, wrapped so no line gets long. */
function vimKeywordLines(group: string, words: readonly string[]): string[] {
  const lines: string[] = [];
  let line = `syn keyword ${group}`;
  for (const word of words) {
    if (line.length + word.length + 1 > 90) {
      lines.push(line);
      line = `syn keyword ${group}`;
    }
    line += ' ' + word;
  }
  lines.push(line);
  return lines;
}

const VIM_GROUP: Readonly<Record<KeywordKind, readonly [string, string]>> = {
  declaration: ['credspecDeclaration', 'Keyword'],
  control: ['credspecControl', 'Statement'],
  operator: ['credspecOperatorWord', 'Operator'],
  constant: ['credspecConstant', 'Constant'],
};

/** The whole vim syntax file. */
export function renderVimSyntax(): string {
  // BlockComment's pattern is non-greedy up to `*/`; vim's region says the same with start/end.
  if (regexSource(BlockComment) !== '\\/\\*[\\s\\S]*?\\*\\/')
    throw new Error('block comments changed: update the vim and TextMate regions');
  return [
    '" Vim syntax file for credspec specs (*.cred).',
    '" Generated from grammar/tokens.ts by scripts/gen-editor-syntax.ts. Do not edit by hand.',
    '',
    "if exists('b:current_syntax')",
    '  finish',
    'endif',
    '',
    ...KINDS.flatMap((kind) => vimKeywordLines(VIM_GROUP[kind][0], wordsOf(kind))),
    '',
    'syn keyword credspecTodo contained TODO FIXME XXX NOTE',
    'syn match credspecNumber "\\<\\(0[xX][0-9a-fA-F]\\+\\|[0-9]\\+\\)\\>"',
    'syn region credspecString start=+"+ skip=+\\\\.+ end=+"+ end=+$+ oneline',
    'syn region credspecDocComment start="/\\*\\*\\(/\\)\\@!" end="\\*/" contains=credspecTodo',
    'syn region credspecComment start="/\\*\\(\\*\\(/\\)\\@!\\)\\@!" end="\\*/" contains=credspecTodo',
    'syn match credspecLineComment "//.*$" contains=credspecTodo',
    '',
    ...KINDS.map((kind) => `hi def link ${VIM_GROUP[kind][0]} ${VIM_GROUP[kind][1]}`),
    'hi def link credspecTodo Todo',
    'hi def link credspecNumber Number',
    'hi def link credspecString String',
    'hi def link credspecDocComment SpecialComment',
    'hi def link credspecComment Comment',
    'hi def link credspecLineComment Comment',
    '',
    "let b:current_syntax = 'credspec'",
    '',
  ].join('\n');
}

function elispList(name: string, doc: string, words: readonly string[]): string[] {
  return [`(defconst ${name}`, `  '(${words.map((w) => `"${w}"`).join(' ')})`, `  "${doc}")`];
}

/** The generated part of credspec-mode.el, markers included. */
export function renderEmacsKeywords(): string {
  return [
    EMACS_BEGIN,
    ...elispList(
      'credspec-mode--declaration-keywords',
      'Declaration keywords.',
      wordsOf('declaration'),
    ),
    ...elispList('credspec-mode--control-keywords', 'Statement keywords.', wordsOf('control')),
    ...elispList('credspec-mode--operator-keywords', 'Operator words.', wordsOf('operator')),
    ...elispList('credspec-mode--constants', 'Constant words.', wordsOf('constant')),
    EMACS_END,
  ].join('\n');
}

/** `text` (credspec-mode.el) with its generated part replaced by `renderEmacsKeywords()`. */
export function withEmacsKeywords(text: string): string {
  const begin = text.indexOf(EMACS_BEGIN);
  const end = text.indexOf(EMACS_END);
  if (begin < 0 || end < begin) throw new Error(`${EMACS_MODE_PATH} lacks its generated markers`);
  return text.slice(0, begin) + renderEmacsKeywords() + text.slice(end + EMACS_END.length);
}

/** Every generated file as it should be, by path relative to the repository root. */
export function generatedEditorFiles(root: string): ReadonlyMap<string, string> {
  return new Map([
    [TEXTMATE_PATH, renderTextMate()],
    [VIM_SYNTAX_PATH, renderVimSyntax()],
    [EMACS_MODE_PATH, withEmacsKeywords(readFileSync(join(root, EMACS_MODE_PATH), 'utf8'))],
  ]);
}

function main(): void {
  const root = packageRoot();
  for (const [path, text] of generatedEditorFiles(root)) {
    const file = join(root, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
