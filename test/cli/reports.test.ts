// JUnit and SARIF reports: read back as a CI page would read them.
import { XMLParser } from 'fast-xml-parser';
import type { VariantResult } from '../../src/result/result-file.js';
import { buildJunitReport } from '../../src/cli/reports/junit.js';
import { buildSarifLog } from '../../src/cli/reports/sarif.js';
import { judgeExpectation } from '../../src/result/expectation.js';

const base: VariantResult = {
  spec: 'specs/landlock-tsync.cred',
  variant: 'v2',
  params: { CALLERS: 2, SIBLINGS: 0 },
  engine: 'embedded',
  module: 'generated/landlock-tsync/LandlockTsync_v2.tla',
  config: 'generated/landlock-tsync/LandlockTsync_v2__CALLERS_2__SIBLINGS_0.cfg',
  verdict: 'deadlock',
  property: null,
  expected: { verdict: 'deadlock', property: null, tag: 'L-1' },
  expectLocation: { file: 'specs/landlock-tsync.cred', line: 200, column: 1 },
  stats: { distinctStates: 120, statesGenerated: 300, depth: 14, seconds: 0.25 },
  trace: [
    {
      index: 0,
      thread: null,
      step: 'init',
      location: null,
      source: null,
      changes: {},
      state: { lock: false },
    },
    {
      index: 1,
      thread: 'caller1',
      step: 'restrict.queue',
      location: { file: 'specs/landlock-tsync.cred', line: 41, column: 3 },
      source: 'task_work_add(t, frame)',
      changes: { lock: { before: false, after: true } },
      state: { lock: true },
    },
  ],
  loopsBackTo: null,
};

const holdsButExpectedViolation: VariantResult = {
  ...base,
  variant: 'v3',
  verdict: 'holds',
  expected: { verdict: 'violated', property: 'll_frame', tag: 'L-3' },
  trace: null,
};

describe('expectations', () => {
  test('a met expectation, an unmet one, and an inconclusive run', () => {
    expect(judgeExpectation(base)).toBe('met');
    expect(judgeExpectation(holdsButExpectedViolation)).toBe('unmet');
    expect(judgeExpectation({ ...base, verdict: 'inconclusive' })).toBe('inconclusive');
    expect(
      judgeExpectation({
        ...base,
        verdict: 'violated',
        property: 'x',
        expected: { verdict: 'violated', property: 'y' },
      }),
    ).toBe('unmet');
  });
});

describe('JUnit report', () => {
  test('one test case per variant and parameter set, failures carry the expectation and trace', () => {
    const xml = buildJunitReport([base, holdsButExpectedViolation]);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite.name).toBe('specs/landlock-tsync.cred');
    const cases = suite.testcase;
    expect(cases).toHaveLength(2);
    expect(cases[0].name).toBe('[L-1] v2 (CALLERS=2, SIBLINGS=0)');
    expect(cases[0].failure).toBeUndefined();
    expect(cases[1].name).toBe('[L-3] v3 (CALLERS=2, SIBLINGS=0)');
    expect(cases[1].failure.message).toBe('expected violates ll_frame, got holds');
    expect(Number(suite.failures)).toBe(1);
  });

  test('the failure body of an unmet violation holds the trace with spec locations', () => {
    const unmet: VariantResult = { ...base, expected: { verdict: 'holds', property: null } };
    const xml = buildJunitReport([unmet]);
    expect(xml).toContain('specs/landlock-tsync.cred:41:3');
    expect(xml).toContain('task_work_add(t, frame)');
  });
});

describe('SARIF log', () => {
  const options = {
    toolVersion: '0.1.0',
    docs: (page: string, anchor: string) => `https://example.org/docs/${page}#${anchor}`,
    sourceText: () => null,
  };

  test('an expectation met is no result; one not met is, at its expect line, with the rerun command', () => {
    const log = buildSarifLog([base, holdsButExpectedViolation], options) as any;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('credspec');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(['landlock-tsync/expectation']);
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(result.ruleId).toBe('landlock-tsync/expectation');
    expect(result.ruleIndex).toBe(0);
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/landlock-tsync.cred' },
      region: { startLine: 200, startColumn: 1 },
    });
    expect(result.message.text).toBe(
      'specs/landlock-tsync.cred v3 (CALLERS=2, SIBLINGS=0): holds, expected violates ll_frame. Rerun: credspec check specs/landlock-tsync.cred --variant v3 --param CALLERS=2 --param SIBLINGS=0',
    );
  });

  test('an unexpected deadlock carries its trace as a code flow of spec locations', () => {
    const unexpected: VariantResult = { ...base, expected: { verdict: 'holds', property: null } };
    const run = (buildSarifLog([unexpected], options) as any).runs[0];
    expect(run.results[0].ruleId).toBe('landlock-tsync/deadlock');
    const flow = run.results[0].codeFlows[0].threadFlows[0].locations;
    expect(flow).toHaveLength(1);
    expect(flow[0].location.physicalLocation.region).toEqual({ startLine: 41, startColumn: 3 });
    expect(flow[0].location.message.text).toBe('1: caller1 task_work_add(t, frame)');
  });
});
