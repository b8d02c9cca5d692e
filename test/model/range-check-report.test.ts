// When the built-in check `out_of_range` is violated, the trace names the variable that left its
// range and its declaration, and `check` and `ci` print them under the verdict.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText } from './helpers.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { rangeSuspects } from '../../src/trace/range-suspects.js';
import { formatViolation } from '../../src/driver/report-text.js';
import { sourceMapText } from '../../src/emit/source-map.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VariantResult } from '../../src/result/result-file.js';
import { b16 } from './range-specs.js';

describe('out_of_range', () => {
  test('the trace names the variable that left its range and its declaration', async () => {
    const text =
      'spec multi\nthread var c: 0..1 = 0\nshared var m: 0..5 = 0\nprocess W[2] {\n  s: atomic {\n    c := c + 1\n    m := m + 1\n  }\n  t: c := c + 1\n}\n';
    const e = emitText(text);
    const r = await explore(interpretModule(e.module, e.config), e.config);
    const steps = mapTrace(r, e.sourceMap)!.steps;
    const named = rangeSuspects(e.sourceMap, steps).map((s) => [s.name, s.value, s.location?.line]);
    expect(named).toEqual([['w1.c', 2, 2]]);
    const b = emitText(b16);
    const rb = await explore(interpretModule(b.module, b.config), b.config);
    expect(
      rangeSuspects(b.sourceMap, mapTrace(rb, b.sourceMap)!.steps).map((s) => [
        s.name,
        s.value,
        s.location?.line,
        s.location?.column,
      ]),
    ).toEqual([['n', 2, 2, 1]]);
  });

  test('check and ci print the variable, its value and its declaration under the verdict', async () => {
    const b = emitText(b16);
    const rb = await explore(interpretModule(b.module, b.config), b.config);
    const dir = mkdtempSync(join(tmpdir(), 'credspec-range-'));
    try {
      writeFileSync(join(dir, 'B16_base.map.json'), sourceMapText(b.sourceMap));
      const result: VariantResult = {
        spec: 'test.cred',
        variant: 'base',
        params: {},
        engine: 'embedded',
        module: join(dir, 'B16_base.tla'),
        config: join(dir, 'B16_base.cfg'),
        verdict: 'violated',
        property: 'out_of_range',
        expected: null,
        stats: {
          distinctStates: rb.stats.distinctStates,
          statesGenerated: rb.stats.statesGenerated,
          depth: rb.stats.depth,
          seconds: 0,
        },
        trace: mapTrace(rb, b.sourceMap)!.steps,
        loopsBackTo: null,
      };
      expect(formatViolation(result).split('\n')[0]).toBe(
        '  n = 2 is outside the range declared at test.cred:2:1',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
