// The parallel runner (`--workers N`): takes a module source, its executable module and the
// limits, runs a level-synchronous search on N worker threads (shard.ts) and returns the
// CheckResult one worker would give (merged least keys rank each level as one worker's queue
// does). Reads the clock and the heap limit; touches no files itself.

import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { InconclusiveReason } from '../../../result/check-result.js';
import type { TlcConfig } from '../../../tla/tla-ast.js';
import { Bfs } from '../bfs.js';
import { BranchRecorder } from '../branch-places.js';
import { explore, replayFingerprints, replayWithStep, type ExploreOptions } from '../explore.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';
import {
  type EngineCheckResult,
  limitResult as searchLimit,
  type SearchCounts,
  searchProgress,
  searchStats,
  stopResult,
  type Unreached,
  unreachedOf,
} from '../stop-result.js';
import type { ModuleSource } from './module-source.js';
import {
  STOP_ASKED,
  STOP_MEMORY,
  STOP_WORD,
  bellWord,
  controlWords,
  generatedWord,
  newWord,
  type FromWorker,
  type ToWorker,
  type WorkerEvent,
  type WorkerSetup,
} from './protocol.js';
import { RunLimits } from '../run-limits.js';
import { ownerOf } from './shard.js';
import { chooseStop, mergeKeys, stopCounts, type LevelCounts } from './stop-counts.js';
import { StateWriter } from './value-codec.js';
import { ParallelLockEdges } from './lock-edges.js';
import { at } from '../../../source/checked-index.js';

/** Options of a parallel search: the one-worker options plus the number of workers. */
export interface ParallelOptions extends ExploreOptions {
  readonly workers: number;
  /** Told, in one line, when the search runs on one worker although more were asked for. */
  readonly onNote?: (message: string) => void;
  /** The worker entry file (default: worker.js beside this file). */
  readonly workerScript?: URL;
}

type LevelReport = Extract<FromWorker, { t: 'level' }>;

/** Messages from one worker, awaited one at a time. */
class Inbox {
  private readonly queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | undefined;
  private failure: Error | undefined;
  private reject: ((e: Error) => void) | undefined;

  put(m: FromWorker): void {
    if (m.t === 'failed') return this.fail(new Error(`a search worker failed: ${m.message}`));
    const w = this.waiting;
    if (w !== undefined) {
      this.waiting = undefined;
      this.reject = undefined;
      w(m);
    } else this.queue.push(m);
  }

  fail(e: Error): void {
    this.failure ??= e;
    const r = this.reject;
    this.waiting = undefined;
    this.reject = undefined;
    r?.(e);
  }

  next(): Promise<FromWorker> {
    const m = this.queue.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.reject = reject;
    });
  }
}

/**
 * Checks `module` (built from `source`) on `options.workers` threads. One worker, or a module
 * with temporal properties (liveness needs the whole graph in one place), runs the one-worker
 * search; the latter says so through `onNote`.
 */
