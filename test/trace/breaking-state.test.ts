// The breaking state every trace format ends with (src/engine/run/breaking-state.ts, printed by
// src/trace/formats/breaking-lines.ts): on S-1's assertion `sc_atomic` (recorded, re-evaluated
// from its TLA+ states without a search) and on a purpose-built lost update checked end to end,
// the values the property reads and its false part; on a lock-order deadlock, the whole state
// before the wait-for picture; in text, lkml, mermaid, itf, json, the
// JUnit body, the `check` report, and the result file's schema.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { runCase } from '../../src/driver/run-case.js';
import { formatViolation } from '../../src/driver/report-text.js';
import { buildJunitReport } from '../../src/cli/reports/junit.js';
import { buildCase, type BuiltCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import { breakingState } from '../../src/engine/run/breaking-state.js';
import type { CheckResult } from '../../src/result/check-result.js';
import type { ResultFile, VariantResult } from '../../src/result/result-file.js';
import { formatTrace, TRACE_FORMATS } from '../../src/trace/formats/format-trace.js';

const ROOT = resolve(process.cwd());
const LOST_UPDATE = 'test/trace/fixtures/lost-update.cred';

/** The ci case of `spec` for `variant` (whose expectation carries `tag`, when given), built. */
function built(spec: string, variant: string, tag?: string): BuiltCase {
  const program = loadSpec(spec, { cwd: ROOT, env: process.env });
  const checked = checkProgram(program);
  const c = ciCases(program).find(
    (x) => x.variant === variant && (tag === undefined || x.expects.some((e) => e.tag === tag)),
  );
  if (c === undefined) throw new Error(`${spec} has no case ${variant}`);
  const b = buildCase(checked, c, 'credspec test');
  if (!b.ok) throw new Error(`${spec} ${variant} does not build`);
  return b.built;
}

/** S-1 as recorded, with the breaking state computed again from its steps' module states. */
function s1(): VariantResult {
  const file = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/results/seccomp-s1-atomic.json'), 'utf8'),
  ) as ResultFile;
  const r = file.results[0];
  if (r === undefined || r.trace === null) throw new Error('the S-1 recording has no trace');
  const b = built(r.spec, r.variant, 'S-1');
  const property = b.emitted.sourceMap.properties.find((p) => p.dslName === r.property)?.name;
  const engineResult: CheckResult = {
    engine: 'embedded',
    verdict: 'violated',
    property: property ?? null,
    stats: r.stats,
    loopsBackTo: null,
    stuttering: false,
    trace: r.trace.map((s) => {
      if (s.tla === undefined) throw new Error('the S-1 recording lacks the module states');
      return {
        action: s.tla.action === null ? null : { name: s.tla.action, params: s.tla.params ?? {} },
        state: s.tla.state,
      };
    }),
  };
  const breaking = breakingState(b, engineResult, r.trace);
  return breaking === undefined ? r : { ...r, breakingState: breaking };
}

/** `spec`'s base case checked on the embedded engine, as `check --json` records it. */
function checked(spec: string): Promise<VariantResult> {
  return runCase(built(spec, 'base'), spec, {
    engine: 'embedded',
    cwd: ROOT,
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'credspec-breaking-')) },
  });
}

let lostUpdate: VariantResult;
let deadlock: VariantResult;
const assertion = s1();

beforeAll(async () => {
  lostUpdate = await checked(LOST_UPDATE);
  deadlock = await checked('test/trace/fixtures/lock-order.cred');
}, 120_000);

