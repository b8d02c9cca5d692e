// What an executable TLA+ module offers the search: takes nothing, declares the contract that
// both the direct interpreter (interpret.ts) and the TypeScript generated from the same tree
// (compile/) implement. The search (explore.ts) knows nothing of syntax; a module knows nothing
// of search order, fingerprints or limits.
//
// Design:
// - A state is an array of `Value`s, one per variable, in declaration order (`variables`).
//   States are immutable once handed to a sink; a module may share unchanged sub-values
//   between a state and its successors (values are immutable and cache their fingerprints).
// - Constants are bound when the module is instantiated (`interpretModule`, or a compiled
//   module's `instantiate`), so no call below takes them.
// - Every enumeration is deterministic and follows TLC, because traces and "states
//   generated" counts depend on it: initial states in the order `Init` produces them;
//   successors action by action in `actions` order (= `roles.actions`, the order Next lists
//   them), and within an action by its parameter in the bound set's canonical order
//   (`compareValues`), and within one parameter in the order TLC's enumeration gives them
//   (conjuncts left to right, disjuncts in order, `\E` and `x' \in S` in set order).
// - Evaluation errors are thrown as `EvalError`, failed `Assert`s as `AssertFailure`
//   (eval-error.ts); the search catches both. Nothing else may be thrown for bad input.

import type { ModelValue, StateValues, Value } from '../values/values.js';

/** A state: one value per variable, in the module's declaration order. */
export type State = StateValues;

/**
 * Receives one successor state.
 * @param next the successor (the module must not mutate it afterwards)
 * @param actionIndex index into `ExecutableModule.actions`
 * @param param the action's parameter value (`self`), or undefined for a parameterless action
 * @param sub index into `actions[actionIndex].subActions`: which disjunct definition of the
 *   action produced the step (TLC names trace steps after it); 0 when the action is not split
 */
export type SuccessorSink = (
  next: State,
  actionIndex: number,
  param: Value | undefined,
  sub: number,
) => void;

/** One disjunct of Next, as `roles.actions` lists it. */
export interface ActionInfo {
  /** The definition name (`A_acquire`, `Thread`, `Terminating`). */
  readonly name: string;
  /** The bound parameter's name (`self`), or undefined. */
  readonly paramName: string | undefined;
  /** The values of the bound parameter in canonical order; `[undefined]`-free, empty when no parameter. */
  readonly paramValues: readonly Value[];
  /**
   * Names of the definitions a step is labelled with, as TLC splits the action: when the
   * action's body is a disjunction of applications of definitions (`Thread(self) ==
   * A_acquire(self) \/ A_release(self)`), one entry per such definition, recursively, in
   * order; otherwise `[name]`.
   */
  readonly subActions: readonly string[];
  /**
   * Optional: the action with parameter p has no successor, and evaluates nothing that could
   * fail, unless `state[variable]` is a function whose value at p is the string `label` (the
   * shape `action-guard.ts` recognises). A search may skip the action in states where that
   * holds for none of its parameters; where the value is not such a string it must not skip.
   */
  readonly guard?: { readonly variable: number; readonly label: string };
}

/** A state predicate with its definition name (invariants, covers). */
export interface StatePredicate {
  readonly name: string;
  /** Evaluates the predicate; throws EvalError when it cannot be evaluated or is not a boolean. */
  holds(s: State): boolean;
  /**
   * The predicate's conjuncts, each with the indices of the variables it may read (compiled
   * modules only). On a step from a state that satisfies the predicate, a conjunct whose
   * variables the step left as they were (the same value objects) holds again, so the search
   * evaluates only the others; `holds` stays the judge whenever one of them is not `true`.
   */
  readonly parts?: readonly StatePart[];
}

/** One conjunct of a state predicate (`StatePredicate.parts`): true when it evaluates to TRUE. */
export interface StatePart {
  readonly reads: readonly number[];
  holds(s: State): boolean;
}

/** An action property `[][A]_vars`: `holds(s, t)` is `[A]_vars` on the step s -> t. */
export interface ActionPredicate {
  readonly name: string;
  holds(s: State, t: State): boolean;
}

