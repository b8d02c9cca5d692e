// The text of grammar/cst.d.ts: the CST node types generateCstDts derives from the grammar, with
// a header. Takes nothing, returns the text; writing it is scripts/gen-cst-dts.mjs's job, and a
// test fails when the committed file differs.

import { generateCstDts } from 'chevrotain';
import { credParser } from './parser.js';

/** The full content grammar/cst.d.ts must have. */
export function cstDtsText(): string {
  const header =
    '// Generated from grammar/parser.ts by scripts/gen-cst-dts.mjs (chevrotain generateCstDts). Do not edit:\n' +
    '// run `npm run build && node scripts/gen-cst-dts.mjs` after changing the grammar.\n';
  return (
    header + generateCstDts(credParser().getGAstProductions(), { includeVisitorInterface: false })
  );
}
