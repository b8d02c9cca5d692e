// The complete specs shown in README.md and docs/language.md check as they are written: a
// reader who copies one gets a spec that holds, not an error, or, when the spec expects a
// break, one whose every expectation `credspec ci` sees met.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../src/cli/commands/check.js';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function specBlocks(doc: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  return [...text.matchAll(/```\n(spec [\s\S]*?)```\n/g)].flatMap((m) => m[1] ?? []);
}

for (const doc of ['README.md', 'docs/language.md']) {
  test(`the complete specs in ${doc} hold or break as they expect`, async () => {
    const blocks = specBlocks(doc);
    expect(blocks.length).toBeGreaterThan(0);
    for (const [i, block] of blocks.entries()) {
      const dir = scratch('credspec-doc-');
      writeFileSync(join(dir, 'example.cred'), block);
      const io = memoryIo({
        cwd: dir,
        env: { HOME: dir, CI: 'true', CREDSPEC_PRELUDE: join(ROOT, 'prelude') },
      });
      const code = /^expect .*: (violates|deadlock)/m.test(block)
        ? await runCi({ dir }, io)
        : await runCheck({ inputs: ['example.cred'], variant: [], param: [] }, io);
      expect({ block: i, code, err: io.err() }).toEqual({ block: i, code: 0, err: '' });
    }
  });
}

test('the complete specs in docs/language.md show the constructs they document', () => {
  const text = specBlocks('docs/language.md').join('\n');
  // break/continue, a value-returning macro used in a condition, a fresh thread variable and a
  // generic alias: each must stay in a spec the test above checks.
  expect(text).toMatch(/\bbreak\b/);
  expect(text).toMatch(/\bcontinue\b/);
  expect(text).toMatch(/macro \w+\([^)]*\): \w+ \{[\s\S]*?return /);
  expect(text).toMatch(/if \w+\([^)]*\) \{/);
  expect(text).toMatch(/fresh thread var /);
  expect(text).toMatch(/type \w+<\w+(, \w+)*> = /);
});

test('docs/language.md shows each construct in a complete spec', () => {
  const text = specBlocks('docs/language.md').join('\n');
  for (const construct of [
    /\beither \{[\s\S]*?\} or \{/,
    /\bclone \w+/,
    /\bexit\b/,
    /may fail\b/,
    /for \w+ in live /,
    /for \w+ in snapshot /,
    /^action \w+: .*'/m,
    /^property \w+: (eventually|always)/m,
    /\bawait /,
    /\batomic \{/,
    /spin_lock\(/,
    /\bunreachable "/,
    /^cover \w+: /m,
    /^lock_order \w+ < \w+/m,
    /^variant \w+ \{[\s\S]*?override step /m,
    /^expect \w+: violates /m,
  ])
    expect(text).toMatch(construct);
});
