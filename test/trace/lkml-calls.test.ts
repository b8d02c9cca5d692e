// The lkml view of an atomic step names the macro calls it ran, with their arguments (a
// variable's value before the step) and what they left in their result, instead of a bare
// `atomic`; a call on the branch not taken is not named. Checked in process as a user runs
// `credspec check --json` and then `credspec trace --format lkml`.

import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { checkIn, specWorkspaces } from '../support/spec-workspace.js';

const workspace = specWorkspaces('credspec-lkml-calls-');

// Each worker queues `size` (1) works in one atomic step: add_work runs, note_failure (on the
// `full` branch, never taken) does not. Two queued works break `small`.
const SPEC = `spec calls

shared var pending: 0..3 = 0
shared var failures: 0..3 = 0

macro add_work(list, amount, res) {
  list := list + amount
  res := 7
}

macro note_failure(count) {
  count := count + 1
}

process Worker[2] {
  var r: 0..9 = 0
  var full: bool = false
  var size: 0..3 = 1
  queue: atomic {
    if full {
      note_failure(failures)
    } else {
      add_work(pending, size, r)
    }
  }
}

invariant small: pending < 2
`;

test('an atomic step shows the macro calls it ran, with arguments and result', async () => {
  const { dir, env } = workspace({ 'calls.cred': SPEC });
  const { file } = await checkIn(dir, env, { inputs: ['specs/calls.cred'] });
  const result = file?.results[0];
  if (result === undefined) throw new Error('no result');
  expect(result.trace?.[1]?.calls).toEqual([
    { macro: 'add_work', args: [{ text: 'size', value: 1 }], outcome: 7 },
  ]);
  const lkml = formatTrace(result, 'lkml');
  expect(lkml.split('\n').slice(0, 7)).toEqual([
    'CPU0 (worker1)                           CPU1 (worker2)',
    '----                                     ----',
    'queue: add_work(1) -> 7',
    '(done)',
    '                                         queue: add_work(1) -> 7',
    '                                         (done)',
    '<small is violated here>',
  ]);
  expect(lkml).not.toContain('note_failure');
  expect(lkml).not.toContain('queue: atomic');
});
