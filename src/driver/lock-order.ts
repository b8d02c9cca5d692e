// The lock-order report of one check in the spec's words: the engine's cycles (TLA+ traces) mapped
// to the result file's `lockOrder`, and the lines `check` and `ci` print after the verdict, one
// block per cycle with the acquiring thread's steps of each edge's trace (lockdep prints the
// two acquisition stacks; the result file keeps every step).

import type { LockOrderFound } from '../result/check-result.js';
import type { LockOrderReport, LockOrderWitness, VariantResult } from '../result/result-file.js';
import type { SourceMap } from '../emit/source-map.js';
import type { Model } from '../model/ir.js';
import { mapTrace } from '../trace/map-trace.js';

/** The result file's `lockOrder`; undefined when no cycle was found (or nothing was recorded). */
export function lockOrderReport(
  found: LockOrderFound | undefined,
  map: SourceMap,
): LockOrderReport | undefined {
  if (found === undefined || found.cycles.length === 0) return undefined;
  const witness = (e: LockOrderFound['cycles'][number][number]): LockOrderWitness => {
    const trace =
      mapTrace({ trace: e.trace, loopsBackTo: null, stuttering: false }, map)?.steps ?? [];
    const last = trace[trace.length - 1];
    return {
      held: e.held,
      taken: e.taken,
      kind: e.kind,
      thread: e.thread,
      step: last?.step ?? '',
      location: last?.location ?? null,
      trace,
    };
  };
  return {
    edges: found.edges,
    cycles: found.cycles.map((cycle) => ({
      locks: cycle.map((e) => e.held),
      edges: cycle.map(witness),
    })),
  };
}

/**
 * What a TLC run of a model with lock steps says instead of a lock-order report: TLC runs none of
 * this tool's code on its steps, and its one trace covers one behaviour, not every state.
 */
export function tlcLockOrderNote(model: Model): string | undefined {
  const takes = model.actions.some((a) => a.lockOps?.some((o) => o.kind !== 'release'));
  if (!takes || !model.variables.some((v) => v.lock === true)) return undefined;
  return 'lock order: not recorded by TLC, which runs none of our code on its steps; the embedded engine (`--engine embedded`, any number of workers, or `--simulate`) reports lock-order inversions';
}

/** How an edge's last step took its lock, in words (a file without `kind`: from its source). */
export function describeLockEdge(w: LockOrderWitness): string {
  const source = w.trace[w.trace.length - 1]?.source ?? '';
  const kind =
    w.kind ??
    (/^\s*(?:\w+\s*:\s*)?complete(?:_all)?\s*\(/.test(source)
      ? 'complete'
      : /wait_for_completion/.test(source)
        ? 'wait'
        : 'acquire');
  if (kind === 'complete') return `${w.thread} completes ${w.held} holding ${w.taken}`;
  if (kind === 'wait') return `${w.thread} waits on ${w.taken} holding ${w.held}`;
  return `${w.thread} takes ${w.taken} holding ${w.held}`;
}

/** The lines `check` and `ci` print for a result's lock-order cycles (none when it has none). */
export function formatLockOrder(r: VariantResult): string[] {
  const report = r.lockOrder;
  if (report === undefined) return [];
  const lines: string[] = [];
  const reached = r.verdict === 'deadlock' ? '' : '; this check reaches no deadlock through it';
  for (const cycle of report.cycles) {
    const first = cycle.locks[0] ?? '';
    lines.push(`  lock-order inversion: ${[...cycle.locks, first].join(' -> ')}${reached}`);
    for (const w of cycle.edges) {
      const mine = w.trace.filter((s) => s.thread === w.thread);
      const others = w.trace.length - 1 - mine.length;
      const where = w.location === null ? '' : ` (${w.location.file}:${w.location.line})`;
      lines.push(
        `    ${describeLockEdge(w)} at ${w.step}${where}, trace of ${w.trace.length} states` +
          (others > 0 ? ` (${others} steps of other threads not shown):` : ':'),
      );
      for (const s of mine) {
        const at = s.location === null ? '' : `  ${s.location.file}:${s.location.line}`;
        lines.push(`      ${String(s.index).padStart(3)}  ${s.step}  ${s.source ?? ''}${at}`);
      }
    }
  }
  lines.push(
    '  accept an order the kernel documents with `lock_order a < b` (docs/language.md, section 8, "Lock order")',
  );
  return lines;
}
