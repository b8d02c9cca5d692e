// The `json` trace format: the selected result exactly as the result file holds it, so a
// script can pick one result out of a many-result file. Pure; adds and drops no field.

import type { VariantResult } from '../../result/result-file.js';

/** The result as indented JSON with a final newline. */
export function formatJsonTrace(result: VariantResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
