import { at } from '../source/checked-index.js';
// Takes a position TLC or SANY reported in a TLA+ module and returns it in the one string form
// `CheckResult.error.tlaLocation` uses, `Module.tla:line:col`, and back. Pure. The caller maps
// the line to the DSL construct through the source map; this file must not.

/** A 1-based position in a TLA+ module. */
export interface TlaPosition {
  readonly module: string;
  readonly line: number;
  readonly column: number;
}

/** `PeerCopy.tla:37:39`: the module's file name, line and column, as `file:line:col` elsewhere. */
export function formatTlaLocation(position: TlaPosition): string {
  return `${position.module}.tla:${position.line}:${position.column}`;
}

/** The inverse of formatTlaLocation; null for any other text. */
export function parseTlaLocation(text: string): TlaPosition | null {
  const m = /^(.+)\.tla:(\d+):(\d+)$/.exec(text);
  return m ? { module: at(m, 1, 'a module name'), line: Number(m[2]), column: Number(m[3]) } : null;
}
