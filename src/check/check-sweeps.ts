// `sweep [variant] { ... }` blocks: each names a known variant (or none: every variant) at most
// once, and each entry a declared param at most once per block, with values of the param's type
// inside its declared range: `in lo..hi` (integer literals, lo <= hi), `in {a, b}` (literals)
// or `= v`. What a sweep does with them is src/sweep/param-space.ts.

import type { Expr, ParamDecl, SweepDecl, SweepEntry } from '../syntax/ast.js';
import { unparen } from '../syntax/visit.js';
import type { CheckContext } from './context.js';
import { forEachNamedParam, knownVariant, paramValue } from './check-variants.js';

/** Checks every `sweep` block of the spec. */
export function checkSweeps(ctx: CheckContext): void {
  const blocks = new Map<string, SweepDecl>();
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'SweepDecl') continue;
    if (decl.variant !== undefined && !knownVariant(ctx, decl.variant)) continue;
    const key = decl.variant?.name ?? '';
    const first = blocks.get(key);
    if (first !== undefined)
      ctx.report(
        'CS5026',
        decl.variant?.span ?? keywordSpan(decl),
        { variant: key === '' ? 'every variant' : `variant \`${key}\`` },
        { related: [{ span: first.span, note: 'the earlier block' }] },
      );
    else blocks.set(key, decl);
    entries(ctx, decl.entries);
  }
}

/** The `sweep` word of a block without a variant, where a duplicate is reported. */
function keywordSpan(decl: SweepDecl): SweepDecl['span'] {
  const s = decl.span;
  return { ...s, end: { ...s.start, column: s.start.column + 5, offset: s.start.offset + 5 } };
}

function entries(ctx: CheckContext, items: readonly SweepEntry[]): void {
  forEachNamedParam(ctx, items, (param, e) => entryValues(ctx, param, e));
}

/** The literal values of one entry, each checked against the param's declared type and range. */
function entryValues(ctx: CheckContext, param: ParamDecl, e: SweepEntry): void {
  const v = unparen(e.values);
  if (e.form === '=') {
    paramValue(ctx, param, e.values);
    return;
  }
  if (v.kind === 'SetLit') {
    if (v.elements.length === 0) ctx.report('CS5027', e.values.span, { name: param.name.name });
    for (const el of v.elements) paramValue(ctx, param, el);
    return;
  }
  if (v.kind === 'BinaryExpr' && v.op === '..') {
    paramValue(ctx, param, v.left);
    paramValue(ctx, param, v.right);
    const lo = intOf(v.left);
    const hi = intOf(v.right);
    if (lo !== undefined && hi !== undefined && lo > hi)
      ctx.report('CS5027', e.values.span, { name: param.name.name });
    return;
  }
  if (v.kind !== 'ErrorExpr') ctx.report('CS5025', e.values.span, { name: param.name.name });
}

/** An integer literal's value (a leading minus included). */
function intOf(e: Expr): number | undefined {
  const v = unparen(e);
  if (v.kind === 'IntLit') return v.value;
  if (v.kind === 'UnaryExpr' && v.op === '-') {
    const n = intOf(v.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
}
