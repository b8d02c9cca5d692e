// The trace formats on the recorded results: golden files for text, Mermaid and lkml
// (rewritten only with UPDATE_GOLDEN=1), ITF checked field by field, and the 80-column bound.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { ItfUnavailable, toItf, toItfValue } from '../../src/trace/formats/itf.js';
import { withModuleStates } from './module-states.js';
import { LKML_WIDTH, wrapText } from '../../src/trace/formats/lkml.js';
import { escapeMermaid } from '../../src/trace/formats/mermaid.js';
import { traceFacts } from '../../src/trace/formats/trace-facts.js';
import { findWaitCycle } from '../../src/trace/formats/wait-for.js';
import { GOLDEN_FORMATS, golden } from './golden-formats.js';

const ROOT = join(process.cwd(), 'test');
const RESULTS = join(ROOT, 'fixtures', 'results');

function load(name: string): ResultFile {
  return JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as ResultFile;
}
const deadlock = load('tsync-deadlock.json').results[1]!;
const lasso = load('tsync-lasso.json').results[0]!;
const stutter = load('tsync-lasso.json').results[1]!;
const invariant = load('tsync-invariant.json').results[0]!;

const CASES: [string, VariantResult][] = [
  ['deadlock', deadlock],
  ['lasso', lasso],
  ['stutter', stutter],
  ['invariant', invariant],
];

describe('golden trace formats', () => {
  for (const [name, result] of CASES) {
    for (const [format, ext] of GOLDEN_FORMATS) {
      test(`${format} of the ${name} result`, () =>
        golden(`${name}.${ext}`, formatTrace(result, format)));
    }
  }
});

describe('plain text', () => {
  test('one block per step with thread, file:line:col, statement, kernel link and changes', () => {
    const text = formatTrace(deadlock, 'text');
    expect(text).toContain(
      '  6  caller1  test/fixtures/results/tsync-mini.cred:31:12  restrict_siblings.queue\n',
    );
    expect(text).toContain('kernel: security/landlock/tsync.c schedule_task_work @42fc7e6543f6');
    expect(text).toContain('caller2.works: {} -> {caller1.restrict_siblings}');
    expect(text).toContain('caller1.restrict_siblings.num_preparing: (unset) -> 1');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'spec      test/fixtures/results/tsync-mini.cred',
      'variant   v2 (CALLERS=2)',
      'engine    embedded: 1184 distinct states, 3310 generated, depth 11',
      'verdict   deadlock',
    ]);
  });
  test('a deadlock ends with the wait-for picture and its cycle', () => {
    const lines = formatTrace(deadlock, 'text').trimEnd().split('\n');
    expect(lines.slice(-4)).toEqual([
      'deadlock: no thread can take a step',
      '  caller1  waits on caller1.restrict_siblings.all_prepared, held or owed by caller2',
      '  caller2  waits on caller2.restrict_siblings.all_prepared, held or owed by caller1',
      '  cycle: caller1 -> caller2 -> caller1',
    ]);
  });
  test('a lasso marks where the loop starts and where it goes back; stuttering is noted', () => {
    const text = formatTrace(lasso, 'text');
    expect(text).toContain(
      '  1  caller1  test/fixtures/results/tsync-mini.cred:58:10  Caller.retry   <- the loop starts here\n',
    );
    // A file written before the closing step was recorded: the words say it is not known.
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '-- states 1..22 repeat forever: steps 2..22, then a step back to state 1 (the result does not record which)',
    );
    expect(formatTrace(stutter, 'text').trimEnd().split('\n').at(-1)).toBe(
      '-- then stuttering: nothing changes after step 5, forever',
    );
  });
  test('a fault point shows which way it went', () => {
    expect(formatTrace(invariant, 'text')).toMatch(
      / 6 {2}sibling1 {2}\S+:49:12 {2}restrict_one\.prepare\n.*\n {7}outcome: failed\n/,
    );
  });
});

describe('json', () => {
  test('is the selected result exactly', () => {
    expect(JSON.parse(formatTrace(lasso, 'json'))).toEqual(lasso);
  });
});

