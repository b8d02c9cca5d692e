// The compiled module against the interpreter on the engine's fixture modules (the TLC fixtures
// rebuilt as trees): the same initial states and successors state by state, and the same
// verdict, counts, depth and counterexample through the search.

import { constantBindings } from '../../../src/engine/evaluation/constants.js';
import { exploreSync } from '../../../src/engine/search/explore.js';
import { interpretModule } from '../../../src/engine/evaluation/interpret.js';
import type { ExecutableModule, State } from '../../../src/engine/evaluation/module-api.js';
import { formatValue } from '../../../src/engine/values/values.js';
import { fingerprintState, FP } from '../../../src/engine/values/fingerprint.js';
import * as F from '../fixture-modules.js';
import { loadFresh } from './compiled-fixtures.js';

const fixtures: [string, () => F.Fixture][] = [
  ['01 Mutex', () => F.mutex()],
  ['13 MutexCov', () => F.mutex({ recover: true })],
  ['02 RacyCounter', () => F.racyCounter()],
  ['03 BarrierLock', () => F.barrierLock()],
  ['04a Spinlock', () => F.spinlock()],
  ['04b CommitFairness', () => F.commitFairness()],
  ['04c SeccompTsync', () => F.seccompTsync()],
  ['05 CredRefcount', () => F.credRefcount()],
  ['06 NnpDomain', () => F.nnpDomain()],
  ['09a PeerCopy', () => F.peerCopy()],
  ['09b Errno', () => F.errno()],
  ['10 TsyncSym', () => F.tsyncSym({ symmetry: true })],
  ['10 TsyncSym without symmetry', () => F.tsyncSym({ symmetry: false })],
  ['12 LostUpdates, 2 rounds', () => F.lostUpdates({ rounds: 2 })],
];

async function both(
  f: F.Fixture,
): Promise<{ compiled: ExecutableModule; interpreted: ExecutableModule }> {
  const loaded = await loadFresh(f.module);
  return {
    compiled: loaded.factory(constantBindings(f.config), f.config),
    interpreted: interpretModule(f.module, f.config),
  };
}

/** Everything a module says about one state's successors, as comparable text (errors included). */
function successorTrace(m: ExecutableModule, s: State): { lines: string[]; next: State[] } {
  const lines: string[] = [];
  const next: State[] = [];
  for (let ai = 0; ai < m.actions.length; ai++) {
    try {
      const n = m.successors(ai, s, (t, a, p, sub) => {
        next.push(t);
        lines.push(
          `${a} ${p === undefined ? '-' : formatValue(p)} ${sub} ${t.map(formatValue).join(' ')}`,
        );
      });
      lines.push(`count ${n}`);
    } catch (err) {
      lines.push(
        `error ${(err as Error).message} in ${(err as { definition?: string }).definition}`,
      );
      break;
    }
  }
  return { lines, next };
}

function key(s: State): string {
  fingerprintState(s);
  return `${FP.h1}:${FP.h2}`;
}

describe('compiled modules agree with the interpreter', () => {
  test.each(fixtures)(
    '%s: same initial states and the same successors of every reachable state',
    async (_name, make) => {
      const f = make();
      const { compiled, interpreted } = await both(f);
      const init = (m: ExecutableModule): State[] => {
        const out: State[] = [];
        m.initialStates((s) => out.push(s));
        return out;
      };
      const ci = init(compiled);
      expect(ci.map((s) => s.map(formatValue))).toEqual(
        init(interpreted).map((s) => s.map(formatValue)),
      );
      expect(compiled.actions).toEqual(interpreted.actions);
      expect(compiled.variables).toEqual(interpreted.variables);
      // Breadth-first over the interpreter's successors, comparing each state's full successor list.
      const seen = new Set(ci.map(key));
      const queue = [...ci];
      let compared = 0;
      while (queue.length > 0 && compared < 5000) {
        const s = queue.shift()!;
        const a = successorTrace(compiled, s);
        const b = successorTrace(interpreted, s);
        expect(a.lines).toEqual(b.lines);
        compared++;
        for (const t of b.next) {
          const k = key(t);
          if (!seen.has(k)) {
            seen.add(k);
            queue.push(t);
          }
        }
        for (const inv of interpreted.invariants) {
          const c = compiled.invariants.find((x) => x.name === inv.name)!;
          const run = (p: { holds(s: State): boolean }): string => {
            try {
              return String(p.holds(s));
            } catch (err) {
              return `error ${(err as Error).message}`;
            }
          };
          expect(run(c)).toBe(run(inv));
        }
      }
      expect(compared).toBeGreaterThan(0);
    },
  );

  test.each(fixtures)(
    '%s: same verdict, counts, depth and counterexample through the search',
    async (_name, make) => {
      const f = make();
      const { compiled, interpreted } = await both(f);
      const a = exploreSync(compiled, f.config);
      const b = exploreSync(interpreted, f.config);
      const view = (r: typeof a) => ({
        verdict: r.verdict,
        property: r.property,
        distinct: r.stats.distinctStates,
        generated: r.stats.statesGenerated,
        depth: r.stats.depth,
        trace: r.trace,
        loopsBackTo: r.loopsBackTo,
        stuttering: r.stuttering,
        error: r.error?.message,
        unreached: r.unreached,
      });
      expect(view(a)).toEqual(view(b));
    },
  );
});
