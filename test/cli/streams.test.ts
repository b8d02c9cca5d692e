// Standard output as a pipe or a file, as shell users use it: `-` is standard output for every
// report option (the report is all stdout holds, the human lines go to stderr) and never a
// file named `-`; emit, which writes folders, refuses `--out -`; a reader that closes the pipe
// early (`| head -1`) ends the run quietly with the exit code it would have had; colour is on
// in a pipe only when FORCE_COLOR asks for it. The built CLI, run by bash (streams-shell.ts);
// `ci --junit -`, `ci --sarif -` and `sweep --json -` are in streams.full.test.ts.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { here, type Ran, STACK, sh, streamsFolder, VIOLATION } from './streams-shell.js';

streamsFolder();

/** S-2's violation checked once with `--json -` into out.json: its report is read by several tests. */
let checked: Ran;
beforeAll(() => {
  checked = sh(`credspec ${VIOLATION} --json - > out.json`);
}, 120_000);

describe('- is standard output', () => {
  test('check --json -: the result file on stdout, the verdict on stderr, no file named -', () => {
    expect(checked.code).toBe(1);
    const report = JSON.parse(readFileSync(join(here(), 'out.json'), 'utf8')) as {
      tool: string;
      results: { verdict: string }[];
    };
    expect(report.tool).toBe('credspec');
    expect(report.results.map((x) => x.verdict)).toEqual(['violated']);
    expect(checked.stderr).toContain(
      'seccomp-tsync.cred force_add (OWN_FILTER=true): violates sc_cover',
    );
    expect(existsSync(join(here(), '-'))).toBe(false);
  });

  test('ci --json -: the report alone on stdout', () => {
    const r = sh('credspec ci lost-update.cred --json -');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tool).toBe('credspec');
    expect(r.stderr).toContain('4 checks: 4 as expected');
    expect(existsSync(join(here(), '-'))).toBe(false);
  }, 120_000);

  test('emit --out - is refused: emit writes folders, and no folder named - appears', () => {
    const r = sh('credspec emit seccomp-tsync.cred --out -');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'credspec emit: --out - : emit writes a folder of files for each spec, which cannot go to standard output; name a folder\n',
    );
    expect(existsSync(join(here(), '-'))).toBe(false);
  });
});

describe('a reader that closes early', () => {
  test('check --json - | head -1: exit 1 as without the pipe, nothing on stderr but the verdict', () => {
    const r = sh(`credspec ${VIOLATION} --json - | head -1; exit "\${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('{\n');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
  });

  test('trace --format json | head -1, and a reader gone before anything is written', () => {
    // out.json is S-2's result file, far larger than a pipe's buffer.
    const head = sh('credspec trace out.json --format json | head -1; exit "${PIPESTATUS[0]}"');
    expect(head).toEqual({ stdout: '{\n', stderr: '', code: 0 });
    const gone = sh('credspec trace out.json --format text | true; exit "${PIPESTATUS[0]}"');
    expect(gone).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});

test('colour in a pipe only with FORCE_COLOR, and NO_COLOR alone keeps it off', () => {
  const bad = 'printf "process x {}\\n" > bad.cred; credspec lint bad.cred | cat';
  expect(sh(bad).stdout).not.toContain('\u001b[');
  expect(sh(bad, { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  expect(sh(bad, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[31merror\u001b[39m');
  expect(sh(bad, { FORCE_COLOR: '0' }).stdout).not.toContain('\u001b[');
});
