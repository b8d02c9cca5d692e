// What a position names, and everywhere that name is written in a program: the one lookup behind
// hover, definition, references and rename. Names the checker resolves come from its symbol
// tables; variant names and step labels (which the checker looks up by string) from the trees.

import type { Analysis } from './workspace.js';
import type { SymbolInfo } from '../check/scopes.js';
import type { Ident, Node, SpecFile, Stmt } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import { spanHolds } from './positions.js';

export type Target =
  | { readonly kind: 'symbol'; readonly symbol: SymbolInfo }
  | { readonly kind: 'variant'; readonly name: string }
  | {
      readonly kind: 'label';
      /** The process or procedure written with the label (`P.label`), if it is. */
      readonly owner: string | undefined;
      readonly name: string;
      /** Where each process or procedure it may belong to is declared (`at(t, label)` names no owner). */
      readonly owners: readonly string[];
    };

/** One place a target is written: its name's span, and whether it declares it. */
export interface Occurrence {
  readonly span: Span;
  readonly declares: boolean;
}

/** A symbol's identity across analyses (each analysis has its own symbol objects). */
export function symbolKey(sym: SymbolInfo): string {
  return sym.nameSpan === undefined
    ? `builtin:${sym.name}`
    : `${sym.nameSpan.file}:${sym.nameSpan.start.offset}:${sym.name}`;
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'symbol' && b.kind === 'symbol')
    return symbolKey(a.symbol) === symbolKey(b.symbol);
  if (a.kind === 'variant' && b.kind === 'variant') return a.name === b.name;
  if (a.kind === 'label' && b.kind === 'label')
    return a.name === b.name && a.owners.some((o) => b.owners.includes(o));
  return false;
}

/** Every AST node under `value`, parents first. */
function walk(value: unknown, fn: (n: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, fn);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const rec = value as Record<string, unknown>;
  if (typeof rec.kind !== 'string' || rec.span === undefined) return;
  fn(value as Node);
  for (const [k, v] of Object.entries(rec)) if (k !== 'span' && typeof v === 'object') walk(v, fn);
}

/** The identifier a reference node writes its symbol's name with. */
function nameIdent(node: Node): Ident | undefined {
  if (node.kind === 'Ident') return node;
  if (node.kind === 'FrameType') return node.procedure;
  const name = (node as { name?: unknown }).name;
  if (typeof name === 'object' && name !== null && (name as Node).kind === 'Ident')
    return name as Ident;
  return undefined;
}

/** Where the checker resolved names: each reference's identifier span and its symbol. */
function symbolOccurrences(a: Analysis): { span: Span; symbol: SymbolInfo; declares: boolean }[] {
  const out: { span: Span; symbol: SymbolInfo; declares: boolean }[] = [];
  for (const [node, symbol] of a.checked.symbols) {
    const ident = nameIdent(node);
    if (ident !== undefined && ident.name === symbol.name)
      out.push({ span: ident.span, symbol, declares: false });
  }
  for (const symbol of a.checked.declarations.values())
    if (symbol.nameSpan !== undefined) out.push({ span: symbol.nameSpan, symbol, declares: true });
  return out;
}

/** Where the process or procedure `name` is declared, as label owners are compared. */
function ownerKey(a: Analysis, name: string): string {
  const span = a.checked.globals.lookup(name)?.nameSpan;
  return span === undefined ? `?:${name}` : `${span.file}:${span.start.offset}`;
}

type Place = { span: Span; target: Target; declares: boolean };

