// Every recorded TLC run of the fixture corpus, plain and -tool, read to its verdict, counts,
// property, error location and trace; trace.json files cross-checked against the -tool trace.
import { describe, expect, test } from '@jest/globals';
import type { CheckResult } from '../../src/result/check-result.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import {
  readToolOutput,
  ToolOutputReader,
  type ParsedToolOutput,
} from '../../src/tlc/read-tool-output.js';
import { readPlainOutput } from '../../src/tlc/read-plain-output.js';
import { toCheckResult } from '../../src/tlc/to-check-result.js';
import { interpretMessages, readSanyReport } from '../../src/tlc/interpret-messages.js';
import { readActionParameters, readConfigProperties } from '../../src/tlc/module-facts.js';
import { readDumpTrace } from '../../src/tlc/read-dump-trace.js';
import {
  FIXTURES,
  fixtureCases,
  fixtureText,
  fixturesPresent,
  moduleOf,
  type FixtureCase,
  type FixtureRun,
} from './fixture-files.js';

const mv = (name: string): TlaValue => ({ '#mv': name });

interface Expected {
  verdict: CheckResult['verdict'];
  property?: string | null;
  distinct?: number;
  generated?: number;
  depth?: number;
  queued?: number;
  traceLength?: number | null;
  actions?: (string | null)[];
  selfs?: (string | null)[];
  loopsBackTo?: number | null;
  stuttering?: boolean;
  tlaLocation?: string;
  messageIncludes?: string[];
  violations?: number;
  check?: (r: CheckResult) => void;
}

