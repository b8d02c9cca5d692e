// Which (variant, parameter set) pairs a spec asks for: every variant with its defaults, plus
// each distinct parameter set an `expect` names for it. Takes the root's variants and expectations; returns the list in
// a fixed order (variants as declared, `base` first; parameter sets in expectation order). Pure.

import type { ExpectDecl } from '../syntax/ast.js';
import type { CaseDecls } from './decls.js';
import type { ParamOverrideRequest } from './params.js';
import { variantNames } from './variants.js';

/** One check the spec asks for. */
export interface ExpectedRun {
  readonly variant: string;
  /** The expectation's `with` list (empty: the variant's defaults). */
  readonly params: readonly ParamOverrideRequest[];
  /** The expectations that name exactly this run (possibly none, for a variant's defaults). */
  readonly expects: readonly ExpectDecl[];
  /** `by simulation(...)`: the run is a seeded random simulation with these options. */
  readonly simulate?: SimulationRequest;
}

/** The options of a `by simulation(...)` clause (absent ones take the engine's defaults). */
export interface SimulationRequest {
  readonly seed?: number;
  readonly traces?: number;
  readonly depth?: number;
}

/** The simulation an expectation asks for, or undefined for an exhaustive check. */
export function simulationOf(e: ExpectDecl): SimulationRequest | undefined {
  if (e.search === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const o of e.search.options) if (o.value.kind === 'IntLit') out[o.name.name] = o.value.value;
  return out;
}

function key(variant: string, params: readonly ParamOverrideRequest[]): string {
  const sorted = [...params].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${variant}|${sorted.map((p) => `${p.name}=${typeof p.value === 'string' ? p.value : JSON.stringify(p.value.kind === 'IntLit' || p.value.kind === 'BoolLit' ? p.value.value : p.value.kind === 'NameExpr' ? p.value.name.name : p.value.id)}`).join(',')}`;
}

/** Every run to emit and check: each variant's defaults, then each expectation's parameter set. */
export function expectedRuns(table: CaseDecls): ExpectedRun[] {
  const runs: {
    variant: string;
    params: ParamOverrideRequest[];
    expects: ExpectDecl[];
    simulate?: SimulationRequest;
  }[] = [];
  const byKey = new Map<string, (typeof runs)[number]>();
  for (const v of variantNames(table)) {
    const r = { variant: v, params: [], expects: [] };
    runs.push(r);
    byKey.set(key(v, []), r);
  }
  for (const e of table.expects) {
    const params = e.params.map((p) => ({ name: p.name.name, value: p.value, span: p.span }));
    const simulate = simulationOf(e);
    const k =
      key(e.variant.name, params) +
      (simulate === undefined ? '' : `|simulate ${JSON.stringify(simulate)}`);
    const existing = byKey.get(k);
    if (existing !== undefined) existing.expects.push(e);
    else {
      const r = {
        variant: e.variant.name,
        params,
        expects: [e],
        ...(simulate !== undefined ? { simulate } : {}),
      };
      runs.push(r);
      byKey.set(k, r);
    }
  }
  return runs;
}
