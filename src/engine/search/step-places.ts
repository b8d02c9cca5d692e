// Where the search meets an action's steps: which parameter value a successor was generated
// for, and which (action, parameter) pairs a fairness instance's steps fall on.

import type { ExecutableModule } from '../evaluation/module-api.js';
import { type Value, valueEquals } from '../values/values.js';

/** Index of `param` in an action's parameter values (0 for a parameterless action). */
export function paramIndex(values: readonly Value[], param: Value | undefined): number {
  if (param === undefined) return 0;
  const i = values.indexOf(param);
  if (i >= 0) return i;
  const k = values.findIndex((v) => valueEquals(v, param));
  if (k < 0)
    throw new Error(
      "internal: a successor carries a parameter value outside its action's parameter set",
    );
  return k;
}

/**
 * Where the steps of a fairness instance described by actions fall: (action, parameter
 * index) pairs the search enumerates. Undefined when some action of the description (by
 * name) has no pair the search enumerates: then its steps are not all computed by the search.
 */
export function placeSteps(
  module: ExecutableModule,
  steps: readonly { readonly index: number; readonly param: Value | undefined }[],
): [number, number][] | undefined {
  const out: [number, number][] = [];
  const wanted = new Set<string>();
  const found = new Set<string>();
  for (const st of steps) {
    const a = module.actions[st.index];
    if (a === undefined) return undefined;
    wanted.add(a.name);
    const param = st.param;
    let pi: number;
    if (param === undefined) pi = a.paramName === undefined ? 0 : -1;
    else
      pi = a.paramName === undefined ? -1 : a.paramValues.findIndex((v) => valueEquals(v, param));
    if (pi < 0) continue;
    out.push([st.index, pi]);
    found.add(a.name);
  }
  for (const name of wanted) if (!found.has(name)) return undefined;
  return out;
}
