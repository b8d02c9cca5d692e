// The definition named at each line of an emitted module, on the smallest shipped spec (the
// others are in definition-at-line.full.test.ts; definition-at-line-check.ts says why).

import { expectLinesNamed, QUICK_SPECS } from './definition-at-line-check.js';

test.each(QUICK_SPECS)(
  '%s: every line of every emitted module names the printed definition',
  (spec) => expectLinesNamed(spec),
);
