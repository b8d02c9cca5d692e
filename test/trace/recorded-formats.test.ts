// The trace formats on real recorded runs of the shipped specs (test/fixtures/results/README.md
// says how each was produced): golden files for text, Mermaid and lkml (rewritten only with
// UPDATE_GOLDEN=1), ITF field by field, and the L-1 deadlock's wait-for picture in each format,
// as the result records it, or the line saying a result file from before had none.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { toItf } from '../../src/trace/formats/itf.js';
import { LKML_WIDTH } from '../../src/trace/formats/lkml.js';
import { GOLDEN_FORMATS, golden } from './golden-formats.js';

const REPO = process.cwd();
const RESULTS = join(REPO, 'test', 'fixtures', 'results');

function load(name: string): VariantResult {
  return (JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as ResultFile).results[0]!;
}
const l1 = load('landlock-l1-deadlock.json');
const l3 = load('landlock-l3-frame.json');
const s1 = load('seccomp-s1-atomic.json');

const CASES: [string, VariantResult][] = [
  ['landlock-l1-deadlock', l1],
  ['landlock-l3-frame', l3],
  ['seccomp-s1-atomic', s1],
];

describe('the recorded results are what the shipped specs give', () => {
  test('verdicts, properties, trace lengths, and spec files named from the repository root', () => {
    expect([l1.verdict, l1.property, l1.trace!.length]).toEqual(['deadlock', null, 33]);
    expect([l3.verdict, l3.property, l3.trace!.length]).toEqual([
      'violated',
      'frame_use_after_return',
      50,
    ]);
    expect([s1.verdict, s1.property, s1.trace!.length]).toEqual(['violated', 'sc_atomic', 24]);
    expect([l1.spec, l3.spec, s1.spec]).toEqual([
      'specs/landlock-tsync.cred',
      'specs/landlock-tsync.cred',
      'specs/seccomp-tsync.cred',
    ]);
    for (const [, r] of CASES) {
      expect(r.stats?.seconds).toBe(0);
      for (const step of r.trace!)
        if (step.location !== null) expect(existsSync(join(REPO, step.location.file))).toBe(true);
    }
  });
});

describe('golden formats of the recorded results', () => {
  for (const [name, result] of CASES) {
    for (const [format, ext] of GOLDEN_FORMATS) {
      test(`${format} of ${name}`, () => golden(`${name}.${ext}`, formatTrace(result, format)));
    }
  }
  // Only S-1 records the module's states that ITF is made of (see test/fixtures/results/README.md).
  test('itf of seccomp-s1-atomic', () =>
    golden('seccomp-s1-atomic.itf.json', formatTrace(s1, 'itf')));
});

