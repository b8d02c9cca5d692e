// The result file written by `check --json` and `ci --json`: the contract of CLI.md, in the
// spec's own words (DSL names, file:line:col), never TLA+ internals. schema/result.schema.json
// describes the same shape and tests validate written files against it.

import type { BreakingState } from './breaking-state.js';
import type { CounterexampleFacts, InconclusiveReason, Verdict } from './check-result.js';
import type { SpecFileHash } from './spec-hash.js';
import type { SourceLocation } from './source-location.js';
import type { WaitEdge } from './wait-edge.js';

/** A value as the spec writes it, in JSON: ITF-like encoding (see tla-value.ts). */
export type { TlaValue as DslValue } from './tla-value.js';
export type { SourceLocation } from './source-location.js';
import type { TlaValue as DslValue } from './tla-value.js';

/**
 * What a thread slot is in a state: `unborn` (a spare slot no clone has filled yet), `alive`,
 * `done` (finished its body), `exiting` (took `exit`, not yet gone) or `gone`.
 */
export type ThreadStatus = 'unborn' | 'alive' | 'done' | 'exiting' | 'gone';

/** One step of a counterexample, as the spec tells it. */
/** One macro call an atomic step ran (`TraceStep.calls`). */
export interface MacroCallRecord {
  readonly macro: string;
  readonly args: readonly { readonly text: string; readonly value?: DslValue }[];
  readonly outcome?: DslValue;
}

export interface TraceStep {
  readonly index: number;
  /** The thread that took the step (`caller1`), null for the initial state and environment steps. */
  readonly thread: string | null;
  /** `owner.label` of the step (`restrict_one.prepare`), or "init" for the initial state. */
  readonly step: string;
  readonly location: SourceLocation | null;
  /** The statement text as written in the spec. */
  readonly source: string | null;
  /** For a fault point: which way it went ("failed" or "succeeded"). */
  readonly outcome?: string;
  /** `@kernel(...)` link of the step, when the spec gives one. */
  readonly kernel?: { readonly file: string; readonly func?: string; readonly commit?: string };
  /**
   * An atomic step's macro calls that ran (a call ran when it changed what it assigns): each
   * with the arguments it only reads, as written and, for a variable, its value before the
   * step, and the value the macro left in its result (`qres`).
   */
  readonly calls?: readonly MacroCallRecord[];
  /**
   * Whether the violation depends on this step (see `counterexample.essential`); the text views
   * fold the steps that are not. Absent on the initial state and when the result does not say.
   */
  readonly essential?: boolean;
  /** Spec variables this step changed: `t1.prepared`, `count`, `caller1.restrict_siblings.error`. */
  readonly changes: Readonly<
    Record<string, { readonly before: DslValue | null; readonly after: DslValue | null }>
  >;
  /** The whole state after the step, by the same names. */
  readonly state: Readonly<Record<string, DslValue>>;
  /**
   * Every thread slot's status after the step (files written before it was recorded lack it;
   * readers then infer births and exits from the variables and statements).
   */
  readonly threads?: Readonly<Record<string, ThreadStatus>>;
  /**
   * Only on a lasso's closing step, the last entry of the trace: the state index the step goes
   * back to (`loopsBackTo`); its `state` is that state again. Older files have no closing step.
   */
  readonly backTo?: number;
  /**
   * The emitted module's view of the step: its action, the action's parameters and the whole
   * TLA+ state (what an ITF trace is made of). Files written before it was recorded lack it, or
   * (when recorded only on request) lack the parameters.
   */
  readonly tla?: {
    readonly action: string | null;
    readonly params?: Readonly<Record<string, DslValue>>;
    readonly state: Readonly<Record<string, DslValue>>;
  };
}

export interface Expectation {
  readonly verdict: 'holds' | 'violated' | 'deadlock';
  readonly property: string | null;
  /** The scenario id the spec gives (`L-1`). */
  readonly tag?: string;
  /** Set when the spec asks for the violation to be found by a seeded simulation. */
  readonly simulation?: {
    readonly seed?: number;
    readonly traces?: number;
    readonly depth?: number;
  };
}

/** A temporal verdict a capped counter took part in, as a result file records it. */
export interface BoundHitRecord {
  readonly properties: readonly string[];
  /** `Caller.restarts`. */
  readonly counter: string;
  /** As the spec writes it: `RESTARTS`, `NT + 1`. */
  readonly bound: string;
  readonly value?: number;
  /** Steps from an initial state to the first state at the bound. */
  readonly steps: number;
  /** The first step that tests the counter against the bound (`Worker.attempt`). */
  readonly testedBy?: string;
  /** The bound's declaration. */
  readonly location: SourceLocation | null;
  /** The finding in words, as `check` warns of it. */
  readonly message: string;
}

