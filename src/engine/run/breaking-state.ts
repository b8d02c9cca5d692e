// Takes an emitted case, its engine result (either engine) and the mapped trace; returns the
// state that breaks the property, for the result file: the values the property reads there and
// its false parts, found by evaluating the property's expression tree on that state and
// descending only into what is false (a conjunct, a disjunct, a consequent, a quantifier's
// witnesses, a definition's body). Each part is shown as the spec writes it: the DSL text the
// lowering recorded for that expression (src/model/expr-texts.ts), bound names by their DSL
// names. Pure; evaluates state predicates only.

import type { CheckResult } from '../../result/check-result.js';
import type { BreakingState, FalsePart } from '../../result/breaking-state.js';
import type { DslValue, TraceStep } from '../../result/result-file.js';
import type { TlaState, TlaValue } from '../../result/tla-value.js';
import type { SourceMap } from '../../emit/source-map.js';
import type { ExprTexts } from '../../model/expr-texts.js';
import { walkTla } from '../../model/tla-build.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import { toDslValue } from '../../trace/map-trace.js';
import { SetValue, fromTlaValue, toTlaValue, type Value } from '../values/values.js';
import { type Bindings, type EmittedCase, StateEval } from './state-eval.js';

/** Witnesses shown per quantifier: enough to see the pattern, few enough to read. */
const MAX_WITNESSES = 3;
/** Definitions followed into: they do not recurse; the bound stops a malformed tree from looping. */
const MAX_DEPTH = 16;

interface Walk {
  readonly ev: StateEval;
  readonly texts: ExprTexts;
  readonly out: Leaf[];
}

/** A false part found: the expression, its bindings, and the text it is shown by. */
interface Leaf {
  readonly expr: TlaExpr;
  readonly bound: Bindings;
  readonly text: string;
}

/** The smallest false sub-expressions of `e` (known false), each with its bindings; `shown` is the text of the nearest enclosing expression that has one. */
function falseLeaves(w: Walk, e: TlaExpr, bound: Bindings, depth: number, shown: string): void {
  const isFalse = (x: TlaExpr, b: Bindings): boolean => w.ev.value(x, b) === false;
  const text = w.texts.text(e) ?? shown;
  if (e.kind === 'TlaJunction') {
    for (const item of e.items.filter((x) => isFalse(x, bound)))
      falseLeaves(w, item, bound, depth, text);
    return;
  }
  if (e.kind === 'TlaBinary' && e.op === '=>' && isFalse(e.right, bound)) {
    falseLeaves(w, e.right, bound, depth, text);
    return;
  }
  if (e.kind === 'TlaQuant' && e.quantifier === '\\A' && e.variables.length === 1) {
    const [variable] = e.variables;
    const set = w.ev.value(e.set, bound);
    if (variable !== undefined && set instanceof SetValue) {
      const witnesses = set.elems
        .map((x) => new Map([...bound, [variable, x]]))
        .filter((b) => isFalse(e.body, b))
        .slice(0, MAX_WITNESSES);
      for (const b of witnesses) falseLeaves(w, e.body, b, depth, text);
      if (witnesses.length > 0) return;
    }
  }
  if (e.kind === 'TlaApply' && depth < MAX_DEPTH) {
    const def = w.ev.def(e.op);
    if (def !== undefined && def.params.length === e.args.length) {
      const inner = new Map<string, Value>();
      for (const [i, p] of def.params.entries()) {
        const arg = e.args[i];
        const v = arg === undefined ? undefined : w.ev.value(arg, bound);
        if (v !== undefined) inner.set(p, v);
      }
      if (inner.size === def.params.length && isFalse(def.body, inner)) {
        falseLeaves(w, def.body, inner, depth + 1, text);
        return;
      }
    }
  }
  w.out.push({ expr: e, bound, text });
}

/** The operands of a leaf worth a value: the sides of a comparison, a negation's operand; not literals. */
function operandsOf(e: TlaExpr): readonly TlaExpr[] {
  const literal = (x: TlaExpr): boolean =>
    x.kind === 'TlaNum' ||
    x.kind === 'TlaBool' ||
    x.kind === 'TlaStr' ||
    (x.kind === 'TlaSetEnum' && x.elements.length === 0);
  const sides =
    e.kind === 'TlaBinary' ? [e.left, e.right] : e.kind === 'TlaUnary' ? [e.operand] : [];
  return sides.filter((x) => !literal(x));
}

function dslValue(v: Value): DslValue {
  return toDslValue(toTlaValue(v));
}

function falsePart(w: Walk, leaf: Leaf): FalsePart {
  const where: Record<string, DslValue> = {};
  for (const [name, v] of leaf.bound) where[w.texts.binderName(name)] = dslValue(v);
  // A bound name's value is already in `where`.
  const bare = (x: TlaExpr): boolean => x.kind === 'TlaName' && leaf.bound.has(x.name);
  const operands = operandsOf(leaf.expr).flatMap((x) => {
    const text = w.texts.text(x);
    const v = text === undefined ? undefined : w.ev.value(x, leaf.bound);
    // An operand the spec does not write (a thread's pc behind `at(t, l)`) has no words to show.
    return text === undefined || v === undefined || text === leaf.text || bare(x)
      ? []
      : [{ expression: text, value: dslValue(v) }];
  });
  return { expression: leaf.text, where, operands };
}

/** The module variables `e` reads, through the definitions it applies. */
function readsOf(e: TlaExpr, ev: StateEval, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  walkTla(e, (x) => {
    if (x.kind === 'TlaName') out.add(x.name);
    if (x.kind === 'TlaApply' && !seen.has(x.op)) {
      seen.add(x.op);
      const def = ev.def(x.op);
      if (def !== undefined) for (const n of readsOf(def.body, ev, seen)) out.add(n);
    }
  });
  return out;
}

