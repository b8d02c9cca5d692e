// The advice after an inconclusive run names commands the CLI accepts, each one taken as written,
// and quotes a spec path so a command pasted into a shell checks that spec. Runs the built CLI
// (`npm run build` first).

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credspec, ROOT } from '../robustness/cli-run.js';
import { PICK, workspace } from './pick-spec.js';

describe('the advice after an inconclusive run', () => {
  test('names only commands the CLI accepts: each one, run as written, is taken (no usage error, no help page)', async () => {
    const { dir } = workspace();
    // No jar: a TLC command the CLI accepts stops at "no TLC" (exit 3), after parsing and the mode checks.
    const env = {
      XDG_CACHE_HOME: join(dir, '..', 'cache'),
      TLA2TOOLS_JAR: join(dir, 'no-such.jar'),
    };
    const limited = await credspec(['check', 'specs/pick.cred', '--max-states', '2'], dir, env);
    expect(limited.code).toBe(4);
    const commands = [...limited.stdout.matchAll(/`(credspec [^`]*)`/g)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    expect(commands).toEqual(
      expect.arrayContaining([
        expect.stringContaining('--distributed'),
        expect.stringContaining('--simulate'),
      ]),
    );
    for (const command of commands) {
      const args = command.split(' ').slice(1);
      const r = await credspec(args, dir, env);
      // The command is in the object so a failure names it.
      expect({
        command,
        usage: /Usage:|error: unknown|go with|do not go together|add --engine tlc/.test(
          r.stdout + r.stderr,
        ),
        accepted: [0, 1, 3, 4].includes(r.code ?? -1),
      }).toEqual({ command, usage: false, accepted: true });
      if (args.includes('tlc')) expect(r.stderr).toMatch(/TLC|tla2tools|jar/i);
      else expect(r.stdout).toMatch(/^specs\/pick\.cred base: /m);
    }
  }, 120_000);

  test('quotes a spec path with spaces and quotes, so a command pasted into a shell checks that spec', async () => {
    const { dir, env } = workspace();
    writeFileSync(join(dir, 'specs', "it's a pick.cred"), PICK);
    const limited = await credspec(
      ['check', "specs/it's a pick.cred", '--max-states', '2'],
      dir,
      env,
    );
    expect(limited.code).toBe(4);
    const commands = [...limited.stdout.matchAll(/`(credspec [^`]*)`/g)]
      .map((m) => m[1]!)
      .filter((c) => !c.includes('--engine tlc'));
    expect(commands).toContain(`credspec check 'specs/it'\\''s a pick.cred' --max-states 20`);
    for (const command of commands) {
      const shell = `"${process.execPath}" "${join(ROOT, 'bin', 'credspec.js')}" ${command.slice('credspec '.length)}`;
      const r = spawnSync('/bin/sh', ['-c', shell], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          CI: 'true',
          NO_COLOR: '1',
          CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
          ...env,
        },
        encoding: 'utf8',
      });
      expect({ command, line: /^specs\/it's a pick\.cred base: /m.test(r.stdout) }).toEqual({
        command,
        line: true,
      });
    }
  }, 120_000);
});