export async function exploreParallel(
  source: ModuleSource,
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: ParallelOptions,
): Promise<EngineCheckResult> {
  const n = options.workers;
  if (n <= 1) return explore(module, config, options);
  if (module.temporalProperties.length > 0) {
    options.onNote?.(
      `${module.name} has temporal properties, which are checked on the whole state graph: searching with one worker instead of ${n}`,
    );
    return explore(module, config, options);
  }
  const limits = new RunLimits(options);
  // Statistics time the search itself; the time limit counts from `startedAt` (building the module included).
  const started = Date.now();
  const init = new Bfs(module, {
    checkDeadlock: config.checkDeadlock,
    collectGraph: false,
    ...(options.maxStates === undefined ? {} : { maxStates: options.maxStates }),
  });
  init.init();
  // A stop among the initial states, or nothing to expand: the one-worker search settles it at once.
  if (
    init.stop !== undefined ||
    init.queued === 0 ||
    (options.maxStates !== undefined && init.distinct >= options.maxStates)
  )
    return explore(module, config, options);

  const control = new SharedArrayBuffer(4 * controlWords(n));
  const ctl = new Int32Array(control);
  const heapLimit =
    options.memoryMb !== undefined
      ? (options.memoryMb * 1024 * 1024) / n
      : getHeapStatistics().heap_size_limit * 0.8;
  const script = options.workerScript ?? new URL('./worker.js', import.meta.url);
  const { inboxes, ports, workers } = startWorkers(script, {
    workers: n,
    source,
    checkDeadlock: config.checkDeadlock,
    control,
    heapLimit,
    branches: options.branches,
    locks: options.locks,
  });
  const send = (w: number, msg: ToWorker, transfer: ArrayBuffer[] = []): void => {
    at(ports, w, 'the port of a worker').postMessage(msg, transfer);
    Atomics.add(ctl, bellWord(w), 1);
    Atomics.notify(ctl, bellWord(w));
  };
  try {
    for (const box of inboxes) await box.next();
    return await coordinate({
      module,
      config,
      options,
      n,
      ctl,
      started,
      limits,
      init,
      send,
      inboxes,
    });
  } finally {
    for (let w = 0; w < n; w++) send(w, { t: 'exit' });
    for (const p of ports) p.close();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Starts the workers, each with a port to this thread (its messages go to its inbox) and to every other worker. */
function startWorkers(
  script: URL,
  shared: Omit<WorkerSetup, 'id'>,
): { inboxes: Inbox[]; ports: MessagePort[]; workers: Worker[] } {
  const n = shared.workers;
  const peers = peerPorts(n);
  const inboxes: Inbox[] = [];
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < n; w++) {
    const ch = new MessageChannel();
    const inbox = new Inbox();
    inboxes.push(inbox);
    ports.push(ch.port1);
    ch.port1.on('message', (m: FromWorker) => inbox.put(m));
    const own = at(peers, w, 'the peers of a worker');
    const transfer = [ch.port2, ...own.filter((p): p is MessagePort => p !== null)];
    const worker = new Worker(script, {
      workerData: { id: w, ...shared, port: ch.port2, peers: own },
      transferList: transfer,
    });
    worker.on('error', (e) => inbox.fail(e));
    worker.on('exit', (code) => inbox.fail(new Error(`a search worker exited (code ${code})`)));
    workers.push(worker);
  }
  return { inboxes, ports, workers };
}

/** A channel between every two workers: `peers[a][b]` is a's end of its channel to b (null when a = b). */
function peerPorts(n: number): (MessagePort | null)[][] {
  const peers: (MessagePort | null)[][] = Array.from({ length: n }, () =>
    new Array<MessagePort | null>(n).fill(null),
  );
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const ch = new MessageChannel();
      at(peers, a, 'the peers of a worker')[b] = ch.port1;
      at(peers, b, 'the peers of a worker')[a] = ch.port2;
    }
  }
  return peers;
}

interface Run {
  readonly module: ExecutableModule;
  readonly config: Pick<TlcConfig, 'checkDeadlock'>;
  readonly options: ParallelOptions;
  readonly n: number;
  readonly ctl: Int32Array;
  readonly started: number;
  readonly limits: RunLimits;
  readonly init: Bfs;
  readonly send: (w: number, msg: ToWorker, transfer?: ArrayBuffer[]) => void;
  readonly inboxes: readonly Inbox[];
}

async function coordinate(run: Run): Promise<EngineCheckResult> {
  const { module, options, n, ctl, started, limits, init } = run;
  const initialCount = sendInitialStates(run);
  const actionReached = module.actions.map((a) => a.subActions.map(() => false));
  const coverReached = module.covers.map(() => false);
  const branchTaken =
    options.branches === undefined ? undefined : new BranchRecorder(module, options.branches);
  const lockEdges = options.locks === undefined ? undefined : new ParallelLockEdges();
  let level: LevelCounts = {
    level: 1,
    distinct: init.distinct,
    generated: init.statesGenerated,
    frontier: initialCount,
  };
  let ranks: (Int32Array | null)[] = new Array(n).fill(null);
  let heapUsed = 0;
  const interval = options.progressIntervalMs ?? 1000;
  let lastProgress = started;
  let reason: InconclusiveReason | undefined;

  const tick = (): void => {
    const now = Date.now();
    if (options.onProgress !== undefined && now - lastProgress >= interval) {
      lastProgress = now;
      const c = liveCounts(run, level);
      const queued = Math.max(0, c.distinct - level.distinct);
      options.onProgress(
        searchProgress({ ...c, depth: level.level, queued }, (now - started) / 1000),
      );
    }
    if (reason !== undefined) return;
    // Time, the abort signal and the resident memory of the whole process (every worker thread's heap and typed arrays).
    reason = limits.reached(now);
    if (reason === 'memory') Atomics.compareExchange(ctl, STOP_WORD, 0, STOP_MEMORY);
    else if (reason !== undefined) Atomics.compareExchange(ctl, STOP_WORD, 0, STOP_ASKED);
  };

  for (;;) {
    tick();
    if (options.maxStates !== undefined && level.distinct >= options.maxStates) {
      const { distinct, generated } = level;
      const counts = { distinct, generated, depth: level.level, queued: level.frontier };
      return limitResult(run, 'max-states', counts, heapUsed);
    }
    const reports = await expandLevel(run, ranks, tick, Math.min(100, interval));
    heapUsed = reports.reduce((a, r) => a + r.heapUsed, 0);
    reports.forEach((r, w) => {
      markReached(r, actionReached, coverReached);
      branchTaken?.merge(r.branchTaken);
      lockEdges?.add(level.level, w, r.edges);
    });
    if (reports.some((r) => r.stopped) || Atomics.load(ctl, STOP_WORD) !== 0) {
      const why: InconclusiveReason =
        Atomics.load(ctl, STOP_WORD) === STOP_MEMORY ? 'memory' : (reason ?? 'interrupted');
      return stoppedResult(run, why, reports, level, heapUsed);
    }
    const next = settleLevel(run, reports, level, heapUsed, () =>
      unreachedOf(module, actionReached, coverReached, branchTaken),
    );
    if ('result' in next) {
      const result = await next.result;
      const locks = options.locks;
      if (lockEdges === undefined || locks === undefined) return result;
      const found = await lockEdges.found(module, locks, (w, l) => pathTo(run, w, l));
      return { ...result, lockOrder: found };
    }
    level = next.level;
    ranks = next.ranks;
  }
}

