// Two symmetric groups (and a group with spare slots) emit a SYMMETRY set that is a union of
// permutation groups; TLC reduces by the group that union generates. The embedded engine must
// find TLC's distinct-state counts on such modules, and does so live when TLC is present.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText } from '../model/helpers.js';
import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcDistinctOn } from '../support/tlc-on-text.js';

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

const noSpares = `spec no_spares

shared var n: 0..1 = 0

process P[2] symmetric spare 0 {
  s: n := 1
}
`;

/** TLC's distinct-state counts for the modules above (tla2tools 2.x and 1.7.4 agree). */
const TLC_DISTINCT: Record<string, number> = { two_groups: 25, spares: 60, no_spares: 3 };

function engineDistinct(text: string): Promise<number> {
  const e = emitText(text);
  return explore(interpretModule(e.module, e.config), e.config).then((r) => {
    expect(r.verdict).toBe('holds');
    return r.stats.distinctStates;
  });
}

describe('symmetry over several permutation groups', () => {
  test.each([
    ['two_groups', twoGroups],
    ['spares', spares],
    ['no_spares', noSpares],
  ])("%s: the embedded engine finds TLC's distinct states", async (name, text) => {
    expect(emitText(text).tla).toContain('Permutations');
    expect(await engineDistinct(text)).toBe(TLC_DISTINCT[name]);
  });

  (hasLiveTlc ? test : test.skip)(`the recorded counts are TLC's (live)${LIVE_TLC_SKIPPED}`, () => {
    expect(tlcDistinctOn(twoGroups)).toBe(TLC_DISTINCT.two_groups);
    expect(tlcDistinctOn(spares)).toBe(TLC_DISTINCT.spares);
    expect(tlcDistinctOn(noSpares)).toBe(TLC_DISTINCT.no_spares);
  });
});
