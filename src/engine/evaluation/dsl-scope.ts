// The names a spec declares, as the viewer's expression prompt needs them: its parameters'
// values for the shown result, its constants and definitions (as expressions, evaluated on
// demand), its enum members and its thread groups. Read from the spec files the viewer already
// holds, parsed again here (the trace command never runs the checker). Pure.

import type { DefDecl, Decl } from '../../syntax/ast.js';
import type { Expr } from '../../syntax/ast-expr.js';
import { parseSpec } from '../../syntax/parse.js';
import { formatMessage } from '../../diagnostics/render.js';

export interface SpecScope {
  /** Parameter values of the shown result (`OTHERS` = 2). */
  readonly params: ReadonlyMap<string, number | boolean | string>;
  readonly consts: ReadonlyMap<string, Expr>;
  readonly defs: ReadonlyMap<string, DefDecl>;
  readonly enumMembers: ReadonlySet<string>;
  /** Thread group names (`Caller`): a group's threads are named after it (`caller1`). */
  readonly groups: ReadonlySet<string>;
}

function collect(decls: readonly Decl[], scope: SpecScope): void {
  const consts = scope.consts as Map<string, Expr>;
  const defs = scope.defs as Map<string, DefDecl>;
  const enums = scope.enumMembers as Set<string>;
  const groups = scope.groups as Set<string>;
  for (const d of decls) {
    if (d.kind === 'ConstDecl') consts.set(d.name.name, d.value);
    else if (d.kind === 'DefDecl') defs.set(d.name.name, d);
    else if (d.kind === 'EnumDecl') for (const m of d.members) enums.add(m.name);
    else if (d.kind === 'ProcessDecl') groups.add(d.name.name);
  }
}

/** The scope of the spec files in `sources` (file to text), with the result's parameter values. */
export function specScope(
  sources: ReadonlyMap<string, string>,
  params: Readonly<Record<string, number | boolean | string>>,
): SpecScope {
  const scope: SpecScope = {
    params: new Map(Object.entries(params)),
    consts: new Map(),
    defs: new Map(),
    enumMembers: new Set(),
    groups: new Set(),
  };
  for (const [file, text] of sources) collect(parseSpec(text, file).ast.decls, scope);
  return scope;
}

/** The expression typed at the prompt, parsed; or the first syntax error's message. */
export function parseExpression(
  text: string,
): { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly error: string } {
  // An invariant's body is an expression on one line: the prompt's text parsed as one.
  const parsed = parseSpec(`spec prompt\ninvariant prompt: ${text}\n`, '<prompt>');
  const [first] = parsed.diagnostics;
  const decl = parsed.ast.decls[0];
  if (first !== undefined) return { ok: false, error: formatMessage(first.code, first.args) };
  if (decl?.kind !== 'InvariantDecl' || parsed.ast.decls.length !== 1)
    return { ok: false, error: 'not one expression' };
  return { ok: true, expr: decl.expr };
}