describe('itf', () => {
  test('a result with no TLA+ view of its steps gets no partial trace: it is refused, naming the step', () => {
    expect(() => toItf(invariant)).toThrow(ItfUnavailable);
    expect(() => toItf(invariant)).toThrow(/no TLA\+ state for step 0 .*run the check again/);
  });
  test('#meta, vars, and one state per step, each with every variable and its action and thread', () => {
    const itf = toItf(withModuleStates(invariant));
    expect(itf['#meta']).toMatchObject({
      format: 'ITF',
      source: 'generated/tsync-mini/TsyncMini_v2.tla',
      spec: 'test/fixtures/results/tsync-mini.cred',
    });
    expect(itf.states).toHaveLength(invariant.trace!.length);
    expect(itf.vars).toEqual(
      expect.arrayContaining([
        'commits',
        'sibling2_cred',
        'caller1_restrict_siblings_num_unfinished',
        'pc',
      ]),
    );
    itf.states.forEach((s, i) => {
      expect(s['#meta']).toMatchObject({
        index: i,
        thread: invariant.trace![i]!.thread,
        step: invariant.trace![i]!.step,
      });
      expect(
        Object.keys(s)
          .filter((k) => k !== '#meta')
          .sort(),
      ).toEqual([...itf.vars].sort());
    });
    expect(itf.states[0]!['#meta']).toEqual({ index: 0, action: null, thread: null, step: 'init' });
    expect(itf.states[1]!['#meta']).toEqual({
      index: 1,
      action: 'Caller_retry',
      params: { self: { '#unserializable': 'caller1' } },
      thread: 'caller1',
      step: 'Caller.retry',
      location: 'test/fixtures/results/tsync-mini.cred:58:10',
    });
    expect('loop' in itf).toBe(false);
  });
  test("values: model values are #unserializable, never strings; maps, big integers and sequences keep ITF's forms", () => {
    expect(toItfValue({ '#map': [[{ '#mv': 't1' }, { '#bigint': '9007199254740993' }]] })).toEqual({
      '#map': [[{ '#unserializable': 't1' }, { '#bigint': '9007199254740993' }]],
    });
    expect(toItfValue([1, { '#mv': 'None' }, 'none'])).toEqual([
      1,
      { '#unserializable': 'None' },
      'none',
    ]);
    expect(toItfValue({ '#set': [{ a: true, b: { '#mv': 'x' } }] })).toEqual({
      '#set': [{ a: true, b: { '#unserializable': 'x' } }],
    });
    expect(toItfValue(2 ** 60)).toEqual({ '#bigint': '1152921504606846976' });
    expect(
      JSON.stringify(toItfValue(JSON.parse('{"__proto__": {"#mv": "t1"}, "a": 1}') as never)),
    ).toBe('{"__proto__":{"#unserializable":"t1"},"a":1}');
    const s = toItf(withModuleStates(deadlock)).states[6]!;
    expect(s['caller2_works']).toEqual({
      '#set': [{ '#unserializable': 'caller1.restrict_siblings' }],
    });
    expect(s['caller1_cred']).toEqual({ '#unserializable': 'INIT_CRED' });
  });
  test('hostile module states: a variable named __proto__ is kept, one named #meta is refused', () => {
    const step = invariant.trace![0]!;
    const withState = (state: string): VariantResult => ({
      ...invariant,
      trace: [{ ...step, tla: { action: null, state: JSON.parse(state) as never } }],
    });
    expect(JSON.stringify(toItf(withState('{"__proto__": 1, "x": 2}')).states[0])).toBe(
      '{"#meta":{"index":0,"action":null,"thread":null,"step":"init"},"__proto__":1,"x":2}',
    );
    expect(() => toItf(withState('{"#meta": 1}'))).toThrow(/"#meta", which no module has/);
  });
  test('a lasso gets loop; a deadlock ends #meta with its wait-for picture', () => {
    const itf = toItf(withModuleStates(lasso));
    expect(itf.loop).toBe(1);
    expect(itf.states).toHaveLength(lasso.trace!.filter((s) => s.backTo === undefined).length);
    const meta = toItf(withModuleStates(deadlock))['#meta'];
    expect(Object.keys(meta).at(-1)).toBe('waitFor');
    expect(meta['waitFor']).toContain('  cycle: caller1 -> caller2 -> caller1');
  });
});

