// Every parameter set a variant's declared ranges allow: the cartesian product of each param's
// values (bool: false, true; a range lo..hi: every integer; an enum: its members in declared
// order). A range bound may name an earlier param, so values are chosen in declaration order
// and each range is evaluated under the choices before it. A `sweep` block of the spec narrows a
// param to the declared values it lists (the declared range still bounds it, so a bound that
// names an earlier param still applies). Pure.

import type { DeclTable } from '../model/decls.js';
import type { Decl, Expr, SweepEntry } from '../syntax/ast.js';
import { unparen } from '../syntax/visit.js';
import { paramKind } from '../check/resolve-params.js';
import { LoweringError } from '../model/lowering-error.js';
import { evalConst, type ParamSet, type ParamValue } from '../model/params.js';

/** A param's values, or why the sweep cannot list them (a type it cannot enumerate). */
type Values =
  | { readonly ok: true; readonly values: readonly ParamValue[] }
  | { readonly ok: false; readonly problem: string };

/** The values param number `index` may take once the params before it are chosen. */
function valuesOf(table: DeclTable, index: number, chosen: ParamSet): Values {
  const p = table.params[index];
  if (p === undefined) return { ok: false, problem: `no param number ${index}` };
  const k = paramKind(p.type, table);
  if (k === undefined) throw new LoweringError(p.type.span, 'the checker recorded no param type');
  switch (k.kind) {
    case 'bool':
      return { ok: true, values: [false, true] };
    case 'enum':
      return { ok: true, values: k.members };
    case 'range': {
      const lo = evalConst(k.lo, table, chosen);
      const hi = evalConst(k.hi, table, chosen);
      if (typeof lo !== 'number' || typeof hi !== 'number')
        return { ok: false, problem: `the range of param ${p.name.name} is not a constant` };
      return {
        ok: true,
        values: Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i),
      };
    }
    case 'other':
      return { ok: false, problem: `param ${p.name.name} has a type a sweep cannot enumerate` };
  }
}

/**
 * The `sweep` entries that apply to `variant`, by param name: the block without a variant, then
 * the variant's own block, whose entries win param by param.
 */
export function sweepEntries(decls: readonly Decl[], variant: string): Map<string, SweepEntry> {
  const out = new Map<string, SweepEntry>();
  for (const own of [false, true])
    for (const d of decls)
      if (
        d.kind === 'SweepDecl' &&
        (d.variant === undefined ? !own : own && d.variant.name === variant)
      )
        for (const e of d.entries) out.set(e.name.name, e);
  return out;
}

/** Whether `value` is among the values a sweep entry lists. */
function listed(table: DeclTable, entry: SweepEntry, chosen: ParamSet, value: ParamValue): boolean {
  const v = unparen(entry.values);
  const of = (e: Expr): ParamValue | undefined => evalConst(e, table, chosen);
  if (entry.form === '=') return of(v) === value;
  if (v.kind === 'SetLit') return v.elements.some((e) => of(e) === value);
  if (v.kind === 'BinaryExpr' && v.op === '..') {
    const lo = of(v.left);
    const hi = of(v.right);
    return typeof value === 'number' && typeof lo === 'number' && typeof hi === 'number'
      ? lo <= value && value <= hi
      : false;
  }
  throw new LoweringError(entry.span, 'the checker let through a sweep entry it cannot list');
}

/** One parameter set, with each value's position among its param's values (for ordering). */
export interface RankedSet {
  readonly params: ParamSet;
  readonly ranks: readonly number[];
}

/** Every parameter set of `table` (a variant's table), or the first reason it cannot be listed. */
export function paramSpace(
  table: DeclTable,
  narrowed: ReadonlyMap<string, SweepEntry> = new Map(),
): { ok: true; sets: RankedSet[] } | { ok: false; problem: string } {
  let partial: RankedSet[] = [{ params: {}, ranks: [] }];
  for (let i = 0; i < table.params.length; i++) {
    const name = table.params[i]?.name.name ?? '';
    const next: RankedSet[] = [];
    for (const chosen of partial) {
      const values = valuesOf(table, i, chosen.params);
      if (!values.ok) return values;
      const entry = narrowed.get(name);
      values.values.forEach((v, rank) => {
        if (entry === undefined || listed(table, entry, chosen.params, v))
          next.push({ params: { ...chosen.params, [name]: v }, ranks: [...chosen.ranks, rank] });
      });
    }
    partial = next;
  }
  return { ok: true, sets: partial };
}
