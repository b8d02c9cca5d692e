// A TLA+ expression of the emitted module, printed, told in the spec's words: module variables
// and constants by their DSL names (a thread's own entry `v[self]` as plain `v`, as the spec
// writes it), the operators as the language writes them (`==`, `!=`, `&&`, `forall`), and enum
// strings bare. For display only: the text is read by a user, never parsed again.

import type { SourceMap } from '../../emit/source-map.js';
import { INTERNAL_NAMES } from '../../tla/names.js';

const OPERATORS: readonly (readonly [RegExp, string])[] = [
  [/ = /g, ' == '],
  [/ # /g, ' != '],
  [/\/\\/g, '&&'],
  [/\\\//g, '||'],
  [/~/g, '!'],
  [/\\notin\b/g, 'not in'],
  [/\\in\b/g, 'in'],
  [/\\A\b/g, 'forall'],
  [/\\E\b/g, 'exists'],
  [/ : /g, ': '],
  [/\bTRUE\b/g, 'true'],
  [/\bFALSE\b/g, 'false'],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` (a piece outside string literals) with names and operators in the spec's words. */
function renameCode(text: string, map: SourceMap): string {
  let out = text;
  for (const v of map.variables) {
    if (v.scope === 'internal') continue;
    const name = escapeRegExp(v.name);
    if (v.perThread)
      out = out.replace(new RegExp(`\\b${name}\\[${INTERNAL_NAMES.self}\\]`, 'g'), v.dslName);
    out = out.replace(new RegExp(`\\b${name}\\b`, 'g'), v.dslName);
  }
  for (const c of map.constants)
    out = out.replace(new RegExp(`\\b${escapeRegExp(c.name)}\\b`, 'g'), c.dslName);
  out = out.replace(new RegExp(`\\b${INTERNAL_NAMES.none}\\b`, 'g'), 'none');
  for (const [from, to] of OPERATORS) out = out.replace(from, to);
  return out;
}

/** The printed TLA+ expression `tla` in the spec's words. */
export function dslText(tla: string, map: SourceMap): string {
  // Strings alternate with code: odd pieces are the literals (TLA+ escapes `"` as `\"`).
  const pieces = tla.split(/("(?:[^"\\]|\\.)*")/);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 0) return renameCode(piece, map);
      const inner = piece.slice(1, -1);
      return /^[A-Za-z_]\w*$/.test(inner) ? inner : piece;
    })
    .join('');
}
