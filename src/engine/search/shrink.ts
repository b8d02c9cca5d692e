// Shrinks a long counterexample (a random walk from simulation, a trace from elsewhere): delta
// debugging over its schedule. A schedule is replayed as moves (which thread takes which step of
// which action); a move whose thread cannot take that step is left out, and the replay stops at
// the first violation. A candidate is kept when it still violates the same property first, so
// every schedule returned violates it. Threads are dropped whole first, then runs of steps
// (ddmin, complements only). Deterministic: no clock, no randomness, a fixed replay budget.
// Also returns the fingerprints of every state the replays visited, for the preemption search
// restricted to them.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { FP, fingerprintState } from '../values/fingerprint.js';
import { FingerprintSet } from './fingerprint-set.js';
import { nthInitial, type Schedule, type ViolationTarget } from './schedule.js';
import { NO_THREAD, preempts, type ThreadStep, type ThreadTable } from './step-threads.js';

/** One move of a schedule: a thread takes a step of an action (`rank`: which of its several outcomes). */
interface Move {
  readonly thread: number;
  readonly action: number;
  readonly sub: number;
  readonly rank: number;
}

/** What shrinking returns: the shortest violating schedule found, and the states its replays visited. */
export interface Shrunk {
  readonly schedule: Schedule;
  readonly visited: FingerprintSet;
}

/** Replays past this many give up shrinking further (the best schedule so far is kept). */
const REPLAY_BUDGET = 2000;

/** Shrinks `schedule`, which must violate `target`; returns it unchanged when nothing smaller violates it. */
export function shrinkSchedule(
  threads: ThreadTable,
  target: ViolationTarget,
  schedule: Schedule,
): Shrunk {
  const shrinker = new Shrinker(threads, target, schedule.init);
  const first = shrinker.replay(shrinker.movesOf(schedule));
  if (first === undefined) return { schedule, visited: shrinker.visited };
  let best = first;
  for (const thread of threadsOf(best.moves)) {
    const tried = shrinker.replay(best.moves.filter((m) => m.thread !== thread));
    if (tried !== undefined && tried.moves.length < best.moves.length) best = tried;
  }
  let n = 2;
  while (best.moves.length >= 2 && shrinker.replays < REPLAY_BUDGET) {
    const size = Math.ceil(best.moves.length / n);
    let reduced = false;
    for (let start = 0; start < best.moves.length; start += size) {
      const moves = [...best.moves.slice(0, start), ...best.moves.slice(start + size)];
      const tried = shrinker.replay(moves);
      if (tried !== undefined && tried.moves.length < best.moves.length) {
        best = tried;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= best.moves.length) break;
      n = Math.min(n * 2, best.moves.length);
    }
  }
  best = calmer(shrinker, best);
  return { schedule: { init: schedule.init, steps: best.steps }, visited: shrinker.visited };
}

/**
 * The same work with fewer preemptions, where the threads' data allow: first every thread's
 * moves in order with as few switches as possible, then, one preemption at a time, the
 * preempted thread's next move brought forward to where it was preempted. A change is kept
 * when the replay still violates the target, is no longer and preempts less.
 */
function calmer(shrinker: Shrinker, start: Replayed): Replayed {
  let best = start;
  const better = (tried: Replayed | undefined): tried is Replayed =>
    tried !== undefined &&
    tried.moves.length <= best.moves.length &&
    tried.preempted.length < best.preempted.length;
  const whole = shrinker.reorder(best.moves);
  if (better(whole)) best = whole;
  let improved = true;
  while (improved && shrinker.replays < REPLAY_BUDGET) {
    improved = false;
    for (const k of best.preempted) {
      const moves = best.moves;
      const thread = moves[k - 1]?.thread;
      const m = moves.findIndex((mv, i) => i > k && mv.thread === thread);
      if (m < 0) continue;
      const moved = [
        ...moves.slice(0, k),
        moves[m] as Move,
        ...moves.slice(k, m),
        ...moves.slice(m + 1),
      ];
      const tried = shrinker.replay(moved);
      if (better(tried)) {
        best = tried;
        improved = true;
        break;
      }
    }
  }
  return best;
}

function threadsOf(moves: readonly Move[]): number[] {
  return [...new Set(moves.map((m) => m.thread))];
}

/** A replay that violated the target: the moves it took, their successor numbers, where it preempted. */
interface Replayed {
  readonly moves: readonly Move[];
  readonly steps: readonly number[];
  /** Positions in `moves` of the steps that preempt the thread before them. */
  readonly preempted: readonly number[];
}

class Shrinker {
  readonly visited = new FingerprintSet(1 << 10);
  replays = 0;
  private readonly module: ExecutableModule;

  constructor(
    private readonly threads: ThreadTable,
    private readonly target: ViolationTarget,
    private readonly init: number,
  ) {
    this.module = threads.module;
  }

  private visit(s: State): void {
    fingerprintState(s);
    this.visited.lookupOrInsert(FP.h1, FP.h2, 0);
  }