describe('the L-1 deadlock: two callers queue task works on each other and both sleep', () => {
  const picture = [
    'deadlock: no thread can take a step',
    '  caller1  waits on all_prepared, held or owed by caller2 (asleep in wait_for_completion(all_prepared) at restrict_siblings.wait_prepared)',
    '  caller2  waits on all_prepared, held or owed by caller1 (asleep in wait_for_completion(all_prepared) at restrict_siblings.wait_prepared)',
    '  cycle: caller1 -> caller2 -> caller1',
  ];
  test("the recorded wait edges: each caller sleeps in v2's uninterruptible wait, owed by the other", () => {
    expect(l1.waitsFor?.map(({ location: _, ...edge }) => edge)).toEqual([
      {
        thread: 'caller1',
        waitsOn: 'all_prepared',
        heldBy: ['caller2'],
        statement: 'wait_for_completion(all_prepared)',
        at: 'restrict_siblings.wait_prepared',
      },
      {
        thread: 'caller2',
        waitsOn: 'all_prepared',
        heldBy: ['caller1'],
        statement: 'wait_for_completion(all_prepared)',
        at: 'restrict_siblings.wait_prepared',
      },
    ]);
  });
  test('text ends with the picture; the steps that queue the works show both sides', () => {
    const text = formatTrace(l1, 'text');
    expect(text.trimEnd().split('\n').slice(-4)).toEqual(picture);
    expect(text).toContain(
      ' 13  caller1  specs/landlock-tsync.cred:197:9  restrict_siblings.queue\n',
    );
    expect(text).toContain(
      'task_works: [caller1 |-> {}, caller2 |-> {}] -> [caller1 |-> {}, caller2 |-> {caller1}]',
    );
    expect(text).toContain('caller2.notify_signal: false -> true');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'spec      specs/landlock-tsync.cred',
      // The parameters the command line set (`overrides`), in the one format reports use.
      'variant   v2 (CALLERS=2, SIBLINGS=0)',
      'engine    embedded: 289 distinct states, 545 generated, depth 33',
      'verdict   deadlock',
    ]);
  });
  test('a result file written before results recorded waitsFor says it has no picture, in every format', () => {
    const { waitsFor: _, ...old } = l1;
    const none = 'deadlock: no thread can take a step (the result records no wait-for picture)';
    expect(formatTrace(old, 'text').trimEnd().split('\n').at(-1)).toBe(none);
    expect(formatTrace(old, 'lkml').trimEnd().split('\n').at(-1)).toBe(none);
    expect(formatTrace(old, 'mermaid').trimEnd().split('\n').at(-1)).toBe(
      '  Note over shared,caller2: deadlock: no thread can take a step',
    );
    expect(formatTrace(old, 'text')).not.toContain('waits on');
  });
  test("lkml: each caller's column ends asleep in the wait; the picture follows", () => {
    const lines = formatTrace(l1, 'lkml').trimEnd().split('\n');
    expect(lines[0]).toBe('CPU0 (caller1)                           CPU1 (caller2)');
    const col1 = lines[0]!.indexOf('CPU1');
    const blank = lines.indexOf('');
    expect(lines.slice(blank - 4, blank)).toEqual([
      'wait_for_completion(all_prepared)',
      '  // sleeps forever',
      `${' '.repeat(col1)}wait_for_completion(all_prepared)`,
      `${' '.repeat(col1)}  // sleeps forever`,
    ]);
    expect(lines.at(-1)).toBe('  cycle: caller1 -> caller2 -> caller1');
    expect(lines.slice(blank + 1).join(' ')).toMatch(
      /caller1 waits on all_prepared, held or owed by caller2/,
    );
  });
  test('mermaid: dashed arrows from each caller to the one that owes it', () => {
    const lines = formatTrace(l1, 'mermaid').trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      '  caller1-->>caller2: waits on all_prepared, held or owed by caller2',
      '  caller2-->>caller1: waits on all_prepared, held or owed by caller1',
      '  Note over shared,caller2: cycle: caller1 -#gt; caller2 -#gt; caller1',
    ]);
    expect(lines).toContain('  caller1->>caller2: 13. restrict_siblings.queue (line 197): atomic');
  });
});

describe('ITF of the recorded results, field by field', () => {
  test("S-1: the module's variables under its names in every state, model values #unserializable, the action of each step", () => {
    const itf = toItf(s1);
    expect(itf['#meta']).toMatchObject({
      format: 'ITF',
      source: 'generated/seccomp-tsync/SeccompTsync_partial.tla',
      spec: 'specs/seccomp-tsync.cred',
      verdict: 'violated',
      property: 'sc_atomic',
    });
    expect(itf.states).toHaveLength(24);
    expect(itf.vars).toHaveLength(45);
    for (const s of itf.states)
      expect(Object.keys(s).filter((k) => k !== '#meta')).toEqual(itf.vars);
    const last = itf.states[23]!;
    expect(last['#meta']).toEqual({
      index: 23,
      action: 'seccomp_tsync_sc_atomic',
      params: { self: { '#unserializable': 'caller1' } },
      thread: 'caller1',
      step: 'seccomp_tsync.sc_atomic',
      location: 'specs/seccomp-tsync.cred:218:5',
      essential: true,
    });
    const mv = (name: string) => ({ '#unserializable': name });
    // The breaking state: caller1's failed call changed other2.
    expect(last['seccomp_tsync_changed']).toEqual({
      '#map': [
        [mv('caller1'), { '#set': [mv('other2')] }],
        [mv('other1'), { '#set': [] }],
        [mv('other2'), { '#set': [] }],
      ],
    });
    expect(last['sc_filter']).toEqual({
      '#map': [
        [mv('caller1'), 2],
        [mv('other1'), 1],
        [mv('other2'), 2],
      ],
    });
    expect(last['stack']).toEqual({
      '#map': [
        [mv('caller1'), ['Caller_enter']],
        [mv('other1'), ['Other_own']],
        [mv('other2'), []],
      ],
    });
    expect(last['failure']).toBe('Assert_seccomp_tsync_sc_atomic');
  });
  test("L-3, recorded before results kept the module's states: refused, not written in part", () => {
    expect(() => toItf(l3)).toThrow(/no TLA\+ state for step 0/);
  });
});

