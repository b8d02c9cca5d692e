// Evaluates an expression typed in the spec's language at one state of a recorded trace (the
// viewer's `=` prompt), with the engine's values and operators. Names resolve as they would in
// the code of the thread that took the step: its procedure call's variables, then its thread
// variables, then the shared ones, the parameters, constants, definitions, enum members and
// thread groups. What a recorded state cannot answer (primes, frames, `at`) is an error, shown
// as text; nothing here throws on a user's input.

import type { DslValue, TraceStep } from '../../result/result-file.js';
import type {
  BinaryOp,
  Expr,
  MapComp,
  QuantExpr,
  SetFilter,
  SetMap,
} from '../../syntax/ast-expr.js';
import { toDslValue } from '../../trace/map-trace.js';
import { formatValue as formatDsl } from '../../trace/formats/value-text.js';
import { classifyVariable } from '../../trace/formats/trace-facts.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { asBool, asFcn, asSet, applyFcn, fail, updateFcn } from '../values/value-ops.js';
import {
  fromTlaValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  makeSortedSet,
  ModelValue,
  modelValue,
  RecordValue,
  toTlaValue,
  type Value,
} from '../values/values.js';
import { binaryOperator, builtinOperator } from './eval-operators.js';
import { Ctx } from './eval-scope.js';
import { parseExpression, specScope, type SpecScope } from './dsl-scope.js';

/** Definitions applied inside definitions: enough for any spec, a stop for a recursive one. */
const MAX_DEPTH = 64;

/** The language's binary operators as the engine's (TLA+) ones; `&&` and `||` short-circuit here. */
const TLA_OPERATOR: Readonly<Record<Exclude<BinaryOp, '&&' | '||'>, string>> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '\\div',
  mod: '%',
  '==': '=',
  '!=': '#',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '=>': '=>',
  in: '\\in',
  notin: '\\notin',
  subseteq: '\\subseteq',
  union: '\\cup',
  inter: '\\cap',
  '\\': '\\',
  '..': '..',
};

/** The language's built-in functions of values, as the engine's operators. */
const BUILTINS: Readonly<Record<string, string>> = {
  card: 'Cardinality',
  len: 'Len',
  head: 'Head',
  tail: 'Tail',
  append: 'Append',
};

const NO_CTX = new Ctx(0);

interface Where {
  readonly scope: SpecScope;
  readonly step: TraceStep;
  readonly locals: ReadonlyMap<string, Value>;
  readonly depth: number;
}

function stateValue(step: TraceStep, key: string): Value | undefined {
  const v = step.state[key];
  return v === undefined ? undefined : fromTlaValue(v);
}

/** The moved thread's variable `name`: of its current call first, then of the thread. */
function threadLocal(step: TraceStep, name: string): Value | undefined {
  const thread = step.thread;
  if (thread === null) return undefined;
  const call = step.step.split('.')[0];
  const own =
    stateValue(step, `${thread}.${call}.${name}`) ?? stateValue(step, `${thread}.${name}`);
  if (own !== undefined) return own;
  const calls = Object.keys(step.state).filter((k) => {
    const s = classifyVariable(k);
    return s.kind === 'call' && s.thread === thread && s.name === name;
  });
  const [only] = calls;
  return calls.length === 1 && only !== undefined ? stateValue(step, only) : undefined;
}

/** The threads of group `group`, as the trace names them (`caller1` of `Caller`). */
function groupThreads(step: TraceStep, group: string): Value {
  const named = new RegExp(`^${group.toLowerCase()}\\d+$`);
  const threads = new Set<string>();
  for (const k of [...Object.keys(step.state), ...Object.keys(step.threads ?? {})]) {
    const owner = k.split('.')[0];
    if (owner !== undefined && named.test(owner)) threads.add(owner);
  }
  return makeSet([...threads].map(modelValue));
}

function nameValue(w: Where, name: string): Value {
  const found =
    w.locals.get(name) ??
    threadLocal(w.step, name) ??
    stateValue(w.step, name) ??
    w.scope.params.get(name);
  if (found !== undefined) return found;
  const c = w.scope.consts.get(name);
  if (c !== undefined) return evaluate({ ...w, locals: new Map(), depth: w.depth + 1 }, c);
  if (w.scope.enumMembers.has(name)) return name;
  if (w.scope.groups.has(name)) return groupThreads(w.step, name);
  const def = w.scope.defs.get(name);
  if (def !== undefined && def.params.length === 0) return callDef(w, name, []);
  return fail(`no ${name} here: not a variable of this state or a name the spec declares`);
}

