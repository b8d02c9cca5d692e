// Hand-written results (test/fixtures/results/tsync-*.json) record no TLA+ view of their
// steps; an ITF trace is made of that view. This gives each step one: a state with the same
// variables in every step (a variable a step lacks is `None`, as the module writes the language's
// `none`), a `pc` per thread, and the step as the action. For format tests, not for replay.

import type { TraceStep, VariantResult } from '../../src/result/result-file.js';
import type { TlaValue } from '../../src/result/tla-value.js';

export function withModuleStates(result: VariantResult): VariantResult {
  const steps = result.trace ?? [];
  const keys = [...new Set(steps.flatMap((s) => Object.keys(s.state)))].sort();
  const threads = [...new Set(steps.flatMap((s) => (s.thread === null ? [] : [s.thread])))].sort();
  const trace = steps.map((s): TraceStep => {
    const state: Record<string, TlaValue> = {};
    for (const k of keys) state[k.replace(/\./g, '_')] = s.state[k] ?? { '#mv': 'None' };
    state['pc'] = {
      '#map': threads.map(
        (t) => [{ '#mv': t }, s.thread === t ? s.step.replace(/\./g, '_') : 'idle'] as const,
      ),
    };
    return {
      ...s,
      tla: {
        action: s.index === 0 && s.backTo === undefined ? null : s.step.replace(/\./g, '_'),
        ...(s.thread === null ? {} : { params: { self: { '#mv': s.thread } } }),
        state,
      },
    };
  });
  return { ...result, trace };
}
