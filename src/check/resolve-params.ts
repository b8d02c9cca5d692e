// One case's parameter set, the step between checking and lowering: the value of every `param`
// from the variant's defaults and the overrides of an expectation or the command line, each
// checked against the param's type, and each process group's size under that set. These are the
// mistakes only a case shows (a `--param` naming no param or not fitting its type, a group size
// that comes out negative under the chosen values), so they are located diagnostics here and
// lowering, which requires a ResolvedCase, has none left to report. Pure.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import type { Expr, ParamDecl, ProcessDecl, TypeExpr } from '../syntax/ast.js';
import type { CheckedProgram } from './check.js';
import { evalConst, fromParamSet, type ParamSet, type ParamValue } from './const-eval.js';

/** One requested override: from an expectation (an expression) or the command line (text). */
export interface ParamOverrideRequest {
  readonly name: string;
  readonly value: Expr | string;
  readonly span: Span;
}

/** What a case's params are resolved from: a variant's declarations (lowering's DeclTable is one). */
export interface CaseParamDecls {
  /** The checker's tables: constant expressions and param types are read through them. */
  readonly checked: CheckedProgram;
  readonly params: readonly ParamDecl[];
  /** Param defaults after the variant's `param NAME = value` lines. */
  readonly paramDefaults: ReadonlyMap<string, Expr>;
  readonly processes: readonly ProcessDecl[];
}

/** The caller's way to fail on tables that do not match the tree (a checker bug, not the user's). */
export type Inconsistent = (span: Span, detail: string) => never;

export interface ResolvedParams {
  readonly values: ParamSet;
  /** The overrides that differ from the variant's defaults (what the config file name lists). */
  readonly overrides: ParamSet;
}

/** How many threads a group starts with and how many spare slots `clone` may fill. */
export interface GroupSize {
  readonly born: number;
  readonly spare: number;
}

/** A case whose params all fit their types and whose group sizes are natural numbers. */
export interface ResolvedCase<D extends CaseParamDecls> {
  readonly decls: D;
  readonly params: ResolvedParams;
  /** Each process group's size under `params`, by group name. */
  readonly groupSizes: ReadonlyMap<string, GroupSize>;
}

export type ResolveResult<D extends CaseParamDecls> =
  | { readonly ok: true; readonly resolved: ResolvedCase<D> }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The param type as params need it, read from the checker's type of the declared type. */
export type ParamKind =
  | { kind: 'bool' }
  | { kind: 'range'; lo: Expr; hi: Expr }
  | { kind: 'enum'; name: string; members: readonly string[] }
  | { kind: 'other' };

/** Evaluates constant expressions under a (partly known) parameter set; an unresolved name is inconsistent. */
type Eval = (expr: Expr, known: ParamSet) => ParamValue | undefined;

function evaluator(checked: CheckedProgram, inconsistent: Inconsistent): Eval {
  return (expr, known) =>
    evalConst(expr, checked.symbols, fromParamSet(known), (e) =>
      inconsistent(e.span, `the checker resolved no symbol for \`${e.name.name}\``),
    );
}

/** The kind of param type `type`, or undefined when the checker recorded no type for it. */
export function paramKind(
  type: TypeExpr,
  decls: { readonly checked: CheckedProgram },
): ParamKind | undefined {
  const t = decls.checked.types.get(type);
  if (t === undefined) return undefined;
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
function typeText(k: ParamKind, ev: Eval, known: ParamSet): string {
  switch (k.kind) {
    case 'bool':
      return 'bool';
    case 'range': {
      const lo = ev(k.lo, known);
      const hi = ev(k.hi, known);
      return typeof lo === 'number' && typeof hi === 'number' ? `${lo}..${hi}` : 'an integer range';
    }
    case 'enum':
      return k.name;
    case 'other':
      return 'an unsupported type';
  }
}

/** Reads a command-line value: `true`/`false`, a decimal or hex integer, or a name (enum member). */
function parseParamText(text: string): ParamValue {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?\d+$/.test(t)) return Number.parseInt(t, 10);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return Number.parseInt(t.slice(2), 16);
  return t;
}

/** Whether `value` fits a param of kind `k` under the (partly known) set `known`. */
function fits(k: ParamKind, value: ParamValue, ev: Eval, known: ParamSet): boolean {
  switch (k.kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && k.members.includes(value);
    case 'range': {
      if (typeof value !== 'number') return false;
      const lo = ev(k.lo, known);
      const hi = ev(k.hi, known);
      return (typeof lo !== 'number' || value >= lo) && (typeof hi !== 'number' || value <= hi);
    }
    case 'other':
      return true;
  }
}

