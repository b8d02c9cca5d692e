// What the trace formats show for a lasso's closing step, a thread's birth, exit and end, and a
// procedure's frame, on results recorded from the specs in test/trace/fixtures (goldens for
// text, Mermaid and lkml, rewritten only with UPDATE_GOLDEN=1). How the closing step is found
// is in closing-step.test.ts and closing-step-itf.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { toItf } from '../../src/trace/formats/itf.js';
import { withModuleStates } from './module-states.js';
import { traceFacts } from '../../src/trace/formats/trace-facts.js';
import { GOLDEN_FORMATS, golden } from './golden-formats.js';
import { schemaValidator } from '../support/schemas.js';

const ROOT = process.cwd();
const FIXTURES = join(ROOT, 'test', 'trace', 'fixtures');

function load(name: string): VariantResult {
  return (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ResultFile)
    .results[0]!;
}
const lasso = load('lasso');
const clone = load('clone');
const cloneGone = load('clone-gone');
const frame = load('frame');

describe('golden formats of the closing-step, clone and frame results', () => {
  const cases: [string, VariantResult][] = [
    ['closing-lasso', lasso],
    ['clone-exit', clone],
    ['clone-gone', cloneGone],
    ['frame-call', frame],
  ];
  for (const [name, result] of cases) {
    for (const [format, ext] of GOLDEN_FORMATS)
      test(`${format} of ${name}`, () => golden(`${name}.${ext}`, formatTrace(result, format)));
  }
});

describe('the result files carry statuses and the closing step, and match the schema', () => {
  const validate = schemaValidator('result');
  for (const name of ['lasso', 'clone', 'clone-gone', 'frame']) {
    test(name, () => {
      const file = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as unknown;
      expect(validate(file)).toBe(true);
    });
  }
});

describe('a lasso: the step back to the loop is shown', () => {
  test('the closing step is the last entry, with the state it goes back to', () => {
    const trace = lasso.trace!;
    expect(lasso.loopsBackTo).toBe(1);
    const last = trace[trace.length - 1]!;
    expect(last).toMatchObject({
      index: 4,
      thread: 'w1',
      step: 'W.drop',
      backTo: 1,
      location: { line: 10, column: 5 },
    });
    expect(last.state).toEqual(trace[1]!.state);
    expect(last.changes).toEqual({ locked: { before: true, after: false } });
  });
  test('text: the step into state 1 is not part of the loop, and the step back is named', () => {
    const text = formatTrace(lasso, 'text');
    expect(text).toContain('trace     4 states, then the step back to state 1\n');
    expect(text).toContain(
      '  1  w1  test/trace/fixtures/lasso.cred:7:3  W.start   <- the loop starts here\n',
    );
    expect(text).toContain(
      '  4  w1  test/trace/fixtures/lasso.cred:10:5  W.drop   -> back to state 1\n',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '-- states 1..3 repeat forever: steps 2..3, then w1 W.drop (line 10) goes back to state 1',
    );
  });
  test('lkml and mermaid open the loop after state 1 and end it with the step back', () => {
    const lkml = formatTrace(lasso, 'lkml').split('\n');
    expect(lkml.indexOf('<the loop starts here>')).toBe(lkml.indexOf('locked := false') + 1);
    expect(formatTrace(lasso, 'lkml')).toContain('then w1 W.drop (line 10) goes back to');
    const mmd = formatTrace(lasso, 'mermaid');
    expect(mmd).toMatch(
      / {2}Note over w1: 1\. W\.start[^\n]*\n {2}loop states 1\.\.3 repeat forever[^\n]*\n/,
    );
    expect(mmd).toContain(
      '    w1->>shared: 4. W.drop (line 10): locked := false (back to state 1)\n  end\n',
    );
  });
  test('itf: the closing step is not a state of its own; #meta names it', () => {
    const itf = toItf(withModuleStates(lasso));
    expect(itf.states).toHaveLength(4);
    expect(itf.loop).toBe(1);
    expect(itf['#meta']['loopStep']).toMatchObject({
      action: 'W_drop',
      thread: 'w1',
      step: 'W.drop',
      backTo: 1,
    });
    expect(itf['#meta']['loopDescription']).toBe(
      'states 1..3 repeat forever: steps 2..3, then w1 W.drop (line 10) goes back to state 1',
    );
  });
});

describe('births, exits and ends of threads', () => {
  test('text: the initial state lists unborn slots; clone and exit change statuses', () => {
    const text = formatTrace(clone, 'text');
    expect(text).toContain('       unborn: p2 (spare slots a clone may fill)\n');
    expect(text).toContain('clone P\n       thread p2: unborn -> alive by clone of p1\n');
    expect(text).toContain('exit\n       thread p1: alive -> exiting\n');
    expect(text).not.toContain('(no change)\n\n    2');
    const gone = formatTrace(cloneGone, 'text');
    expect(gone).toContain('exit of P\n       thread p1: exiting -> gone\n');
  });
  test('facts: birth by whom, exiting and gone at their steps', () => {
    const lives = traceFacts(cloneGone).lives;
    expect(lives.get('p2')).toMatchObject({
      bornAt: 2,
      bornBy: 'p1',
      exitingAt: null,
      goneAt: null,
    });
    expect(lives.get('p1')).toMatchObject({ bornAt: null, exitingAt: 4, goneAt: 5 });
  });
  test('mermaid: the child is a participant, its birth and the exit are notes', () => {
    const mmd = formatTrace(cloneGone, 'mermaid');
    expect(mmd).toContain('  participant p2\n');
    expect(mmd).toContain('  Note over p2: unborn (spare slot)\n');
    expect(mmd).toContain(
      '  Note over p1: 2. P.c (line 7): clone P\n  Note over p2: born by clone of p1\n',
    );
    expect(mmd).toContain('  Note over p1: 4. P.x (line 9): exit\n  Note over p1: exiting\n');
    expect(mmd).toContain('  Note over p1: gone\n');
    // Exiting is not gone: the exit step alone never says so.
    expect(formatTrace(clone, 'mermaid')).not.toContain('gone');
  });
  test("lkml: statuses in their thread's column", () => {
    const lines = formatTrace(cloneGone, 'lkml').split('\n');
    expect(lines[2]).toBe(`${' '.repeat(41)}(unborn)`);
    expect(lines).toContain(`${' '.repeat(41)}(born: clone of p1)`);
    expect(lines).toContain('(exiting)');
    expect(lines).toContain('(gone)');
  });
});

describe('procedure frames', () => {
  test('a frame variable shows only while its thread is in the call', () => {
    const trace = frame.trace!;
    for (const step of trace)
      expect(Object.keys(step.state).filter((k) => k.startsWith('b1.'))).toEqual([]);
    expect(trace[0]!.state['a1.bump.tmp']).toBeUndefined();
    expect(trace[1]!.changes['a1.bump.tmp']).toEqual({ before: null, after: 0 });
    expect(trace[4]!.changes['a1.bump.tmp']).toEqual({ before: 1, after: null });
    expect(trace[5]!.state['a1.bump.tmp']).toBeUndefined();
    const text = formatTrace(frame, 'text');
    expect(text).toContain('a1.bump.tmp: (unset) -> 0');
    expect(text).toContain('a1.bump.tmp: 1 -> (unset)');
  });
});