function callDef(w: Where, name: string, args: readonly Value[]): Value {
  const def = w.scope.defs.get(name);
  if (def === undefined) return fail(`no function ${name}`);
  if (def.params.length !== args.length)
    fail(`${name} takes ${def.params.length} arguments, not ${args.length}`);
  if (w.depth >= MAX_DEPTH) fail(`${name} applied ${MAX_DEPTH} times deep`);
  const locals = new Map(
    def.params.flatMap((p, i) => (args[i] === undefined ? [] : [[p.name.name, args[i]]])),
  );
  return evaluate({ ...w, locals, depth: w.depth + 1 }, def.body);
}

/** A thread's status (`alive`, `done`, `exiting`, `unborn`) at this step. */
function threadStatus(w: Where, name: string, arg: Value): boolean {
  if (!(arg instanceof ModelValue)) fail(`${name} takes a thread`);
  const status = w.step.threads?.[arg.name];
  if (status === undefined) fail(`this result does not record the status of ${arg.name}`);
  return status === name;
}

function call(w: Where, callee: string, argExprs: readonly Expr[]): Value {
  const args = argExprs.map((a) => evaluate(w, a));
  const builtin = BUILTINS[callee];
  if (builtin !== undefined)
    return builtinOperator(
      builtin,
      args.map((a) => () => a),
    )(NO_CTX);
  const [first] = args;
  if (['alive', 'done', 'exiting', 'unborn'].includes(callee) && first !== undefined)
    return threadStatus(w, callee, first);
  return callDef(w, callee, args);
}

/** `v[i]`: a thread variable of thread `i` when `v` names one, else a function's value. */
function index(w: Where, base: Expr, i: Expr): Value {
  const at = evaluate(w, i);
  if (base.kind === 'NameExpr' && at instanceof ModelValue && !w.locals.has(base.name.name)) {
    const own = stateValue(w.step, `${at.name}.${base.name.name}`);
    if (own !== undefined) return own;
  }
  return applyFcn(asFcn(evaluate(w, base), 'The indexed value'), at);
}

function binary(w: Where, op: BinaryOp, left: Expr, right: Expr): Value {
  if (op === '&&')
    return (
      asBool(evaluate(w, left), 'The left side of &&') &&
      asBool(evaluate(w, right), 'The right side of &&')
    );
  if (op === '||')
    return (
      asBool(evaluate(w, left), 'The left side of ||') ||
      asBool(evaluate(w, right), 'The right side of ||')
    );
  const l = evaluate(w, left);
  const r = evaluate(w, right);
  return binaryOperator(
    TLA_OPERATOR[op],
    () => l,
    () => r,
  )(NO_CTX);
}

/** Each element of `set` bound to `binders` in turn (every combination for several). */
function bindings(w: Where, binders: readonly string[], set: Expr): Map<string, Value>[] {
  const elems = asSet(evaluate(w, set), 'The set of a quantifier').elems;
  return binders.reduce<Map<string, Value>[]>(
    (acc, b) => acc.flatMap((m) => elems.map((x) => new Map([...m, [b, x]]))),
    [new Map(w.locals)],
  );
}

function record(
  w: Where,
  fields: readonly { name: { name: string }; value: Expr }[],
  base?: RecordValue,
): Value {
  const names = base === undefined ? [] : [...base.fields];
  const values = base === undefined ? [] : [...base.values];
  for (const f of fields) {
    const v = evaluate(w, f.value);
    const at = names.indexOf(f.name.name);
    if (at >= 0) values[at] = v;
    else {
      names.push(f.name.name);
      values.push(v);
    }
  }
  return makeRecord(names, values);
}

/** Each element of a one-binder comprehension's set, with the names it evaluates its body under. */
function each(w: Where, binder: string, set: Expr): { elem: Value; where: Where }[] {
  return asSet(evaluate(w, set), 'The set of a comprehension').elems.map((elem) => ({
    elem,
    where: { ...w, locals: new Map([...w.locals, [binder, elem]]) },
  }));
}

