// Where in the spec an evaluation error happened: given the state it was met in, the definition
// being evaluated (an action, an invariant) and the engine's message, finds the innermost
// expression the spec writes whose evaluation there fails with that message, following into
// the definitions it applies. An action's `self` is tried with each thread, those whose next
// step it is first. Under a name bound inside (a quantifier's, a set comprehension's, a map's or
// a `choose`'s variable) each value of its set is tried in the set's order, and the error is
// placed under the first value for which the body fails so, with that value named. Pure; runs
// only after a run ended in an error.

import type { Span } from '../../source/span.js';
import type { TlaState, TlaValue } from '../../result/tla-value.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import { tlaChildren } from '../../model/tla-build.js';
import type { DslValue } from '../../result/result-file.js';
import { toDslValue } from '../../trace/map-trace.js';
import { fromTlaValue, SetValue, toTlaValue, type Value } from '../values/values.js';
import { type Bindings, type EmittedCase, StateEval } from './state-eval.js';

/** The spec's expression an error happened in, its operands' values there, and the thread evaluating it (if an action's). */
export interface ErrorSite {
  readonly text: string;
  readonly span: Span;
  readonly operands: readonly { readonly expression: string; readonly value: DslValue }[];
  /** The bound variables the failing expression is under and their values there, outermost first. */
  readonly bindings: readonly { readonly name: string; readonly value: DslValue }[];
  readonly thread?: string;
}

/** Definitions followed into; the bound stops a malformed tree from looping. */
const MAX_DEPTH = 16;

/** The most bindings of a binder's variables tried: a quantifier over a product of sets grows fast. */
const MAX_TRIES = 4096;

/** The first line of a message, without the engine's `(while evaluating X)`. */
function headline(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ \(while evaluating [^)]*\)$/, '').trim();
}

/** A bound variable of the spec's and the value it has where the error is met. */
type Via = readonly (readonly [string, Value])[];

interface Found {
  readonly expr: TlaExpr;
  readonly bound: Bindings;
  readonly via: Via;
  readonly text: string;
  readonly span: Span;
}

/** The operands of an expression that can fail: what a reader needs the values of. */
function operandsOf(e: TlaExpr): readonly TlaExpr[] {
  switch (e.kind) {
    case 'TlaFcnApp':
      return [e.fcn, e.arg];
    case 'TlaBinary':
      return [e.left, e.right];
    case 'TlaBuiltin':
      return e.args;
    case 'TlaUnary':
      return [e.operand];
    case 'TlaDot':
      return [e.record];
    case 'TlaChoose':
      return [e.set];
    default:
      return [];
  }
}

/** The operands of `f` that the spec writes, with their values where they have one. */
function operandValues(ev: StateEval, built: EmittedCase, f: Found): ErrorSite['operands'] {
  return operandsOf(f.expr).flatMap((x) => {
    const text = built.model.exprTexts.text(x);
    const v = text === undefined || x.kind === 'TlaNum' ? undefined : ev.value(x, f.bound);
    return text === undefined || v === undefined
      ? []
      : [{ expression: text, value: toDslValue(toTlaValue(v)) }];
  });
}

/** Whether an error met while evaluating (its first line) is the one being located. */
export type SameError = (headline: string) => boolean;

function sameError(ev: StateEval, e: TlaExpr, bound: Bindings, wanted: SameError): boolean {
  try {
    const got = ev.attempt(e, bound);
    return !got.ok && wanted(headline(got.error));
  } catch {
    // An expression that cannot be evaluated alone (a primed variable) is no place of the error.
    return false;
  }
}

/** An expression that binds variables over a set, and the part of it evaluated under them. */
interface Binder {
  readonly variables: readonly string[];
  readonly set: TlaExpr;
  readonly body: TlaExpr;
}

function binderOf(e: TlaExpr): Binder | undefined {
  switch (e.kind) {
    case 'TlaQuant':
      return { variables: e.variables, set: e.set, body: e.body };
    case 'TlaFcn':
      return { variables: [e.variable], set: e.set, body: e.body };
    case 'TlaSetFilter':
    case 'TlaChoose':
      return { variables: [e.variable], set: e.set, body: e.pred };
    case 'TlaSetMap':
      return { variables: [e.variable], set: e.set, body: e.expr };
    default:
      return undefined;
  }
}

/** Every binding of `variables` to members of `set` (a quantifier's `x, y \in S` ranges over S × S), up to MAX_TRIES. */
function bindingsOf(variables: readonly string[], set: SetValue): Value[][] {
  let out: Value[][] = [[]];
  for (let i = 0; i < variables.length; i++) {
    out = out.flatMap((prefix) => set.elems.map((v) => [...prefix, v])).slice(0, MAX_TRIES);
  }
  return out;
}

/** The walk's fixed parts: the evaluator, the case, the error looked for and where found ones go. */
interface Search {
  readonly ev: StateEval;
  readonly built: EmittedCase;
  readonly wanted: SameError;
  readonly out: Found[];
}