describe('mermaid', () => {
  test('one participant per thread and one for shared state; a message or note per step', () => {
    const text = formatTrace(invariant, 'mermaid');
    const lines = text.split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((l) => l.startsWith('  participant '))).toEqual([
      '  participant shared as shared state',
      '  participant caller1',
      '  participant sibling1',
      '  participant sibling2',
    ]);
    const perStep = lines.filter((l) => /^\s+(Note over \w+|\w+->>\w+): \d+\. /.test(l));
    expect(perStep).toHaveLength(invariant.trace!.length - 1);
    expect(text).toContain('  caller1->>sibling1: 4. restrict_siblings.queue (line 31): ');
    expect(text).toContain('  Note over sibling2: born (clone)');
    // The exit step makes the thread exiting, not gone (this file records no statuses).
    expect(text).toContain('  Note over sibling1: exiting');
    expect(text).not.toContain('gone');
  });
  test('the lasso is a loop block; a deadlock ends with dashed wait arrows', () => {
    // The loop opens after step 1: the step into state 1 ran once.
    expect(formatTrace(lasso, 'mermaid')).toMatch(
      /\n {2}Note over caller1: 1\. Caller\.retry[^\n]*\n {2}loop states 1\.\.22 repeat forever[^\n]*\n(?: {4}.*\n)+ {2}end\n$/,
    );
    const dl = formatTrace(deadlock, 'mermaid').trimEnd().split('\n');
    expect(dl.slice(-3)).toEqual([
      '  caller1-->>caller2: waits on caller1.restrict_siblings.all_prepared, held or owed by caller2',
      '  caller2-->>caller1: waits on caller2.restrict_siblings.all_prepared, held or owed by caller1',
      '  Note over shared,caller2: cycle: caller1 -#gt; caller2 -#gt; caller1',
    ]);
  });
  test('characters Mermaid gives meaning to are escaped', () => {
    expect(escapeMermaid('a; b # c < d > e')).toBe('a#59; b #35; c #lt; d #gt; e');
  });
});

describe('lkml', () => {
  test('columns headed CPU0, CPU1, ... and no line over 80 columns', () => {
    for (const [, result] of CASES) {
      const lines = formatTrace(result, 'lkml').trimEnd().split('\n');
      const threads = traceFacts(result).threads;
      threads.forEach((t, i) => expect(lines[0]).toContain(`CPU${i} (${t})`));
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(LKML_WIDTH);
    }
  });
  test("a step's statement sits in its thread's column", () => {
    const lines = formatTrace(deadlock, 'lkml').split('\n');
    const col1 = lines[0]!.indexOf('CPU1');
    const diagram = lines.slice(2, lines.indexOf(''));
    // caller1's continuation lines are set in by two; everything further right is caller2's.
    const caller2 = diagram.filter((l) => l.search(/\S/) > 2);
    expect(caller2.length).toBeGreaterThan(0);
    for (const l of caller2) expect([col1, col1 + 2]).toContain(l.search(/\S/));
    expect(caller2.filter((l) => l.search(/\S/) === col1).length).toBeGreaterThan(0);
    expect(lines).toContain('while result == ERESTARTNOINTR');
  });
  test('long statements wrap, then are cut with "..."', () => {
    expect(wrapText('alpha beta gamma', 10)).toEqual(['alpha beta', 'gamma']);
    expect(wrapText('task_work_add(caller2_restrict_siblings)', 16)).toEqual([
      'task_work_add(',
      'caller2_restrict',
      '_siblings)',
    ]);
    expect(wrapText('one two three four', 9, 1)).toEqual(['one tw...']);
    expect(wrapText('one two three four', 10, 1)).toEqual(['one two...']);
  });
  test('a deadlock ends with the wait-for picture', () => {
    expect(formatTrace(deadlock, 'lkml').trimEnd().split('\n').at(-1)).toBe(
      '  cycle: caller1 -> caller2 -> caller1',
    );
  });
});

describe('wait-for cycle', () => {
  test('finds the cycle and only a cycle', () => {
    expect(
      findWaitCycle([
        { thread: 'a', waitsOn: 'x', heldBy: ['b'] },
        { thread: 'b', waitsOn: 'y', heldBy: ['c'] },
        { thread: 'c', waitsOn: 'z', heldBy: ['b'] },
      ]),
    ).toEqual(['b', 'c', 'b']);
    expect(findWaitCycle([{ thread: 'a', waitsOn: 'x', heldBy: ['b'] }])).toBeNull();
  });
});
