// What the trace formats show for a lasso's closing step, a thread's birth, exit and end, and a
// procedure's frame, on results recorded from the specs in test/trace/fixtures (goldens for
// text, Mermaid and lkml, rewritten only with UPDATE_GOLDEN=1); and how the closing step is
// found: from the engine's action, TLC's 2122 message, or the threads' pc when neither names it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CheckResult } from '../../src/result/check-result.js';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import type { TlaState } from '../../src/result/tla-value.js';
import type { SourceMap } from '../../src/emit/source-map.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { toItf } from '../../src/trace/formats/itf.js';
import { withModuleStates } from './module-states.js';
import { traceFacts } from '../../src/trace/formats/trace-facts.js';
import { readToolOutput } from '../../src/tlc/read-tool-output.js';
import { toCheckResult } from '../../src/tlc/to-check-result.js';
import { FIXTURES as TLC_FIXTURES, fixturesPresent } from '../tlc/fixture-files.js';
import { GOLDEN_FORMATS, golden } from './golden-formats.js';

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
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'schema', 'result.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
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

describe('the closing step as the engines report it', () => {
  const map: SourceMap = {
    version: 1,
    generatedBy: 'test',
    module: 'M',
    spec: 's.cred',
    specName: 's',
    variant: 'base',
    pcValues: {},
    groups: [],
    constants: [],
    variables: [{ name: 'x', dslName: 'x', scope: 'shared', perThread: false, location: null }],
    properties: [],
    actions: [
      {
        name: 'A_a',
        kind: 'step',
        owner: { kind: 'process', name: 'A' },
        label: 'a',
        generatedLabel: false,
        step: 'A.a',
        pc: 'A_a',
        params: ['self'],
        location: { file: 's.cred', line: 3, column: 3, endLine: 3, endColumn: 9 },
        source: 'x := 1',
      },
      {
        name: 'A_b',
        kind: 'step',
        owner: { kind: 'process', name: 'A' },
        label: 'b',
        generatedLabel: false,
        step: 'A.b',
        pc: 'A_b',
        params: ['self'],
        location: { file: 's.cred', line: 4, column: 3, endLine: 4, endColumn: 9 },
        source: 'x := 0',
      },
    ],
  };
  const mv = (t: string): { '#mv': string } => ({ '#mv': t });
  const state = (x: number, t1: string, t2: string): TlaState => ({
    x,
    pc: {
      '#map': [
        [mv('t1'), t1],
        [mv('t2'), t2],
      ],
    },
  });
  // t1 loops a -> b -> a; t2 stays at a (it never moves).
  const trace: NonNullable<CheckResult['trace']> = [
    { action: null, state: state(0, 'A_a', 'A_a') },
    { action: { name: 'A_a', params: { self: mv('t1') } }, state: state(1, 'A_b', 'A_a') },
  ];
  test('named by the engine', () => {
    const mapped = mapTrace(
      {
        trace,
        loopsBackTo: 0,
        stuttering: false,
        loopAction: { name: 'A_b', params: { self: mv('t1') } },
      },
      map,
    )!;
    expect(mapped.steps).toHaveLength(3);
    expect(mapped.steps[2]).toMatchObject({
      index: 2,
      thread: 't1',
      step: 'A.b',
      backTo: 0,
      changes: { x: { before: 1, after: 0 } },
    });
  });
  test("itf: the module's states, loop back to state 0, the step back named in #meta with its action", () => {
    const mapped = mapTrace(
      {
        trace,
        loopsBackTo: 0,
        stuttering: false,
        loopAction: { name: 'A_b', params: { self: mv('t1') } },
      },
      map,
      { includeTla: true },
    )!;
    const result = {
      spec: 's.cred',
      variant: 'base',
      params: {},
      engine: 'embedded',
      module: 'generated/s/S_base.tla',
      config: 'generated/s/S_base.cfg',
      verdict: 'violated',
      property: 'P',
      expected: null,
      stats: { distinctStates: 2, statesGenerated: 3, depth: 2, seconds: 0 },
      trace: mapped.steps,
      loopsBackTo: 0,
      stuttering: false,
    } as unknown as VariantResult;
    const itf = toItf(result);
    expect(itf.vars).toEqual(['x', 'pc']);
    expect(itf.loop).toBe(0);
    expect(itf.states.map((s) => [s['x'], s['#meta'].action, s['#meta'].thread])).toEqual([
      [0, null, null],
      [1, 'A_a', 't1'],
    ]);
    expect(itf.states[1]!['pc']).toEqual({
      '#map': [
        [{ '#unserializable': 't1' }, 'A_b'],
        [{ '#unserializable': 't2' }, 'A_a'],
      ],
    });
    expect(itf['#meta']['loopStep']).toMatchObject({
      action: 'A_b',
      params: { self: { '#unserializable': 't1' } },
      thread: 't1',
      step: 'A.b',
      backTo: 0,
    });
  });
  test('worked out from pc when the engine does not name it (TLC 1.7.4)', () => {
    const mapped = mapTrace({ trace, loopsBackTo: 0, stuttering: false }, map)!;
    expect(mapped.steps[2]).toMatchObject({
      thread: 't1',
      step: 'A.b',
      location: { line: 4 },
      backTo: 0,
    });
  });
  test('no name when no single thread moved', () => {
    const still: NonNullable<CheckResult['trace']> = [
      trace[0]!,
      { action: { name: 'A_a', params: { self: mv('t1') } }, state: state(1, 'A_a', 'A_a') },
    ];
    const mapped = mapTrace({ trace: still, loopsBackTo: 0, stuttering: false }, map)!;
    expect(mapped.steps[2]).toMatchObject({
      thread: null,
      step: '(unknown step)',
      location: null,
      backTo: 0,
    });
  });
  (fixturesPresent ? test : test.skip)(
    'TLC 2.x: the 2122 message names the action of the step back',
    () => {
      const dir = join(TLC_FIXTURES, '04a-liveness-lasso');
      const result = toCheckResult(
        readToolOutput(readFileSync(join(dir, 'tool.out'), 'utf8')),
        13,
        { actionParameters: new Map([['A_spin', ['self']]]) },
      );
      expect(result.loopsBackTo).toBe(3);
      expect(result.loopAction).toEqual({ name: 'A_spin', params: { self: mv('t2') } });
    },
  );
});