/**
 * After a level: the result when the level stopped the search (a violation, the state limit, no
 * new state), else the next level's counts and the ranks each worker expands in it.
 */
function settleLevel(
  run: Run,
  reports: readonly LevelReport[],
  level: LevelCounts,
  heapUsed: number,
  unreached: () => Unreached,
):
  | { readonly result: EngineCheckResult | Promise<EngineCheckResult> }
  | { readonly level: LevelCounts; readonly ranks: (Int32Array | null)[] } {
  const merged = mergeKeys(reports.map((r) => r.keys));
  const succ = new Int32Array(level.frontier);
  for (const r of reports)
    r.expandedRanks.forEach((rank, i) => {
      succ[rank] = at(r.expandedCounts, i, 'the successor count of an expanded state');
    });
  const stop = chooseStop(eventsOf(reports), merged, level, run.options.maxStates);
  if (stop !== undefined) {
    const c = stopCounts(stop.key, stop.ev?.kind, merged, succ, level);
    if (stop.ev === undefined) return { result: limitResult(run, 'max-states', c, heapUsed) };
    return { result: violationResult(run, stop.ev, stop.worker, c, heapUsed) };
  }
  const total = merged.parentRank.length;
  const generated = level.generated + succ.reduce((a, b) => a + b, 0);
  if (total === 0) return { result: holdsResult(run, level, generated, unreached(), heapUsed) };
  return {
    level: { level: level.level + 1, distinct: level.distinct + total, generated, frontier: total },
    ranks: merged.ranks,
  };
}

/** Distinct and generated states so far: the level's counts plus what the workers found in the level under way. */
function liveCounts(run: Run, level: LevelCounts): { distinct: number; generated: number } {
  const { n, ctl } = run;
  let d = level.distinct;
  let g = level.generated;
  for (let w = 0; w < n; w++) {
    d += Atomics.load(ctl, newWord(n, w));
    g += Atomics.load(ctl, generatedWord(n, w));
  }
  return { distinct: d, generated: g };
}

/** The search ran out of states to expand: every state was found; the last progress report, then the result. */
function holdsResult(
  run: Run,
  level: LevelCounts,
  generated: number,
  unreached: Unreached,
  heapUsed: number,
): EngineCheckResult {
  const seconds = (Date.now() - run.started) / 1000;
  const counts = { distinct: level.distinct, generated, depth: level.level, queued: 0 };
  run.options.onProgress?.(searchProgress(counts, seconds));
  return stopResult(
    { kind: 'holds', unreached },
    searchStats(counts, seconds, bytesPerState(heapUsed, level.distinct)),
  );
}

/** Has every worker expand its part of the level and waits for their reports, calling `tick` meanwhile. */
async function expandLevel(
  run: Run,
  ranks: readonly (Int32Array | null)[],
  tick: () => void,
  tickMs: number,
): Promise<LevelReport[]> {
  const { n, ctl, send, inboxes } = run;
  for (let w = 0; w < n; w++) {
    Atomics.store(ctl, newWord(n, w), 0);
    Atomics.store(ctl, generatedWord(n, w), 0);
  }
  for (let w = 0; w < n; w++) {
    const r = at(ranks, w, 'the ranks sent to a worker');
    send(w, { t: 'expand', ranks: r }, r === null ? [] : [r.buffer as ArrayBuffer]);
  }
  const timer = setInterval(tick, tickMs);
  try {
    const reports: LevelReport[] = [];
    for (const box of inboxes) reports.push((await box.next()) as LevelReport);
    return reports;
  } finally {
    clearInterval(timer);
  }
}

