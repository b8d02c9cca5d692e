// Two symmetric groups (and a group with spare slots) emit a SYMMETRY set that is a union of
// permutation groups; TLC reduces by the group that union generates. The embedded engine must
// find TLC's distinct-state counts on such modules, and does so live when TLC is present.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explore } from '../../src/engine/explore.js';
import { interpretModule } from '../../src/engine/interpret.js';
import { renderSpec } from '../../src/cli/commands/emit.js';
import { emitText, programOf } from '../model/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const jar = process.env.TLA2TOOLS_JAR ?? resolve(here, '../../../shared/tlc/tla2tools.jar');
const live = spawnSync('java', ['-version']).status === 0 && existsSync(jar);

const twoGroups = `spec two_groups

shared var tokens: 0..4 = 0
shared var served: set<Thread> = {}

process Giver[2] symmetric {
  give: tokens := tokens + 1
  note: served := served union { self }
}

process Taker[2] symmetric {
  take: atomic {
    await tokens > 0
    tokens := tokens - 1
  }
  mark: served := served union { self }
}
`;

const spares = `spec spares

shared var members: set<Thread> = {}

process Worker[2] symmetric spare 2 {
  join: members := members union { self }
  leave: members := members \\ { self }
}

process Spawner[1] {
  first: clone Worker
  second: clone Worker
}
`;

/** TLC's distinct-state counts for the modules above (tla2tools 2.x and 1.7.4 agree). */
const TLC_DISTINCT: Record<string, number> = { two_groups: 25, spares: 60 };

function engineDistinct(text: string): Promise<number> {
  const e = emitText(text);
  return explore(interpretModule(e.module, e.config), e.config).then((r) => {
    expect(r.verdict).toBe('holds');
    return r.stats.distinctStates;
  });
}

function tlcDistinct(text: string): number {
  const r = renderSpec(programOf(text, 'v.cred'), 'credspec test');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const dir = mkdtempSync(join(tmpdir(), 'credspec-sym-'));
  for (const f of r.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  const tla = r.files.find((f) => f.path.endsWith('_base.tla'))!;
  const module = tla.path.split('/').pop()!.replace(/\.tla$/, '');
  const res = spawnSync('java', ['-cp', jar, 'tlc2.TLC', '-workers', '1', '-nowarning', '-metadir', join(dir, 'states'), module], { cwd: join(dir, 'v'), encoding: 'utf8' });
  const m = /(\d+) distinct states found/.exec(res.stdout);
  if (!m) throw new Error(res.stdout + res.stderr);
  return Number(m[1]);
}

describe('symmetry over several permutation groups', () => {
  test.each([
    ['two_groups', twoGroups],
    ['spares', spares],
  ])('%s: the embedded engine finds TLC\'s distinct states', async (name, text) => {
    expect(emitText(text).tla).toContain('Permutations');
    expect(await engineDistinct(text)).toBe(TLC_DISTINCT[name]);
  });

  (live ? test : test.skip)('the recorded counts are TLC\'s (live)', () => {
    expect(tlcDistinct(twoGroups)).toBe(TLC_DISTINCT.two_groups);
    expect(tlcDistinct(spares)).toBe(TLC_DISTINCT.spares);
  });
});
