// `override step` and the `@kernel` link: an override that gives none keeps the one of the step
// it replaces (it models the same kernel code), one that gives its own shows that. Checked in
// process as a user runs `credspec check --all-steps`, read in the text trace.

import { checkIn, specWorkspaces } from '../support/spec-workspace.js';

const workspace = specWorkspaces('credspec-override-kernel-');

const SPEC = `spec anchored

shared var count: 0..3 = 0

process Worker[2] {
  var seen: 0..3 = 0
  @kernel("kernel/counter.c", "counter_load", "0123456789ab")
  load:  seen := count
  @kernel("kernel/counter.c", "counter_store")
  store: count := seen + 1
}

invariant no_lost_update: (forall t in Worker: done(t)) => count == 2

variant plain {
  override step Worker.load: seen := count + 0
}

variant own extends plain {
  override step Worker.store: @kernel("kernel/counter.c", "counter_store_v2") count := seen + 1
}
`;

async function trace(variant: string): Promise<string> {
  const { dir, env } = workspace({ 'anchored.cred': SPEC });
  const run = await checkIn(dir, env, {
    inputs: ['specs/anchored.cred'],
    variant: [variant],
    allSteps: true,
  });
  expect(run.code).toBe(1);
  return run.out;
}

/** The lines of each step of the text trace that show a statement and its kernel link. */
function steps(out: string): string[] {
  return [...out.matchAll(/ {2}(Worker\.\w+)\n {9}(.*)\n {9}(kernel: .*)?/g)].map((m) =>
    [m[1], m[2], m[3] ?? '(no kernel line)'].join(' | '),
  );
}

describe('override step and @kernel', () => {
  test('an override without its own link shows the link of the step it replaces', async () => {
    const out = await trace('plain');
    expect(steps(out)).toContain(
      'Worker.load | seen := count + 0 | kernel: kernel/counter.c counter_load @0123456789ab',
    );
    expect(steps(out)).toContain(
      'Worker.store | count := seen + 1 | kernel: kernel/counter.c counter_store',
    );
  });

  test('an override with its own link shows its own; the inherited one carries down extends', async () => {
    const out = await trace('own');
    expect(steps(out)).toContain(
      'Worker.store | count := seen + 1 | kernel: kernel/counter.c counter_store_v2',
    );
    expect(steps(out)).toContain(
      'Worker.load | seen := count + 0 | kernel: kernel/counter.c counter_load @0123456789ab',
    );
  });
});
