// Values and parameter sets as the spec writes them, for every trace format and the viewer.
// Takes result-file values (ITF-like JSON); returns one-line text. Never reorders set elements
// or record fields: the result file's order is the order shown, so output stays deterministic.

import type { DslValue } from '../../result/result-file.js';

/** A value in the spec's notation: `{caller1, caller2}`, `<<1, 2>>`, `{ done: true }`; null is `none`. */
export function formatValue(value: DslValue | null): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `<<${value.map(formatValue).join(', ')}>>`;
  const obj = value as Readonly<Record<string, unknown>>;
  if ('#bigint' in obj) return String(obj['#bigint']);
  if ('#mv' in obj) return String(obj['#mv']);
  if ('#set' in obj) return `{${(obj['#set'] as DslValue[]).map(formatValue).join(', ')}}`;
  if ('#map' in obj) {
    const pairs = obj['#map'] as readonly (readonly [DslValue, DslValue])[];
    return `[${pairs.map(([k, v]) => `${formatValue(k)} |-> ${formatValue(v)}`).join(', ')}]`;
  }
  const fields = Object.keys(obj).map((k) => `${k}: ${formatValue(obj[k] as DslValue)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** What a change shows for a variable that does not exist on that side (a frame not yet or no longer live). */
export const UNSET = '(unset)';

/** `before -> after` of one change. */
export function formatChange(change: {
  readonly before: DslValue | null;
  readonly after: DslValue | null;
}): string {
  const side = (v: DslValue | null): string => (v === null ? UNSET : formatValue(v));
  return `${side(change.before)} -> ${side(change.after)}`;
}
