// Every flag the advice after an inconclusive run names, for every reason, is an option of
// `credspec check`. Runs the built CLI (`npm run build` first) for its help page.

import { advice } from '../../src/engine/search/stop-result.js';
import { credspec } from '../robustness/cli-run.js';
import { workspace } from './pick-spec.js';

describe('the advice after an inconclusive run', () => {
  test('every flag it names, for every reason, with and without the command line, is an option of check', async () => {
    const { dir, env } = workspace();
    const help = await credspec(['check', '--help'], dir, env);
    const options = new Set(
      [...help.stdout.matchAll(/(?:^|\s|,)(--[a-z][a-z-]*)/gm)].map((m) => m[1]!),
    );
    expect(options).toContain('--max-states');
    const named = new Set<string>();
    for (const reason of [
      'max-states',
      'timeout',
      'memory',
      'interrupted',
      'simulation',
    ] as const) {
      for (const commandLine of [undefined, 'credspec check specs/pick.cred']) {
        const text = advice(
          reason,
          { distinct: 10, queued: 3 },
          {
            maxStates: 10,
            timeoutSeconds: 5,
            ...(commandLine === undefined ? {} : { commandLine }),
          },
        );
        // Node's own option (NODE_OPTIONS=--max-old-space-size) is not credspec's.
        for (const m of text.replace(/NODE_OPTIONS=\S+/g, '').matchAll(/--[a-z][a-z-]*/g))
          named.add(m[0]);
      }
    }
    expect([...named].filter((flag) => !options.has(flag))).toEqual([]);
    expect(named).toContain('--distributed');
  });
});
