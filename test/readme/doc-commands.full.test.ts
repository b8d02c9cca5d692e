// Every command README.md and docs/*.md show with their output runs, as written, in a fresh
// copy of the repository's specs/ and generated/ (what a clone has), and prints what the page
// shows (times masked; `...` as doc-sessions.ts reads it). `npx credspec` and `credspec` run
// this checkout's bin/credspec.js. Commands that need TLC run when Java and a jar are here.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcJar } from '../support/tlc-on-text.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { ROOT } from '../cli/locked-spec.js';
import { departure, docSteps } from './doc-sessions.js';

const scratch = scratchDirs();

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
      const run = needsTlc && !hasLiveTlc ? test.skip : test;
      run(
        `${page}:${step.line} $ ${step.command}${needsTlc ? LIVE_TLC_SKIPPED : ''}`,
        () => {
          const { dir, env } = here();
          const command = step.command.replace(/\bnpx credspec\b/g, 'credspec');
          const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
          const problem = departure(step.shown, r.stdout, step.match);
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
