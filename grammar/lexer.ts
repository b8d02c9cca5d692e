// Text to tokens. Takes decoded text; returns the token vector for the parser plus located
// lexing problems (unknown characters, unterminated strings and comments, bad escapes, nesting
// beyond the limit). It never throws on any input and does not build diagnostics with file
// names (src/syntax/parse.ts does).

import { Lexer, type IToken, type TokenType } from 'chevrotain';
import type { GrammarCode } from './grammar-codes.js';
import {
  ALL_TOKENS,
  Bang,
  Colon,
  Dot,
  Arrow,
  Gt,
  Identifier,
  keywordOf,
  KW,
  LBracket,
  LCurly,
  LParen,
  Minus,
  RBracket,
  RCurly,
  RParen,
  SeqOpen,
  StringLiteral,
  UnterminatedComment,
  UnterminatedString,
} from './tokens.js';

/**
 * Deepest nesting of brackets, braces and prefix operators the parser is given. Chevrotain
 * recurses once per grammar level, so the bound keeps any input far from the stack limit.
 */
export const MAX_NESTING = 200;

/** Where a problem is in the text: its first offset and how many characters it covers. */
export interface Extent {
  readonly offset: number;
  readonly length: number;
}

/** A located lexing problem, turned into a diagnostic by the caller. */
export interface LexProblem extends Extent {
  readonly code: GrammarCode;
  readonly args: Readonly<Record<string, string | number>>;
}

/**
 * Where a problem at a token is shown, for the lexer's problems and the parser's errors alike:
 * the token's text (its image when the token has no end offset).
 */
export function tokenExtent(tok: IToken): Extent {
  const end = tok.endOffset;
  const length =
    end !== undefined && Number.isFinite(end) ? end + 1 - tok.startOffset : tok.image.length;
  return { offset: tok.startOffset, length };
}

/** CS1001 at `offset`: a character that starts no token. */
function unknownCharacter(text: string, offset: number): LexProblem {
  const ch = String.fromCodePoint(text.codePointAt(offset) ?? 0xfffd);
  return { code: 'CS1001', args: { char: describeChar(ch) }, offset, length: ch.length };
}

/** A token with its index in the vector and the index of the innermost open bracket around it (-1: none). */
export interface IndexedToken extends IToken {
  tokenIndex: number;
  enclosing: number;
  /** Set on a string token with no closing quote (already reported). */
  unterminated?: boolean;
}

export interface LexResult {
  readonly tokens: IndexedToken[];
  readonly problems: LexProblem[];
  /** True when nesting passed MAX_NESTING: the file must not be parsed (see CS1008). */
  readonly tooDeep: boolean;
  /** Index of the innermost bracket still open at the end of the input (-1: none). */
  readonly endEnclosing: number;
}

let lexerInstance: Lexer | undefined;

function lexer(): Lexer {
  // Offsets only: lines and columns come from LineMap, so every phase counts them the same way.
  lexerInstance ??= new Lexer([...ALL_TOKENS], {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
  });
  return lexerInstance;
}

/** How a character is named in a message: itself in backticks when printable, else U+XXXX. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (
    cp < 0x20 ||
    cp === 0x7f ||
    (cp >= 0x80 && cp < 0xa0) ||
    cp === 0xfeff ||
    cp === 0xfffd ||
    (cp >= 0xd800 && cp <= 0xdfff)
  ) {
    return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return ch === '`' ? "'`'" : '`' + ch + '`';
}

const OPENERS = new Set<TokenType>([LParen, LBracket, LCurly, SeqOpen]);
const CLOSER_OF = new Map<TokenType, TokenType>([
  [RParen, LParen],
  [RBracket, LBracket],
  [RCurly, LCurly],
]);
const PREFIX_OPS = new Set<TokenType>([Bang, KW.not, Minus]);

/** Tokenizes `text` (BOM already removed). */
export function lexSpec(text: string): LexResult {
  const problems: LexProblem[] = [];
  const result = lexer().tokenize(maskUnknownCharacters(text, problems));
  for (const err of result.errors) problems.push(unknownCharacter(text, err.offset));

  const tokens: IndexedToken[] = [];
  for (const raw of result.tokens) {
    const tok = raw as IndexedToken;
    // Offset-only tracking leaves the end out; CST locations and spans need it.
    tok.endOffset = tok.startOffset + tok.image.length - 1;
    if (tok.tokenType === UnterminatedComment) {
      problems.push({ code: 'CS1005', args: {}, offset: tok.startOffset, length: 2 });
      continue;
    }
    if (tok.tokenType === UnterminatedString) {
      problems.push({ code: 'CS1004', args: {}, offset: tok.startOffset, length: 1 });
      // The parser sees a string, so one missing quote is one error, not a cascade.
      retype(tok, StringLiteral);
      tok.unterminated = true;
    }
    if (tok.tokenType === StringLiteral) checkEscapes(tok, problems);
    tokens.push(tok);
  }

  nameKeywords(tokens, problems);
  const { tooDeep, endEnclosing } = indexAndCheckNesting(tokens, problems);
  problems.sort((a, b) => a.offset - b.offset);
  return { tokens, problems, tooDeep, endEnclosing };
}

