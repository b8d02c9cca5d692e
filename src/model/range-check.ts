// The built-in check `out_of_range`: takes the lowering context and the variables the module
// keeps, with their declared types; returns one state predicate with a conjunct per variable whose
// type has an integer range somewhere inside it (or nothing when none has). Builds TLA+ only; it
// decides nothing about steps and must not be applied to loop variables, `pc` or `stack`.

import type { Type } from '../check/types.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, OUT_OF_RANGE, tlaIdent, uniqueName } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { ModelProperty } from './ir.js';
import { topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import { and, bin, builtin, dot, eq, fcnApp, name, or } from './tla-build.js';

/** A kept state variable the check may cover: its declared type and whether it is a function over threads. */
export interface RangedCandidate {
  readonly variable: string;
  readonly dslName: string;
  /** The process or procedure of a local or frame variable. */
  readonly owner?: string | undefined;
  readonly perThread: boolean;
  readonly type: Type;
  readonly span: Span | undefined;
}

/** The predicate one value of type `t` satisfies when every integer in it lies in its declared range. */
function within(ctx: LowerContext, t: Type, v: TlaExpr, bound: Set<string>): TlaExpr | undefined {
  const fresh = (base: string): string => uniqueName(tlaIdent(base), bound);
  switch (t.kind) {
    case 'int': {
      if (t.range === undefined) return undefined;
      // The bounds are the case's own: parameters stay CONSTANTs, consts become definitions.
      const lo = lowerExpr(ctx, topEnv(), t.range.lo);
      const hi = lowerExpr(ctx, topEnv(), t.range.hi);
      return bin('\\in', v, bin('..', lo, hi));
    }
    case 'optional': {
      const inner = within(ctx, t.inner, v, bound);
      return inner === undefined ? undefined : or(eq(v, name(INTERNAL_NAMES.none)), inner);
    }
    case 'record': {
      const parts = t.fields.flatMap((f) => {
        const p = within(ctx, f.type, dot(v, f.name), bound);
        return p === undefined ? [] : [p];
      });
      return parts.length === 0 ? undefined : and(...parts);
    }
    case 'set': {
      const x = fresh('x');
      const body = within(ctx, t.element, name(x), bound);
      return body === undefined
        ? undefined
        : { kind: 'TlaQuant', quantifier: '\\A', variables: [x], set: v, body };
    }
    case 'seq':
    case 'map': {
      // Map keys are the whole key type by construction; only the values can leave a range.
      const k = fresh('k');
      const body = within(ctx, t.kind === 'seq' ? t.element : t.value, fcnApp(v, name(k)), bound);
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
    // What the breaking state shows of a value out of its range: the variable, in the spec's words.
    const words = (e: TlaExpr, text: string): TlaExpr => {
      ctx.exprTexts.describe(e, text);
      return e;
    };
    if (c.perThread) {
      const t = uniqueName('t', bound);
      const read = words(fcnApp(name(c.variable), name(t)), `${c.dslName}[${t}]`);
      const body = within(ctx, c.type, read, bound);
      if (body !== undefined) words(body, `${c.dslName}[${t}] within its declared type`);
      if (body !== undefined)
        predicate = {
          kind: 'TlaQuant',
          quantifier: '\\A',
          variables: [t],
          set: builtin('DOMAIN', [name(c.variable)]),
          body,
        };
    } else {
      predicate = within(ctx, c.type, words(name(c.variable), c.dslName), bound);
    }
    if (predicate !== undefined) words(predicate, `${c.dslName} within its declared type`);
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
