// Builds an executable module with its SYMMETRY set bounded. A set written
// `Permutations(A) \cup Permutations(B) ...` (what the lowering emits for `symmetric` threads)
// is read from A and B alone and reduced by a canonical form (symmetry-canonical.ts), whatever
// the number of threads, so no limit applies to it. Any other symmetry set is evaluated and the
// group it generates enumerated, and each state costs one permuted copy per member: with more
// than 7! = 5040 members the reduction costs more per state than it saves and building the group
// alone can exhaust the heap. Past that limit the module is built without its symmetry set and
// the run says so; below it nothing changes, so the distinct-state counts stay TLC's.

import type { TlcConfig } from '../../tla/tla-ast.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import { PermutationsTooLarge, withPermutationLimit } from '../values/permutation-limit.js';

/** The most permutations an enumerated symmetry group (the product of all its groups) may have: 7!. */
export const SYMMETRY_GROUP_LIMIT = 5040;

/** A module, and why its symmetry set was left out when it was. */
export interface BoundedModule {
  readonly module: ExecutableModule;
  /** One line for the user: the symmetry reduction is off, and why. */
  readonly symmetryDropped?: string;
  /** The configuration the module was built with (without the symmetry set when it was dropped). */
  readonly config: TlcConfig;
}

/**
 * Builds the module for `config` with `build` (the compiled factory or the interpreter), reading
 * the symmetry set under SYMMETRY_GROUP_LIMIT; a larger group is dropped with a note. A refusal
 * that does not come from the symmetry set (it recurs without it) is left to the general limit.
 */
export function buildWithBoundedSymmetry(
  build: (config: TlcConfig) => ExecutableModule,
  config: TlcConfig,
): BoundedModule {
  if (config.symmetry === undefined) return { module: build(config), config };
  let refusal: PermutationsTooLarge;
  try {
    return { module: withPermutationLimit(SYMMETRY_GROUP_LIMIT, () => build(config)), config };
  } catch (err) {
    if (!(err instanceof PermutationsTooLarge)) throw err;
    refusal = err;
  }
  const without: TlcConfig = { ...config, symmetry: undefined };
  try {
    const module = withPermutationLimit(SYMMETRY_GROUP_LIMIT, () => build(without));
    return { module, config: without, symmetryDropped: droppedNote(refusal) };
  } catch (err) {
    if (!(err instanceof PermutationsTooLarge)) throw err;
    return { module: build(config), config };
  }
}

/** How many orderings the refused group has, in numbers: `8! = 40320`, or `more than 5040`. */
function orderings(refusal: PermutationsTooLarge): string {
  const exact = /has (\d+! = \S+) members/.exec(refusal.description)?.[1];
  return exact ?? `more than ${refusal.limit}`;
}

function droppedNote(refusal: PermutationsTooLarge): string {
  return (
    `symmetry reduction is off for this check: its \`symmetric\` threads have ${orderings(refusal)} orderings, more than the ${SYMMETRY_GROUP_LIMIT} (7!) ` +
    'a reduction that lists them may have; the search runs without it, so it visits every ordering of the symmetric threads and its ' +
    "distinct-state count is not comparable with a run that reduces by symmetry (TLC's)"
  );
}
