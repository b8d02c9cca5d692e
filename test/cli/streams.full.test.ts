// `-` as standard output for the other reports (streams.test.ts has the rest): `ci --junit -`
// and `ci --sarif -` write the report alone on stdout, as `sweep --json -` does its sweep
// report, and no file named `-` appears. The built CLI, run by bash (streams-shell.ts).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { here, sh, streamsFolder } from './streams-shell.js';

streamsFolder();

test.each([
  ['--junit', (text: string) => expect(text).toMatch(/^<\?xml version="1\.0"/)],
  ['--sarif', (text: string) => expect(JSON.parse(text).version).toBe('2.1.0')],
])(
  'ci %s -: the report alone on stdout',
  (option, check) => {
    const r = sh(`credspec ci lost-update.cred ${option} -`);
    expect(r.code).toBe(0);
    check(r.stdout);
    expect(r.stderr).toContain('4 checks: 4 as expected');
    expect(existsSync(join(here(), '-'))).toBe(false);
  },
  120_000,
);

test('sweep --json -: the sweep report alone on stdout, its summary on stderr', () => {
  const r = sh('credspec sweep lost-update.cred --variant unlocked --json -');
  const report = JSON.parse(r.stdout) as { tool: string; spec: string };
  expect(report.tool).toBe('credspec');
  expect(report.spec).toBe('lost-update.cred');
  expect(r.stderr).toMatch(/unlocked/);
  expect(existsSync(join(here(), '-'))).toBe(false);
}, 120_000);
