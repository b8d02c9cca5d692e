// The breaking state as plain lines, which every format ends with (before a deadlock's wait-for
// picture): the property's false parts with their operands' values, then the values the property
// reads. Takes a result; pure. A result file written before the state was recorded gets none.

import type { VariantResult } from '../../result/result-file.js';
import type { FalsePart } from '../../result/breaking-state.js';
import { formatValue } from './value-text.js';

function partLines(part: FalsePart): string[] {
  const where = Object.entries(part.where)
    .map(([k, v]) => `${k} = ${formatValue(v)}`)
    .join(', ');
  return [
    `  false: ${part.expression}${where === '' ? '' : `   (where ${where})`}`,
    ...part.operands.map((o) => `         ${o.expression} is ${formatValue(o.value)}`),
  ];
}

/** `state 9, where sc_atomic is false`: which state the block shows and why. */
function heading(result: VariantResult, step: number): string {
  if (result.verdict === 'deadlock') return `breaking state: state ${step}, the deadlock`;
  const name = result.property ?? 'the property';
  return `breaking state: state ${step}, where ${name} is false`;
}

/** The lines of the breaking state; empty when the result records none. */
export function breakingLines(result: VariantResult): readonly string[] {
  const b = result.breakingState;
  if (b === undefined) return [];
  const values = Object.entries(b.values);
  return [
    heading(result, b.step),
    ...b.falseParts.flatMap(partLines),
    ...(values.length === 0
      ? []
      : [
          result.verdict === 'deadlock'
            ? '  every variable:'
            : `  what ${result.property ?? 'it'} reads:`,
          ...values.map(([k, v]) => `    ${k} = ${formatValue(v)}`),
        ]),
  ];
}