/** The events of a level's reports, each with the worker that saw it. */
function eventsOf(reports: readonly LevelReport[]): { ev: WorkerEvent; worker: number }[] {
  const events: { ev: WorkerEvent; worker: number }[] = [];
  reports.forEach((r, w) => {
    if (r.event !== null) events.push({ ev: r.event, worker: w });
    if (r.ownerEvent !== null) events.push({ ev: r.ownerEvent, worker: w });
  });
  return events;
}

/** Sends each initial state to its owner with its rank (its place in Init's order); returns how many there are. */
function sendInitialStates(run: Run): number {
  const { n, init, send } = run;
  const writers = Array.from({ length: n }, () => new StateWriter());
  const counts = new Array<number>(n).fill(0);
  const initial = init.queuedStates();
  initial.forEach((q, rank) => {
    const h1 = init.fpHi.get(q.index);
    const h2 = init.fpLo.get(q.index);
    const w = ownerOf(h1, h2, n);
    const wr = at(writers, w, 'the writer of a worker');
    wr.word(h1);
    wr.word(h2);
    wr.word(q.s1);
    wr.word(q.s2);
    wr.word(rank);
    wr.state(q.state);
    counts[w] = at(counts, w, 'the count of a worker') + 1;
  });
  writers.forEach((wr, w) => {
    const words = wr.take();
    const count = at(counts, w, 'the count of a worker');
    send(w, { t: 'init', words, count }, [words.buffer as ArrayBuffer]);
  });
  return initial.length;
}

/** Adds what one worker's level reached (sub-actions taken, covers satisfied) to the search's flags. */
function markReached(r: LevelReport, actionReached: boolean[][], coverReached: boolean[]): void {
  let k = 0;
  for (const subs of actionReached)
    for (let i = 0; i < subs.length; i++) if (r.actionReached[k++] === 1) subs[i] = true;
  r.coverReached.forEach((b, i) => {
    if (b === 1) coverReached[i] = true;
  });
}

/** A level cut short (a limit, an interruption, a worker out of heap): the counts of what the workers did. */
function stoppedResult(
  run: Run,
  why: InconclusiveReason,
  reports: readonly LevelReport[],
  level: LevelCounts,
  heapUsed: number,
): EngineCheckResult {
  const found = reports.reduce((a, r) => a + r.keys.length / 2, 0);
  const expanded = reports.reduce((a, r) => a + r.expandedRanks.length, 0);
  const generated = reports.reduce((a, r) => a + r.expandedCounts.reduce((x, y) => x + y, 0), 0);
  return limitResult(
    run,
    why,
    {
      distinct: level.distinct + found,
      generated: level.generated + generated,
      depth: found > 0 ? level.level + 1 : level.level,
      queued: level.frontier - expanded + found,
    },
    heapUsed,
  );
}

/** The heap the workers used per distinct state, when there is one. */
function bytesPerState(heapUsed: number, distinct: number): number | undefined {
  return distinct > 0 ? Math.round(heapUsed / distinct) : undefined;
}

function limitResult(
  run: Run,
  reason: InconclusiveReason,
  c: SearchCounts,
  heapUsed: number,
): EngineCheckResult {
  const seconds = (Date.now() - run.started) / 1000;
  return searchLimit(reason, c, seconds, bytesPerState(heapUsed, c.distinct), run.options);
}

/** The path of fingerprints from an initial state to a state a worker owns, asked owner by owner. */
async function pathTo(run: Run, worker: number, local: number): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (let w = worker, l = local; w >= 0; ) {
    run.send(w, { t: 'parent', local: l });
    const m = (await at(run.inboxes, w, 'the inbox of a worker').next()) as Extract<
      FromWorker,
      { t: 'parent' }
    >;
    out.push([m.h1, m.h2]);
    w = m.owner;
    l = m.local;
  }
  return out.reverse();
}

async function violationResult(
  run: Run,
  ev: WorkerEvent,
  worker: number,
  c: SearchCounts,
  heapUsed: number,
): Promise<EngineCheckResult> {
  const fps = await pathTo(run, worker, ev.local);
  const seconds = (Date.now() - run.started) / 1000;
  const trace =
    ev.kind === 'action-property'
      ? replayWithStep(run.module, fps, ev.j)
      : replayFingerprints(run.module, fps).trace;
  return stopResult({ ...ev, trace }, searchStats(c, seconds, bytesPerState(heapUsed, c.distinct)));
}
