// The built-in check `out_of_range`: takes the lowering context and the variables the module
// keeps, with their declared types; returns one state predicate with a conjunct per variable whose
// type has an integer range somewhere inside it (or nothing when none has). Builds TLA+ only; it
// decides nothing about steps and must not be applied to loop variables, `pc` or `stack`.

import type { TypeExpr } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, OUT_OF_RANGE, tlaIdent, uniqueName } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { ModelProperty } from './ir.js';
import { topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import { and, bin, builtin, dot, eq, fcnApp, name, or } from './tla-build.js';
import { resolveType } from './types.js';

/** A kept state variable the check may cover: its declared type and whether it is a function over threads. */
export interface RangedCandidate {
  readonly variable: string;
  readonly dslName: string;
  /** The process or procedure of a local or frame variable. */
  readonly owner?: string | undefined;
  readonly perThread: boolean;
  readonly type: TypeExpr | undefined;
  readonly span: Span | undefined;
}

/** The predicate one value of type `t` satisfies when every integer in it lies in its declared range. */
function within(
  ctx: LowerContext,
  t: TypeExpr | undefined,
  v: TlaExpr,
  bound: Set<string>,
  depth: number,
): TlaExpr | undefined {
  const r = resolveType(ctx, t);
  if (r === undefined || depth > 20) return undefined;
  const fresh = (base: string): string => uniqueName(tlaIdent(base), bound);
  switch (r.kind) {
    case 'RangeType': {
      // The bounds are the case's own: parameters stay CONSTANTs, consts become definitions.
      const lo = lowerExpr(ctx, topEnv(), r.lo);
      const hi = lowerExpr(ctx, topEnv(), r.hi);
      return bin('\\in', v, bin('..', lo, hi));
    }
    case 'OptionalType': {
      const inner = within(ctx, r.inner, v, bound, depth + 1);
      return inner === undefined ? undefined : or(eq(v, name(INTERNAL_NAMES.none)), inner);
    }
    case 'RecordType': {
      const parts = r.fields.flatMap((f) => {
        const p = within(ctx, f.type, dot(v, f.name.name), bound, depth + 1);
        return p === undefined ? [] : [p];
      });
      return parts.length === 0 ? undefined : and(...parts);
    }
    case 'SetType': {
      const x = fresh('x');
      const body = within(ctx, r.element, name(x), bound, depth + 1);
      return body === undefined
        ? undefined
        : { kind: 'TlaQuant', quantifier: '\\A', variables: [x], set: v, body };
    }
    case 'SeqType':
    case 'MapType': {
      // Map keys are the whole key type by construction; only the values can leave a range.
      const k = fresh('k');
      const body = within(
        ctx,
        r.kind === 'SeqType' ? r.element : r.value,
        fcnApp(v, name(k)),
        bound,
        depth + 1,
      );
      return body === undefined
        ? undefined
        : {
            kind: 'TlaQuant',
            quantifier: '\\A',
            variables: [k],
            set: builtin('DOMAIN', [v]),
            body,
          };
    }
    default:
      return undefined;
  }
}

/** One conjunct of the check: the variable it covers and the predicate on it. */
export interface RangeConjunct {
  readonly variable: string;
  readonly dslName: string;
  readonly owner?: string | undefined;
  readonly span: Span | undefined;
  readonly predicate: TlaExpr;
}

/** The conjuncts of `out_of_range`, one per candidate with a range somewhere in its type, in the candidates' order. */
export function rangeConjuncts(
  ctx: LowerContext,
  candidates: readonly RangedCandidate[],
): RangeConjunct[] {
  const out: RangeConjunct[] = [];
  for (const c of candidates) {
    const bound = new Set<string>(ctx.taken);
    let predicate: TlaExpr | undefined;
    if (c.perThread) {
      const t = uniqueName('t', bound);
      const body = within(ctx, c.type, fcnApp(name(c.variable), name(t)), bound, 0);
      if (body !== undefined)
        predicate = {
          kind: 'TlaQuant',
          quantifier: '\\A',
          variables: [t],
          set: builtin('DOMAIN', [name(c.variable)]),
          body,
        };
    } else {
      predicate = within(ctx, c.type, name(c.variable), bound, 0);
    }
    if (predicate !== undefined)
      out.push({
        variable: c.variable,
        dslName: c.dslName,
        ...(c.owner !== undefined ? { owner: c.owner } : {}),
        span: c.span,
        predicate,
      });
  }
  return out;
}

/**
 * The built-in invariant `out_of_range`, or undefined when no candidate has a range. It holds in
 * a state exactly when every integer any covered variable holds lies in its declared range.
 */
export function rangeProperty(
  ctx: LowerContext,
  candidates: readonly RangedCandidate[],
): ModelProperty | undefined {
  const conjuncts = rangeConjuncts(ctx, candidates);
  if (conjuncts.length === 0) return undefined;
  return {
    name: uniqueName(OUT_OF_RANGE, ctx.taken),
    dslName: OUT_OF_RANGE,
    kind: 'builtin',
    body: and(...conjuncts.map((c) => c.predicate)),
    span: undefined,
    covers: conjuncts.map((c) => ({
      variable: c.variable,
      dslName: c.dslName,
      ...(c.owner !== undefined ? { owner: c.owner } : {}),
      span: c.span,
    })),
  };
}
