// The wait-for picture the pipeline records for a deadlock (src/engine/run/deadlock-waits.ts), on
// the shipped specs' deadlock scenarios: which threads wait, at which step and line, on what,
// and who holds it; and that the trace formats print the recorded picture, not an inferred one.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { buildCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import { deadlockWaits } from '../../src/engine/run/deadlock-waits.js';
import type { VariantResult } from '../../src/result/result-file.js';
import type { WaitEdge } from '../../src/result/wait-edge.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { waitForLines } from '../../src/trace/formats/wait-for.js';
import { schemaValidator } from '../support/schemas.js';

const ROOT = resolve(process.cwd());

/** The ci case of `spec` for `variant` whose expectation carries `tag`, checked; its waits and mapped trace. */
async function deadlockOf(
  spec: string,
  variant: string,
  tag: string,
): Promise<{
  waits: readonly WaitEdge[] | undefined;
  verdict: string;
  specText: string;
  result: VariantResult;
}> {
  const program = loadSpec(spec, { cwd: ROOT, env: process.env });
  const checked = checkProgram(program);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const c = ciCases(program).find(
    (x) => x.variant === variant && x.expects.some((e) => e.tag === tag),
  );
  expect(c).toBeDefined();
  const built = buildCase(checked, c!, 'credspec test');
  if (!built.ok) throw new Error(`${spec} ${variant} does not build`);
  const b = built.built;
  const r = await explore(interpretModule(b.emitted.module, b.emitted.config), b.emitted.config, {
    maxStates: 200_000,
  });
  const trace = mapTrace(r, b.emitted.sourceMap);
  const waits = deadlockWaits(b, r, trace?.steps ?? null);
  const result = {
    spec,
    variant,
    params: b.model.params,
    engine: 'embedded',
    module: b.tlaPath,
    config: b.cfgPath,
    verdict: r.verdict,
    property: null,
    expected: null,
    stats: { distinctStates: 0, statesGenerated: 0, depth: 0, seconds: 0 },
    trace: trace?.steps ?? null,
    loopsBackTo: null,
    ...(waits !== undefined ? { waitsFor: waits } : {}),
  } satisfies VariantResult;
  return { waits, verdict: r.verdict, specText: readFileSync(join(ROOT, spec), 'utf8'), result };
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${needle}`);
  return i + 1;
}

test('S-4: the caller waits at its mutex_lock, held by the exec that waits for the group', async () => {
  const { waits, verdict, specText } = await deadlockOf(
    'specs/seccomp-tsync.cred',
    'mutex_uninterruptible',
    'S-4',
  );
  expect(verdict).toBe('deadlock');
  expect(waits!.map((w) => w.thread)).toEqual(['caller1', 'execer1']);
  const [caller, execer] = waits!;
  expect(caller).toMatchObject({
    waitsOn: 'cred_guard_mutex',
    heldBy: ['execer1'],
    statement: 'mutex_lock(cred_guard_mutex)',
    at: 'seccomp_tsync.lock',
  });
  expect(caller!.location).toMatchObject({
    file: 'specs/seccomp-tsync.cred',
    line: lineOf(specText, 'override step seccomp_tsync.lock: mutex_lock(cred_guard_mutex)'),
  });
  // de_thread waits for every other thread of the group to go: the caller, still alive.
  expect(execer).toMatchObject({
    waitsOn: 'GROUP',
    heldBy: ['caller1'],
    statement: 'de_thread_wait(GROUP, killed)',
    at: 'do_execve.exec_dethread',
  });
  expect(execer!.location!.line).toBe(
    lineOf(specText, 'exec_dethread: de_thread_wait(GROUP, killed)'),
  );
}, 120_000);

test('L-10: a caller blocked on exec_update_lock is held by the other, who waits for a completion', async () => {
  const { waits, verdict, specText, result } = await deadlockOf(
    'specs/landlock-tsync.cred',
    'lock_blocking',
    'L-10',
  );
  expect(verdict).toBe('deadlock');
  const byThread = new Map(waits!.map((w) => [w.thread, w] as const));
  expect([...byThread.keys()].sort()).toEqual(['caller1', 'caller2']);
  const locker = waits!.find((w) => w.waitsOn === 'exec_update_lock');
  expect(locker).toBeDefined();
  expect(locker!.at).toBe('restrict_siblings.serialise');
  // The step is the variant's override of `serialise`, and the line is the override's.
  expect(locker!.location!.line).toBe(
    lineOf(specText, 'override step restrict_siblings.serialise: down_write(exec_update_lock)'),
  );
  const holder = byThread.get(locker!.heldBy[0]!)!;
  expect(holder.thread).not.toBe(locker!.thread);
  expect(holder.at).toBe('restrict_siblings.wait_prepared');
  expect(holder.waitsOn).toBe('all_prepared');
  expect(holder.location!.line).toBe(
    lineOf(specText, 'wait_prepared: wait_for_completion_interruptible(all_prepared, werr)'),
  );

  // The result file with the picture is what the schema allows.
  const validate = schemaValidator('result');
  expect(
    validate({ tool: 'credspec', version: '0.0.0', results: [result] }) ? [] : validate.errors,
  ).toEqual([]);

  // The formats print the recorded picture as it is.
  const lines = waitForLines(result);
  expect(lines[0]).toBe('deadlock: no thread can take a step');
  expect(lines.join('\n')).toContain(
    `${locker!.thread}  waits on exec_update_lock, held or owed by ${holder.thread}`,
  );
}, 120_000);
