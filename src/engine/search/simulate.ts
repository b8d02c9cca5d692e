// Random simulation on the embedded engine: takes an ExecutableModule, the config's deadlock
// flag and a budget (behaviours, depth, time, seed) and returns a CheckResult. Each behaviour
// starts in a random initial state and takes random steps, checking invariants, action
// properties and deadlock as it goes. Never `holds`: a simulation cannot prove anything. Also
// the advice text that tells a user which scaling mode to try after a limit. Reads the clock
// (time budget, seconds); no files, no environment.

import type {
  CheckResult,
  InconclusiveReason,
  LockOrderEdge,
  TlaTraceStep,
} from '../../result/check-result.js';
import type { TlcConfig } from '../../tla/tla-ast.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { toTlaState, traceStep } from './explore.js';
import { FingerprintSet } from './fingerprint-set.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { LimitReached, RunLimits, type LimitReason } from './run-limits.js';
import { fingerprintOrbit, symmetryCost } from '../evaluation/symmetry.js';
import { type Finding, settle, stopResult } from './stop-result.js';
import { ModelValue, statesEqual, type Value } from '../values/values.js';
import { LockOrderRecorder, type LockWatch } from './lock-order.js';
import { FP, fingerprintState } from '../values/fingerprint.js';
import { at } from '../../source/checked-index.js';

/** The budget and seed of one simulation run. */
export interface SimulateOptions {
  /** Longest behaviour, in states (TLC's `-depth`); default 100. */
  readonly depth?: number;
  /** Number of behaviours to generate (TLC's `-simulate num=N`); default 1000. */
  readonly traces?: number;
  /** Stop after this long even when `traces` is not reached. */
  readonly timeoutSeconds?: number;
  /** Resident memory of the process, in MB, before stopping (run-limits.ts). */
  readonly memoryMb?: number;
  /** When the run started (Date.now()), when building the module came first: the time limit counts from it. */
  readonly startedAt?: number;
  /** Seed of the random choices: the same seed gives the same behaviours; default 1. */
  readonly seed?: number;
  /** Aborting ends the run with verdict inconclusive (reason interrupted). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SimulateProgress) => void;
  /** Milliseconds between progress calls (default 1000). */
  readonly progressIntervalMs?: number;
  /** The command line the user ran, for the advice. */
  readonly commandLine?: string;
  /** Lock steps whose order edges to record over every step taken (lock-order.ts). */
  readonly locks?: LockWatch;
}

/** Progress of a simulation run. */
export interface SimulateProgress {
  readonly behaviours: number;
  readonly statesGenerated: number;
  readonly distinctStates: number;
  readonly seconds: number;
}

