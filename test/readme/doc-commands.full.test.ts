// Every command README.md and docs/*.md show with their output runs, as written, in a fresh
// copy of the repository's specs/ and generated/ (what a clone has), and prints what the page
// shows (times masked; `...` as doc-sessions.ts reads it). `npx credspec` and `credspec` run
// this checkout's bin/credspec.js. Commands that need TLC run when Java and a jar are here. A
// command shown without output must exit 0; the few no test machine can run as written are
// listed in NOT_RUN with the reason, and reported as skipped under it.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcJar } from '../support/tlc-on-text.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { ROOT } from '../cli/locked-spec.js';
import { departure, docSteps } from './doc-sessions.js';

const scratch = scratchDirs();

/** Commands the pages show that cannot run here as written, and why (each shows as skipped). */
const NOT_RUN: readonly (readonly [RegExp, string])[] = [
  [
    /^npm /,
    'installs this package or runs its test suite: test/packaging installs the packed tarball',
  ],
  [
    /\b192\.0\.2\.\d+\b/,
    'listens on or connects to a documentation address (RFC 5737): test/scale runs distributed TLC on this machine',
  ],
];

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** A folder laid out as a clone's, with `credspec` on the PATH running this checkout. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = scratch('credspec-doc-commands-');
  cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
  cpSync(join(ROOT, 'generated'), join(dir, 'generated'), { recursive: true });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'credspec'),
    `#!/bin/sh\nexec node ${JSON.stringify(join(ROOT, 'bin/credspec.js'))} "$@"\n`,
  );
  chmodSync(join(bin, 'credspec'), 0o755);
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    TLA2TOOLS_JAR: tlcJar,
    LANG: 'C.UTF-8',
  };
  return { dir, env };
}

test('the pages show commands with their output', () => {
  const commands = PAGES.flatMap((p) => docSteps(ROOT, p)).filter((s) => s.kind === 'command');
  expect(commands.length).toBeGreaterThanOrEqual(4);
});

for (const page of PAGES) {
  const steps = docSteps(ROOT, page);
  if (steps.length === 0) continue;
  describe(page, () => {
    let ws: { dir: string; env: NodeJS.ProcessEnv } | undefined;
    const here = () => (ws ??= workspace());
    for (const step of steps) {
      if (step.kind === 'file') {
        test(`writes ${step.name}`, () => writeFileSync(join(here().dir, step.name), step.text));
        continue;
      }
      const needsTlc = /--engine tlc\b/.test(step.command);
      const notRun = NOT_RUN.find(([re]) => re.test(step.command))?.[1];
      const run = notRun !== undefined || (needsTlc && !hasLiveTlc) ? test.skip : test;
      const why = notRun !== undefined ? ` (not run: ${notRun})` : needsTlc ? LIVE_TLC_SKIPPED : '';
      run(
        `${page}:${step.line} $ ${step.command}${why}`,
        () => {
          const { dir, env } = here();
          const command = step.command.replace(/\bnpx credspec\b/g, 'credspec');
          const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
          const problem =
            step.match === 'status'
              ? r.status === 0
                ? null
                : `shown without output, it exits ${r.status}`
              : departure(step.shown, r.stdout, step.match);
          expect({ problem, stderr: problem === null ? '' : r.stderr }).toEqual({
            problem: null,
            stderr: '',
          });
        },
        180_000,
      );
    }
  });
}