export interface VariantResult {
  readonly spec: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The parameters set for this check (`with` or `--param`) that differ from the variant's defaults. */
  readonly overrides?: Readonly<Record<string, number | boolean | string>>;
  readonly engine: 'embedded' | 'tlc';
  readonly module: string;
  readonly config: string;
  readonly verdict: Verdict;
  readonly property: string | null;
  /** Where the violated property (or the failed assertion) is declared in the spec. */
  readonly propertyLocation?: SourceLocation;
  readonly expected: Expectation | null;
  /** Where the `expect` that asked for this check is written. */
  readonly expectLocation?: SourceLocation;
  readonly stats: {
    readonly distinctStates: number;
    readonly statesGenerated: number;
    readonly depth: number;
    readonly seconds: number;
    readonly bytesPerState?: number;
  };
  readonly trace: readonly TraceStep[] | null;
  readonly loopsBackTo: number | null;
  readonly stuttering?: boolean;
  /** How the trace was chosen and its preemptions (safety violations and deadlocks). */
  readonly counterexample?: CounterexampleFacts;
  readonly inconclusive?: { readonly reason: InconclusiveReason; readonly advice: string };
  readonly error?: { readonly message: string };
  /**
   * Wait-for picture of a deadlock: who waits on what, held or owed by whom, and (in files
   * written since the pipeline records it) the statement, step and line each thread sleeps at.
   */
  readonly waitsFor?: readonly WaitEdge[];
  /**
   * The state at the violation or deadlock: what the property reads there and its false parts
   * (files written before it was recorded lack it; action and temporal properties have none).
   */
  readonly breakingState?: BreakingState;
  readonly unreached?: {
    readonly steps: readonly string[];
    readonly covers: readonly string[];
    /** Test steps whose failing outcome (it has no step of its own) no step took. */
    readonly branches?: readonly UnreachedBranch[];
  };
  /**
   * The spec file and every file it imports, root first, each with the hash of its text when it
   * was checked (files written before it was recorded lack it): `trace` warns when one changed.
   */
  readonly specFiles?: readonly SpecFileHash[];
  /** What the run changed about the check, one line each (a symmetry reduction left out past the engine's limit). */
  readonly warnings?: readonly string[];
  /** Present when the check left named properties out (`--property`, `--safety-only`): its verdict is about the checked ones only. */
  readonly partial?: PartialCheck;
  /**
   * Temporal properties that held while a capped counter stood at its bound (driver/bound-probe.ts):
   * the verdict may rest on the cap. Absent when there is none or the bound has a `// capped` reason.
   */
  readonly boundHits?: readonly BoundHitRecord[];
  /**
   * Lock-order inversions (embedded engine, one worker): present when the order graph the search
   * recorded has a cycle through edges the spec does not accept (`lock_order`).
   */
  readonly lockOrder?: LockOrderReport;
}

/** The cycles of the lock-order graph of one check. */
export interface LockOrderReport {
  /** Order edges the search recorded (accepted ones left out). */
  readonly edges: number;
  readonly cycles: readonly LockOrderCycle[];
}

/** One cycle: its locks in order (the first is the least by name) and the edge into each next one. */
export interface LockOrderCycle {
  readonly locks: readonly string[];
  readonly edges: readonly LockOrderWitness[];
}

/** One order edge with the behaviour whose last step first showed it. */
export interface LockOrderWitness {
  /** The lock held, and the one taken (a completion waited on, or completed) while holding it. */
  readonly held: string;
  readonly taken: string;
  /** How the step showed it (took `taken`, waited on it, completed `held`); older files lack it. */
  readonly kind?: 'acquire' | 'wait' | 'complete';
  readonly thread: string;
  /** The step that takes it (`owner.label`), and where it is written. */
  readonly step: string;
  readonly location: SourceLocation | null;
  readonly trace: readonly TraceStep[];
}

/**
 * The failing outcome of a test step: the missing `else` of an `if`, the exit of a `while`, a
 * `for` entered with nothing to iterate, an `await` whose thread had to wait.
 */
export interface UnreachedBranch {
  /** The test's step, `A.odd`. */
  readonly step: string;
  readonly test: 'if' | 'while' | 'for' | 'await';
}

/** The named properties a partial check looked at and the ones it left out, and the options that left them out. */
export interface PartialCheck {
  readonly by: readonly ('--property' | '--safety-only' | '--no-deadlock')[];
  readonly checked: readonly string[];
  readonly notChecked: readonly string[];
}

/** One diagnostic of a spec that could not be checked, as `lint` prints it. */
export interface SpecDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
}

/** A spec `ci` could not check (it fails lint, or a case could not be built from it). */
export interface UncheckedSpec {
  readonly spec: string;
  readonly diagnostics: readonly SpecDiagnostic[];
}

/** A committed generated file that is not what `credspec emit` writes now (`ci` fails on it). */
export interface StaleGenerated {
  readonly spec: string;
  /** The file, relative to the folder ci ran in (`generated/...`). */
  readonly file: string;
  /** `differs`: its bytes are not emit's; `missing`: emit writes it, it is not committed. */
  readonly reason: 'differs' | 'missing';
}

export interface ResultFile {
  readonly tool: 'credspec';
  readonly version: string;
  readonly results: readonly VariantResult[];
  /** Specs that could not be checked, with their diagnostics (`ci` writes it when there are any). */
  readonly unchecked?: readonly UncheckedSpec[];
  /** Committed generated files that differ from what emit writes now (`ci` writes it when there are any). */
  readonly staleGenerated?: readonly StaleGenerated[];
}
