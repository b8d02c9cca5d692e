// Prints a TlcConfig as the text of a TLC `.cfg` file.
// Takes one configuration; returns its text; writes no files. Same config, same bytes: the
// order of constants, invariants and properties is the order the config lists them in.

import type { TlaConstantValue, TlcConfig } from './tla-ast.js';

// TLC reads .cfg strings with the same escapes as TLA+ string literals.
function cfgString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}"`;
}

function printValue(v: TlaConstantValue): string {
  switch (v.kind) {
    case 'modelValues':
      return `{${v.names.join(', ')}}`;
    case 'modelValue':
      return v.name;
    case 'int':
      if (!Number.isSafeInteger(v.value))
        throw new Error(`cfg printer: ${v.value} is not an integer TLC can hold`);
      return String(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'string':
      return cfgString(v.value);
  }
}

/**
 * The `.cfg` text: CONSTANTS (model values as `Caller = {caller1, caller2}` and `None = None`),
 * SPECIFICATION, one INVARIANT and PROPERTY line each, SYMMETRY when set, and CHECK_DEADLOCK
 * always written out so the file says which way deadlock is treated.
 */
export function printCfg(config: TlcConfig): string {
  const out: string[] = [];
  if (config.constants.length > 0) {
    out.push('CONSTANTS');
    for (const c of config.constants) out.push(`    ${c.name} = ${printValue(c.value)}`);
    out.push('');
  }
  out.push(`SPECIFICATION ${config.specification}`);
  if (config.invariants.length > 0) {
    out.push('');
    for (const inv of config.invariants) out.push(`INVARIANT ${inv}`);
  }
  if (config.properties.length > 0) {
    out.push('');
    for (const p of config.properties) out.push(`PROPERTY ${p}`);
  }
  if (config.symmetry !== undefined) {
    out.push('');
    out.push(`SYMMETRY ${config.symmetry}`);
  }
  out.push('');
  out.push(`CHECK_DEADLOCK ${config.checkDeadlock ? 'TRUE' : 'FALSE'}`);
  return out.join('\n') + '\n';
}
