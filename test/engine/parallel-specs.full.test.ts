// `--workers N` on the small cases of the shipped specs (interpreted): 2 workers give one worker's
// verdict, counts and trace on every case without temporal properties.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { preludeDir } from '../../src/driver/package-root.js';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import { agreementCases } from '../../src/tlc/agreement-cases.js';
import { loadProgram } from '../../src/syntax/load.js';
import { root, summary, workerScript } from './parallel-workers.js';

describe('parallel search', () => {
  describe('shipped specs (interpreted), every small case', () => {
    const cases = [
      'specs/exectime.cred',
      'specs/seccomp-tsync.cred',
      'specs/landlock-tsync.cred',
    ].flatMap((spec) => {
      const readFile = (p: string): Uint8Array | Error => {
        try {
          return readFileSync(resolve(root, p));
        } catch (e) {
          return e as Error;
        }
      };
      const program = loadProgram(spec, { readFile, preludeDir: preludeDir(process.env) });
      const checked = checkProgram(program);
      if (checked.diagnostics.some((d) => d.severity === 'error')) return [];
      return agreementCases(checked).cases.map((c) => ({
        label: `${spec} ${c.key.variant} ${c.key.params}`,
        built: c.built,
      }));
    });

    test('the specs give cases to compare', () => {
      expect(cases.length).toBeGreaterThan(10);
    });

    test('2 workers agree with one on cases without temporal properties (up to 3,000 states)', async () => {
      let compared = 0;
      const verdicts = new Set<string>();
      for (const c of cases) {
        const { module, config } = c.built.emitted;
        const exe = interpretModule(module, config);
        if (exe.temporalProperties.length > 0) continue;
        const one = await explore(exe, config, { maxStates: 3000 });
        if (one.verdict === 'inconclusive') continue;
        const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
          workers: 2,
          workerScript,
        });
        expect({ label: c.label, ...summary(many) }).toEqual({ label: c.label, ...summary(one) });
        expect(many.trace).toEqual(one.trace);
        compared++;
        verdicts.add(one.verdict);
        if (compared >= 12) break;
      }
      expect(compared).toBeGreaterThan(4);
      expect(verdicts).toContain('holds');
      expect(verdicts).toContain('violated');
    }, 120000);
  });
});
