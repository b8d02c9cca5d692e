// The interactive viewer gets the same escaping as the formats: every screen of a result whose
// names, values and spec text carry escape sequences and bidi overrides, on every pane and
// step, shows them as visible escapes and never raw.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeTraceView } from '../../src/cli/commands/trace.js';
import { renderView } from '../../src/cli/viewer/render-view.js';
import { lineText } from '../../src/cli/viewer/styled-line.js';
import { applyKey, initialState, type ViewerState } from '../../src/cli/viewer/viewer-state.js';
import type { ResultFile } from '../../src/result/result-file.js';
import { RAW_CONTROL } from './trace-harness.js';

const file = JSON.parse(
  readFileSync(
    join(process.cwd(), 'test', 'robustness', 'corpus', 'results', 'escapes-in-names.json'),
    'utf8',
  ),
) as ResultFile;
const result = file.results[0]!;

test('every step, full and compact layout: no raw control character on screen', async () => {
  const spec = readFileSync(join(process.cwd(), result.spec), 'utf8');
  const view = await safeTraceView(
    result,
    new Map([[result.spec, `${spec}\n// \u001b[2J\u202e hidden`]]),
  );
  let state: ViewerState = initialState();
  const screens: string[] = [];
  for (let i = 0; i < view.steps.length; i++) {
    for (const size of [
      { columns: 120, rows: 40 },
      { columns: 60, rows: 14 },
    ])
      screens.push(...renderView(view, state, size).map(lineText));
    state = applyKey(view, state, { name: 'down' });
  }
  const all = screens.join('\n');
  expect(all).not.toMatch(RAW_CONTROL);
  expect(all).toContain('a1\\x1b[2J');
});
