// Where in the spec an evaluation error happened: given the state it was met in, the definition
// being evaluated (an action, an invariant) and the engine's message, finds the innermost
// expression the spec writes whose evaluation there fails with that message, following into
// the definitions it applies. An action's `self` is tried with each thread, those whose next
// step it is first. Names bound inside (a quantifier's variable) are not tried: an error under
// one is placed at the nearest enclosing expression that binds it. Pure; runs only after a run
// ended in an error.

import type { Span } from '../../source/span.js';
import type { TlaState, TlaValue } from '../../result/tla-value.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import { walkTla } from '../../model/tla-build.js';
import type { DslValue } from '../../result/result-file.js';
import { toDslValue } from '../../trace/map-trace.js';
import { fromTlaValue, toTlaValue, type Value } from '../values/values.js';
import { type Bindings, type EmittedCase, StateEval } from './state-eval.js';

/** The spec's expression an error happened in, its operands' values there, and the thread evaluating it (if an action's). */
export interface ErrorSite {
  readonly text: string;
  readonly span: Span;
  readonly operands: readonly { readonly expression: string; readonly value: DslValue }[];
  readonly thread?: string;
}

/** Definitions followed into; the bound stops a malformed tree from looping. */
const MAX_DEPTH = 16;

/** The first line of a message, without the engine's `(while evaluating X)`. */
function headline(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ \(while evaluating [^)]*\)$/, '').trim();
}

interface Found {
  readonly expr: TlaExpr;
  readonly bound: Bindings;
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

function sameError(ev: StateEval, e: TlaExpr, bound: Bindings, wanted: string): boolean {
  try {
    const got = ev.attempt(e, bound);
    return !got.ok && headline(got.error) === wanted;
  } catch {
    // An expression that cannot be evaluated alone (a primed variable) is no place of the error.
    return false;
  }
}

/** The failing expressions with a DSL text under `e` (and in the definitions it applies). */
function failing(
  ev: StateEval,
  built: EmittedCase,
  e: TlaExpr,
  bound: Bindings,
  wanted: string,
  depth: number,
  out: Found[],
): void {
  const texts = built.model.exprTexts;
  walkTla(e, (x) => {
    const text = texts.text(x);
    const span = texts.span(x);
    const fails = (text !== undefined || x.kind === 'TlaApply') && sameError(ev, x, bound, wanted);
    if (!fails) return;
    if (text !== undefined && span !== undefined) out.push({ expr: x, bound, text, span });
    if (x.kind !== 'TlaApply' || depth >= MAX_DEPTH) return;
    const def = ev.def(x.op);
    if (def === undefined || def.params.length !== x.args.length) return;
    const inner = new Map<string, Value>();
    for (const [i, p] of def.params.entries()) {
      const arg = x.args[i];
      const v = arg === undefined ? undefined : ev.value(arg, bound);
      if (v !== undefined) inner.set(p, v);
    }
    if (inner.size === def.params.length)
      failing(ev, built, def.body, inner, wanted, depth + 1, out);
  });
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

/** Where evaluating `definition` in `state` failed with `message`, or undefined when no expression of the spec fails so. */
export function locateEvalError(
  built: EmittedCase,
  state: TlaState,
  definition: string,
  message: string,
): ErrorSite | undefined {
  const def = built.emitted.module.defs.find((d) => d.name === definition);
  if (def === undefined || def.params.length > 1) return undefined;
  const ev = new StateEval(built, state);
  const wanted = headline(message);
  const param = def.params[0];
  const tries: (TlaValue | undefined)[] =
    param === undefined ? [undefined] : threadsFor(built, state, definition);
  for (const thread of tries) {
    const bound = new Map<string, Value>();
    if (param !== undefined && thread !== undefined) bound.set(param, fromTlaValue(thread));
    const out: Found[] = [];
    failing(ev, built, def.body, bound, wanted, 0, out);
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
      ...(typeof name === 'string' ? { thread: name } : {}),
    };
  }
  return undefined;
}
