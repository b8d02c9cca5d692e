// Parameter sets: the value of every `param` for one check, from the variant's defaults and the
// overrides of an expectation or the command line, each checked against the param's type; and
// constant expressions (group sizes, range bounds) evaluated under such a set by the checker's
// evaluator. Pure.

import {
  evalConst as evalConstant,
  fromParamSet,
  type ParamSet,
  type ParamValue,
} from '../check/const-eval.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Expr, ParamDecl, TypeExpr } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { DeclTable } from './decls.js';
import { LoweringError } from './lowering-error.js';

export type { ParamSet, ParamValue };

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

/** A constant expression's value under `params`, names read through the checker's symbols. */
export function evalConst(expr: Expr, table: DeclTable, params: ParamSet): ParamValue | undefined {
  return evalConstant(expr, table.checked.symbols, fromParamSet(params), (e) => {
    throw new LoweringError(e.span, `the checker resolved no symbol for \`${e.name.name}\``);
  });
}

/** The param type as params need it, read from the checker's type of the declared type. */
export type ParamKind =
  | { kind: 'bool' }
  | { kind: 'range'; lo: Expr; hi: Expr }
  | { kind: 'enum'; name: string; members: readonly string[] }
  | { kind: 'other' };

export function paramKind(type: TypeExpr, table: DeclTable): ParamKind {
  const t = table.checked.types.get(type);
  if (t === undefined) throw new LoweringError(type.span, 'the checker recorded no param type');
  switch (t.kind) {
    case 'bool':
      return { kind: 'bool' };
    case 'int':
      return t.range === undefined
        ? { kind: 'other' }
        : { kind: 'range', lo: t.range.lo, hi: t.range.hi };
    case 'enum':
      return { kind: 'enum', name: t.name, members: t.members };
    default:
      return { kind: 'other' };
  }
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