const EXPECTED: Record<string, Expected> = {
  '01-success': {
    verdict: 'holds',
    property: null,
    distinct: 811,
    generated: 901,
    depth: 19,
    queued: 0,
    traceLength: null,
  },
  '02-invariant': {
    verdict: 'violated',
    property: 'NoLostUpdate',
    distinct: 27,
    generated: 33,
    depth: 5,
    queued: 13,
    traceLength: 5,
    actions: [null, 'A_load', 'A_load', 'A_store', 'A_store'],
    selfs: [null, 't1', 't2', 't1', 't2'],
    loopsBackTo: null,
    stuttering: false,
    check: (r) => {
      const s = r.trace![4]!.state;
      expect(s.counter).toBe(1);
      expect(s.finished).toEqual({ '#set': [mv('t1'), mv('t2')] });
      expect(s.log).toEqual([
        { thread: mv('t1'), wrote: 1 },
        { thread: mv('t2'), wrote: 1 },
      ]);
      expect(s.regs).toEqual({
        '#map': [
          [mv('t1'), { tmp: 0, stores: 1 }],
          [mv('t2'), { tmp: 0, stores: 1 }],
          [mv('t3'), { tmp: 0, stores: 0 }],
        ],
      });
      expect(r.trace![0]!.state.log).toEqual([]);
      // Printed order, not declaration order.
      expect(Object.keys(s)).toEqual(['counter', 'regs', 'pc', 'finished', 'log']);
    },
  },
  '03-deadlock': {
    verdict: 'deadlock',
    property: null,
    distinct: 8,
    generated: 11,
    depth: 4,
    queued: 1,
    traceLength: 4,
    actions: [null, 'A_prepare', 'A_lock', 'A_prepare'],
    selfs: [null, 't1', 't1', 't2'],
    check: (r) => {
      expect(r.trace![3]!.state.lock).toEqual(mv('t1'));
      expect(r.trace![3]!.state.cred).toEqual({
        '#map': [
          [mv('t1'), { uid: 0, committed: false }],
          [mv('t2'), { uid: 0, committed: false }],
        ],
      });
    },
  },
  '04a-liveness-lasso': {
    verdict: 'violated',
    property: 'StarvationFree',
    distinct: 20,
    generated: 37,
    depth: 7,
    traceLength: 7,
    actions: [null, 'A_ncs', 'A_ncs', 'A_spin', 'A_cs', 'A_unlock', 'A_ncs'],
    selfs: [null, 't2', 't1', 't2', 't2', 't2', 't2'],
    loopsBackTo: 3,
    stuttering: false,
  },
  '04b-liveness-stuttering': {
    verdict: 'violated',
    property: 'AllCommitted',
    distinct: 9,
    generated: 14,
    depth: 5,
    traceLength: 4,
    actions: [null, 'A_prepare', 'A_commit', 'A_prepare'],
    selfs: [null, 't1', 't1', 't2'],
    loopsBackTo: null,
    stuttering: true,
    check: (r) =>
      expect(r.trace![3]!.state.prepared).toEqual({
        '#map': [
          [mv('t1'), { uid: 0, gen: 1 }],
          [mv('t2'), { uid: 0, gen: 1 }],
        ],
      }),
  },
  '04c-action-property': {
    verdict: 'violated',
    property: 'ChainOnlyGrows',
    distinct: 8,
    generated: 9,
    depth: 4,
    traceLength: 4,
    actions: [null, 'A_install', 'A_install', 'A_tsync'],
    selfs: [null, 't1', 't2', 't1'],
    check: (r) =>
      expect(r.trace![0]!.state.filters).toEqual({
        '#map': [
          [mv('t1'), []],
          [mv('t2'), []],
        ],
      }),
  },
  '05-assert': {
    verdict: 'violated',
    property: 'Failure of assertion at cred.cred:14:5: put_cred: usage > 1',
    distinct: 32,
    generated: 37,
    depth: 7,
    queued: 8,
    traceLength: 6,
    actions: [null, 'A_get_load', 'A_get_load', 'A_get_store', 'A_get_store', 'A_put'],
    check: (r) => expect(r.trace![5]!.state.usage).toBe(1),
  },
  '06-init-violation': {
    verdict: 'violated',
    property: 'DomainNeedsNnp',
    distinct: 0,
    generated: 0,
    depth: 0,
    traceLength: 1,
    actions: [null],
    check: (r) => {
      expect(r.trace![0]!.state.nnp).toEqual({
        '#map': [
          [mv('t1'), false],
          [mv('t2'), false],
        ],
      });
      expect(r.trace![0]!.state.domain).toEqual({
        '#map': [
          [mv('t1'), 'd1'],
          [mv('t2'), 'd1'],
        ],
      });
    },
  },
  '07-parse-error': {
    verdict: 'error',
    property: null,
    traceLength: null,
    tlaLocation: 'TakeLock.tla:19:5',
    messageIncludes: ['Encountered "/\\" at line 19, column 5'],
  },
  '08-semantic-error': {
    verdict: 'error',
    property: null,
    traceLength: null,
    tlaLocation: 'GiveLock.tla:16:8',
    messageIncludes: ["Unknown operator: `lokc'.", "Unknown operator: `NoThreads'."],
  },
  '09a-eval-error-domain': {
    verdict: 'error',
    distinct: 10,
    generated: 11,
    depth: 4,
    traceLength: 3,
    actions: [null, 'A_prepare', 'A_skip'],
    tlaLocation: 'PeerCopy.tla:37:39',
    messageIncludes: ['to argument NoThread, which is not in the domain of the function'],
  },
  '09b-eval-error-compare': {
    verdict: 'error',
    property: 'NoENOMEM',
    distinct: 3,
    generated: 2,
    depth: 2,
    traceLength: 2,
    actions: [null, 'A_call'],
    messageIncludes: ['Attempted to check equality of integer 0'],
  },
  '10-symmetry-view': {
    verdict: 'violated',
    property: 'NoLayerLost',
    distinct: 6,
    generated: 10,
    depth: 4,
    traceLength: 4,
    actions: [null, 'A_restrict', 'A_restrict', 'A_tsync'],
    selfs: [null, 't1', 't2', 't1'],
    check: (r) =>
      expect(r.trace![3]!.state.domain).toEqual({
        '#map': [
          [mv('t1'), { '#set': [mv('t1')] }],
          [mv('t2'), { '#set': [mv('t1')] }],
          [mv('t3'), { '#set': [mv('t1')] }],
        ],
      }),
  },
  '11-constraint': {
    verdict: 'holds',
    property: null,
    distinct: 1486,
    generated: 4459,
    depth: 12,
    traceLength: null,
  },
  '12-multiworker-progress': {
    verdict: 'holds',
    property: null,
    distinct: 771668,
    generated: 1852318,
    depth: 31,
    traceLength: null,
  },
  '13-coverage': {
    verdict: 'holds',
    property: null,
    distinct: 811,
    generated: 901,
    depth: 19,
    traceLength: null,
  },
  '14-continue': {
    verdict: 'violated',
    property: 'RegisterFresh',
    distinct: 14,
    generated: 19,
    depth: 5,
    traceLength: 4,
    violations: 4,
    actions: [null, 'A_load', 'A_load', 'A_store'],
    selfs: [null, 't1', 't2', 't1'],
  },
  '15-config-error': {
    verdict: 'error',
    property: null,
    traceLength: null,
    messageIncludes: ['The constant parameter NoThread is not assigned a value'],
  },
};

