// An engine's evaluation error in the spec's words: what went wrong said as the language says
// it (`head` of an empty sequence, an index outside a map's keys), the spec's expression it
// happened in with its file:line:col, the values of the bound variables it is under (`with t =
// other1`) and its operands' values in the state it was met in, and
// the step or property being evaluated. Both engines give TLC's words and name the definition
// (the embedded engine by name, TLC by a position in the module); the expression is found by
// evaluating the definition's parts on the trace's last state (src/engine/run/locate-error.ts).

import type { BuiltCase } from '../emit/build-case.js';
import { locateEvalError } from '../engine/index.js';
import type { TlaState } from '../result/tla-value.js';
import { formatLocation } from '../source/span.js';
import { parseTlaLocation } from '../tlc/index.js';
import { formatValue } from '../trace/formats/value-text.js';
import { definitionAtLine } from './definition-at-line.js';

/** TLC's first line of each failure the spec can reach, and the language's words for it. */
const WORDS: readonly (readonly [RegExp, (m: RegExpMatchArray) => string])[] = [
  [/^Attempted to apply function:/, () => 'an index outside the keys of the map or sequence'],
  [
    /^Attempted to access index -?\d+ of tuple/,
    () => 'an index outside the keys of the map or sequence',
  ],
  [/^Attempted to apply Head to the empty sequence/, () => '`head` of an empty sequence'],
  [/^Attempted to apply Tail to the empty sequence/, () => '`tail` of an empty sequence'],
  [
    /^Attempted to compute the value of an expression of form CHOOSE/,
    () => 'no element to choose: none satisfies the condition',
  ],
  [
    /^Overflow: the integer (-?\d+)/,
    (m) => `the integer ${m[1]} is outside the checker's range (-2147483648..2147483647)`,
  ],
  [/^The second argument of \\div is 0/, () => 'division by zero'],
  [/^The second argument of % should be a positive number/, () => '`mod` by a number below 1'],
  [
    /^Attempted to access field (\S+) of .*which has no such field/,
    (m) => `the record has no field \`${m[1]}\``,
  ],
  [
    /^Attempted to check equality of (\w[\w ]*?) .* with non-/,
    (m) => `a ${m[1]} compared with a value of another kind`,
  ],
  [/^Attempted to evaluate a CASE with no arm enabled/, () => 'no branch applies'],
  [
    /^The interval (-?\d+)\.\.(-?\d+) has (\d+) members, more than the (\d+)/,
    (m) =>
      `the range ${m[1]}..${m[2]} has ${m[3]} members, more than the ${m[4]} a check enumerates`,
  ],
  [
    /^SUBSET of a set with (\d+) elements is too large/,
    (m) => `the subsets of a set of ${m[1]} members number 2^${m[1]}, more than a check enumerates`,
  ],
  [
    /^Permutations of a set with (\d+) elements has \d+! = (\S+) members, more than the (\d+)/,
    (m) =>
      `the ${m[1]} threads of a \`symmetric\` group have ${m[1]}! = ${m[2]} orderings, more than the ${m[3]} a check enumerates`,
  ],
  [
    /^The group the symmetry set \S+ generates has more than (\d+) members/,
    (m) =>
      `the threads of the \`symmetric\` groups have more than ${m[1]} orderings, more than a check enumerates`,
  ],
  [
    /^The argument of (SUBSET|Permutations) should be a set, but is the (.*)\.$/,
    (m) =>
      m[1] === 'SUBSET'
        ? `the subsets of a value that is not a set: the ${m[2]}`
        : `the threads of a \`symmetric\` group are not a set: the ${m[2]}`,
  ],
  [
    /^(The symmetry set \S+ is not a set|The argument of Permutations in \S+ is not a set|The symmetry set \S+ permutes values that are not model values)/,
    () => 'symmetry reduction applies only to the threads of `symmetric` process groups',
  ],
];

/** The failure itself: without TLC's `Evaluating invariant X failed.` line and the engine's `(while evaluating X)`. */
function failure(message: string): string {
  return message
    .replace(/^Evaluating [^\n]* failed\.?\n/, '')
    .replace(/ \(while evaluating [^)]*\)$/, '');
}

/** The language's words for an engine message; the message itself when it has none. */
export function errorWords(message: string): string {
  for (const [re, say] of WORDS) {
    const m = message.replace(/\n/g, ' ').match(re);
    if (m !== null) return say(m);
  }
  return message;
}

/**
 * Which errors the embedded engine meets while locating `message` are the same failure: the same
 * first line, or the same words when the language has words for it (TLC words some failures
 * otherwise than the embedded engine: `Attempted to access index 2 of tuple`).
 */
function sameFailure(message: string): (met: string) => boolean {
  const said = failure(message);
  const first = (said.split('\n')[0] ?? '').trim();
  const words = errorWords(said);
  return (met) => met === first || (words !== said && errorWords(met) === words);
}

/**
 * An engine error in the spec's words, located in the spec. `state`: the state the error was
 * met in (the trace's last), when the result has one.
 */
export function errorInSpecTerms(
  built: BuiltCase,
  error: { readonly message: string; readonly tlaLocation?: string },
  state?: TlaState,
): string {
  let defName: string | undefined;
  const position = error.tlaLocation !== undefined ? parseTlaLocation(error.tlaLocation) : null;
  if (position !== null) {
    defName = definitionAtLine(built.tlaText, position.line);
  } else {
    defName = built.emitted.module.defs
      .map((d) => d.name)
      .find((name) => new RegExp(`\\b${name}\\b`).test(error.message));
  }
  const origin = built.emitted.module.defs.find((d) => d.name === defName)?.origin;
  const words = errorWords(failure(error.message));
  // Nowhere in the spec to point at: the language's words when it has some, else the engine's whole message.
  if (origin === undefined || defName === undefined)
    return words === failure(error.message) ? error.message : words;
  const where = formatLocation(origin.span);
  const site =
    state === undefined
      ? undefined
      : locateEvalError(built, state, defName, failure(error.message), sameFailure(error.message));
  if (site === undefined) return `${words} (in ${origin.what}, ${where})`;
  const operands = site.operands
    .filter((o) => o.expression !== site.text)
    .map((o) => `; ${o.expression} is ${formatValue(o.value)}`)
    .join('');
  const bindings =
    site.bindings.length === 0
      ? ''
      : ` with ${site.bindings.map((b) => `${b.name} = ${formatValue(b.value)}`).join(', ')}`;
  const thread = site.thread === undefined ? '' : `, thread ${site.thread}`;
  return `${words}: \`${site.text}\` at ${formatLocation(site.span)}${bindings}${operands} (in ${origin.what}, ${where}${thread})`;
}
