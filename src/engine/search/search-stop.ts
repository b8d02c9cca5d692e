// Why a breadth-first search stopped, and how an error thrown while it expanded a state becomes
// that reason: kept apart from bfs.ts so the search loop reads without the error taxonomy.

import { AssertFailure } from '../values/eval-error.js';
import { findingOfError } from './stop-result.js';
import type { State } from '../evaluation/module-api.js';
import type { Value } from '../values/values.js';
import { LimitReached, type LimitReason } from './run-limits.js';

/** Why the search stopped. State indices refer to the order of discovery (0 = first initial state). */
export type SearchStop =
  | { readonly kind: 'done' }
  | { readonly kind: 'invariant'; readonly property: string; readonly state: number }
  | { readonly kind: 'init-invariant'; readonly property: string; readonly initState: State }
  | {
      readonly kind: 'action-property';
      readonly property: string;
      readonly from: number;
      readonly step: StepRecord;
    }
  | { readonly kind: 'deadlock'; readonly state: number }
  | {
      readonly kind: 'assert';
      readonly message: string;
      readonly definition: string | undefined;
      readonly state: number;
      readonly inInvariant: boolean;
    }
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly definition: string | undefined;
      readonly state: number;
    }
  | { readonly kind: 'limit'; readonly reason: 'max-states' | LimitReason };

/** One step as a successor sink saw it. */
export interface StepRecord {
  readonly next: State;
  readonly action: number;
  readonly param: Value | undefined;
  readonly sub: number;
}

/**
 * The stop an error thrown during an expansion stands for: a limit, a failed assertion or an
 * evaluation error at `state` (-1 while generating initial states). Anything else is a fault of
 * the engine and is thrown on.
 */
export function stopOfError(err: unknown, state: number, inInvariant: boolean): SearchStop {
  if (err instanceof LimitReached) return { kind: 'limit', reason: err.reason };
  const definition = err instanceof AssertFailure ? err.definition : undefined;
  const found = findingOfError(err);
  if (found.kind === 'assert') return { ...found, definition, state, inInvariant };
  return { kind: 'error', message: found.message, definition: found.definition, state };
}
