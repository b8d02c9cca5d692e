// The definition named at each line of an emitted module, on every shipped spec the quick suite
// leaves out (definition-at-line-check.ts).

import { expectLinesNamed, FULL_SPECS } from './definition-at-line-check.js';

test.each(FULL_SPECS)(
  '%s: every line of every emitted module names the printed definition',
  (spec) => expectLinesNamed(spec),
);
