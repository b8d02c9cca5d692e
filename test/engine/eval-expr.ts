// An expression evaluated as the initial value of a one-variable module and printed as TLC prints
// it: the harness of the per-construct value tests.

import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
import { formatValue } from '../../src/engine/values/values.js';
import { action, and, config, def, eq, module, unchanged } from './tla-builders.js';

/** Evaluates `e` in the initial state x = 0 (Threads = {t1, t2}, T1 = t1, T2 = t2) and prints it as TLC would. */
export function evalExpr(e: TlaExpr, extraDefs = [] as ReturnType<typeof def>[]): string {
  const m = module({
    name: 'E',
    constants: ['Threads', 'T1', 'T2'],
    variables: ['x', 'out'],
    defs: [
      ...extraDefs,
      def('Init', [], and(eq('x', 0), eq('out', e))),
      def('Next', [], unchanged('x', 'out')),
      def('Spec', [], 'Init'),
    ],
    roles: { actions: [action('Next')] },
  });
  const exe = interpretModule(
    m,
    config({ constants: { Threads: ['t1', 't2'], T1: 'mv:t1', T2: 'mv:t2' } }),
  );
  const states: string[] = [];
  exe.initialStates((s) => states.push(formatValue(s[1]!)));
  return states.join(' | ');
}
