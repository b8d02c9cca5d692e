// "Did you mean `process`?" for a misspelt keyword. Takes the syntax diagnostics of one file and
// its text; returns them with a hint added where a diagnostic points at exactly one name that is
// a likely typo of a keyword. The keywords are the lexer's own (grammar/tokens.ts), so a keyword
// added to the grammar is suggested without a second list to keep in step. Pure.

import { KEYWORD_WORDS } from '../../grammar/tokens.js';
import { closestName } from './suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The codes that say "this token does not belong here": the ones a misspelt keyword produces
 * (read as a name, it starts no declaration, statement or expression the grammar allows there).
 */
const UNEXPECTED_TOKEN_CODES: ReadonlySet<string> = new Set([
  'CS1002',
  'CS1003',
  'CS1011',
  'CS1012',
  'CS1013',
  'CS1014',
  'CS1023',
  'CS1031',
  'CS1032',
  'CS1033',
  'CS1034',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS: ReadonlySet<string> = new Set(KEYWORD_WORDS);

/**
 * The keyword `word` is likely a typo of, or undefined. Words of one or two letters are left
 * alone: `i` or `x2` is one edit from a keyword and almost always a name.
 */
export function keywordFor(word: string): string | undefined {
  if (word.length < 3 || !NAME.test(word) || KEYWORDS.has(word)) return undefined;
  return closestName(word, KEYWORD_WORDS);
}

/** `diagnostics` with a keyword hint on each that points at a misspelt keyword. */
export function withKeywordHints(diagnostics: readonly Diagnostic[], text: string): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.hint !== undefined || !UNEXPECTED_TOKEN_CODES.has(d.code)) return d;
    const keyword = keywordFor(text.slice(d.span.start.offset, d.span.end.offset));
    return keyword === undefined ? d : { ...d, hint: `did you mean \`${keyword}\`?` };
  });
}