/** A set filter or map, a map comprehension or a quantifier. */
function comprehension(w: Where, e: SetFilter | SetMap | MapComp | QuantExpr): Value {
  switch (e.kind) {
    case 'SetFilter':
      return makeSortedSet(
        each(w, e.binder.name, e.set)
          .filter((x) => asBool(evaluate(x.where, e.pred), 'The filter'))
          .map((x) => x.elem),
      );
    case 'SetMap':
      return makeSet(each(w, e.binder.name, e.set).map((x) => evaluate(x.where, e.expr)));
    case 'MapComp': {
      const xs = each(w, e.binder.name, e.set);
      return makeFcn(
        xs.map((x) => x.elem),
        xs.map((x) => evaluate(x.where, e.value)),
      );
    }
    case 'QuantExpr': {
      const names = e.binders.map((b) => b.name);
      const holds = (locals: Map<string, Value>): boolean =>
        asBool(evaluate({ ...w, locals }, e.body), 'The body of a quantifier');
      const all = bindings(w, names, e.set);
      return e.quantifier === 'forall' ? all.every(holds) : all.some(holds);
    }
  }
}

function evaluate(w: Where, e: Expr): Value {
  switch (e.kind) {
    case 'IntLit':
    case 'BoolLit':
    case 'StringLit':
      return e.value;
    case 'NoneLit':
      return modelValue('none');
    case 'SelfExpr':
      return w.step.thread === null
        ? fail('no thread took this step: no self')
        : modelValue(w.step.thread);
    case 'NameExpr':
      return nameValue(w, e.name.name);
    case 'CallExpr':
      return call(w, e.callee.name, e.args);
    case 'IndexExpr':
      return index(w, e.base, e.index);
    case 'FieldExpr': {
      const r = evaluate(w, e.base);
      const v = r instanceof RecordValue ? r.get(e.field.name) : undefined;
      return v ?? fail(`no field ${e.field.name} in ${formatValue(r)}`);
    }
    case 'UnaryExpr': {
      const v = evaluate(w, e.operand);
      return e.op === '!'
        ? !asBool(v, 'The operand of !')
        : binaryOperator(
            '-',
            () => 0,
            () => v,
          )(NO_CTX);
    }
    case 'BinaryExpr':
      return binary(w, e.op, e.left, e.right);
    case 'CondExpr':
      return evaluate(w, asBool(evaluate(w, e.cond), 'The condition') ? e.then : e.else);
    case 'SetLit':
      return makeSet(e.elements.map((x) => evaluate(w, x)));
    case 'SeqLit':
      return makeSeq(e.elements.map((x) => evaluate(w, x)));
    case 'SetFilter':
    case 'SetMap':
    case 'MapComp':
    case 'QuantExpr':
      return comprehension(w, e);
    case 'RecordLit':
      return record(w, e.fields);
    case 'RecordUpdate': {
      const base = evaluate(w, e.base);
      return base instanceof RecordValue
        ? record(w, e.fields, base)
        : fail(`${formatValue(base)} is not a record`);
    }
    case 'MapUpdate':
      return updateFcn(
        asFcn(evaluate(w, e.base), 'The updated value'),
        evaluate(w, e.key),
        evaluate(w, e.value),
      );
    case 'ParenExpr':
      return evaluate(w, e.inner);
    case 'PrimedExpr':
      return fail('a primed name needs the next state: the prompt evaluates one state');
    case 'FrameExpr':
    case 'ArrowExpr':
      return fail('frames are not recorded in a trace: name the variable instead');
    case 'ErrorExpr':
      return fail('not an expression');
  }
}

function formatValue(v: Value): string {
  return formatDsl(toDslValue(toTlaValue(v)));
}

/** What the prompt shows: the value of `text` at `step`, or why there is none. */
export type Evaluation =
  | { readonly ok: true; readonly value: DslValue }
  | { readonly ok: false; readonly error: string };

/** The value of the expression `text` at `step`, in the spec's words. */
function evaluateAt(scope: SpecScope, step: TraceStep, text: string): Evaluation {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  try {
    const v = evaluate({ scope, step, locals: new Map(), depth: 0 }, parsed.expr);
    return { ok: true, value: toDslValue(toTlaValue(v)) };
  } catch (err) {
    if (err instanceof EvalError || err instanceof AssertFailure)
      return { ok: false, error: err.message };
    if (err instanceof RangeError) return { ok: false, error: 'too deep to evaluate' };
    throw err;
  }
}

/**
 * The `=` prompt's evaluator for a result: the spec's names read from its files (`sources`,
 * file to text) and the result's parameter values, then any expression at any step.
 */
export function expressionEvaluator(
  sources: ReadonlyMap<string, string>,
  params: Readonly<Record<string, number | boolean | string>>,
): (step: TraceStep, text: string) => Evaluation {
  const scope = specScope(sources, params);
  return (step, text) => evaluateAt(scope, step, text);
}
