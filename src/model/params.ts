// Parameter sets: the value of every `param` for one check, from the variant's defaults and the
// overrides of an expectation or the command line, each checked against the param's type; and
// the evaluator of constant expressions (group sizes, range bounds) under such a set. Pure.

import { instantiateAlias } from '../syntax/type-subst.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Expr, ParamDecl, TypeExpr } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { DeclTable } from './decls.js';

export type ParamValue = number | boolean | string;

/** Every parameter's value, by name. */
export type ParamSet = Readonly<Record<string, ParamValue>>;

/** One requested override: from an expectation (an expression) or the command line (text). */
export interface ParamOverrideRequest {
  readonly name: string;
  readonly value: Expr | string;
  readonly span: Span;
}

export interface ResolvedParams {
  readonly values: ParamSet;
  /** The overrides that differ from the variant's defaults (what the config file name lists). */
  readonly overrides: ParamSet;
}

/**
 * Evaluates a constant expression: literals, enum members, params, consts, arithmetic,
 * comparisons and boolean operators. Undefined when the expression is not constant.
 */
export function evalConst(
  expr: Expr,
  table: DeclTable,
  params: ParamSet,
  depth = 0,
): ParamValue | undefined {
  if (depth > 50) return undefined;
  const ev = (e: Expr): ParamValue | undefined => evalConst(e, table, params, depth + 1);
  switch (expr.kind) {
    case 'IntLit':
      return expr.value;
    case 'BoolLit':
      return expr.value;
    case 'StringLit':
      return expr.value;
    case 'ParenExpr':
      return ev(expr.inner);
    case 'NameExpr': {
      const n = expr.name.name;
      if (n in params) return params[n];
      const c = table.consts.get(n);
      if (c !== undefined) return ev(c.value);
      if (table.enumMembers.has(n)) return n;
      return undefined;
    }
    case 'UnaryExpr': {
      const v = ev(expr.operand);
      if (expr.op === '-' && typeof v === 'number') return -v;
      if (expr.op === '!' && typeof v === 'boolean') return !v;
      return undefined;
    }
    case 'CondExpr': {
      const c = ev(expr.cond);
      return typeof c === 'boolean' ? ev(c ? expr.then : expr.else) : undefined;
    }
    case 'BinaryExpr': {
      const l = ev(expr.left);
      const r = ev(expr.right);
      if (l === undefined || r === undefined) return undefined;
      if (typeof l === 'number' && typeof r === 'number') {
        switch (expr.op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            return r === 0 ? undefined : Math.floor(l / r);
          case 'mod':
            return r <= 0 ? undefined : ((l % r) + r) % r;
          case '<':
            return l < r;
          case '<=':
            return l <= r;
          case '>':
            return l > r;
          case '>=':
            return l >= r;
          default:
            break;
        }
      }
      if (typeof l === 'boolean' && typeof r === 'boolean') {
        if (expr.op === '&&') return l && r;
        if (expr.op === '||') return l || r;
        if (expr.op === '=>') return !l || r;
      }
      if (expr.op === '==') return l === r;
      if (expr.op === '!=') return l !== r;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The param type with aliases resolved, as far as params need it. */
export type ParamKind =
  | { kind: 'bool' }
  | { kind: 'range'; lo: Expr; hi: Expr }
  | { kind: 'enum'; name: string; members: string[] }
  | { kind: 'other' };

export function paramKind(type: TypeExpr, table: DeclTable, depth = 0): ParamKind {
  if (depth > 20) return { kind: 'other' };
  if (type.kind === 'RangeType') return { kind: 'range', lo: type.lo, hi: type.hi };
  if (type.kind === 'NamedType') {
    const n = type.name.name;
    if (n === 'bool') return { kind: 'bool' };
    const e = table.enums.get(n);
    if (e !== undefined) return { kind: 'enum', name: n, members: e.members.map((m) => m.name) };
    const alias = table.types.get(n);
    if (alias !== undefined)
      return paramKind(
        alias.params.length > 0 ? instantiateAlias(alias, type.args ?? []) : alias.type,
        table,
        depth + 1,
      );
  }
  return { kind: 'other' };
}

/** The type as a user reads it; a range with its bounds as they are under `known` (`1..2`). */
function typeText(k: ParamKind, table: DeclTable, known: ParamSet): string {
  switch (k.kind) {
    case 'bool':
      return 'bool';
    case 'range': {
      const lo = evalConst(k.lo, table, known);
      const hi = evalConst(k.hi, table, known);
      return typeof lo === 'number' && typeof hi === 'number' ? `${lo}..${hi}` : 'an integer range';
    }
    case 'enum':
      return k.name;
    case 'other':
      return 'an unsupported type';
  }
}

/** Reads a command-line value: `true`/`false`, a decimal or hex integer, or a name (enum member). */
export function parseParamText(text: string): ParamValue {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?\d+$/.test(t)) return Number.parseInt(t, 10);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return Number.parseInt(t.slice(2), 16);
  return t;
}

/** Checks `value` against param `decl`'s type under the (partly known) set `known`; a problem in words or undefined. */
function fits(decl: ParamDecl, value: ParamValue, table: DeclTable, known: ParamSet): boolean {
  const k = paramKind(decl.type, table);
  switch (k.kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && k.members.includes(value);
    case 'range': {
      if (typeof value !== 'number') return false;
      const lo = evalConst(k.lo, table, known);
      const hi = evalConst(k.hi, table, known);
      return (typeof lo !== 'number' || value >= lo) && (typeof hi !== 'number' || value <= hi);
    }
    case 'other':
      return true;
  }
}

/**
 * The parameter set for the table's defaults (already the variant's) and `requests`, in param
 * declaration order. Unknown params and values that do not fit are located diagnostics.
 */
export function resolveParams(
  table: DeclTable,
  requests: readonly ParamOverrideRequest[],
): { ok: true; params: ResolvedParams } | { ok: false; diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, ParamValue> = {};
  const defaults: Record<string, ParamValue> = {};
  // Defaults first, in declaration order, so a range bound may use an earlier param.
  for (const p of table.params) {
    const e = table.paramDefaults.get(p.name.name) ?? p.default;
    const v = evalConst(e, table, values);
    if (v === undefined) {
      diagnostics.push({
        code: 'CS5010',
        severity: 'error',
        span: e.span,
        args: { name: p.name.name },
      });
      continue;
    }
    values[p.name.name] = v;
    defaults[p.name.name] = v;
  }
  const overrides: Record<string, ParamValue> = {};
  for (const r of requests) {
    const decl = table.params.find((p) => p.name.name === r.name);
    if (decl === undefined) {
      diagnostics.push({ code: 'CS5006', severity: 'error', span: r.span, args: { name: r.name } });
      continue;
    }
    const v =
      typeof r.value === 'string' ? parseParamText(r.value) : evalConst(r.value, table, values);
    if (v === undefined) {
      diagnostics.push({ code: 'CS5010', severity: 'error', span: r.span, args: { name: r.name } });
      continue;
    }
    values[r.name] = v;
    overrides[r.name] = v;
  }
  for (const p of table.params) {
    const v = values[p.name.name];
    if (v !== undefined && !fits(p, v, table, values)) {
      const req = requests.find((r) => r.name === p.name.name);
      diagnostics.push({
        code: 'CS5007',
        severity: 'error',
        span: req?.span ?? (table.paramDefaults.get(p.name.name) ?? p.default).span,
        args: {
          value: String(v),
          name: p.name.name,
          type: typeText(paramKind(p.type, table), table, values),
        },
      });
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const differing: Record<string, ParamValue> = {};
  for (const [n, v] of Object.entries(overrides)) if (defaults[n] !== v) differing[n] = v;
  return { ok: true, params: { values, overrides: differing } };
}