/** The trace's entries of the module variables in `reads` (every thread's entry of a per-thread one). */
function valuesRead(
  reads: ReadonlySet<string>,
  map: SourceMap,
  state: Readonly<Record<string, DslValue>>,
): Record<string, DslValue> {
  const out: Record<string, DslValue> = {};
  for (const v of map.variables) {
    if (!reads.has(v.name) || v.scope === 'internal') continue;
    const tail =
      v.scope === 'frame' && v.owner !== undefined ? `.${v.owner}.${v.dslName}` : `.${v.dslName}`;
    for (const [k, x] of Object.entries(state))
      if (
        v.perThread ? k.endsWith(tail) && !k.slice(0, -tail.length).includes('.') : k === v.dslName
      )
        out[k] = x;
  }
  return out;
}

/** A pc value in the spec's words: the step it is at (`Worker.release`), or the thread's end (`done`). */
function positionWord(map: SourceMap, pc: TlaValue): DslValue {
  const step = map.actions.find((a) => a.pc !== null && a.pc === pc)?.step;
  const word = step ?? (typeof pc === 'string' ? pc.toLowerCase() : JSON.stringify(pc));
  return { '#mv': word };
}

/**
 * Each thread's position (`worker1.at`), when `reads` includes the module's pc: what `at`,
 * `done`, `alive` and the other control predicates read, which the trace's names do not hold.
 */
function positionsRead(
  reads: ReadonlySet<string>,
  map: SourceMap,
  state: TlaState,
): Record<string, DslValue> {
  const pc = map.variables.find((v) => v.scope === 'internal' && v.dslName === 'pc');
  const value = pc === undefined || !reads.has(pc.name) ? undefined : state[pc.name];
  if (typeof value !== 'object' || value === null || !('#map' in value)) return {};
  const out: Record<string, DslValue> = {};
  for (const [thread, at] of (value as { '#map': readonly (readonly [TlaValue, TlaValue])[] })[
    '#map'
  ])
    if (typeof thread === 'object' && thread !== null && '#mv' in thread)
      out[`${thread['#mv']}.at`] = positionWord(map, at);
  return out;
}

/** The condition an assertion's step checks: the `IF cond THEN failure ELSE "<assertion>"` of its action. */
function assertedCondition(body: TlaExpr, assertion: string): TlaExpr | undefined {
  let found: TlaExpr | undefined;
  walkTla(body, (x) => {
    if (
      found === undefined &&
      x.kind === 'TlaIf' &&
      x.else.kind === 'TlaStr' &&
      x.else.value === assertion
    )
      found = x.cond;
  });
  return found;
}

/** Where and under which names a violated property is evaluated: its predicate, the state's index, the step's parameters. */
function evaluationSite(
  built: EmittedCase,
  result: CheckResult,
  kind: string,
): { expr: TlaExpr; index: number; bound: Bindings } | undefined {
  const trace = result.trace ?? [];
  const last = trace.length - 1;
  const def = built.emitted.module.defs.find((d) => d.name === result.property);
  if (kind === 'invariant' || kind === 'builtin')
    return def === undefined ? undefined : { expr: def.body, index: last, bound: new Map() };
  const action = trace[last]?.action;
  const actionDef = built.emitted.module.defs.find((d) => d.name === action?.name);
  if (kind !== 'assert' || action == null || actionDef === undefined || result.property === null)
    return undefined;
  const cond = assertedCondition(actionDef.body, result.property);
  if (cond === undefined) return undefined;
  const bound = new Map<string, Value>();
  for (const p of actionDef.params) {
    const v: TlaValue | undefined = action.params[p];
    if (v !== undefined) bound.set(p, fromTlaValue(v));
  }
  return { expr: cond, index: last - 1, bound };
}

/**
 * The breaking state of a violated state predicate or assertion, or of a deadlock (the whole
 * last state; its wait-for picture is `waitsFor`). Undefined for other verdicts, action and
 * temporal properties, and results without a trace.
 */
export function breakingState(
  built: EmittedCase,
  result: CheckResult,
  trace: readonly TraceStep[] | null,
): BreakingState | undefined {
  if (trace === null || result.trace === null || result.trace.length === 0) return undefined;
  const lastStep = trace[result.trace.length - 1];
  if (result.verdict === 'deadlock' && lastStep !== undefined)
    return { step: lastStep.index, falseParts: [], values: lastStep.state };
  const map = built.emitted.sourceMap;
  const kind = map.properties.find((p) => p.name === result.property)?.kind;
  if (result.verdict !== 'violated' || kind === undefined) return undefined;
  const site = evaluationSite(built, result, kind);
  const tlaState = site === undefined ? undefined : result.trace[site.index]?.state;
  const dslState = site === undefined ? undefined : trace[site.index];
  if (site === undefined || tlaState === undefined || dslState === undefined) return undefined;
  const ev = new StateEval(built, tlaState);
  const w: Walk = { ev, texts: built.model.exprTexts, out: [] };
  // What has no text of its own (a built-in check) is shown by the property's name.
  const named = map.properties.find((p) => p.name === result.property)?.dslName ?? '';
  if (ev.value(site.expr, site.bound) === false) falseLeaves(w, site.expr, site.bound, 0, named);
  const reads = readsOf(site.expr, ev);
  return {
    step: dslState.index,
    falseParts: w.out.map((leaf) => falsePart(w, leaf)),
    values: {
      ...valuesRead(reads, map, dslState.state),
      ...positionsRead(reads, map, tlaState),
    },
  };
}
