// Test helper for the essential-step tests (essential-control.test.ts and its .full sibling):
// a spec checked in process as a user runs `credspec check`, its verdict and its trace's steps
// with the essential ones starred.

import { ROOT } from '../cli/locked-spec.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { checkIn, userEnv } from '../support/spec-workspace.js';

interface Step {
  readonly thread: string | null;
  readonly step: string;
  readonly essential?: boolean;
}

/** Call at the top level of a test file: checks in workspaces removed after the file. */
export function essentialChecks() {
  const scratch = scratchDirs();
  return async (path: string, variant: string[], param: string[] = []) => {
    const dir = scratch('credspec-essential-control-');
    const { file, out } = await checkIn(ROOT, userEnv(dir), { inputs: [path], variant, param });
    const result = file?.results[0];
    if (result === undefined) throw new Error(`${path}: no result`);
    const trace = (result.trace ?? []) as readonly Step[];
    return {
      verdict: `${result.verdict} ${result.property}`,
      steps: trace.slice(1).map((s) => `${s.essential === true ? '*' : ' '} ${s.thread} ${s.step}`),
      out,
    };
  };
}
