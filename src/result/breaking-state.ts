// The state that breaks a property, as the result file records it so every trace format can end
// with it: the values the property reads there and the parts of it that are false. Computed
// once from the model (src/engine/run/breaking-state.ts) for either engine's trace.

import type { TlaValue as DslValue } from './tla-value.js';

/** One false part of a property: the smallest sub-expression the evaluation could single out. */
export interface FalsePart {
  /** The sub-expression in the spec's names (`changed == {}`). */
  readonly expression: string;
  /** The names it is evaluated under: the step's thread (`self`), a quantifier's witness (`t`). */
  readonly where: Readonly<Record<string, DslValue>>;
  /** The values of its operands, by their text (`changed` is `{other2}`); literals left out. */
  readonly operands: readonly { readonly expression: string; readonly value: DslValue }[];
}

/**
 * The state at the violation. For an invariant: the last state; for an assertion: the state its
 * step checked (the one before the last); for a deadlock: the last state, whole.
 */
export interface BreakingState {
  /** The trace index of the state. */
  readonly step: number;
  /** The false parts of the property there (none for a deadlock, or when they cannot be evaluated). */
  readonly falseParts: readonly FalsePart[];
  /** The values of every variable the property reads (a deadlock: every variable), by the trace's names. */
  readonly values: Readonly<Record<string, DslValue>>;
}