/** Follows an applied definition that fails into its body, its parameters bound to the arguments. */
function intoDefinition(s: Search, x: TlaExpr, bound: Bindings, via: Via, depth: number): void {
  if (x.kind !== 'TlaApply' || depth >= MAX_DEPTH) return;
  const def = s.ev.def(x.op);
  if (def === undefined || def.params.length !== x.args.length) return;
  const inner = new Map<string, Value>();
  for (const [i, p] of def.params.entries()) {
    const arg = x.args[i];
    const v = arg === undefined ? undefined : s.ev.value(arg, bound);
    if (v !== undefined) inner.set(p, v);
  }
  if (inner.size === def.params.length) failing(s, def.body, inner, via, depth + 1);
}

/** Walks a binder's body under the first binding of its variables for which the body fails so. */
function intoBinder(s: Search, b: Binder, bound: Bindings, via: Via, depth: number): void {
  failing(s, b.set, bound, via, depth);
  const set = s.ev.value(b.set, bound);
  if (!(set instanceof SetValue)) return;
  const names = s.built.model.exprTexts;
  for (const values of bindingsOf(b.variables, set)) {
    const inner = new Map(bound);
    b.variables.forEach((v, i) => inner.set(v, values[i] as Value));
    if (!sameError(s.ev, b.body, inner, s.wanted)) continue;
    const named = b.variables.map((v, i): readonly [string, Value] => [
      names.binderName(v),
      values[i] as Value,
    ]);
    failing(s, b.body, inner, [...via, ...named], depth);
    return;
  }
}

/** Collects the failing expressions with a DSL text under `e` (and in the definitions it applies). */
function failing(s: Search, e: TlaExpr, bound: Bindings, via: Via, depth: number): void {
  const texts = s.built.model.exprTexts;
  const text = texts.text(e);
  const span = texts.span(e);
  if ((text !== undefined || e.kind === 'TlaApply') && sameError(s.ev, e, bound, s.wanted)) {
    if (text !== undefined && span !== undefined) s.out.push({ expr: e, bound, via, text, span });
    intoDefinition(s, e, bound, via, depth);
  }
  const binder = binderOf(e);
  if (binder !== undefined) {
    intoBinder(s, binder, bound, via, depth);
    return;
  }
  if (e.kind === 'TlaLet') {
    // A LET's names are bound in order, each to its value where it has one.
    const inner = new Map(bound);
    for (const d of e.defs) {
      failing(s, d.value, inner, via, depth);
      const v = s.ev.value(d.value, inner);
      if (v !== undefined) inner.set(d.name, v);
    }
    failing(s, e.body, inner, via, depth);
    return;
  }
  for (const x of tlaChildren(e)) failing(s, x, bound, via, depth);
}

/** The threads of `state`'s pc, those at the action's own pc first. */
function threadsFor(built: EmittedCase, state: TlaState, definition: string): TlaValue[] {
  const pc = state.pc;
  if (typeof pc !== 'object' || pc === null || !('#map' in pc)) return [];
  const at = built.emitted.sourceMap.actions.find((a) => a.name === definition)?.pc;
  const entries = (pc as { '#map': readonly (readonly [TlaValue, TlaValue])[] })['#map'];
  return [...entries.filter(([, v]) => v === at), ...entries.filter(([, v]) => v !== at)].map(
    ([k]) => k,
  );
}

/**
 * Where evaluating `definition` in `state` failed with `message`, or undefined when no expression
 * of the spec fails so. `same`: which of this engine's errors is the one met (by default, the
 * one with the same first line); another engine words the same failure differently.
 */
export function locateEvalError(
  built: EmittedCase,
  state: TlaState,
  definition: string,
  message: string,
  same?: SameError,
): ErrorSite | undefined {
  const def = built.emitted.module.defs.find((d) => d.name === definition);
  if (def === undefined || def.params.length > 1) return undefined;
  const ev = new StateEval(built, state);
  const first = headline(message);
  const wanted = same ?? ((h: string) => h === first);
  const param = def.params[0];
  const tries: (TlaValue | undefined)[] =
    param === undefined ? [undefined] : threadsFor(built, state, definition);
  for (const thread of tries) {
    const bound = new Map<string, Value>();
    if (param !== undefined && thread !== undefined) bound.set(param, fromTlaValue(thread));
    const out: Found[] = [];
    failing({ ev, built, wanted, out }, def.body, bound, [], 0);
    // The innermost: the shortest text among those that fail.
    const best = out.reduce<Found | undefined>(
      (a, b) =>
        a === undefined ||
        b.span.end.offset - b.span.start.offset <= a.span.end.offset - a.span.start.offset
          ? b
          : a,
      undefined,
    );
    if (best === undefined) continue;
    const name =
      typeof thread === 'object' && thread !== null && '#mv' in thread ? thread['#mv'] : undefined;
    return {
      text: best.text,
      span: best.span,
      operands: operandValues(ev, built, best),
      bindings: best.via.map(([n, v]) => ({ name: n, value: toDslValue(toTlaValue(v)) })),
      ...(typeof name === 'string' ? { thread: name } : {}),
    };
  }
  return undefined;
}
