// A lasso's closing step in ITF: the module's states, the loop back to state 0, and the step back
// named in #meta with its action.

import type { VariantResult } from '../../src/result/result-file.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { toItf } from '../../src/trace/formats/itf.js';
import { map, mv, trace } from './two-thread-loop.js';

describe('the closing step as the engines report it', () => {
  test("itf: the module's states, loop back to state 0, the step back named in #meta with its action", () => {
    const mapped = mapTrace(
      {
        trace,
        loopsBackTo: 0,
        stuttering: false,
        loopAction: { name: 'A_b', params: { self: mv('t1') } },
      },
      map,
      { includeTla: true },
    )!;
    const result = {
      spec: 's.cred',
      variant: 'base',
      params: {},
      engine: 'embedded',
      module: 'generated/s/S_base.tla',
      config: 'generated/s/S_base.cfg',
      verdict: 'violated',
      property: 'P',
      expected: null,
      stats: { distinctStates: 2, statesGenerated: 3, depth: 2, seconds: 0 },
      trace: mapped.steps,
      loopsBackTo: 0,
      stuttering: false,
    } as unknown as VariantResult;
    const itf = toItf(result);
    expect(itf.vars).toEqual(['x', 'pc']);
    expect(itf.loop).toBe(0);
    expect(itf.states.map((s) => [s['x'], s['#meta'].action, s['#meta'].thread])).toEqual([
      [0, null, null],
      [1, 'A_a', 't1'],
    ]);
    expect(itf.states[1]!['pc']).toEqual({
      '#map': [
        [{ '#unserializable': 't1' }, 'A_b'],
        [{ '#unserializable': 't2' }, 'A_a'],
      ],
    });
    expect(itf['#meta']['loopStep']).toMatchObject({
      action: 'A_b',
      params: { self: { '#unserializable': 't1' } },
      thread: 't1',
      step: 'A.b',
      backTo: 0,
    });
  });
});