/** An error about the param named `name`, at `span`. */
function paramError(code: 'CS5006' | 'CS5010', span: Span, name: string): Diagnostic {
  return { code, severity: 'error', span, args: { name } };
}

/** The values being collected, with the diagnostics found so far. */
interface Collected {
  readonly values: Record<string, ParamValue>;
  readonly defaults: Record<string, ParamValue>;
  readonly overrides: Record<string, ParamValue>;
  readonly diagnostics: Diagnostic[];
}

/** Defaults first, in declaration order, so a range bound may use an earlier param; then the requests. */
function collect(
  decls: CaseParamDecls,
  requests: readonly ParamOverrideRequest[],
  ev: Eval,
): Collected {
  const c: Collected = { values: {}, defaults: {}, overrides: {}, diagnostics: [] };
  for (const p of decls.params) {
    const e = decls.paramDefaults.get(p.name.name) ?? p.default;
    const v = ev(e, c.values);
    if (v === undefined) {
      c.diagnostics.push(paramError('CS5010', e.span, p.name.name));
      continue;
    }
    c.values[p.name.name] = v;
    c.defaults[p.name.name] = v;
  }
  for (const r of requests) {
    if (!decls.params.some((p) => p.name.name === r.name)) {
      c.diagnostics.push(paramError('CS5006', r.span, r.name));
      continue;
    }
    const v = typeof r.value === 'string' ? parseParamText(r.value) : ev(r.value, c.values);
    if (v === undefined) {
      c.diagnostics.push(paramError('CS5010', r.span, r.name));
      continue;
    }
    c.values[r.name] = v;
    c.overrides[r.name] = v;
  }
  return c;
}

/** A CS5007 for every param whose value does not fit its type, at the request or the default that gave it. */
function checkFits(
  decls: CaseParamDecls,
  requests: readonly ParamOverrideRequest[],
  ev: Eval,
  c: Collected,
  inconsistent: Inconsistent,
): void {
  for (const p of decls.params) {
    const v = c.values[p.name.name];
    if (v === undefined) continue;
    const k =
      paramKind(p.type, decls) ?? inconsistent(p.type.span, 'the checker recorded no param type');
    if (fits(k, v, ev, c.values)) continue;
    const req = requests.find((r) => r.name === p.name.name);
    c.diagnostics.push({
      code: 'CS5007',
      severity: 'error',
      span: req?.span ?? (decls.paramDefaults.get(p.name.name) ?? p.default).span,
      args: { value: String(v), name: p.name.name, type: typeText(k, ev, c.values) },
    });
  }
}

/** A group's thread count and spare slots under `values`; a count that is not a natural number is CS5010. */
function groupSize(
  proc: ProcessDecl,
  ev: Eval,
  values: ParamSet,
  diagnostics: Diagnostic[],
): GroupSize {
  const count = ev(proc.count, values);
  if (typeof count !== 'number' || count < 0) {
    diagnostics.push({
      code: 'CS5010',
      severity: 'error',
      span: proc.count.span,
      args: { name: `${proc.name.name} (thread count)` },
    });
  }
  let spare: ParamValue | undefined = 0;
  if (proc.spare !== undefined) {
    spare = ev(proc.spare, values);
    if (typeof spare !== 'number' || spare < 0) {
      diagnostics.push({
        code: 'CS5010',
        severity: 'error',
        span: proc.spare.span,
        args: { name: `${proc.name.name} (spare slots)` },
      });
    }
  }
  return {
    born: typeof count === 'number' && count > 0 ? count : 0,
    spare: typeof spare === 'number' && spare > 0 ? spare : 0,
  };
}

/**
 * The case of `decls` (a variant's declarations, its defaults already applied) under `requests`,
 * params in declaration order. Unknown params, values that do not fit and group sizes that are
 * not natural numbers are located diagnostics; tables that do not match the tree go to `inconsistent`.
 */
export function resolveCase<D extends CaseParamDecls>(
  decls: D,
  requests: readonly ParamOverrideRequest[],
  inconsistent: Inconsistent,
): ResolveResult<D> {
  const ev = evaluator(decls.checked, inconsistent);
  const c = collect(decls, requests, ev);
  checkFits(decls, requests, ev, c, inconsistent);
  if (c.diagnostics.length > 0) return { ok: false, diagnostics: c.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const groupSizes = new Map<string, GroupSize>();
  for (const proc of decls.processes)
    groupSizes.set(proc.name.name, groupSize(proc, ev, c.values, diagnostics));
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const differing: Record<string, ParamValue> = {};
  for (const [n, v] of Object.entries(c.overrides)) if (c.defaults[n] !== v) differing[n] = v;
  return {
    ok: true,
    resolved: { decls, params: { values: c.values, overrides: differing }, groupSizes },
  };
}