/** Runs whose output differs in kind from their case's main runs. */
const RUN_OVERRIDES: Record<string, Expected> = {
  '02-invariant/plain-dumptrace-tla-nocm': {
    verdict: 'error',
    property: null,
    traceLength: null,
    messageIncludes: ['Cannot find source file for module IOUtils'],
  },
};

function readRun(c: FixtureCase, run: FixtureRun): ParsedToolOutput {
  const text = fixtureText(c.case, run.stdout);
  return run.command.includes(' -tool') ? readToolOutput(text) : readPlainOutput(text);
}

function optionsFor(c: FixtureCase) {
  const module = moduleOf(c);
  return {
    actionParameters: readActionParameters(fixtureText(c.case, `${module}.tla`)),
    properties: readConfigProperties(fixtureText(c.case, `${module}.cfg`)),
    moduleName: module,
  };
}

const selfOf = (step: NonNullable<CheckResult['trace']>[number]): string | null => {
  const v = step.action?.params.self;
  return v && typeof v === 'object' && '#mv' in v ? (v as { '#mv': string })['#mv'] : null;
};

function checkExpected(r: CheckResult, e: Expected): void {
  expect(r.engine).toBe('tlc');
  expect(r.verdict).toBe(e.verdict);
  if (e.property !== undefined) expect(r.property).toBe(e.property);
  if (e.distinct !== undefined) expect(r.stats.distinctStates).toBe(e.distinct);
  if (e.generated !== undefined) expect(r.stats.statesGenerated).toBe(e.generated);
  if (e.depth !== undefined) expect(r.stats.depth).toBe(e.depth);
  if (e.queued !== undefined) expect(r.stats.queued).toBe(e.queued);
  if (e.traceLength === null) expect(r.trace).toBeNull();
  else if (e.traceLength !== undefined) expect(r.trace).toHaveLength(e.traceLength);
  if (e.actions) expect(r.trace!.map((s) => s.action?.name ?? null)).toEqual(e.actions);
  if (e.selfs) expect(r.trace!.map(selfOf)).toEqual(e.selfs);
  if (e.loopsBackTo !== undefined) expect(r.loopsBackTo).toBe(e.loopsBackTo);
  if (e.stuttering !== undefined) expect(r.stuttering).toBe(e.stuttering);
  if (e.tlaLocation !== undefined) expect(r.error?.tlaLocation).toBe(e.tlaLocation);
  for (const text of e.messageIncludes ?? []) expect(r.error?.message).toContain(text);
  if (e.verdict === 'error') expect(r.error?.message.length).toBeGreaterThan(0);
  else expect(r.error).toBeUndefined();
  e.check?.(r);
}

const describeFixtures = fixturesPresent ? describe : describe.skip;
const NEEDS = fixturesPresent ? '' : ` (skipped: no recorded TLC runs at ${FIXTURES})`;