  /** The moves of a schedule, replayed once to read each step's thread and action. */
  movesOf(schedule: Schedule): Move[] {
    let cur = nthInitial(this.module, this.init);
    const moves: Move[] = [];
    for (const j of schedule.steps) {
      const steps = this.threads.expand(cur).steps;
      const st = steps[j];
      if (st === undefined) throw new Error(`internal error: no successor ${j} to shrink`);
      moves.push({
        thread: st.thread,
        action: st.action,
        sub: st.sub,
        rank: steps.filter((x) => x.thread === st.thread && like(x, st) && x.ordinal < j).length,
      });
      cur = st.next;
    }
    return moves;
  }

  /** Replays `moves`; the part taken up to the target's violation, or undefined when it is not reached first. */
  replay(moves: readonly Move[]): Replayed | undefined {
    let k = 0;
    return this.run(() => (k < moves.length ? [moves[k++] as Move] : undefined));
  }

  /**
   * Replays each thread's own moves in their order, letting the thread that moved last go on
   * while its next move can be taken, else the thread whose next move came first: the same
   * work with as few switches as the threads' order allows.
   */
  reorder(moves: readonly Move[]): Replayed | undefined {
    const queues = new Map<number, { move: Move; at: number }[]>();
    moves.forEach((move, at) => {
      const q = queues.get(move.thread);
      if (q === undefined) queues.set(move.thread, [{ move, at }]);
      else q.push({ move, at });
    });
    let last: number | undefined;
    return this.run((taken) => {
      if (taken !== undefined) {
        queues.get(taken.thread)?.shift();
        last = taken.thread;
      }
      const heads = [...queues.values()].flatMap((q) => (q[0] === undefined ? [] : [q[0]]));
      if (heads.length === 0) return undefined;
      heads.sort((a, b) => a.at - b.at);
      const own = heads.find((h) => h.move.thread === last);
      return [...(own === undefined ? [] : [own.move]), ...heads.map((h) => h.move)];
    });
  }

  /**
   * Replays the moves `next` offers, one step at a time: the first of its candidates the state
   * enables is taken (`next` hears which; a replay that offers one candidate skips it when it
   * is not enabled). Stops at the first violation or when `next` has no more.
   */
  private run(
    next: (taken: Move | undefined) => readonly Move[] | undefined,
  ): Replayed | undefined {
    this.replays++;
    const m = this.module;
    let cur = nthInitial(m, this.init);
    this.visit(cur);
    if (m.invariants.some((i) => !i.holds(cur)))
      return this.isTarget(undefined, cur) ? { moves: [], steps: [], preempted: [] } : undefined;
    const taken: Move[] = [];
    const steps: number[] = [];
    const preempted: number[] = [];
    let lastThread = NO_THREAD;
    let last: Move | undefined;
    for (let offered = next(undefined); offered !== undefined; offered = next(last)) {
      const { steps: all, enabled } = this.threads.expand(cur);
      if (all.length === 0) break;
      last = undefined;
      let st: ThreadStep | undefined;
      for (const move of offered) {
        const options = all.filter((x) => x.thread === move.thread && like(x, move));
        st = options[Math.min(move.rank, options.length - 1)];
        if (st !== undefined) {
          last = move;
          break;
        }
      }
      if (last === undefined || st === undefined) {
        if (offered.length === 1) continue;
        break;
      }
      if (preempts(lastThread, st.thread, enabled)) preempted.push(taken.length);
      if (st.thread !== NO_THREAD) lastThread = st.thread;
      taken.push(last);
      steps.push(st.ordinal);
      const before = cur;
      cur = st.next;
      this.visit(cur);
      const ends = this.ends(before, cur);
      if (ends !== undefined) return ends ? { moves: taken, steps, preempted } : undefined;
    }
    if (this.target.kind !== 'deadlock') return undefined;
    return this.threads.expand(cur).steps.length === 0
      ? { moves: taken, steps, preempted }
      : undefined;
  }

  /** After a step: true when it violates the target, false when it violates something else first, else undefined. */
  private ends(before: State, cur: State): boolean | undefined {
    const m = this.module;
    if (
      m.invariants.some((i) => !i.holds(cur)) ||
      m.actionProperties.some((p) => !p.holds(before, cur))
    )
      return this.isTarget(before, cur);
    return undefined;
  }

  private isTarget(before: State | undefined, cur: State): boolean {
    const t = this.target;
    if (t.kind === 'deadlock') return false;
    const m = this.module;
    // The first property the search checks and finds broken is the one it reports.
    const inv = m.invariants.find((i) => !i.holds(cur));
    if (inv !== undefined) return t.kind === 'invariant' && inv.name === t.property;
    if (before === undefined) return false;
    const ap = m.actionProperties.find((p) => !p.holds(before, cur));
    return ap !== undefined && t.kind === 'action-property' && ap.name === t.property;
  }
}

function like(x: ThreadStep, m: { readonly action: number; readonly sub: number }): boolean {
  return x.action === m.action && x.sub === m.sub;
}
