// Small constructors for TLA+ expressions, with the local simplifications that keep emitted
// actions readable: `[f EXCEPT ![a] = e][a]` becomes `e`, nested EXCEPTs merge, and nested
// junctions flatten. Each simplification is an identity of TLA+, never a guess. Pure.

import { at } from '../source/checked-index.js';
import type { TlaExceptClause, TlaExpr } from '../tla/tla-ast.js';

export const TRUE: TlaExpr = { kind: 'TlaBool', value: true };
export const FALSE: TlaExpr = { kind: 'TlaBool', value: false };

export function name(n: string): TlaExpr {
  return { kind: 'TlaName', name: n };
}

export function str(s: string): TlaExpr {
  return { kind: 'TlaStr', value: s };
}

export function num(n: number): TlaExpr {
  return n < 0
    ? { kind: 'TlaUnary', op: '-', operand: { kind: 'TlaNum', value: -n } }
    : { kind: 'TlaNum', value: n };
}

/** Structural equality of two expressions. */
export function same(a: TlaExpr, b: TlaExpr): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function bin(
  op: Extract<TlaExpr, { kind: 'TlaBinary' }>['op'],
  left: TlaExpr,
  right: TlaExpr,
): TlaExpr {
  return { kind: 'TlaBinary', op, left, right };
}

export function eq(a: TlaExpr, b: TlaExpr): TlaExpr {
  return bin('=', a, b);
}

export function not(e: TlaExpr): TlaExpr {
  if (e.kind === 'TlaBool') return { kind: 'TlaBool', value: !e.value };
  if (e.kind === 'TlaUnary' && e.op === '~') return e.operand;
  if (e.kind === 'TlaBinary' && e.op === '=') return bin('#', e.left, e.right);
  return { kind: 'TlaUnary', op: '~', operand: e };
}

function junction(op: '/\\' | '\\/', items: readonly TlaExpr[]): TlaExpr {
  const flat: TlaExpr[] = [];
  for (const i of items) {
    if (i.kind === 'TlaJunction' && i.op === op) flat.push(...i.items);
    else flat.push(i);
  }
  const unit = op === '/\\';
  const kept = flat.filter((i) => !(i.kind === 'TlaBool' && i.value === unit));
  if (kept.some((i) => i.kind === 'TlaBool' && i.value === !unit))
    return { kind: 'TlaBool', value: !unit };
  if (kept.length === 0) return { kind: 'TlaBool', value: unit };
  const [only] = kept;
  if (kept.length === 1 && only !== undefined) return only;
  return { kind: 'TlaJunction', op, items: kept };
}

export function and(...items: TlaExpr[]): TlaExpr {
  return junction('/\\', items);
}

export function or(...items: TlaExpr[]): TlaExpr {
  return junction('\\/', items);
}

export function ite(cond: TlaExpr, then: TlaExpr, els: TlaExpr): TlaExpr {
  if (cond.kind === 'TlaBool') return cond.value ? then : els;
  if (same(then, els)) return then;
  return { kind: 'TlaIf', cond, then, else: els };
}

export function setEnum(elements: readonly TlaExpr[]): TlaExpr {
  return { kind: 'TlaSetEnum', elements };
}

export function tuple(elements: readonly TlaExpr[]): TlaExpr {
  return { kind: 'TlaTuple', elements };
}

export function apply(op: string, args: readonly TlaExpr[]): TlaExpr {
  return { kind: 'TlaApply', op, args };
}

export function builtin(
  op: Extract<TlaExpr, { kind: 'TlaBuiltin' }>['op'],
  args: readonly TlaExpr[],
): TlaExpr {
  return { kind: 'TlaBuiltin', op, args };
}

type PathStep = TlaExceptClause['path'][number];

function samePath(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i];
      return t !== undefined && sameStep(s, t);
    })
  );
}

function sameStep(a: PathStep, b: PathStep): boolean {
  if (a.kind === 'field' && b.kind === 'field') return a.field === b.field;
  if (a.kind === 'index' && b.kind === 'index') return same(a.index, b.index);
  return false;
}

/** Literal indices that are certainly different values (so one EXCEPT clause cannot touch the other). */
function distinctStep(a: PathStep, b: PathStep): boolean {
  if (a.kind === 'field' && b.kind === 'field') return a.field !== b.field;
  if (a.kind === 'index' && b.kind === 'index') {
    const x = a.index;
    const y = b.index;
    const lit = (e: TlaExpr): boolean =>
      e.kind === 'TlaStr' || e.kind === 'TlaNum' || e.kind === 'TlaBool';
    return lit(x) && lit(y) && !same(x, y);
  }
  return false;
}

/** `base` with the value at `path` replaced; merges into an EXCEPT already on `base`. */
export function except(base: TlaExpr, path: readonly PathStep[], value: TlaExpr): TlaExpr {
  if (path.length === 0) return value;
  if (base.kind === 'TlaExcept')
    return { kind: 'TlaExcept', base: base.base, clauses: [...base.clauses, { path, value }] };
  return { kind: 'TlaExcept', base, clauses: [{ path, value }] };
}

/** The first step of an EXCEPT clause's path (`except` never makes an empty one). */
function firstStep(c: TlaExceptClause): PathStep {
  return at(c.path, 0, 'the path of an EXCEPT clause');
}

