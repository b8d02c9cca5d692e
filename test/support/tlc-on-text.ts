// Runs TLC (java -cp <jar> tlc2.TLC, one worker) on the base module a spec text emits, for
// tests that hold the embedded engine to TLC on small hand-written specs. Says whether a live
// TLC is here (TLA2TOOLS_JAR, else ../shared/tlc/tla2tools.jar beside the checkout).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSpec } from '../../src/cli/commands/emit.js';
import { checkedOf } from '../model/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The jar live tests use. */
export const tlcJar =
  process.env.TLA2TOOLS_JAR ?? resolve(here, '../../../shared/tlc/tla2tools.jar');

/** True when Java and the jar are both here. */
export const hasLiveTlc = spawnSync('java', ['-version']).status === 0 && existsSync(tlcJar);
/** Appended to the title of a test that needs live TLC: says why it is skipped when it is. */
export const LIVE_TLC_SKIPPED = hasLiveTlc
  ? ''
  : ` (skipped: no java or no tla2tools.jar at ${tlcJar})`;

/** Emits `text` (as file v.cred) and returns TLC's standard output on its base module. */
export function tlcOutputOn(text: string): string {
  const r = renderSpec(checkedOf(text, 'v.cred'), 'credspec test');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const dir = mkdtempSync(join(tmpdir(), 'credspec-tlc-'));
  try {
    for (const f of r.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const tla = r.files.find((f) => f.path.endsWith('_base.tla'));
    if (tla === undefined) throw new Error('the emitted files hold no _base.tla module');
    const module = basename(tla.path, '.tla');
    const res = spawnSync(
      'java',
      [
        '-cp',
        tlcJar,
        'tlc2.TLC',
        '-workers',
        '1',
        '-nowarning',
        '-metadir',
        join(dir, 'states'),
        module,
      ],
      { cwd: join(dir, dirname(tla.path)), encoding: 'utf8' },
    );
    return res.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** TLC's distinct-state count on the spec text's base module. */
export function tlcDistinctOn(text: string): number {
  const out = tlcOutputOn(text);
  const m = /(\d+) distinct states found/.exec(out);
  if (m === null) throw new Error(`TLC printed no distinct-state count:\n${out}`);
  return Number(m[1]);
}
