// The transition system a credspec program means for one variant and one parameter set: variables
// with their initial values, one action per step with its guard and effects, properties and
// fairness. Expressions are already TLA+ expressions (src/tla/tla-ast.ts): the IR decides what
// happens, src/emit/from-model.ts decides how the module is laid out. Plain readonly data.

import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import type { ExprTexts } from './expr-texts.js';

/**
 * The effect of an action as a tree: leaves assign next values to the variables they list
 * (every other variable is unchanged), guards are conjuncts, `or` is a disjunction, `exists`
 * binds a variable for nondeterministic choice. Guards sit above the leaves they govern.
 */
export type ActTree = ActLeaf | ActGuard | ActOr | ActExists;

/** One outcome: the listed variables take these next values; all others are unchanged. */
export interface ActLeaf {
  readonly kind: 'leaf';
  /**
   * `inherited` marks the copy of a parent's thread variable into a clone child: it does not
   * count as a use when unused variables are dropped.
   */
  readonly updates: readonly {
    readonly variable: string;
    readonly value: TlaExpr;
    readonly inherited?: boolean;
  }[];
}

export interface ActGuard {
  readonly kind: 'guard';
  readonly cond: TlaExpr;
  readonly body: ActTree;
}

export interface ActOr {
  readonly kind: 'or';
  readonly branches: readonly ActTree[];
}

export interface ActExists {
  readonly kind: 'exists';
  readonly variable: string;
  readonly set: TlaExpr;
  readonly body: ActTree;
}

/** One macro call of an atomic step. */
export interface StepCall {
  readonly macro: string;
  /** Each argument as written. */
  readonly args: readonly string[];
  /** Positions of the arguments the macro assigns. */
  readonly written: readonly number[];
  /** Of those, the ones nothing else in the step assigns: a change there says the call ran. */
  readonly marks: readonly number[];
  /** Position of the argument the macro assigns last (its result, `res`), when that is a plain name. */
  readonly outcome?: number;
}

/** What produced an action; the source map and the trace mapper say it in these words. */
export type ActionKind =
  | 'step'
  | 'control'
  | 'call'
  | 'return'
  | 'fault-handler'
  | 'clone'
  | 'exit'
  | 'terminating';

export interface ActionOwner {
  readonly kind: 'process' | 'procedure';
  readonly name: string;
}

export interface KernelLink {
  readonly file: string;
  readonly func?: string;
  readonly commit?: string;
}

/** `unreachable "reason"` at a step, fault point or cover: the spec's word that no check reaches it. */
export interface UnreachableNote {
  readonly reason: string;
  /** The mark itself, where `ci` reports it when a check does reach the place. */
  readonly span: Span;
}

export interface ModelAction {
  /** TLA+ definition name; for step actions also the pc value the action starts from. */
  readonly name: string;
  readonly kind: ActionKind;
  /** Undefined only for `Terminating`. */
  readonly owner: ActionOwner | undefined;
  /** The DSL step name: the label, or the generated `<owner>_<line>` name. */
  readonly label: string;
  readonly generatedLabel: boolean;
  /** The pc value the action starts from (Exiting for exit completion; undefined for Terminating). */
  readonly pc: string | undefined;
  /** The set `self` ranges over (a group, a union of groups, or Thread); undefined: no parameter. */
  readonly threads: TlaExpr | undefined;
  /** Conjuncts tested before the body: the pc test, the group's `runs when`. */
  readonly guards: readonly TlaExpr[];
  readonly body: ActTree;
  readonly span: Span | undefined;
  /** The statement as written, first line only. */
  readonly text: string;
  readonly kernel: KernelLink | undefined;
  /** An atomic step's macro calls, for the diagram views. */
  readonly calls?: readonly StepCall[];
  /** For the two halves of a fault point: which way it went. */
  readonly outcome?: 'succeeded' | 'failed';
  /** Fault points inside this one action (atomic blocks, macros): where they are. */
  readonly innerFaults?: readonly Span[];
  /** The step's mark (on a fault point's failure half: the failure's own mark). */
  readonly unreachable?: UnreachableNote;
  /**
   * An `if` or `while` test whose failing outcome moves on to the statement after it (an `if`
   * with no `else`, a loop's exit): no step of its own shows that outcome, so the search
   * watches the pc value it moves to, and the vacuity gate reports it when never taken.
   */
  readonly elseOutcome?: ElseOutcome;
  /**
   * The lock classes the step takes, waits on, completes or (inside an `atomic` block) releases,
   * in order (the lock-order report).
   */
  readonly lockOps?: readonly {
    readonly kind: 'acquire' | 'wait' | 'complete' | 'release';
    readonly lock: string;
    /** Under a test inside the block: followed only where the successor shows it ran. */
    readonly conditional?: true;
  }[];
}

/**
 * The failing outcome of a test step: `if` (its missing `else`), `while` (the loop's exit),
 * `for` (entered with nothing to iterate: straight to its exit) or `await` (its condition false
 * when a thread reached it: the thread had to wait).
 */