describe('what reads badly in the recorded traces stays fixed', () => {
  test('lkml: no line over 80 columns, continuation lines set in, no lone braces or `may fail when` clauses', () => {
    for (const [, result] of CASES) {
      const text = formatTrace(result, 'lkml');
      for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(LKML_WIDTH);
      expect(text).not.toMatch(/\{\n/);
      expect(text).not.toContain('may fail');
      expect(text).not.toMatch(/[a-z]_\n/);
    }
    const s1Lines = formatTrace(s1, 'lkml', { allSteps: true }).split('\n');
    expect(s1Lines).toContain('mutex_lock_killable(');
    expect(s1Lines).toContain('  cred_guard_mutex, lres)');
    expect(s1Lines).toContain('seccomp_prepare_filter(f,');
    expect(s1Lines).toContain('  // succeeded');
  });
  test('bare statements carry their label; an unlabelled one shows no generated name', () => {
    const l1Text = formatTrace(l1, 'lkml', { allSteps: true });
    expect(l1Text).toContain('\ncount: atomic\n');
    // An atomic step that ran a macro call the model can tell says which, not `atomic`.
    expect(l1Text).toContain('\nqueue: task_work_add(caller2, frame,\n  TWA_SIGNAL) -> OK\n');
    expect(l1Text).toContain('\nserialise: skip\n');
    const s1Text = formatTrace(s1, 'lkml', { allSteps: true });
    expect(s1Text).toMatch(/\n +either\n/);
    expect(s1Text).not.toContain('Other_');
  });
  test('the L-3 text shows the frame after the return and the sibling still using it', () => {
    const text = formatTrace(l3, 'text');
    expect(text).toContain('verdict   violated frame_use_after_return');
    expect(text).toContain(
      ' 48  caller1  specs/landlock-tsync.cred:254:3  restrict_siblings.ret\n       return preparation_error\n',
    );
    expect(text).toContain('caller1.restrict_siblings.works: {sibling1, sibling2} -> {}');
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      ' 49  sibling2  specs/landlock-tsync.cred:286:5  restrict_one.wait_commit',
      '       wait_for_completion(ctx->ready_to_commit)',
      '       (no change)',
    ]);
  });
});

describe('lkml and mermaid fold the steps the violation does not depend on', () => {
  test('L-1 in lkml: each caller’s way in is one line, --all-steps shows it', () => {
    const folded = formatTrace(l1, 'lkml');
    expect(folded).toContain('... 9 steps of caller1 (Caller,\n  landlock_restrict_self,\n');
    expect(folded).toContain('count: atomic');
    expect(folded).not.toContain('serialise: skip');
    const all = formatTrace(l1, 'lkml', { allSteps: true });
    expect(all).toContain('\nserialise: skip\n');
    expect(all).not.toContain('... ');
  });

  test('L-1 in mermaid: a note over the thread for each folded run, --all-steps shows the steps', () => {
    const folded = formatTrace(l1, 'mermaid').split('\n');
    expect(folded).toContain(
      '  Note over caller2: ... 9 steps of caller2 (Caller, landlock_restrict_self, restrict_siblings)',
    );
    expect(folded).toContain('  Note over caller1: ... 1 step of caller1 (restrict_siblings)');
    expect(
      folded.filter((l) => /^ {2}(Note over caller\d: \d+\.|caller\d->>)/.test(l)),
    ).toHaveLength(l1.counterexample?.essential?.length ?? -1);
    const all = formatTrace(l1, 'mermaid', { allSteps: true });
    expect(all).toContain('7. restrict_siblings.serialise (line 164): skip');
    expect(all).not.toContain('... ');
  });
});
