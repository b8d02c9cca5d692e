// A trace's states cut into leaves for the essential-steps slice: a variable, or one entry of a
// function-valued variable whose domain stays the same along the trace (`cred[caller1]`,
// `pc[caller2]`). Reading and writing one leaf of a state.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import {
  functionDomain,
  functionValues,
  isFunction,
  makeFcn,
  type Value,
  valueEquals,
} from '../values/values.js';
import { INTERNAL_NAMES } from '../../tla/names.js';

/** A piece of state: variable `variable`, or its entry at position `entry` of its (fixed) domain. */
export interface Leaf {
  readonly variable: number;
  readonly entry: number | undefined;
  /** A thread's label: where a thread is, not data it computed with. */
  readonly control: boolean;
}

/** The leaves of the trace's states; the call stack is none. */
export function leavesOf(module: ExecutableModule, states: readonly State[]): Leaf[] {
  const out: Leaf[] = [];
  module.variables.forEach((name, variable) => {
    if (name === INTERNAL_NAMES.stack) return;
    const control = name === INTERNAL_NAMES.pc;
    const values = states.map((s) => s[variable] as Value);
    const first = values[0] as Value;
    if (isFunction(first)) {
      const domain = functionDomain(first);
      const same = values.every(
        (v) =>
          isFunction(v) &&
          functionDomain(v).length === domain.length &&
          functionDomain(v).every((d, i) => valueEquals(d, domain[i] as Value)),
      );
      if (same && domain.length > 0) {
        for (let entry = 0; entry < domain.length; entry++) out.push({ variable, entry, control });
        return;
      }
    }
    out.push({ variable, entry: undefined, control });
  });
  return out;
}

export function read(s: State, leaf: Leaf): Value {
  const v = s[leaf.variable] as Value;
  if (leaf.entry === undefined || !isFunction(v)) return v;
  return functionValues(v)[leaf.entry] as Value;
}

export function write(s: State, leaf: Leaf, value: Value): State {
  const out = s.slice();
  const v = s[leaf.variable] as Value;
  if (leaf.entry === undefined || !isFunction(v)) out[leaf.variable] = value;
  else {
    const values = functionValues(v).slice();
    values[leaf.entry] = value;
    out[leaf.variable] = makeFcn(functionDomain(v), values);
  }
  return out;
}