/** One fairness conjunct of Spec, with any `\A self \in S` expanded to one instance per value. */
export interface FairnessInstance {
  readonly strength: 'WF' | 'SF';
  /** For messages: `WF_vars(Thread(t1))`. */
  readonly label: string;
  /** `ENABLED <<A>>_vars` in s: A has a successor different from s. */
  enabled(s: State): boolean;
  /** The step s -> t is an `<<A>>_vars` step: an A step that changes some variable. */
  isStep(s: State, t: State): boolean;
  /**
   * Optional shortcut: when set, every step made by `actions[index]` with parameter `param`
   * is an A step whenever it changes some variable, so the search need not call `isStep`
   * for it. (Steps of other actions may still be A steps: the search asks `isStep`.)
   */
  readonly action?: { readonly index: number; readonly param: Value | undefined };
  /**
   * Optional exact description, set when A is a disjunction of Next's own actions (the
   * shape `fairness-steps.ts` recognises) and vars is every variable: the `<<A>>_vars`
   * steps from s are exactly the successors t != s of s by `actions[index]` with parameter
   * `param`, over these pairs. A search that enumerates all of those pairs may then take
   * `enabled` and `isStep` from the successors it computes anyway and call neither; pairs
   * whose param is not among the action's `paramValues` are not enumerated by the search,
   * so a search must fall back to `enabled`/`isStep` when it finds one for which no pair of
   * the same action name is enumerated.
   */
  readonly steps?: readonly { readonly index: number; readonly param: Value | undefined }[];
}

/**
 * The temporal forms credspec emits, as state predicates. The search checks the negation
 * on the state graph under the module's fairness.
 */
export type TemporalForm =
  | { readonly kind: 'eventually'; readonly p: (s: State) => boolean } // <>P
  | { readonly kind: 'always'; readonly p: (s: State) => boolean } // []P
  | { readonly kind: 'always-eventually'; readonly p: (s: State) => boolean } // []<>P
  | { readonly kind: 'eventually-always'; readonly p: (s: State) => boolean } // <>[]P
  | {
      readonly kind: 'leads-to';
      readonly p: (s: State) => boolean;
      readonly q: (s: State) => boolean;
    }; // P ~> Q

/** A temporal property: a conjunction of instances (a `\A x \in S` over a form gives one per value). */
export interface TemporalProperty {
  readonly name: string;
  readonly instances: readonly { readonly label: string; readonly form: TemporalForm }[];
}

/** A permutation of model values (those it does not mention map to themselves). */
export type Permutation = ReadonlyMap<ModelValue, ModelValue>;

/**
 * A SYMMETRY group. `Permutations(Threads)`, and unions of such sets (closed, as TLC closes
 * them, into the product of the full symmetric groups), are kept as their classes of
 * interchangeable model values, never enumerated; any other group by its members.
 */
export type SymmetryGroup =
  | { readonly kind: 'symmetric'; readonly classes: readonly (readonly ModelValue[])[] }
  | { readonly kind: 'enumerated'; readonly members: readonly Permutation[] };

/** An instantiated module: everything the search needs, constants already bound. */
export interface ExecutableModule {
  /** The TLA+ module name. */
  readonly name: string;
  /** Variable names in declaration order: index i of a State is variables[i]. */
  readonly variables: readonly string[];
  /** Calls `sink` for each initial state, in the order TLC enumerates `Init`. Duplicates allowed. */
  initialStates(sink: (s: State) => void): void;
  /** The disjuncts of Next in `roles.actions` order. */
  readonly actions: readonly ActionInfo[];
  /**
   * Calls `sink` for each successor of `s` by `actions[actionIndex]`, all parameter values
   * in canonical order, successors of one parameter in TLC's enumeration order. Returns the
   * number of successors (0: the action is disabled in s). Throws EvalError for an
   * evaluation error and for a successor that leaves a variable unassigned.
   */
  successors(actionIndex: number, s: State, sink: SuccessorSink): number;
  /** The index in `actions` of `roles.terminating`, if any (for reports only). */
  readonly terminating: number | undefined;
  /** Invariants of the configuration, in the config's order. */
  readonly invariants: readonly StatePredicate[];
  /** `[][A]_vars` properties of the configuration, in order. */
  readonly actionProperties: readonly ActionPredicate[];
  /** Temporal properties of the configuration, in order. */
  readonly temporalProperties: readonly TemporalProperty[];
  /** The fairness conjuncts of Spec, instances expanded, in Spec's order. */
  readonly fairness: readonly FairnessInstance[];
  /** `roles.covers`: reported when no reachable state satisfies them. */
  readonly covers: readonly StatePredicate[];
  /** The group the configuration's SYMMETRY set generates, or undefined. */
  readonly symmetry: SymmetryGroup | undefined;
}