/** Variant names and step labels as written, with the target each one is. */
function treeOccurrences(a: Analysis, ast: SpecFile): Place[] {
  const out: Place[] = [];
  const variant = (id: Ident, declares: boolean): void => {
    if (id.name !== '')
      out.push({ span: id.span, target: { kind: 'variant', name: id.name }, declares });
  };
  const label = (id: Ident, owner: string | undefined, declares: boolean): void => {
    if (id.name === '') return;
    const owners = owner === undefined ? [] : [ownerKey(a, owner)];
    out.push({ span: id.span, target: { kind: 'label', owner, name: id.name, owners }, declares });
  };
  // `override macro m(...)` declares m again for its variant: renaming m renames it too.
  const overrides = (id: Ident): void => {
    const symbol = a.checked.globals.lookup(id.name);
    if (symbol !== undefined)
      out.push({ span: id.span, target: { kind: 'symbol', symbol }, declares: true });
  };
  const labelsIn = (body: unknown, owner: string): void =>
    walk(body, (n) => {
      const l = (n as Partial<Stmt>).label;
      if (l !== undefined && n.kind.endsWith('Stmt')) label(l, owner, true);
    });
  for (const d of ast.decls) {
    if (d.kind === 'ProcessDecl' || d.kind === 'ProcedureDecl') labelsIn(d.body, d.name.name);
    if (d.kind === 'ExpectDecl') variant(d.variant, false);
    if (d.kind === 'SweepDecl' && d.variant !== undefined) variant(d.variant, false);
    if (d.kind !== 'VariantDecl') continue;
    variant(d.name, true);
    if (d.extends !== undefined) variant(d.extends, false);
    for (const m of d.members) {
      if (m.kind === 'DeclOverride') overrides(m.decl.name);
      if (
        m.kind === 'DeclOverride' &&
        (m.decl.kind === 'ProcessDecl' || m.decl.kind === 'ProcedureDecl')
      )
        labelsIn(m.decl.body, m.decl.name.name);
      if (m.kind !== 'StepOverride') continue;
      label(m.label, m.owner.name, false);
      labelsIn(m.stmt, m.owner.name);
    }
  }
  walk(ast, (n) => {
    if (n.kind !== 'CallExpr' || (n.callee.name !== 'at' && n.callee.name !== 'in_call')) return;
    const arg = n.args[1];
    if (n.callee.name === 'at' && arg?.kind === 'NameExpr') label(arg.name, undefined, false);
    if (arg?.kind === 'FieldExpr' && arg.base.kind === 'NameExpr')
      label(arg.field, arg.base.name.name, false);
  });
  return out;
}

/** `at(t, label)` names no owner: it may be the label of any process or procedure that has it. */
function withBareOwners(places: readonly Place[]): Place[] {
  const owners = new Map<string, string[]>();
  for (const p of places)
    if (p.target.kind === 'label' && p.declares)
      owners.set(p.target.name, [...(owners.get(p.target.name) ?? []), ...p.target.owners]);
  return places.map((p) =>
    p.target.kind === 'label' && p.target.owner === undefined
      ? { ...p, target: { ...p.target, owners: owners.get(p.target.name) ?? [] } }
      : p,
  );
}

/** Every named place in the analysis's files, labels and variants first (they sit inside some symbols' nodes). */
export function allOccurrences(a: Analysis): Place[] {
  const trees = withBareOwners(a.checked.program.files.flatMap((f) => treeOccurrences(a, f.ast)));
  const symbols = symbolOccurrences(a).map((o) => ({
    span: o.span,
    target: { kind: 'symbol', symbol: o.symbol } as const,
    declares: o.declares,
  }));
  return [...trees, ...symbols];
}

/** What the name at `offset` in `file` denotes, with the span of the name there. */
export function targetAt(
  a: Analysis,
  file: string,
  offset: number,
): { target: Target; span: Span } | undefined {
  let best: { target: Target; span: Span } | undefined;
  for (const o of allOccurrences(a)) {
    if (!spanHolds(o.span, file, offset)) continue;
    const size = o.span.end.offset - o.span.start.offset;
    if (best === undefined || size < best.span.end.offset - best.span.start.offset) best = o;
  }
  return best;
}

/** Every place in the analysis where `target` is written (a label referenced without owner counts). */
export function occurrencesOf(a: Analysis, target: Target): Occurrence[] {
  return allOccurrences(a)
    .filter((o) => sameTarget(o.target, target))
    .map((o) => ({ span: o.span, declares: o.declares }));
}
