// loadCompiled: the module is compiled into the private cache under the hash of what it depends
// on, each file under the hash of its own text; the cache is reused; an entry that is not sound
// (a planted or damaged file, one open to others) is compiled again with a notice and never
// imported; a cache that is not the user's own is not used at all. That the loader itself does
// not load ts-morph is in load-imports.test.ts.

import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { constantBindings } from '../../../src/engine/evaluation/constants.js';
import { compiledKey } from '../../../src/engine/compile/compiled-cache.js';
import { loadCompiled } from '../../../src/engine/compile/load.js';
import { printTla } from '../../../src/tla/print.js';
import * as F from '../fixture-modules.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function cacheRoot(): { root: string; text: string } {
  const root = mkdtempSync(join(tmpdir(), 'credspec-load-'));
  roots.push(root);
  return { root, text: printTla(F.racyCounter().module).text };
}

const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

describe('loadCompiled', () => {
  const { module, config } = F.racyCounter();

  test('compiles into the cache under content hashes, then reuses the cached copy', async () => {
    const { root, text } = cacheRoot();
    const first = await loadCompiled(text, module, { root, folder: 'compiled' });
    expect(first.origin).toBe('compiled');
    const entry = join(root, 'compiled', compiledKey('RacyCounter', text));
    const js = join(entry, `RacyCounter.${sha(first.javascript)}.js`);
    expect(readFileSync(js, 'utf8')).toBe(first.javascript);
    expect(readdirSync(entry).filter((n) => n.endsWith('.ts'))).toHaveLength(1);
    expect(statSync(join(root, 'compiled')).mode & 0o777).toBe(0o700);
    expect(statSync(entry).mode & 0o777).toBe(0o700);
    const mtime = statSync(js).mtimeMs;
    const second = await loadCompiled(text, module, { root, folder: 'compiled' });
    expect(second.origin).toBe('cache');
    expect(statSync(js).mtimeMs).toBe(mtime);
    const states: unknown[] = [];
    second.factory(constantBindings(config), config).initialStates((s) => states.push(s));
    expect(states).toHaveLength(1);
  });

  test('a planted file that does not hash to its name is compiled again with a notice, never imported', async () => {
    const { root, text } = cacheRoot();
    const first = await loadCompiled(text, module, { root, folder: 'compiled' });
    const entry = join(root, 'compiled', compiledKey('RacyCounter', text));
    const js = join(entry, `RacyCounter.${sha(first.javascript)}.js`);
    const marker = join(root, 'ran');
    writeFileSync(
      js,
      `${first.javascript}\nimport('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, 'x'));\n`,
    );
    const notices: string[] = [];
    const again = await loadCompiled(text, module, { root, folder: 'compiled' }, (m) =>
      notices.push(m),
    );
    expect(again.origin).toBe('compiled');
    expect(again.javascript).toBe(first.javascript);
    expect(notices).toEqual([
      expect.stringMatching(/does not match its name; compiling it again$/),
    ]);
    expect(readFileSync(js, 'utf8')).toBe(first.javascript);
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(marker)).toBe(false);
  });

  test('an entry file writable by others is compiled again with a notice', async () => {
    const { root, text } = cacheRoot();
    const first = await loadCompiled(text, module, { root, folder: 'compiled' });
    const js = join(
      root,
      'compiled',
      compiledKey('RacyCounter', text),
      `RacyCounter.${sha(first.javascript)}.js`,
    );
    chmodSync(js, 0o666);
    const notices: string[] = [];
    expect(
      (await loadCompiled(text, module, { root, folder: 'compiled' }, (m) => notices.push(m)))
        .origin,
    ).toBe('compiled');
    expect(notices).toEqual([
      expect.stringMatching(/is writable by everyone \(mode 666\); compiling it again$/),
    ]);
    expect(statSync(js).mode & 0o777).toBe(0o600);
  });

  test('a cache folder open to others is not used: compiled in memory, nothing stored, one notice', async () => {
    const { root, text } = cacheRoot();
    chmodSync(root, 0o777);
    const notices: string[] = [];
    const loaded = await loadCompiled(text, module, { root, folder: 'compiled' }, (m) =>
      notices.push(m),
    );
    expect(loaded.origin).toBe('compiled');
    expect(notices).toEqual([
      `not using the compiled-module cache: ${root} is writable by everyone (mode 777); compiling in memory`,
    ]);
    expect(existsSync(join(root, 'compiled'))).toBe(false);
  });
});
