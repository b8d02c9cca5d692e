// Text to AST: the syntax phase's entry point. Takes one file's decoded text and display path;
// returns a SpecFile (always, even for garbage) and every lexing and syntax diagnostic, each
// located and sorted by position. It never throws on bad input and reads no files.

import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type { EncodedError } from '../../grammar/error-messages.js';
import { type Extent, lexSpec, tokenExtent } from '../../grammar/lexer.js';
import { isStackOverflow, parseTokens } from '../../grammar/parser.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecFile } from './ast.js';
import { buildAst, emptySpecFile } from './build-ast.js';
import { withKeywordHints } from './keyword-hints.js';
import { LineMap } from '../source/line-map.js';
import type { Span } from '../source/span.js';

/** Beyond this many syntax errors in one file the rest are noise; CS1038 says so. */
export const MAX_SYNTAX_ERRORS = 100;

export interface ParseResult {
  readonly ast: SpecFile;
  readonly diagnostics: readonly Diagnostic[];
  /** The text spans count in: the input without a leading BOM. */
  readonly text: string;
  /** The first node id not used by this file. */
  readonly nextId: number;
}

export interface ParseOptions {
  /** Id of the first node (default 1); loadProgram numbers files one after the other. */
  readonly firstId?: number;
}

function extentSpan(lines: LineMap, file: string, at: Extent): Span {
  return lines.span(file, at.offset, at.offset + at.length);
}

/** A parse error's place: its token, or the end of the input for the end of file and for a token the parser's recovery made up (it has no offsets). */
function tokenSpan(lines: LineMap, file: string, tok: IToken | undefined): Span {
  if (tok === undefined || tok.tokenType === EOF || !Number.isFinite(tok.startOffset))
    return extentSpan(lines, file, { offset: lines.text.length, length: 0 });
  return extentSpan(lines, file, tokenExtent(tok));
}

function decodeError(err: IRecognitionException): EncodedError {
  try {
    const parsed = JSON.parse(err.message) as EncodedError;
    if (typeof parsed.code === 'string' && parsed.code.startsWith('CS1')) return parsed;
  } catch {
    // fall through: a message our provider did not make
  }
  return {
    code: 'CS1002',
    args: { expected: 'something else', found: '`' + (err.token?.image ?? '') + '`' },
  };
}

/** Parses one spec file. `file` is the path shown in diagnostics and spans. */
export function parseSpec(input: string, file: string, options: ParseOptions = {}): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineMap(text);
  const firstId = options.firstId ?? 1;
  const diagnostics: Diagnostic[] = [];

  const lexed = lexSpec(text);
  for (const p of lexed.problems) {
    diagnostics.push({
      code: p.code,
      severity: 'error',
      span: extentSpan(lines, file, p),
      args: p.args,
    });
  }
  if (lexed.tooDeep) {
    const built = emptySpecFile(file, lines, firstId);
    return { ast: built.ast, diagnostics, text, nextId: built.nextId };
  }

  const parsed = parseTokens({
    tokens: lexed.tokens,
    text,
    endEnclosing: lexed.endEnclosing,
    position: (offset) => lines.positionAt(offset),
  });
  if (parsed.cst === undefined) return tooDeep(parsed.overflowAt ?? 0);

  let syntaxErrors = 0;
  for (const err of parsed.errors) {
    const { code, args } = decodeError(err);
    if (syntaxErrors === MAX_SYNTAX_ERRORS) {
      diagnostics.push({
        code: 'CS1038',
        severity: 'error',
        span: tokenSpan(lines, file, err.token),
        args: { limit: MAX_SYNTAX_ERRORS },
      });
      break;
    }
    syntaxErrors++;
    diagnostics.push({ code, severity: 'error', span: tokenSpan(lines, file, err.token), args });
  }

  let built: ReturnType<typeof buildAst>;
  try {
    built = buildAst(parsed.cst, file, lines, firstId);
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return tooDeep(0);
  }
  diagnostics.push(...built.diagnostics);
  return {
    ast: built.ast,
    diagnostics: withKeywordHints(sortAndDedupe(diagnostics), text),
    text,
    nextId: built.nextId,
  };

  /** The result for input that nests too deeply to parse: CS1036 at the token reached. */
  function tooDeep(tokenIndex: number): ParseResult {
    diagnostics.push({
      code: 'CS1036',
      severity: 'error',
      span: tokenSpan(lines, file, lexed.tokens[tokenIndex]),
      args: {},
    });
    const empty = emptySpecFile(file, lines, firstId);
    return { ast: empty.ast, diagnostics: sortAndDedupe(diagnostics), text, nextId: empty.nextId };
  }
}

/** Sorted by position; a second diagnostic at the same offset as an earlier one is dropped. */
function sortAndDedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.span.start.offset - b.d.span.start.offset || a.i - b.i)
    .map((x) => x.d);
  const out: Diagnostic[] = [];
  let lastOffset = -1;
  for (const d of sorted) {
    if (d.span.start.offset === lastOffset) continue;
    lastOffset = d.span.start.offset;
    out.push(d);
  }
  return out;
}