describeFixtures(`recorded TLC runs (shared/tlc-fixtures)${NEEDS}`, () => {
  const cases = fixtureCases();

  test('the corpus lists every case this suite expects', () => {
    expect(cases.map((c) => c.case).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const c of cases) {
    for (const run of c.runs) {
      if (run.run.startsWith('sany')) {
        test(`${c.case} ${run.run}: SANY's report gives the position and the words`, () => {
          const text = fixtureText(c.case, run.stdout);
          const parsed = readPlainOutput(text);
          const report = readSanyReport(parsed.sanyLines, '', moduleOf(c));
          const e = EXPECTED[c.case]!;
          expect(report.tlaLocation).toBe(e.tlaLocation);
          for (const t of e.messageIncludes ?? []) expect(report.message).toContain(t);
          // SANY alone prints no TLC verdict: reading it as a TLC run is an error whatever its exit code.
          expect(toCheckResult(parsed, run.exitCode).verdict).toBe('error');
        });
        continue;
      }
      test(`${c.case} ${run.run} (exit ${run.exitCode})`, () => {
        const parsed = readRun(c, run);
        const result = toCheckResult(parsed, run.exitCode, optionsFor(c));
        checkExpected(result, RUN_OVERRIDES[`${c.case}/${run.run}`] ?? EXPECTED[c.case]!);
        const violations = EXPECTED[c.case]!.violations;
        if (violations !== undefined)
          expect(interpretMessages(parsed, optionsFor(c)).violations).toHaveLength(violations);
      });
    }
  }

  test('-continue: exit 0 and "No error has been found" do not hide the violations', () => {
    const parsed = readToolOutput(fixtureText('14-continue', 'tool.out'));
    const report = interpretMessages(parsed);
    expect(report.success).toBe(true);
    expect(report.violations.map((v) => v.property)).toEqual([
      'RegisterFresh',
      'RegisterFresh',
      'NoLostUpdate',
      'NoLostUpdate',
    ]);
    expect(report.violations.map((v) => v.trace.steps.length)).toEqual([4, 4, 5, 5]);
    expect(toCheckResult(parsed, 0).verdict).toBe('violated');
  });

  test('12-multiworker-progress: progress lines read with their commas', () => {
    const parsed = readToolOutput(fixtureText('12-multiworker-progress', 'tool.out'));
    const progress = parsed.messages.filter((m) => m.code === 2200);
    expect(progress.length).toBeGreaterThan(2);
    expect(interpretMessages(parsed).lastProgress).toEqual({
      depth: 31,
      generated: 1852318,
      distinct: 771668,
      queue: 0,
    });
  });

  test('read chunk by chunk, as the runner streams it, the output gives the same messages', () => {
    const text = fixtureText('04a-liveness-lasso', 'tool.out');
    const seen: number[] = [];
    const reader = new ToolOutputReader((m) => seen.push(m.code));
    for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
    const streamed = reader.end();
    expect(streamed).toEqual(readToolOutput(text));
    expect(seen).toEqual(streamed.messages.map((m) => m.code));
  });

  test('the GC warning (2401) is neither an error nor a verdict', () => {
    const parsed = readToolOutput(fixtureText('01-success', 'noparallelgc-tool.out'));
    expect(parsed.messages.some((m) => m.code === 2401 && m.severity === 3)).toBe(true);
    expect(toCheckResult(parsed, 0).verdict).toBe('holds');
  });

  test('parameter names fall back to positional names without the module', () => {
    const parsed = readToolOutput(fixtureText('02-invariant', 'tool.out'));
    const r = toCheckResult(parsed, 12);
    expect(r.trace![1]!.action).toEqual({ name: 'A_load', params: { p1: mv('t1') } });
  });

  test('an exit code without the messages to back it is an error, not a verdict', () => {
    const parsed = readToolOutput(fixtureText('01-success', 'tool.out'));
    expect(toCheckResult(parsed, 12).verdict).toBe('error');
    expect(toCheckResult(parsed, null).error?.message).toMatch(/stopped before it finished/);
    const truncated = fixtureText('02-invariant', 'tool.out').split('@!@!@STARTMSG 2110')[0]!;
    const r = toCheckResult(readToolOutput(truncated), 12);
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toContain('exited with code 12 (safety violation)');
  });
});

/** JSON's view of a value: model values become strings, sets arrays, functions objects. */
function eraseTypes(v: TlaValue): unknown {
  if (Array.isArray(v)) return v.map(eraseTypes);
  if (typeof v !== 'object' || v === null) return v;
  if ('#mv' in v) return (v as { '#mv': string })['#mv'];
  if ('#set' in v) return (v as { '#set': TlaValue[] })['#set'].map(eraseTypes);
  if ('#map' in v)
    return Object.fromEntries(
      (v as { '#map': [TlaValue, TlaValue][] })['#map'].map(([k, x]) => [
        String(eraseTypes(k)),
        eraseTypes(x),
      ]),
    );
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, eraseTypes(x as TlaValue)]));
}

describeFixtures(`-dumpTrace json files agree with the -tool trace${NEEDS}`, () => {
  for (const c of fixtureCases().filter((x) => x.traceFiles.includes('trace.json'))) {
    test(`${c.case} trace.json`, () => {
      const dump = readDumpTrace(fixtureText(c.case, 'trace.json'));
      if (!dump.ok) throw new Error(dump.error);
      const run =
        c.runs.find((r) => r.run === 'tool-dumptrace') ?? c.runs.find((r) => r.run === 'tool')!;
      const tool = toCheckResult(readRun(c, run), run.exitCode, optionsFor(c));
      expect(dump.trace.steps).toHaveLength(tool.trace!.length);
      expect(dump.trace.loopsBackTo).toBe(tool.loopsBackTo);
      expect(dump.trace.stuttering).toBe(tool.stuttering);
      dump.trace.steps.forEach((step, i) => {
        const t = tool.trace![i]!;
        expect(step.action?.name ?? null).toBe(t.action?.name ?? null);
        expect(eraseTypes(step.action?.params ?? {})).toEqual(eraseTypes(t.action?.params ?? {}));
        expect(eraseTypes(step.state as TlaValue)).toEqual(eraseTypes(t.state as TlaValue));
      });
      expect(dump.trace.vars.length).toBeGreaterThan(0);
    });
  }

  test('malformed dump files are reported, not thrown', () => {
    expect(readDumpTrace('{').ok).toBe(false);
    expect(readDumpTrace('{"vars": []}').ok).toBe(false);
  });
});