/** Characters that can start a token outside strings and comments (`&` only as `&&`). */
const TOKEN_START = /[ \t\r\n\f\vA-Za-z0-9_"\/:|&=!<>\-+*\\.,;?'@()[\]{}]/;

/**
 * Replaces each run of characters that start no token (outside strings and comments) by spaces
 * of the same length, reporting the run once at its first character. Chevrotain's own recovery
 * retries every pattern at every offset, which is quadratic-looking on a megabyte of garbage;
 * this pass is linear, and offsets, lines and columns are unchanged.
 */
function maskUnknownCharacters(text: string, problems: LexProblem[]): string {
  let out: string[] | undefined;
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charAt(i);
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r')
        i += text[i] === '\\' && text[i + 1] !== '\n' && text[i + 1] !== '\r' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '&' && text[i + 1] === '&') {
      i += 2;
      continue;
    }
    if (c !== '&' && TOKEN_START.test(c)) {
      i++;
      continue;
    }
    const start = i;
    while (
      i < n &&
      ((text[i] === '&' && text[i + 1] !== '&') ||
        (text[i] !== '&' && !TOKEN_START.test(text.charAt(i))))
    )
      i++;
    problems.push(unknownCharacter(text, start));
    out ??= [];
    out.push(text.slice(last, start), ' '.repeat(i - start));
    last = i;
  }
  if (out === undefined) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** Tokens after which only a name can come: a keyword there is a name the user chose. */
const NAME_FOLLOWS = new Set<TokenType>([
  KW.spec,
  KW.param,
  KW.const,
  KW.enum,
  KW.type,
  KW.var,
  KW.process,
  KW.procedure,
  KW.macro,
  KW.def,
  KW.invariant,
  KW.action,
  KW.property,
  KW.cover,
  KW.variant,
  KW.extends,
  KW.step,
  KW.clone,
  KW.for,
  KW.violates,
  Dot,
  Arrow,
]);

/** Keywords that are values: `c ? self : other` puts them before a `:`. */
const VALUE_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'none', 'self', 'frame']);

/**
 * A keyword where only a name can stand (`shared var process: bool`) is reported once here and
 * read as a name, so the parser does not re-synchronise on it and report the rest of the line.
 */
function nameKeywords(tokens: IndexedToken[], problems: LexProblem[]): void {
  for (const [i, tok] of tokens.entries()) {
    const word = keywordOf(tok.tokenType);
    if (word === undefined) continue;
    const before = tokens[i - 1];
    const afterName = before !== undefined && NAME_FOLLOWS.has(before.tokenType);
    // `step: x := 1`: no construct puts a keyword other than a value right before `:`, so it is a label.
    const asLabel = tokens[i + 1]?.tokenType === Colon && !VALUE_WORDS.has(word);
    if (!afterName && !asLabel) continue;
    problems.push({ code: 'CS1010', args: { keyword: '`' + word + '`' }, ...tokenExtent(tok) });
    retype(tok, Identifier);
  }
}

/** Gives a token another type; the parser matches on the type's index, so both change. */
function retype(tok: IToken, type: TokenType): void {
  if (type.tokenTypeIdx === undefined) throw new Error(`internal error: ${type.name} has no index`);
  tok.tokenType = type;
  tok.tokenTypeIdx = type.tokenTypeIdx;
}

function checkEscapes(tok: IToken, problems: LexProblem[]): void {
  const img = tok.image;
  for (let i = 1; i < img.length; i++) {
    if (img[i] !== '\\') continue;
    const next = img[i + 1];
    if (next === '"' || next === '\\' || next === 'n') {
      i++;
      continue;
    }
    if (next === undefined || (i + 1 === img.length - 1 && next === '"')) continue;
    problems.push({
      code: 'CS1006',
      args: { escape: '`\\' + next + '`' },
      offset: tok.startOffset + i,
      length: 2,
    });
    i++;
  }
}

/**
 * Numbers the tokens, records the innermost open bracket around each (for "opened at" messages),
 * and stops at the first token nested deeper than MAX_NESTING. A run of prefix operators counts
 * as nesting too, since each one is a level of recursion in the parser.
 */
function indexAndCheckNesting(
  tokens: IndexedToken[],
  problems: LexProblem[],
): { tooDeep: boolean; endEnclosing: number } {
  // The open brackets, innermost last, each with the depth it adds: 1 plus the prefix
  // operators just before it.
  const stack: { index: number; type: TokenType; cost: number }[] = [];
  const innermost = (): number => stack.at(-1)?.index ?? -1;
  let depth = 0;
  let prefixRun = 0;
  let closesShift = false;
  for (const [i, tok] of tokens.entries()) {
    tok.tokenIndex = i;
    tok.enclosing = innermost();
    // The second `>` of a `>>` that closed a sequence closes nothing more.
    if (closesShift) {
      closesShift = false;
      continue;
    }
    const type = tok.tokenType;
    if (OPENERS.has(type) || PREFIX_OPS.has(type)) {
      const opens = OPENERS.has(type);
      const cost = 1 + prefixRun;
      prefixRun = opens ? 0 : prefixRun + 1;
      if (depth + cost > MAX_NESTING) {
        problems.push({ code: 'CS1008', args: { limit: MAX_NESTING }, ...tokenExtent(tok) });
        return { tooDeep: true, endEnclosing: -1 };
      }
      if (opens) {
        stack.push({ index: i, type, cost });
        depth += cost;
      }
      continue;
    }
    prefixRun = 0;
    let opener = CLOSER_OF.get(type);
    if (type === Gt && tokens[i + 1]?.tokenType === Gt && stack.at(-1)?.type === SeqOpen) {
      opener = SeqOpen;
      closesShift = true;
    }
    if (opener === undefined) continue;
    // A closer pops back to its own opener; openers left above it were never closed.
    const k = stack.map((open) => open.type).lastIndexOf(opener);
    if (k >= 0) for (const open of stack.splice(k)) depth -= open.cost;
  }
  return { tooDeep: false, endEnclosing: innermost() };
}