/** What `base` holds at the first path step, simplified through EXCEPTs and literals. */
function select(base: TlaExpr, step: PathStep): TlaExpr {
  if (base.kind === 'TlaExcept') {
    const relevant = base.clauses.filter((c) => !distinctStep(firstStep(c), step));
    if (relevant.every((c) => sameStep(firstStep(c), step))) {
      let val = select(base.base, step);
      for (const c of relevant)
        val = c.path.length === 1 ? c.value : except(val, c.path.slice(1), c.value);
      return val;
    }
  }
  if (step.kind === 'field' && base.kind === 'TlaRecord') {
    const f = base.fields.find((x) => x.name === step.field);
    if (f !== undefined) return f.value;
  }
  if (step.kind === 'index' && base.kind === 'TlaIf') {
    return ite(base.cond, select(base.then, step), select(base.else, step));
  }
  return step.kind === 'field'
    ? { kind: 'TlaDot', record: base, field: step.field }
    : { kind: 'TlaFcnApp', fcn: base, arg: step.index };
}

/** `f[a]`, simplified. */
export function fcnApp(fcn: TlaExpr, arg: TlaExpr): TlaExpr {
  return select(fcn, { kind: 'index', index: arg });
}

/** `r.f`, simplified. */
export function dot(record: TlaExpr, field: string): TlaExpr {
  return select(record, { kind: 'field', field });
}

/** Reads `path` from `base`. */
export function readPath(base: TlaExpr, path: readonly PathStep[]): TlaExpr {
  let v = base;
  for (const s of path) v = select(v, s);
  return v;
}

/**
 * `IF c THEN a ELSE b` for two versions of one variable, pushed inside a shared EXCEPT when both
 * sides update the same location of the same base, so the result reads as one write.
 */
export function mergeValues(cond: TlaExpr, a: TlaExpr, b: TlaExpr): TlaExpr {
  if (same(a, b)) return a;
  const single = (e: TlaExpr, base: TlaExpr): TlaExceptClause | undefined =>
    e.kind === 'TlaExcept' && same(e.base, base) && e.clauses.length === 1
      ? e.clauses[0]
      : undefined;
  const ca = single(a, b);
  if (ca !== undefined) return except(b, ca.path, ite(cond, ca.value, readPath(b, ca.path)));
  const cb = single(b, a);
  if (cb !== undefined) return except(a, cb.path, ite(cond, readPath(a, cb.path), cb.value));
  if (a.kind === 'TlaExcept' && b.kind === 'TlaExcept' && same(a.base, b.base)) {
    const x = single(a, a.base);
    const y = single(b, b.base);
    if (x !== undefined && y !== undefined && samePath(x.path, y.path))
      return except(a.base, x.path, ite(cond, x.value, y.value));
  }
  return ite(cond, a, b);
}

/** Calls `f` on every sub-expression (pre-order). */
export function walkTla(e: TlaExpr, f: (e: TlaExpr) => void): void {
  f(e);
  for (const x of tlaChildren(e)) walkTla(x, f);
}

/** The direct sub-expressions of `e`, in the order they are written. */
export function tlaChildren(e: TlaExpr): readonly TlaExpr[] {
  switch (e.kind) {
    case 'TlaApply':
    case 'TlaBuiltin':
      return e.args;
    case 'TlaUnary':
      return [e.operand];
    case 'TlaBinary':
      return [e.left, e.right];
    case 'TlaJunction':
      return e.items;
    case 'TlaIf':
      return [e.cond, e.then, e.else];
    case 'TlaCase':
      return [...e.arms.flatMap((a) => [a.cond, a.value]), ...(e.other ? [e.other] : [])];
    case 'TlaLet':
      return [...e.defs.map((d) => d.value), e.body];
    case 'TlaSetEnum':
    case 'TlaTuple':
      return e.elements;
    case 'TlaSetFilter':
    case 'TlaChoose':
      return [e.set, e.pred];
    case 'TlaSetMap':
      return [e.expr, e.set];
    case 'TlaFcn':
    case 'TlaQuant':
      return [e.set, e.body];
    case 'TlaFcnApp':
      return [e.fcn, e.arg];
    case 'TlaExcept':
      return [
        e.base,
        ...e.clauses.flatMap((c) => [
          ...c.path.flatMap((p) => (p.kind === 'index' ? [p.index] : [])),
          c.value,
        ]),
      ];
    case 'TlaRecord':
      return e.fields.map((x) => x.value);
    case 'TlaDot':
      return [e.record];
    case 'TlaTemporal':
      return [e.operand];
    case 'TlaFairness':
    case 'TlaBoxAction':
      return [e.action];
    default:
      return [];
  }
}

/** Names (constants, variables, definitions) an expression refers to, primed ones included. */
export function referencedNames(e: TlaExpr, into: Set<string> = new Set()): Set<string> {
  walkTla(e, (x) => {
    if (x.kind === 'TlaName' || x.kind === 'TlaPrimed') into.add(x.name);
    else if (x.kind === 'TlaApply') into.add(x.op);
    else if (x.kind === 'TlaFairness' || x.kind === 'TlaBoxAction') into.add(x.vars);
    else if (x.kind === 'TlaUnchanged') x.variables.forEach((v) => into.add(v));
  });
  return into;
}
