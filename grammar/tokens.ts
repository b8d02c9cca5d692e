// The token types of the credspec language (docs/language.md, section 1): keywords, operators,
// literals, comments. Takes nothing, exports token types and their user-facing labels; it does not
// lex (lexer.ts) or know the grammar (parser.ts).
// Order matters: Chevrotain tries patterns in array order, so longer operators come first.

import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Any name. Keywords are tried before it and name it as their `longer_alt`. */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: 'a name',
});

/**
 * Reserved words. The documented list, plus the words of operators and forms (`any`, `where`,
 * `union`, `inter`, `notin`, `subseteq`), which must be reserved too or `x := any S` and
 * `S union T` would be ambiguous with a name followed by an expression.
 */
export const KEYWORD_WORDS = [
  'spec',
  'import',
  'param',
  'const',
  'enum',
  'type',
  'shared',
  'thread',
  'var',
  'process',
  'fair',
  'strong',
  'weak',
  'symmetric',
  'spare',
  'runs',
  'when',
  'procedure',
  'macro',
  'def',
  'return',
  'if',
  'else',
  'while',
  'for',
  'in',
  'snapshot',
  'live',
  'either',
  'or',
  'atomic',
  'await',
  'assert',
  'skip',
  'may',
  'fail',
  'clone',
  'exit',
  'invariant',
  'action',
  'property',
  'cover',
  'eventually',
  'always',
  'leadsto',
  'variant',
  'extends',
  'override',
  'step',
  'expect',
  'sweep',
  'with',
  'holds',
  'deadlock',
  'violates',
  'true',
  'false',
  'none',
  'self',
  'frame',
  'forall',
  'exists',
  'and',
  'not',
  'mod',
  'any',
  'where',
  'union',
  'inter',
  'notin',
  'subseteq',
  'break',
  'continue',
  'fresh',
  'unreachable',
  'lock_order',
] as const;

export type KeywordWord = (typeof KEYWORD_WORDS)[number];

function keywordTokenName(word: string): string {
  return 'Kw' + word.charAt(0).toUpperCase() + word.slice(1);
}

/** Keyword token types by the word as written. */
export const KW: Readonly<Record<KeywordWord, TokenType>> = Object.fromEntries(
  KEYWORD_WORDS.map((word) => [
    word,
    createToken({
      name: keywordTokenName(word),
      pattern: word,
      longer_alt: Identifier,
      label: '`' + word + '`',
    }),
  ]),
) as Record<KeywordWord, TokenType>;

function punct(name: string, pattern: string): TokenType {
  return createToken({ name, pattern, label: '`' + pattern + '`' });
}

export const Assign = punct('Assign', ':=');
export const MapsTo = punct('MapsTo', '|->');
export const OrOr = punct('OrOr', '||');
export const Bar = punct('Bar', '|');
export const AndAnd = punct('AndAnd', '&&');
export const EqEq = punct('EqEq', '==');
export const NotEq = punct('NotEq', '!=');
export const Implies = punct('Implies', '=>');
export const Eq = punct('Eq', '=');
export const Bang = punct('Bang', '!');
export const SeqOpen = punct('SeqOpen', '<<');
export const LtEq = punct('LtEq', '<=');
export const Lt = punct('Lt', '<');
export const GtEq = punct('GtEq', '>=');
export const Gt = punct('Gt', '>');
export const Arrow = punct('Arrow', '->');
export const Minus = punct('Minus', '-');
export const Plus = punct('Plus', '+');
export const Star = punct('Star', '*');
export const Slash = punct('Slash', '/');
export const Backslash = punct('Backslash', '\\');
export const DotDot = punct('DotDot', '..');
export const Dot = punct('Dot', '.');
export const Comma = punct('Comma', ',');
export const Semicolon = punct('Semicolon', ';');
export const Colon = punct('Colon', ':');
export const Question = punct('Question', '?');
export const Prime = punct('Prime', "'");
export const At = punct('At', '@');
export const LParen = punct('LParen', '(');
export const RParen = punct('RParen', ')');
export const LBracket = punct('LBracket', '[');
export const RBracket = punct('RBracket', ']');
export const LCurly = punct('LCurly', '{');
export const RCurly = punct('RCurly', '}');

export const IntegerLiteral = createToken({
  name: 'IntegerLiteral',
  pattern: /0[xX][0-9a-fA-F]+|[0-9]+/,
  label: 'a number',
});
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  label: 'a string',
});
/** A string with no closing quote on its line; the lexer reports it and hands the parser a string. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  label: 'a string',
});

export const LineComment = createToken({
  name: 'LineComment',
  pattern: /\/\/[^\r\n]*/,
  group: Lexer.SKIPPED,
});
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `/*` with no closing `*\/`: swallows the rest of the file; the lexer reports it at its start. */
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment',
  pattern: /\/\*[\s\S]*/,
  line_breaks: true,
});
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Longest keywords first, so `inter` is tried before `in` and `notin` before `not`. */
const keywordsLongestFirst = [...KEYWORD_WORDS]
  .sort((a, b) => b.length - a.length || a.localeCompare(b))
  .map((w) => KW[w]);

/** Every token type in lexing order. */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLiteral,
  UnterminatedString,
  IntegerLiteral,
  ...keywordsLongestFirst,
  Identifier,
  Assign,
  MapsTo,
  OrOr,
  Bar,
  AndAnd,
  EqEq,
  NotEq,
  Implies,
  Eq,
  Bang,
  SeqOpen,
  LtEq,
  Lt,
  GtEq,
  Gt,
  Arrow,
  Minus,
  Plus,
  Star,
  Slash,
  Backslash,
  DotDot,
  Dot,
  Comma,
  Semicolon,
  Colon,
  Question,
  Prime,
  At,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
];

/** The keyword a token type stands for, if it is one. */
export function keywordOf(type: TokenType): string | undefined {
  return KEYWORD_BY_TYPE.get(type);
}

const KEYWORD_BY_TYPE = new Map<TokenType, string>(KEYWORD_WORDS.map((w) => [KW[w], w]));
