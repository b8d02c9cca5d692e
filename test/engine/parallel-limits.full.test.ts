// `--workers N` stopped early: at every state limit the same inconclusive counts as one worker,
// and an interrupted or timed-out search ends inconclusive with its reason.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import * as F from './fixture-modules.js';
import { both as runBoth, summary, workerScript } from './parallel-workers.js';

const both = (
  module: TlaModule,
  config: TlcConfig,
  workers: number,
  opts: { maxStates?: number } = {},
) => runBoth(workerScript, module, config, workers, opts);

describe('parallel search', () => {
  test('--max-states: the same inconclusive counts as one worker at every limit', async () => {
    const fx = F.mutex();
    const config = { ...fx.config, properties: [] };
    const full = await explore(interpretModule(fx.module, config), config);
    const limits = [
      2,
      5,
      17,
      40,
      Math.floor(full.stats.distinctStates / 2),
      full.stats.distinctStates - 1,
      full.stats.distinctStates,
    ];
    for (const maxStates of limits) {
      const { one, many } = await both(fx.module, config, 3, { maxStates });
      expect(summary(many)).toEqual(summary(one));
    }
  });

  test('an interrupted search ends inconclusive, with its reason', async () => {
    const fx = F.mutex();
    const config = { ...fx.config, properties: [] };
    const exe = interpretModule(fx.module, config);
    const signal = AbortSignal.abort();
    const r = await exploreParallel(
      { kind: 'interpreted', module: fx.module, config },
      exe,
      config,
      { workers: 2, workerScript, signal },
    );
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive?.reason).toBe('interrupted');
    const t = await exploreParallel(
      { kind: 'interpreted', module: fx.module, config },
      exe,
      config,
      { workers: 2, workerScript, timeoutSeconds: 0 },
    );
    expect(t.inconclusive?.reason).toBe('timeout');
  });
});
