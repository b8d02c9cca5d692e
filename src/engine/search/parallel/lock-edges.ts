// The lock-order graph of a parallel search (lock-order.ts): each worker reports the order edges
// it saw first in a level; of those, the coordinator keeps each edge's least witness by (level,
// rank, successor), the step the one-worker search meets first, so the report is the same
// whatever the number of workers. Traces are rebuilt from the owners' parent links at the end.

import type { LockOrderFound } from '../../../result/check-result.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';
import { lockOrderOf } from '../explore.js';
import { LockOrderRecorder, type LockWatch } from '../lock-order.js';
import type { ShardEdge } from './protocol.js';

interface Seen {
  readonly edge: ShardEdge;
  readonly worker: number;
  readonly level: number;
}

function before(a: Seen, b: Seen): boolean {
  if (a.level !== b.level) return a.level < b.level;
  return a.edge.rank !== b.edge.rank ? a.edge.rank < b.edge.rank : a.edge.j < b.edge.j;
}

/** The least witness of every edge the workers reported. */
export class ParallelLockEdges {
  private readonly best = new Map<string, Seen>();

  /** The edges `worker` saw first while expanding level `level`. */
  add(level: number, worker: number, edges: readonly ShardEdge[]): void {
    for (const edge of edges) {
      const k = `${edge.held}\0${edge.taken}`;
      const seen = { edge, worker, level };
      const old = this.best.get(k);
      if (old === undefined || before(seen, old)) this.best.set(k, seen);
    }
  }

  /** The cycles, each edge's trace rebuilt from `pathTo` (the fingerprints up to a worker's state). */
  async found(
    module: ExecutableModule,
    watch: LockWatch,
    pathTo: (worker: number, local: number) => Promise<[number, number][]>,
  ): Promise<LockOrderFound> {
    const recorder = new LockOrderRecorder(module, watch);
    const seen = [...this.best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    seen.forEach(([k, { edge }], from) => {
      const { held, taken, kind, action, sub } = edge;
      recorder.edges.set(k, { held, taken, kind, from, action, sub });
    });
    const paths = new Map<number, [number, number][]>();
    for (const cycle of recorder.cycles())
      for (const w of cycle) {
        const s = seen[w.from]?.[1];
        if (s !== undefined && !paths.has(w.from))
          paths.set(w.from, await pathTo(s.worker, s.edge.local));
      }
    return lockOrderOf(module, recorder, (w) => paths.get(w.from) ?? []);
  }
}
