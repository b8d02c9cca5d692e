// The built-in check `out_of_range` bounds a variable by the case's parameter values: the same
// emitted line is violated with one value and holds with another.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { lowerText } from './helpers.js';
import { toTla } from '../../src/emit/from-model.js';
import { printTla } from '../../src/tla/print.js';

describe('out_of_range', () => {
  test("bounds are the case's parameter values: 0..MAX violates with MAX = 1 and holds with MAX = 2", async () => {
    const text =
      'spec par\nparam MAX: 0..5 = 1\nprocess P[1] {\n  var mine: 0..MAX = 0\n  g: mine := 2\n}\n';
    const span = {
      file: 'cli',
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 0, line: 1, column: 1 },
    };
    const run = async (
      params: { name: string; value: string; span: typeof span }[],
    ): Promise<[string, string | null, string]> => {
      const e = toTla(lowerText(text, 'base', params), { generatedBy: 'credspec test' });
      const r = await explore(interpretModule(e.module, e.config), e.config);
      return [
        r.verdict,
        r.property,
        printTla(e.module)
          .text.split('\n')
          .find((l) => l.startsWith('out_of_range'))!,
      ];
    };
    const line = 'out_of_range == \\A t \\in DOMAIN P_mine : P_mine[t] \\in 0..MAX';
    expect(await run([])).toEqual(['violated', 'out_of_range', line]);
    expect(await run([{ name: 'MAX', value: '2', span }])).toEqual(['holds', null, line]);
  });
});
