// What lowering needs from the checker's types: the type it recorded for a declared type
// expression, each type's default value (the initial value of a variable declared without one),
// and the finite set a map's key type stands for. Takes checker Types; returns TLA+ expressions.

import type { Type } from '../check/types.js';
import type { Expr, TypeExpr } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { FALSE, name, num, setEnum, str } from './tla-build.js';

/** The type the checker recorded for a declared type expression; missing or unknown is our bug. */
export function declaredType(ctx: LowerContext, t: TypeExpr): Type {
  const r = ctx.checked.types.get(t);
  if (r === undefined || r.kind === 'unknown')
    return ctx.inconsistent(t.span, `the checker recorded no type for this ${t.kind}`);
  return r;
}

/**
 * The default value of a type: false, 0 or a range's low bound, the first enum member, `None`
 * for optionals, threads and frames, `{}`, `<<>>`, a record of defaults, a map to the value default.
 */
export function defaultValue(
  ctx: LowerContext,
  t: Type,
  lowerConst: (e: Expr) => TlaExpr,
): TlaExpr {
  switch (t.kind) {
    case 'bool':
      return FALSE;
    case 'int':
      return t.range === undefined ? num(0) : lowerConst(t.range.lo);
    case 'enum': {
      const first = t.members[0];
      return first === undefined ? name(INTERNAL_NAMES.none) : str(first);
    }
    case 'record':
      return {
        kind: 'TlaRecord',
        fields: t.fields.map((f) => ({
          name: f.name,
          value: defaultValue(ctx, f.type, lowerConst),
        })),
      };
    case 'set':
      return setEnum([]);
    case 'seq':
      return { kind: 'TlaTuple', elements: [] };
    case 'map': {
      const keys = typeSet(ctx, t.key, lowerConst);
      if (keys === undefined) return name(INTERNAL_NAMES.none);
      return {
        kind: 'TlaFcn',
        variable: 'k',
        set: keys,
        body: defaultValue(ctx, t.value, lowerConst),
      };
    }
    default:
      return name(INTERNAL_NAMES.none);
  }
}

/** The set of values of a finite type (map keys), or undefined when it has none we can write. */
export function typeSet(
  ctx: LowerContext,
  t: Type,
  lowerConst: (e: Expr) => TlaExpr,
): TlaExpr | undefined {
  switch (t.kind) {
    case 'bool':
      return name('BOOLEAN');
    case 'thread': {
      if (t.group === undefined) return name(INTERNAL_NAMES.thread);
      const g = ctx.groupConstants.get(t.group);
      return g === undefined ? undefined : name(g);
    }
    case 'enum':
      return setEnum(t.members.map((m) => str(m)));
    case 'int':
      return t.range === undefined
        ? undefined
        : {
            kind: 'TlaBinary',
            op: '..',
            left: lowerConst(t.range.lo),
            right: lowerConst(t.range.hi),
          };
    case 'optional': {
      const inner = typeSet(ctx, t.inner, lowerConst);
      return inner === undefined
        ? undefined
        : {
            kind: 'TlaBinary',
            op: '\\cup',
            left: inner,
            right: setEnum([name(INTERNAL_NAMES.none)]),
          };
    }
    case 'frame':
      return name(INTERNAL_NAMES.thread);
    default:
      return undefined;
  }
}
