// Invalid specs, one mistake each, with the diagnostic a user must see: code, message, the exact
// line and column, and the hint when there is one. invalid-specs.test.ts runs them; codes.test.ts
// checks that every code of the checker's bands appears here or in BUILT_TREE_CODES.

import { CONTROL_MACRO_CASES } from './cases-control-macros.js';
import { NAME_TYPE_CASES } from './cases-names-types.js';
import { STEP_CASES } from './cases-steps.js';
import { VARIANT_PROPERTY_CASES } from './cases-variants-properties.js';
import type { InvalidCase } from './invalid-case.js';

/**
 * Codes the grammar never lets through from source text, tested on hand-built trees in
 * built-trees.test.ts (`violates deadlock`: `deadlock` is a keyword, so only a tree made another
 * way can name it as a property).
 */
export const BUILT_TREE_CODES: readonly string[] = ['CS5011'];

/** Codes raised outside the checker and tested where they arise: CS5016 (an unknown `--variant`) in test/cli/check.test.ts. */
// CS5021-CS5023 (no process, no thread, too many threads): test/robustness/hostile-specs.full.test.ts.
// CS5024 (an enumerated range past the engine's limit): test/robustness/huge-values.full.test.ts.
// CS4103 (a folded step racing with another thread's step): test/check/granularity.test.ts.
// CS5025-CS5027 (bad sweep blocks): test/sweep/sweep-block.test.ts.
export const TESTED_ELSEWHERE: readonly string[] = [
  'CS4103',
  'CS5016',
  'CS5021',
  'CS5022',
  'CS5023',
  'CS5024',
  'CS5025',
  'CS5026',
  'CS5027',
];

export const INVALID_CASES: readonly InvalidCase[] = [
  ...NAME_TYPE_CASES,
  ...STEP_CASES,
  ...VARIANT_PROPERTY_CASES,
  ...CONTROL_MACRO_CASES,
];
