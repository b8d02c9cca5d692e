// Takes a TLC configuration's constant assignments and returns them as engine values
// (model values interned by name). Pure; it does not check that every declared constant
// has a value (the interpreter reports a missing one by name).

import type { TlaConstantValue, TlcConfig } from '../../tla/tla-ast.js';
import { makeSet, modelValue, type Value } from '../values/values.js';

/** One constant's value from the config. */
export function constantValue(c: TlaConstantValue): Value {
  switch (c.kind) {
    case 'modelValues':
      return makeSet(c.names.map(modelValue));
    case 'modelValue':
      return modelValue(c.name);
    case 'int':
      return c.value;
    case 'bool':
      return c.value;
    case 'string':
      return c.value;
  }
}

/** All constants of a config, name -> value, in the config's order. */
export function constantBindings(config: TlcConfig): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const c of config.constants) out.set(c.name, constantValue(c.value));
  return out;
}
