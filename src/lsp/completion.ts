// Completion: what may be written at the cursor. After `expect V with` the variant's parameters;
// after `violates` the properties; in `at(t, ...)`, `in_call(t, P.` and `override step P.` the
// step labels; elsewhere every name in scope there, prelude operations with their signatures and
// documentation.

import { type CompletionItem, CompletionItemKind } from 'vscode-languageserver';
import type { Scope, SymbolInfo, SymbolKind } from '../check/scopes.js';
import { allOccurrences } from './names.js';
import { spanHolds } from './positions.js';
import { docOf, signatureOf } from './symbol-docs.js';
import type { Analysis } from './workspace.js';

const ITEM_KIND: Partial<Record<SymbolKind, CompletionItemKind>> = {
  param: CompletionItemKind.Constant,
  const: CompletionItemKind.Constant,
  enum: CompletionItemKind.Enum,
  enumMember: CompletionItemKind.EnumMember,
  type: CompletionItemKind.Struct,
  process: CompletionItemKind.Class,
  procedure: CompletionItemKind.Function,
  macro: CompletionItemKind.Method,
  def: CompletionItemKind.Function,
  invariant: CompletionItemKind.Property,
  action: CompletionItemKind.Property,
  property: CompletionItemKind.Property,
  cover: CompletionItemKind.Property,
  builtinType: CompletionItemKind.TypeParameter,
  builtinFn: CompletionItemKind.Function,
  typeParam: CompletionItemKind.TypeParameter,
};

const PROPERTY_KINDS: ReadonlySet<SymbolKind> = new Set([
  'invariant',
  'action',
  'property',
  'cover',
]);

function item(a: Analysis, sym: SymbolInfo): CompletionItem {
  const doc = docOf(a, sym);
  return {
    label: sym.name,
    kind: ITEM_KIND[sym.kind] ?? CompletionItemKind.Variable,
    detail: signatureOf(a, sym),
    ...(doc === undefined ? {} : { documentation: { kind: 'markdown', value: doc } }),
  };
}

/** The innermost frame (process, procedure, macro, def) around `offset`, else the global scope. */
function scopeAt(a: Analysis, file: string, offset: number): Scope {
  let best: { scope: Scope; size: number } | undefined;
  for (const [owner, scope] of a.checked.frames) {
    if (!spanHolds(owner.span, file, offset)) continue;
    const size = owner.span.end.offset - owner.span.start.offset;
    if (best === undefined || size < best.size) best = { scope, size };
  }
  return best?.scope ?? a.checked.globals;
}

/** Step labels, of `owner` only when one is named, each name once. */
function labelItems(a: Analysis, owner: string | undefined): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const o of allOccurrences(a)) {
    const t = o.target;
    if (t.kind !== 'label' || !o.declares || (owner !== undefined && t.owner !== owner)) continue;
    seen.set(t.name, {
      label: t.name,
      kind: CompletionItemKind.Event,
      detail: `(step) ${t.owner ?? ''}.${t.name}`,
    });
  }
  return [...seen.values()];
}

/** Whether `offset` is inside the braces of a `sweep` block of `file`, where an entry names a param. */
function inSweepBlock(a: Analysis, file: string, offset: number): boolean {
  const text = a.texts.get(file) ?? '';
  return a.checked.program.files.some(
    (f) =>
      f.path === file &&
      f.ast.decls.some(
        (d) =>
          d.kind === 'SweepDecl' &&
          d.span.start.offset < offset &&
          offset < d.span.end.offset &&
          text.lastIndexOf('{', offset - 1) > d.span.start.offset,
      ),
  );
}

/** Completions at `offset` of `file`, a file of the analysed program. */
export function completionsAt(a: Analysis, file: string, offset: number): CompletionItem[] {
  const text = a.texts.get(file) ?? '';
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const globals = a.checked.globals.visible();
  if (/^\s*expect\b[^:]*\bwith\b[^:]*$/.test(before) && /(\bwith|,)\s*\w*$/.test(before))
    return globals.filter((s) => s.kind === 'param').map((s) => item(a, s));
  if (
    inSweepBlock(a, file, offset) &&
    /(?:^|[{,])\s*\w*$/.test(before) &&
    !/\b(?:in|=)\s*\{[^}]*$/.test(before)
  )
    return globals.filter((s) => s.kind === 'param').map((s) => item(a, s));
  if (/^\s*expect\b.*\bviolates\s+\w*$/.test(before))
    return globals.filter((s) => PROPERTY_KINDS.has(s.kind)).map((s) => item(a, s));
  const stepOf = /(?:\b(?:at|in_call)\s*\([^,()]*,\s*|\boverride\s+step\s+)(?:(\w+)\.)?\w*$/.exec(
    before,
  );
  if (stepOf !== null && (stepOf[1] !== undefined || /\bat\s*\(/.test(stepOf[0])))
    return labelItems(a, stepOf[1]);
  return scopeAt(a, file, offset)
    .visible()
    .map((s) => item(a, s));
}