/** Defaults of `simulate`, also shown in docs and advice. */
export const SIMULATE_DEFAULTS = { depth: 100, traces: 1000, seed: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Random numbers

/**
 * xoshiro128** seeded through splitmix32: small, fast, and the same sequence on every
 * platform for the same seed, which is what makes a simulation reproducible.
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32 random bits, as an unsigned number. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform integer in [0, n), without modulo bias. */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const r = this.nextU32();
      if (r < limit) return r % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// ---------------------------------------------------------------------------------------------
// The simulation

interface Step {
  readonly next: State;
  readonly action: number;
  readonly param: Value | undefined;
  readonly sub: number;
}

/** What ended a behaviour, with the steps that led there from its initial state (none when it failed choosing one). */
type Outcome = Finding & { readonly path: readonly Step[]; readonly init: State | undefined };

/**
 * Simulates `module`: `traces` random behaviours of at most `depth` states each. The first
 * violation, deadlock, failed assertion or evaluation error ends the run with its trace; a
 * run that finds none is `inconclusive` (reason `simulation`) and says how many behaviours it
 * explored. With the same seed and module, the behaviours, the verdict and the trace are the
 * same on every run.
 */
export async function simulate(
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: SimulateOptions = {},
): Promise<CheckResult> {
  const locks =
    options.locks === undefined ? undefined : new SimulatedLockOrder(module, options.locks);
  const result = await settle(runSimulation(module, config, options, locks));
  return locks === undefined ? result : { ...result, lockOrder: locks.found() };
}

/**
 * The lock-order graph of the steps a simulation takes: each edge with the behaviour that first
 * showed it, up to that step, kept when found (a walk's states are not kept after it ends).
 */
class SimulatedLockOrder {
  private readonly recorder: LockOrderRecorder;
  private readonly witnesses = new Map<string, LockOrderEdge>();

  constructor(
    private readonly module: ExecutableModule,
    watch: LockWatch,
  ) {
    this.recorder = new LockOrderRecorder(module, watch);
  }

  /** The last step of `path` (from `cur`), of the behaviour from `init`. */
  record(cur: State, init: State, path: readonly Step[]): void {
    const step = path[path.length - 1];
    if (step === undefined) return;
    const fresh = this.recorder.record(cur, step.next, 0, step.action, step.param, step.sub);
    if (fresh.length === 0) return;
    const trace = traceOf(this.module, init, path);
    const thread = step.param instanceof ModelValue ? step.param.name : String(step.param);
    for (const w of fresh)
      this.witnesses.set(`${w.held}\0${w.taken}`, {
        held: w.held,
        taken: w.taken,
        kind: w.kind,
        thread,
        trace,
      });
  }

  found(): NonNullable<CheckResult['lockOrder']> {
    const cycles = this.recorder
      .cycles()
      .map((cycle) => cycle.flatMap((w) => this.witnesses.get(`${w.held}\0${w.taken}`) ?? []));
    return { edges: this.recorder.edges.size, cycles };
  }
}

function* runSimulation(
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: SimulateOptions,
  locks: SimulatedLockOrder | undefined,
): Generator<void, CheckResult> {
  // Time, memory and the abort signal are looked at inside every behaviour, not only between them.
  const limits = new RunLimits(options);
  // Statistics time the search itself; the time limit counts from `startedAt` (building the module included).
  const started = Date.now();
  const stepCost = symmetryCost(module.symmetry);
  const depthLimit = Math.max(1, Math.floor(options.depth ?? SIMULATE_DEFAULTS.depth));
  const traceLimit = Math.max(1, Math.floor(options.traces ?? SIMULATE_DEFAULTS.traces));
  const seed = Math.floor(options.seed ?? SIMULATE_DEFAULTS.seed);
  const rng = new Xoshiro128(seed);
  const tally = new Tally(module.symmetry, { seed, depthLimit, traceLimit }, started);
  const interval = options.progressIntervalMs ?? 1000;
  let lastProgress = started;

  // Every initial state is checked once, in Init's order, before any behaviour: a violation
  // there is found whatever the seed.
  const inits: State[] = [];
  let outcome: Outcome | undefined;
  try {
    outcome = firstBadInitialState(module, limits, stepCost, (s) => {
      inits.push(s);
      tally.reach(s);
      tally.longest = 1;
    });
  } catch (err) {
    if (err instanceof LimitReached)
      return limitResult(err.reason, tally.counts(), tally.seconds(), options);
    outcome = caught(err, [], undefined);
  }
  if (outcome !== undefined)
    return violationResult(module, outcome, tally.counts(), tally.seconds());
  if (inits.length === 0) return noInitialState(tally.counts(), tally.seconds());

  const walker = newWalker(
    {
      module,
      checkDeadlock: config.checkDeadlock,
      rng,
      limits,
      depthLimit,
      reached: tally.reach,
      locks,
    },
    stepCost,
  );

  while (tally.behaviours < traceLimit) {
    const init = at(inits, rng.below(inits.length), 'an initial state');
    const path: Step[] = [];
    outcome = undefined;
    try {
      outcome = yield* behaviour(walker, init, path);
    } catch (err) {
      if (err instanceof LimitReached)
        return limitResult(err.reason, tally.counts(), tally.seconds(), options);
      outcome = caught(err, path, init);
    }
    tally.behaviours++;
    if (path.length + 1 > tally.longest) tally.longest = path.length + 1;
    if (outcome !== undefined)
      return violationResult(module, outcome, tally.counts(), tally.seconds());

    const now = Date.now();
    const reason = limits.reached(now);
    if (reason !== undefined) return limitResult(reason, tally.counts(), tally.seconds(), options);
    if (now - lastProgress >= interval) {
      lastProgress = now;
      tally.report(options.onProgress);
    }
    if (limits.yieldDue) {
      yield;
      limits.yielded();
    }
  }
  tally.report(options.onProgress);
  return inconclusiveResult('simulation', tally.counts(), tally.seconds(), options, 'budget');
}

/** What a simulation has done so far: the counts its result and its progress reports give. */
class Tally {
  statesGenerated = 0;
  longest = 0;
  behaviours = 0;
  private readonly seen = new FingerprintSet(1 << 12);

  constructor(
    private readonly symmetry: ExecutableModule['symmetry'],
    private readonly budget: Pick<Counts, 'seed' | 'depthLimit' | 'traceLimit'>,
    private readonly started: number,
  ) {}

  /** Counts a state reached and remembers its fingerprint (for the distinct count). */
  readonly reach = (s: State): void => {
    this.statesGenerated++;
    if (this.symmetry === undefined) fingerprintState(s);
    else fingerprintOrbit(s, this.symmetry);
    this.seen.lookupOrInsert(FP.h1, FP.h2, this.seen.size);
  };

  counts(): Counts {
    const { behaviours, statesGenerated, longest } = this;
    return { behaviours, statesGenerated, distinct: this.seen.size, longest, ...this.budget };
  }

  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  report(onProgress: SimulateOptions['onProgress']): void {
    onProgress?.({
      behaviours: this.behaviours,
      statesGenerated: this.statesGenerated,
      distinctStates: this.seen.size,
      seconds: this.seconds(),
    });
  }
}

/**
 * Checks every initial state once, in Init's order, handing each to `onInitial` first; the
 * first that breaks an invariant ends the check.
 */
function firstBadInitialState(
  module: ExecutableModule,
  limits: RunLimits,
  stepCost: number,
  onInitial: (s: State) => void,
): Outcome | undefined {
  let outcome: Outcome | undefined;
  module.initialStates((s) => {
    if (outcome !== undefined) return;
    limits.spend(stepCost);
    onInitial(s);
    const bad = firstBrokenInvariant(module, s);
    if (bad !== undefined) outcome = { kind: 'invariant', property: bad, path: [], init: s };
  });
  return outcome;
}

/** What one behaviour needs: the module, the random source, the limits and where its steps go. */
interface Walker {
  readonly module: ExecutableModule;
  readonly checkDeadlock: boolean;
  readonly rng: Xoshiro128;
  readonly limits: RunLimits;
  /** Longest behaviour, in states. */
  readonly depthLimit: number;
  /** The successors of the current state, refilled by `sink` at every step. */
  readonly successors: Step[];
  readonly sink: (next: State, action: number, param: Value | undefined, sub: number) => void;
  /** Told of every state a step reaches. */
  readonly reached: (s: State) => void;
  /** Records the lock-order edges of the steps taken (undefined: not recorded). */
  readonly locks: SimulatedLockOrder | undefined;
}

/** A walker whose sink collects the successors of the current state, each costing `stepCost` of the limits. */
function newWalker(w: Omit<Walker, 'successors' | 'sink'>, stepCost: number): Walker {
  const successors: Step[] = [];
  return {
    ...w,
    successors,
    sink: (next, action, param, sub) => {
      w.limits.spend(stepCost);
      successors.push({ next, action, param, sub });
    },
  };
}

/**
 * One random behaviour from `init`, its steps pushed on `path`: it ends at the depth limit, when
 * only stuttering is left, or with what it found (a deadlock, a broken invariant or action
 * property). Yields when the limits say other work may run.
 */
function* behaviour(w: Walker, init: State, path: Step[]): Generator<void, Outcome | undefined> {
  const { module, successors, rng, limits } = w;
  let cur = init;
  while (path.length + 1 < w.depthLimit) {
    successors.length = 0;
    for (let a = 0; a < module.actions.length; a++) module.successors(a, cur, w.sink);
    if (successors.length === 0)
      return w.checkDeadlock ? { kind: 'deadlock', path, init } : undefined;
    // Only stuttering left (a terminated protocol): the behaviour has nothing more to show.
    if (successors.every((t) => statesEqual(t.next, cur))) return undefined;
    const step = at(successors, rng.below(successors.length), 'a successor');
    path.push(step);
    w.reached(step.next);
    w.locks?.record(cur, init, path);
    const bad = firstBrokenInvariant(module, step.next);
    if (bad !== undefined) return { kind: 'invariant', property: bad, path, init };
    const prop = firstBrokenActionProperty(module, cur, step.next);
    if (prop !== undefined) return { kind: 'action-property', property: prop, path, init };
    cur = step.next;
    if (limits.yieldDue) {
      yield;
      limits.yielded();
    }
  }
  return undefined;
}

/** A run stopped by time, memory or an interruption: inconclusive, with what it explored. */
function limitResult(
  reason: LimitReason,
  c: Counts,
  seconds: number,
  options: SimulateOptions,
): CheckResult {
  return reason === 'timeout'
    ? inconclusiveResult('simulation', c, seconds, options, 'time')
    : inconclusiveResult(reason, c, seconds, options, reason);
}

function noInitialState(c: Counts, seconds: number): CheckResult {
  return stopResult(
    {
      kind: 'error',
      message:
        'The initial predicate has no solution: the module has no initial state, so there is nothing to simulate.',
      trace: null,
    },
    statsOf(c, seconds),
  );
}

function firstBrokenInvariant(module: ExecutableModule, s: State): string | undefined {
  for (const inv of module.invariants) if (!inv.holds(s)) return inv.name;
  return undefined;
}

function firstBrokenActionProperty(
  module: ExecutableModule,
  s: State,
  t: State,
): string | undefined {
  for (const p of module.actionProperties) if (!p.holds(s, t)) return p.name;
  return undefined;
}

/** Assertion failures and evaluation errors end the run; anything else is our own bug. */
function caught(err: unknown, path: Step[], init: State | undefined): Outcome {
  if (err instanceof AssertFailure)
    return { kind: 'assert', message: err.assertMessage, path, init };
  if (err instanceof EvalError)
    return { kind: 'error', message: err.message, definition: err.definition, path, init };
  throw err;
}

interface Counts {
  readonly behaviours: number;
  readonly statesGenerated: number;
  readonly distinct: number;
  readonly longest: number;
  readonly seed: number;
  readonly depthLimit: number;
  readonly traceLimit: number;
}

function statsOf(c: Counts, seconds: number): CheckResult['stats'] {
  return {
    distinctStates: c.distinct,
    statesGenerated: c.statesGenerated,
    depth: c.longest,
    seconds,
    queued: 0,
  };
}

function traceOf(module: ExecutableModule, init: State, path: readonly Step[]): TlaTraceStep[] {
  return [
    { action: null, state: toTlaState(module, init) },
    ...path.map((st) => traceStep(module, st)),
  ];
}

function violationResult(
  module: ExecutableModule,
  o: Outcome,
  c: Counts,
  seconds: number,
): CheckResult {
  const trace = o.init === undefined ? null : traceOf(module, o.init, o.path);
  return stopResult({ ...o, trace }, statsOf(c, seconds));
}

function inconclusiveResult(
  reason: InconclusiveReason,
  c: Counts,
  seconds: number,
  options: SimulateOptions,
  why: 'budget' | 'time' | 'interrupted' | 'memory',
): CheckResult {
  const what = `${c.behaviours} behaviour${c.behaviours === 1 ? '' : 's'} of up to ${c.depthLimit} states (seed ${c.seed}) explored, ${c.statesGenerated} states generated, ${c.distinct} distinct`;
  const stopped =
    why === 'budget'
      ? `all ${c.traceLimit} behaviours asked for were generated`
      : why === 'time'
        ? `the time limit of ${options.timeoutSeconds} s was reached`
        : why === 'memory'
          ? "the memory limit was reached (--memory, default 90% of the machine's, or 80% of Node's heap limit)"
          : 'the run was interrupted';
  const advice = `Simulation found no violation: ${what}; ${stopped}. A simulation samples behaviours and proves nothing. Run more behaviours or another seed (${
    options.commandLine === undefined
      ? '--traces, --seed'
      : `\`${withOption(withOption(options.commandLine, '--traces', String(c.traceLimit * 10)), '--seed', String(c.seed + 1))}\``
  }), or an exhaustive check for a verdict.`;
  return stopResult({ kind: 'inconclusive', reason, advice }, statsOf(c, seconds));
}

// ---------------------------------------------------------------------------------------------
// Advice after a limit

/** Sets `--opt value` in a command line, replacing the option when it is already there. */
function withOption(cmd: string, opt: string, value: string): string {
  const re = new RegExp(`(^|\\s)${opt.replace(/-/g, '\\-')}(=|\\s+)\\S+`);
  return re.test(cmd) ? cmd.replace(re, `$1${opt} ${value}`) : `${cmd} ${opt} ${value}`;
}

/** Removes `--opt value` (or `--opt=value`) from a command line. */
function withoutOption(cmd: string, opt: string): string {
  return cmd.replace(new RegExp(`\\s+${opt.replace(/-/g, '\\-')}(=|\\s+)\\S+`, 'g'), '');
}

/** Removes a flag without a value (`--simulate`) from a command line. */
function withoutFlag(cmd: string, flag: string): string {
  return cmd.replace(new RegExp(`\\s+${flag.replace(/-/g, '\\-')}(?=\\s|$)`, 'g'), '');
}

/**
 * What to run next when the embedded engine stops at a limit, with the user's command line
 * filled in: after memory or time, TLC's distributed mode (its fingerprint set and queue live
 * on disk and other machines can add workers) for a verdict, or a simulation for a quick
 * search for violations without one. `commandLine` is the `credspec check ...` line the user
 * ran. Pure.
 */
export function adviceForLimit(reason: InconclusiveReason, commandLine: string): string {
  // The exhaustive check the user ran, or would run: without engine, limit and simulation options.
  const exhaustive = withoutFlag(
    withoutOption(withoutOption(withoutOption(commandLine, '--traces'), '--depth'), '--seed'),
    '--simulate',
  );
  const base = withoutFlag(
    withoutOption(withoutOption(exhaustive, '--engine'), '--max-states'),
    '--distributed',
  );
  const distributed = `${withOption(base, '--engine', 'tlc')} --distributed`;
  const simulation = `${withoutOption(withoutOption(base, '--timeout'), '--max-states')} --simulate --traces ${SIMULATE_DEFAULTS.traces * 10} --depth ${SIMULATE_DEFAULTS.depth} --seed ${SIMULATE_DEFAULTS.seed}`;
  const both =
    `For a verdict, run TLC in distributed mode, whose fingerprint set and queue can live on disk and which takes workers from other machines:\n  ${distributed}\n` +
    `To look for violations quickly without a verdict, simulate random behaviours:\n  ${simulation}`;
  switch (reason) {
    case 'memory':
      return `The embedded engine ran out of memory. ${both}`;
    case 'timeout':
      return `The embedded engine ran out of time. ${both}`;
    case 'max-states':
      return `The embedded engine reached its state limit. ${both}`;
    case 'interrupted':
      return `The run was interrupted. To continue on more machines or without a verdict:\n${both}`;
    case 'simulation':
      return `A simulation proves nothing. For a verdict, run an exhaustive check:\n  ${exhaustive}\nor, for a model too big for one machine:\n  ${distributed}`;
  }
}
