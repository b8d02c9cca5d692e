// What the lowering needs from declared types: aliases resolved, each type's default value (the
// initial value of a variable declared without one), the finite set a map's key type stands for.
// Takes TypeExprs; returns TLA+ expressions.

import type { TypeExpr } from '../syntax/ast.js';
import { instantiateAlias } from '../syntax/type-subst.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { FALSE, name, num, setEnum, str } from './tla-build.js';

/** Follows `type X = ...` aliases (bounded, so an alias cycle the checker reported cannot hang us). */
export function resolveType(ctx: LowerContext, t: TypeExpr | undefined): TypeExpr | undefined {
  let cur = t;
  for (let i = 0; i < 20 && cur !== undefined && cur.kind === 'NamedType'; i++) {
    const alias = ctx.table.types.get(cur.name.name);
    if (alias === undefined) return cur;
    cur = alias.params.length > 0 ? instantiateAlias(alias, cur.args ?? []) : alias.type;
  }
  return cur;
}

/** The element type of a map, sequence or set type, for `x[i]` chains. */
export function elementType(ctx: LowerContext, t: TypeExpr | undefined): TypeExpr | undefined {
  const r = resolveType(ctx, t);
  if (r === undefined) return undefined;
  if (r.kind === 'MapType') return r.value;
  if (r.kind === 'SeqType' || r.kind === 'SetType') return r.element;
  return undefined;
}

/** The type of field `f` of a record type. */
export function fieldType(
  ctx: LowerContext,
  t: TypeExpr | undefined,
  f: string,
): TypeExpr | undefined {
  const r = resolveType(ctx, t);
  if (r?.kind !== 'RecordType') return undefined;
  return r.fields.find((x) => x.name.name === f)?.type;
}

/**
 * The default value of a type: false, a range's low bound, the first enum member, `None` for
 * optionals, threads and frames, `{}`, `<<>>`, a record of defaults, a map to the value default.
 */
export function defaultValue(
  ctx: LowerContext,
  t: TypeExpr | undefined,
  lowerConst: (e: import('../syntax/ast.js').Expr) => TlaExpr,
): TlaExpr {
  const r = resolveType(ctx, t);
  if (r === undefined) return name(INTERNAL_NAMES.none);
  switch (r.kind) {
    case 'NamedType': {
      const n = r.name.name;
      if (n === 'bool') return FALSE;
      if (n === 'int') return num(0);
      const first = ctx.table.enums.get(n)?.members[0];
      if (first !== undefined) return str(first.name);
      return name(INTERNAL_NAMES.none);
    }
    case 'RangeType':
      return lowerConst(r.lo);
    case 'RecordType':
      return {
        kind: 'TlaRecord',
        fields: r.fields.map((f) => ({
          name: f.name.name,
          value: defaultValue(ctx, f.type, lowerConst),
        })),
      };
    case 'SetType':
      return setEnum([]);
    case 'SeqType':
      return { kind: 'TlaTuple', elements: [] };
    case 'MapType': {
      const keys = typeSet(ctx, r.key, lowerConst);
      if (keys === undefined) return name(INTERNAL_NAMES.none);
      return {
        kind: 'TlaFcn',
        variable: 'k',
        set: keys,
        body: defaultValue(ctx, r.value, lowerConst),
      };
    }
    case 'OptionalType':
    case 'FrameType':
    case 'ErrorType':
      return name(INTERNAL_NAMES.none);
  }
}

/** The set of values of a finite type (map keys), or undefined when it has none we can write. */
export function typeSet(
  ctx: LowerContext,
  t: TypeExpr | undefined,
  lowerConst: (e: import('../syntax/ast.js').Expr) => TlaExpr,
): TlaExpr | undefined {
  const r = resolveType(ctx, t);
  if (r === undefined) return undefined;
  switch (r.kind) {
    case 'NamedType': {
      const n = r.name.name;
      if (n === 'bool') return name('BOOLEAN');
      if (n === 'Thread') return name(INTERNAL_NAMES.thread);
      const g = ctx.groupConstants.get(n);
      if (g !== undefined) return name(g);
      const e = ctx.table.enums.get(n);
      if (e !== undefined) return setEnum(e.members.map((m) => str(m.name)));
      return undefined;
    }
    case 'RangeType':
      return { kind: 'TlaBinary', op: '..', left: lowerConst(r.lo), right: lowerConst(r.hi) };
    case 'OptionalType': {
      const inner = typeSet(ctx, r.inner, lowerConst);
      return inner === undefined
        ? undefined
        : {
            kind: 'TlaBinary',
            op: '\\cup',
            left: inner,
            right: setEnum([name(INTERNAL_NAMES.none)]),
          };
    }
    case 'FrameType':
      return name(INTERNAL_NAMES.thread);
    default:
      return undefined;
  }
}
