// Two small specs in a project folder, for the tests that run the built CLI on checks that leave
// properties out and on the advice after an inconclusive run: `pick` breaks an invariant,
// `holding` does not.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { project, tempDir } from '../robustness/cli-run.js';

export const JAR =
  process.env.TLA2TOOLS_JAR !== undefined && existsSync(process.env.TLA2TOOLS_JAR)
    ? process.env.TLA2TOOLS_JAR
    : undefined;
export const NO_JAR = 'skipped: TLA2TOOLS_JAR is not set (or names no file), so no TLC to run';

/** `small` is violated (total reaches 2); `bounded` and `grows` hold. */
export const PICK = `spec pick

shared var total: 0..3 = 0

fair process A[1] {
  bump: total := total + 1
  again: total := total + 1
}

invariant small: total < 2
invariant bounded: total <= 3
property grows: eventually total == 2
`;

/** Every property holds; `grows` is the temporal one. */
const HOLDING = PICK.replace('spec pick', 'spec holding').replace(
  'invariant small: total < 2',
  'invariant small: total < 3',
);

/** specs/pick.cred and specs/holding.cred in a project folder, and the environment to run in it. */
export function workspace(): { dir: string; env: Record<string, string> } {
  const parent = tempDir('partial');
  const dir = project(parent, 'p', 'pick.cred', PICK);
  project(parent, 'p', 'holding.cred', HOLDING);
  return {
    dir,
    env: {
      XDG_CACHE_HOME: join(parent, 'cache'),
      ...(JAR === undefined ? {} : { TLA2TOOLS_JAR: JAR }),
    },
  };
}