describe('the breaking state recorded', () => {
  test("S-1: the state sc_atomic's step checked, `changed == {}` false for caller1", () => {
    expect(assertion.breakingState).toEqual({
      step: 22,
      falseParts: [
        {
          expression: 'changed == {}',
          where: { self: { '#mv': 'caller1' } },
          operands: [{ expression: 'changed', value: { '#set': [{ '#mv': 'other2' }] } }],
        },
      ],
      values: { 'caller1.seccomp_tsync.changed': { '#set': [{ '#mv': 'other2' }] } },
    });
  });

  test('lost update: the last state, `count == 2` false with count 1', () => {
    expect(lostUpdate.verdict).toBe('violated');
    expect(lostUpdate.breakingState).toEqual({
      step: 4,
      falseParts: [
        { expression: 'count == 2', where: {}, operands: [{ expression: 'count', value: 1 }] },
      ],
      // `done(t)` reads each thread's position: both are done.
      values: { count: 1, 'worker1.at': { '#mv': 'done' }, 'worker2.at': { '#mv': 'done' } },
    });
  });

  test('a deadlock: the whole last state, then the wait-for picture', () => {
    expect(deadlock.verdict).toBe('deadlock');
    expect(deadlock.breakingState).toEqual({
      step: 2,
      falseParts: [],
      values: { a: { '#mv': 'p1' }, b: { '#mv': 'q1' } },
    });
    expect(formatTrace(deadlock, 'text').trimEnd().split('\n').slice(-9)).toEqual([
      'breaking state: state 2, the deadlock',
      '  every variable:',
      '    a = p1',
      '    b = q1',
      '',
      'deadlock: no thread can take a step',
      '  p1  waits on b, held or owed by q1 (asleep in spin_lock(b) at P.second)',
      '  q1  waits on a, held or owed by p1 (asleep in spin_lock(a) at Q.second)',
      '  cycle: p1 -> q1 -> p1',
    ]);
  });

  test('the result file with it matches the schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(ROOT, 'schema', 'result.schema.json'), 'utf8')),
    );
    for (const r of [assertion, lostUpdate, deadlock]) {
      const file: ResultFile = { tool: 'credspec', version: '0.0.0', results: [r] };
      expect(validate(file) ? [] : validate.errors).toEqual([]);
    }
  });
});

describe('every format ends with it', () => {
  const shown = (): [string, VariantResult, string, string][] => [
    ['S-1', assertion, 'changed == {}', 'caller1.seccomp_tsync.changed = {other2}'],
    ['lost update', lostUpdate, 'count == 2', 'count = 1'],
  ];

  test('text, lkml and the check report: the false part, its operand, then what it reads, last', () => {
    for (const [, r, part, value] of shown()) {
      for (const text of [formatTrace(r, 'text'), formatTrace(r, 'lkml'), formatViolation(r)]) {
        const tail = text.slice(text.lastIndexOf('breaking state: state'));
        expect(tail).toContain(`false: ${part}`);
        expect(tail).toContain(value);
        // Nothing after it but the expectation line of the check report.
        expect(tail.trimEnd().split('\n').at(-1)).toMatch(/= |expected: /);
      }
    }
    expect(formatTrace(assertion, 'text').trimEnd().split('\n').slice(-5)).toEqual([
      'breaking state: state 22, where sc_atomic is false',
      '  false: changed == {}   (where self = caller1)',
      '         changed is {other2}',
      '  what sc_atomic reads:',
      '    caller1.seccomp_tsync.changed = {other2}',
    ]);
    expect(formatTrace(lostUpdate, 'text').trimEnd().split('\n').slice(-7)).toEqual([
      'breaking state: state 4, where no_lost_update is false',
      '  false: count == 2',
      '         count is 1',
      '  what no_lost_update reads:',
      '    count = 1',
      '    worker1.at = done',
      '    worker2.at = done',
    ]);
  });

  test('mermaid: a last note across every lane', () => {
    const last = formatTrace(lostUpdate, 'mermaid').trimEnd().split('\n').at(-1);
    expect(last).toBe(
      '  Note over shared,worker2: breaking state: state 4, where no_lost_update is false<br/>false: count == 2<br/>count is 1<br/>what no_lost_update reads:<br/>count = 1<br/>worker1.at = done<br/>worker2.at = done',
    );
  });

  test('json and itf carry the recorded state', () => {
    for (const [, r] of shown()) {
      expect(JSON.parse(formatTrace(r, 'json')).breakingState).toEqual(r.breakingState);
      expect(JSON.parse(formatTrace(r, 'itf'))['#meta'].breakingState).toEqual(r.breakingState);
    }
    expect(TRACE_FORMATS).toEqual(['text', 'json', 'itf', 'mermaid', 'lkml']);
  });

  test('the JUnit body of an unmet expectation ends with it', () => {
    const unmet: VariantResult = {
      ...lostUpdate,
      expected: { verdict: 'holds', property: null },
    };
    const xml = buildJunitReport([unmet]);
    expect(xml).toContain('breaking state: state 4, where no_lost_update is false');
    expect(xml).toContain('  false: count == 2');
  });
});
