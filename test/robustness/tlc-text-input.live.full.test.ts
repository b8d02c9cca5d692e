// A module handed to TLC as text (what `check` and `ci` do) is checked as written and TLC's
// positions name it as `Module.tla:line:col`, the form the CLI maps back to the spec
// (src/tlc/tla-location.ts, errorInSpecTerms). A name that cannot be a module file name is
// refused before anything is written. Live against TLA2TOOLS_JAR (and TLC 1.7.4 beside it).
import { describe, expect, test } from '@jest/globals';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { runTlc } from '../../src/tlc/run.js';
import { liveJars, liveSkipReason } from '../tlc/live-tlc.js';

const OUT_OF_DOMAIN = {
  name: 'OutOfDomain',
  text: [
    '---- MODULE OutOfDomain ----',
    'EXTENDS Naturals',
    'VARIABLE x',
    'f == [i \\in 0..2 |-> i]',
    'Init == x = 0',
    "Next == x' = f[x + 1]",
    '====',
    '',
  ].join('\n'),
  config: 'INIT Init\nNEXT Next\n',
};

if (liveSkipReason) {
  describe(`TLC on a module given as text (${liveSkipReason})`, () => {
    test.skip('positions name the module; a bad name is refused', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`TLC on a module given as text with ${jar.name}`, () => {
      test('an evaluation error is located in the module as Module.tla:line:col; the run folder was private (0700) and is gone', async () => {
        let folder = '';
        let mode = 0;
        const r = await runTlc({
          module: OUT_OF_DOMAIN,
          tlcJar: jar.path,
          onStart: (s) => {
            folder = dirname(s.args[s.args.indexOf('-metadir') + 1]!);
            mode = statSync(folder).mode & 0o777;
          },
        });
        expect(r.verdict).toBe('error');
        expect(r.error?.tlaLocation).toMatch(/^OutOfDomain\.tla:6:\d+$/);
        expect(mode).toBe(0o700);
        expect(existsSync(folder)).toBe(false);
      }, 120_000);

      test('a module name with a path in it is refused with a message, nothing run', async () => {
        let started = false;
        const r = await runTlc({
          module: { ...OUT_OF_DOMAIN, name: '../escape' },
          tlcJar: jar.path,
          onStart: () => (started = true),
        });
        expect(r.verdict).toBe('error');
        expect(r.error?.message).toMatch(/cannot check a module named "\.\.\/escape"/);
        expect(started).toBe(false);
      }, 120_000);
    });
  }
}
