// The spec's word that a folded step is right as one step (docs/language.md, Granularity): a
// line comment `// folded "reason"` among the comment lines right above the step (above its
// label, `@kernel` and `unreachable` prefixes). Like `unreachable "reason"`, it names the place
// and says why; unlike it, nothing can check the claim, so it only silences CS4103 there. A
// comment, not a construct: it changes nothing the model or the emitted TLA+ see.

import type { Stmt } from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';

const FOLDED = /^\s*\/\/\s*folded\s+"([^"]*)"/;
const COMMENT = /^\s*\/\//;

/** The reason given above the step, if any; a blank reason is no reason. */
export function foldReason(program: Program, s: Stmt): string | undefined {
  const starts = [s.span, s.label?.span, s.kernel?.span, s.unreachable?.span].flatMap((sp) =>
    sp === undefined ? [] : [sp],
  );
  const first = starts.reduce((a, b) => (b.start.offset < a.start.offset ? b : a), s.span);
  const file = program.files.find((f) => f.path === first.file);
  if (file === undefined) return undefined;
  const lines = file.text.split(/\r?\n/);
  for (let i = first.start.line - 2; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!COMMENT.test(line)) break;
    const reason = FOLDED.exec(line)?.[1];
    if (reason !== undefined) return reason.trim() === '' ? undefined : reason;
  }
  return undefined;
}
