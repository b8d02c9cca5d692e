// Takes the text of a TLA+ module or its TLC config and returns the few facts the output reader
// needs that TLC does not print: action parameter names (TLC prints only the values) and the
// config's property names (TLC 1.7.4 does not name a violated temporal property). Pure.

import { at } from '../source/checked-index.js';
import { CFG_KEYWORDS } from './distributed-config.js';

/** Operator name to its parameter names, in order. */
export type ActionParameterNames = ReadonlyMap<string, readonly string[]>;

// A definition starts a line: `Name(p1, p2) ==`. Operator parameters of higher order
// (`F(_, _)`) and infix definitions are not action parameters and are skipped.
const DEFINITION = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(([^()]*)\)[ \t]*==/gm;

/** Reads every `Name(p, q) ==` definition of the module. Comments are not stripped; a
 * definition inside a comment block would be listed too, which is harmless for label lookup. */
export function readActionParameters(moduleText: string): ActionParameterNames {
  const names = new Map<string, readonly string[]>();
  for (const m of moduleText.matchAll(DEFINITION)) {
    const name = at(m, 1, 'a definition name');
    const params = at(m, 2, 'its parameters')
      .split(',')
      .map((p) => p.trim());
    if (params.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) && !names.has(name))
      names.set(name, params);
  }
  return names;
}

/**
 * Names for an action's argument values: the module's parameter names when the definition
 * was found with as many parameters, else positional names `p1`, `p2`, ...
 */
export function nameArguments<T>(
  action: string,
  values: readonly T[],
  names?: ActionParameterNames,
): Record<string, T> {
  const declared = names?.get(action);
  const out: Record<string, T> = {};
  values.forEach((v, i) => {
    const name =
      declared && declared.length === values.length
        ? at(declared, i, 'a parameter name')
        : `p${i + 1}`;
    out[name] = v;
  });
  return out;
}

/** The names listed after PROPERTY/PROPERTIES in a TLC config, in order. */
export function readConfigProperties(cfgText: string): string[] {
  const words = cfgText
    .replace(/\\\*.*$/gm, '')
    .replace(/\(\*[\s\S]*?\*\)/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const names: string[] = [];
  let inProperties = false;
  for (const w of words) {
    if (CFG_KEYWORDS.has(w)) {
      inProperties = w === 'PROPERTY' || w === 'PROPERTIES';
      continue;
    }
    if (inProperties && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) names.push(w);
  }
  return names;
}
