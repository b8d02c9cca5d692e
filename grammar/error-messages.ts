// Chevrotain's error message provider for the credspec grammar. Takes what Chevrotain knows at a
// recognition error and returns a JSON-encoded {code, args} (a CS1xxx code), which
// src/syntax/parse.ts decodes into a diagnostic; no English is made here beyond token names as
// users write them. It must not throw: it runs inside the parser's recovery.

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type { GrammarCode } from './grammar-codes.js';
import type { IndexedToken } from './lexer.js';
import {
  Identifier,
  keywordOf,
  KW,
  LBracket,
  LCurly,
  LParen,
  RBracket,
  RCurly,
  RParen,
} from './tokens.js';

/** What the provider reads about the input being parsed. */
export interface ParseContext {
  readonly tokens: readonly IndexedToken[];
  readonly text: string;
  /** Innermost bracket still open at the end of input (-1: none). */
  readonly endEnclosing?: number;
  /** 1-based line and column of an offset. */
  readonly position?: (offset: number) => { line: number; column: number };
}

/** A recognition error as data: what parse.ts turns into a diagnostic. */
export interface EncodedError {
  readonly code: GrammarCode;
  readonly args: Record<string, string | number>;
}

/** A token as a user would quote it in a message. */
export function describeToken(tok: IToken | undefined): string {
  if (tok === undefined || tok.tokenType === EOF) return 'end of file';
  const image = tok.image.length > 24 ? tok.image.slice(0, 20) + '...' : tok.image;
  return image.includes('`') ? `'${image}'` : '`' + image + '`';
}

/** A token type as a user would write it (`}`, `process`) or describe it (a name). */
export function describeTokenType(type: TokenType): string {
  if (type === EOF) return 'end of file';
  return type.LABEL ?? type.name;
}

function listOf(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  const shown = unique.slice(0, 6);
  const more = unique.length > shown.length ? ', ...' : '';
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1] + more;
}

const OPENER_OF = new Map<TokenType, { opener: TokenType; what: string }>([
  [RCurly, { opener: LCurly, what: 'block' }],
  [RParen, { opener: LParen, what: 'parenthesis' }],
  [RBracket, { opener: LBracket, what: 'bracket' }],
]);

/** Rules whose "no alternative fits" error has its own wording. */
const NO_VIABLE_BY_RULE: Readonly<Record<string, GrammarCode>> = {
  topItem: 'CS1011',
  statement: 'CS1012',
  stmtCore: 'CS1012',
  assignRhs: 'CS1013',
  primary: 'CS1013',
  typeExpr: 'CS1014',
  verdict: 'CS1031',
  forMode: 'CS1032',
  temporalBody: 'CS1033',
  variantMember: 'CS1034',
  overrideMember: 'CS1034',
};

function encode(code: GrammarCode, args: Record<string, string | number>): string {
  return JSON.stringify({ code, args } satisfies EncodedError);
}

/** The provider; `context` is read at error time, since one parser serves every parse. */
export function errorMessageProvider(context: () => ParseContext): IParserErrorMessageProvider {
  function unclosedOpener(actual: IToken, opener: TokenType): IndexedToken | undefined {
    const ctx = context();
    const idx = (actual as Partial<IndexedToken>).tokenIndex;
    const own = idx === undefined ? undefined : ctx.tokens[idx];
    let j = own !== undefined && own === actual ? own.enclosing : (ctx.endEnclosing ?? -1);
    // Walk outwards through the enclosing brackets; bounded by the nesting limit.
    while (j >= 0) {
      const tok = ctx.tokens[j];
      if (tok === undefined) return undefined;
      if (tok.tokenType === opener) return tok;
      j = tok.enclosing;
    }
    return undefined;
  }

  return {
    buildMismatchTokenMessage({ expected, actual, ruleName }) {
      const found = describeToken(actual);
      if (expected === EOF) return encode('CS1011', { found });
      // `property p: x` with no temporal word: name the forms, not just the last one tried.
      if (expected === KW.leadsto) return encode('CS1033', { found });
      if (ruleName === 'variantDecl' && expected === RCurly) return encode('CS1034', { found });
      const kw = keywordOf(actual.tokenType);
      if (expected === Identifier && kw !== undefined)
        return encode('CS1010', { keyword: '`' + kw + '`' });
      const pair = OPENER_OF.get(expected);
      const position = context().position;
      if (pair !== undefined && position !== undefined) {
        const open = unclosedOpener(actual, pair.opener);
        if (open !== undefined) {
          const at = position(open.startOffset);
          return encode('CS1003', {
            expected: describeTokenType(expected),
            what: pair.what,
            line: at.line,
            column: at.column,
            found,
          });
        }
      }
      return encode('CS1002', { expected: describeTokenType(expected), found });
    },
    buildNotAllInputParsedMessage({ firstRedundant }) {
      return encode('CS1011', { found: describeToken(firstRedundant) });
    },
    buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
      const found = describeToken(actual[0]);
      const code = NO_VIABLE_BY_RULE[ruleName];
      if (code !== undefined) return encode(code, { found });
      const firsts = expectedPathsPerAlt.flatMap((alt) =>
        alt.map((path) => (path[0] ? describeTokenType(path[0]) : 'end of file')),
      );
      return encode('CS1002', { expected: listOf(firsts), found });
    },
    buildEarlyExitMessage({ expectedIterationPaths, actual }) {
      const firsts = expectedIterationPaths.map((path) =>
        path[0] ? describeTokenType(path[0]) : 'end of file',
      );
      return encode('CS1002', { expected: listOf(firsts), found: describeToken(actual[0]) });
    },
  };
}
