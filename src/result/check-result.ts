// What an engine returns for one module and config, whichever engine ran: the embedded checker
// (src/engine) and TLC (src/tlc) both produce exactly this, so they can be compared number for
// number. Names here are TLA+ names; src/trace turns them into the spec's own words.

import type { TlaState, TlaValue } from './tla-value.js';

export type EngineName = 'embedded' | 'tlc';

export type Verdict = 'holds' | 'violated' | 'deadlock' | 'inconclusive' | 'error';

/** Why a run ended without a verdict. */
export type InconclusiveReason = 'max-states' | 'timeout' | 'memory' | 'interrupted' | 'simulation';

/** Counts with TLC's meaning ("states generated", "distinct states found", search depth). */
export interface CheckStats {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  readonly seconds: number;
  /** States still waiting to be explored when the run ended (0 after a full search). */
  readonly queued?: number;
}

/** One state of a TLA+-level trace. `action` is null for the initial state. */
export interface TlaTraceStep {
  readonly action: {
    /** The definition name of the action (`restrict_one_prepare`). */
    readonly name: string;
    /** Its parameters (`{ self: {"#mv": "t1"} }`). */
    readonly params: Readonly<Record<string, TlaValue>>;
  } | null;
  readonly state: TlaState;
}

/** How the counterexample shown was chosen, and how many preemptions it has. */
export interface CounterexampleFacts {
  /**
   * Steps that switch away from a thread which could have taken the next step itself; null
   * when the embedded engine could not replay the trace to count them.
   */
  readonly preemptions: number | null;
  /**
   * `fewest-preemptions`: the fewest among the shortest behaviours violating the same property
   * (or among those through the states shrinking visited); `shortest`: the search's own trace
   * (`--trace shortest`); `as-found`: the engine's trace, not re-searched (`note` says why).
   */
  readonly trace: 'fewest-preemptions' | 'shortest' | 'as-found';
  /** States in the trace as the engine found it, when shrinking made it shorter. */
  readonly shrunkFrom?: number;
  /** Why the trace is shown as found. */
  readonly note?: string;
  /**
   * The state indices (from 1) of the steps the violation depends on, in order; the other steps
   * are folded when the trace is shown. Absent when the trace could not be replayed.
   */
  readonly essential?: readonly number[];
}

export interface CheckResult {
  readonly engine: EngineName;
  readonly verdict: Verdict;
  /**
   * The violated property's TLA+ definition name (an invariant, an action or temporal
   * property, an assertion's invariant), or null for holds, deadlock and inconclusive.
   */
  readonly property: string | null;
  readonly stats: CheckStats;
  /** The counterexample, initial state first; null when there is none. */
  readonly trace: readonly TlaTraceStep[] | null;
  /** For a lasso: the index in `trace` the last step goes back to. */
  readonly loopsBackTo: number | null;
  /**
   * For a lasso: the action of the step from the last state back to `trace[loopsBackTo]`, when
   * the engine names it (TLC 1.7.4 does not; the trace mapper then works it out from `pc`).
   */
  readonly loopAction?: NonNullable<TlaTraceStep['action']>;
  /** True when the behaviour ends by stuttering forever in its last state. */
  readonly stuttering: boolean;
  readonly inconclusive?: { readonly reason: InconclusiveReason; readonly advice: string };
  /** For verdict 'error': what failed, in words a user can act on. */
  readonly error?: { readonly message: string; readonly tlaLocation?: string };
  /** After an exhaustive run: actions no state enabled and covers no state satisfied. */
  readonly unreached?: {
    readonly actions: readonly string[];
    readonly covers: readonly string[];
    /** Tests (`if` without `else`, `while`) whose failing outcome no step took: their action names. */
    readonly branches?: readonly string[];
  };
  /** For a safety violation or a deadlock: how its trace was chosen (minimise-trace.ts). */
  readonly counterexample?: CounterexampleFacts;
  /** The lock-order graph the search recorded (embedded engine: any search, simulation included). */
  readonly lockOrder?: LockOrderFound;
}

/** One edge of the lock-order graph: `taken` was taken (waited on, completed) with `held` held. */
export interface LockOrderEdge {
  readonly held: string;
  readonly taken: string;
  /** How the step showed it: took `taken`, waited on it, or completed `held`. */
  readonly kind: 'acquire' | 'wait' | 'complete';
  /** The thread that took it. */
  readonly thread: string;
  /** A behaviour whose last step is the first one the search saw showing the edge. */
  readonly trace: readonly TlaTraceStep[];
}

/** The order edges a search saw, and the cycles among those the spec does not accept. */
export interface LockOrderFound {
  /** Order edges recorded, accepted ones (`lock_order`) left out. */
  readonly edges: number;
  /** Each cycle as its edges in order, the first starting at its least lock by name. */
  readonly cycles: readonly (readonly LockOrderEdge[])[];
}