export interface ElseOutcome {
  readonly test: 'if' | 'while' | 'for' | 'await';
  /**
   * The pc value that shows the outcome: the one the step moves its thread to when the test
   * fails; for `await`, the step's own (a thread there that the step cannot move waits).
   */
  readonly pc: string;
  /** `else unreachable "reason"` after the statement. */
  readonly unreachable?: UnreachableNote;
}

export type VariableScope = 'shared' | 'thread' | 'frame' | 'process' | 'internal';

export interface ModelVariable {
  /** TLA+ name. */
  readonly name: string;
  /** The DSL name (`error`, `count`); for internal variables, the TLA+ name. */
  readonly dslName: string;
  readonly scope: VariableScope;
  /** The procedure (frame) or process (process-local) it belongs to. */
  readonly owner?: string;
  /** Functions over threads: the set of their domain (`Thread`, a group). */
  readonly perThread: boolean;
  readonly init: TlaExpr;
  readonly span: Span | undefined;
  /** What an internal variable is for, in words. */
  readonly note?: string;
  /** A lock (`Spinlock`, `Mutex`, `Rwsem`): its value names the threads that hold it. */
  readonly lock?: true;
  /** A `Completion`: a conditional `complete()` ran where its value changed. */
  readonly completion?: true;
}

/** `tombstone`: the model value stored references to returned calls of one procedure become. */
export type ConstantKind = 'param' | 'group' | 'spare' | 'none' | 'tombstone';

export interface ModelConstant {
  readonly name: string;
  readonly kind: ConstantKind;
  readonly dslName: string;
  /** This parameter set's value. */
  readonly value:
    | { readonly kind: 'modelValues'; readonly names: readonly string[] }
    | { readonly kind: 'modelValue'; readonly name: string }
    | { readonly kind: 'int'; readonly value: number }
    | { readonly kind: 'bool'; readonly value: boolean }
    | { readonly kind: 'string'; readonly value: string };
  readonly span: Span | undefined;
}

/** A definition kept as a TLA+ operator: a `const`, a state-free `def`. */
export interface ModelDef {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: TlaExpr;
  readonly span: Span | undefined;
  readonly what: string;
}

export type PropertyKind = 'invariant' | 'action' | 'temporal' | 'cover' | 'assert' | 'builtin';

export interface ModelProperty {
  readonly name: string;
  /** The name users see and expectations use (`bounded`, an assert's step label, `frame_use_after_return`). */
  readonly dslName: string;
  readonly kind: PropertyKind;
  /** A state predicate, `[][A]_vars`, or a temporal formula. */
  readonly body: TlaExpr;
  readonly span: Span | undefined;
  /** For `out_of_range`: the variables its conjuncts check, in order, with their declarations. */
  readonly covers?: readonly {
    readonly variable: string;
    readonly dslName: string;
    readonly owner?: string;
    readonly span: Span | undefined;
  }[];
  /** A cover's `unreachable "reason"` mark. */
  readonly unreachable?: UnreachableNote;
}

export interface ModelGroup {
  readonly name: string;
  readonly constant: string;
  /** This parameter set's members, born first then spare. */
  readonly members: readonly string[];
  readonly spare: readonly string[];
  /** Undefined when the group has no `spare` clause. */
  readonly spareConstant: string | undefined;
  readonly fairness: 'none' | 'weak' | 'strong';
  readonly symmetric: boolean;
  /** Its first step's pc value, or Done when the body is empty. */
  readonly firstStep: string;
  /** Every action a thread of the group can take (its procedures' steps included), in Next order. */
  readonly actions: readonly string[];
  readonly span: Span;
}

export interface FairnessClause {
  readonly strength: 'WF' | 'SF';
  /** The definition holding the disjunction, applied to `self`. */
  readonly actionDef: string;
  /** The actions it joins. */
  readonly actions: readonly string[];
  readonly threads: TlaExpr;
  readonly what: string;
}

export interface Model {
  readonly specName: string;
  readonly specFile: string;
  readonly variant: string;
  readonly moduleName: string;
  /** The parameter set this model was lowered for (every parameter, defaults filled in). */
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The parameters that differ from the variant's defaults, for the config's file name. */
  readonly paramOverrides: Readonly<Record<string, number | boolean | string>>;
  readonly constants: readonly ModelConstant[];
  readonly defs: readonly ModelDef[];
  readonly variables: readonly ModelVariable[];
  readonly groups: readonly ModelGroup[];
  /** In Next order; successors are generated in this order. */
  readonly actions: readonly ModelAction[];
  readonly fairness: readonly FairnessClause[];
  readonly properties: readonly ModelProperty[];
  readonly symmetry: boolean;
  readonly usesSequences: boolean;
  readonly usesFiniteSets: boolean;
  /** `lock_order a < b`: the order edges (held, then taken) the spec accepts. */
  readonly acceptedLockOrder: readonly (readonly [string, string])[];
  /** The DSL text each lowered expression came from (what reports show of it). */
  readonly exprTexts: ExprTexts;
  /**
   * The def `LowerOptions.probe` named, with every definition lowered (kept or not) and the
   * variables the model dropped (no step reads or writes them: no state records them).
   */
  readonly probe?: {
    readonly def: ModelDef;
    readonly defs: readonly ModelDef[];
    readonly dropped: readonly ModelVariable[];
  };
}
