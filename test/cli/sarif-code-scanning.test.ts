// `ci --sarif` as GitHub code scanning ingests it: a run where everything is as expected has no
// results (the expected race stays in the JSON report); what is not as expected is a result
// under a rule named by spec and property, with descriptions, help and a docs link; every log
// is valid SARIF 2.1.0 and meets code scanning's ingestion rules.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { LOCKED, lockedWorkspace } from './locked-spec.js';
import { githubProblems, schemaProblems } from './sarif-checks.js';

const scratch = scratchDirs();

function readJson(dir: string, file: string): any {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

test('a green run has no results, and the expected race is in the JSON report', async () => {
  const { dir, env } = lockedWorkspace(scratch);
  const io = memoryIo({ cwd: dir, env });
  expect(await runCi({ dir: 'specs', sarif: 's.sarif', json: 'r.json' }, io)).toBe(0);
  const log = readJson(dir, 's.sarif');
  expect(log.runs[0].results).toEqual([]);
  expect(log.runs[0].tool.driver.rules).toEqual([]);
  expect(schemaProblems(log)).toEqual([]);
  expect(githubProblems(log)).toEqual([]);
  const race = readJson(dir, 'r.json').results.find((r: any) => r.variant === 'racy');
  expect([race.verdict, race.property]).toEqual(['violated', 'one_inside']);
});

test('what is not as expected: one result each, rules namespaced by spec, valid for code scanning', async () => {
  const { dir, env } = lockedWorkspace(scratch);
  // Both expectations turned round: base is expected to break, the racy variant to hold.
  const flipped = LOCKED.replace('expect base: holds', 'expect base: violates one_inside').replace(
    'expect "R-1" racy: violates one_inside',
    'expect "R-1" racy: holds',
  );
  writeFileSync(join(dir, 'specs', 'locked.cred'), flipped);
  writeFileSync(
    join(dir, 'specs', 'other.cred'),
    flipped.replace('spec locked_counter', 'spec other_counter'),
  );
  const io = memoryIo({ cwd: dir, env });
  expect(await runCi({ dir: 'specs', sarif: 's.sarif' }, io)).toBe(1);
  const log = readJson(dir, 's.sarif');
  expect(schemaProblems(log)).toEqual([]);
  expect(githubProblems(log)).toEqual([]);
  const run = log.runs[0];
  // package.json names no public address: no link at all rather than a path on this machine.
  expect(run.tool.driver.informationUri).toBeUndefined();
  expect(JSON.stringify(log)).not.toMatch(/"(helpUri|informationUri)":/);
  expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual([
    'locked/expectation',
    'locked/one_inside',
    'other/expectation',
    'other/one_inside',
  ]);
  expect(run.results.map((r: any) => `${r.ruleId} ${r.level}`).sort()).toEqual([
    'locked/expectation error',
    'locked/one_inside error',
    'other/expectation error',
    'other/one_inside error',
  ]);

  const rule = run.tool.driver.rules.find((r: any) => r.id === 'locked/one_inside');
  const declaration = 'invariant one_inside: card({ t in Worker | at(t, release) }) <= 1';
  const line = (text: string): number => flipped.split('\n').indexOf(text) + 1;
  expect(rule.shortDescription.text).toBe(`one_inside of specs/locked.cred: ${declaration}`);
  expect(rule.fullDescription.text).toContain(
    `declared at specs/locked.cred:${line(declaration)}: ${declaration}`,
  );
  expect(rule.help.text).toContain(declaration);
  expect(rule.help.text).toContain('How to read the counterexample');
  expect(rule.help.markdown).toContain('```\n' + declaration + '\n```');
  expect(rule.helpUri).toBeUndefined();

  const race = run.results.find((r: any) => r.ruleId === 'locked/one_inside');
  expect(race.message.text).toMatch(
    /^specs\/locked\.cred racy: violates one_inside, expected holds\. Rerun: credspec check specs\/locked\.cred --variant racy$/,
  );
  expect(race.locations[0].physicalLocation.region.startLine).toBe(line(declaration));
  const flow = race.codeFlows[0].threadFlows[0].locations;
  expect(flow.length).toBeGreaterThan(1);
  expect(flow.at(-1).location.message.text).toMatch(/^\d+: worker\d /);

  const gone = run.results.find((r: any) => r.ruleId === 'locked/expectation');
  expect(gone.message.text).toMatch(
    /^specs\/locked\.cred base: holds, expected violates one_inside\./,
  );
  expect(gone.locations[0].physicalLocation.region.startLine).toBe(
    line('expect base: violates one_inside'),
  );
  expect(gone.codeFlows).toBeUndefined();
});

describe('the checks themselves', () => {
  const good = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'credspec',
            rules: [
              {
                id: 'x/p',
                shortDescription: { text: 'p' },
                fullDescription: { text: 'p of x' },
                help: { text: 'p of x' },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'x/p',
            message: { text: 'broken.' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'specs/x.cred' },
                  region: { startLine: 3 },
                },
              },
            ],
            partialFingerprints: { credspecScenario: 'x' },
          },
        ],
      },
    ],
  };

  test('a log with what code scanning needs passes both', () => {
    expect(schemaProblems(good)).toEqual([]);
    expect(githubProblems(good)).toEqual([]);
  });

  test('each missing or wrong piece is named', () => {
    const bad = structuredClone(good) as any;
    const [rule] = bad.runs[0].tool.driver.rules;
    delete rule.help;
    rule.fullDescription.text = 'x'.repeat(1025);
    const [result] = bad.runs[0].results;
    result.ruleId = 'p';
    result.locations[0].physicalLocation.artifactLocation.uri = '/home/me/specs/x.cred';
    result.locations[0].physicalLocation.region.startLine = 0;
    delete result.partialFingerprints;
    bad.runs[0].tool.driver.informationUri = 'docs/cli.md';
    expect(githubProblems(bad)).toEqual([
      'runs[0].rules[0]: fullDescription.text longer than 1024',
      'runs[0].rules[0]: no help.text',
      'runs[0].results[0]: ruleId p names no rule',
      'runs[0].results[0].locations[0]: uri /home/me/specs/x.cred is an absolute path',
      'runs[0].results[0].locations[0]: region.startLine 0 is not a line',
      'runs[0].results[0]: no partialFingerprints',
    ]);
    expect(schemaProblems(bad)).toEqual(
      expect.arrayContaining([
        '/runs/0/tool/driver/informationUri: must match format "uri"',
        '/runs/0/results/0/locations/0/physicalLocation/region/startLine: must be >= 1',
      ]),
    );
  });
});
