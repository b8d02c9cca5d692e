// The shared vocabulary of the code generator (gen-value.ts, gen-code.ts): generated code with
// its static type, name bindings and scopes, the static assignment state of the next-state
// locals, and continuations.

import type { CodeBlockWriter } from 'ts-morph';
import type { TlaExpr } from '../../tla/tla-ast.js';

/** A construct the compiler cannot translate; names it. Thrown only for trees outside the fragment. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
}

export type Ty = 'bool' | 'int' | 'str' | 'any';
export interface Code {
  readonly c: string;
  readonly t: Ty;
}

export type Binding =
  | { readonly kind: 'js'; readonly code: string; readonly t: Ty }
  | { readonly kind: 'byname'; readonly expr: TlaExpr; readonly env: Env };

/** Where an expression is compiled: bound names, the `@` of an enclosing EXCEPT, and the mode. */
export interface Env {
  readonly names: ReadonlyMap<string, Binding>;
  readonly at: string | undefined;
  /** In Init, unprimed variables are the ones being assigned (read from the `n` locals). */
  readonly init: boolean;
  /** The definition being compiled, for messages. */
  readonly def: string;
}

/** Per variable: assigned, unassigned, or only known at run time. */
export type Assigned = 'a' | 'u' | '?';
export type St = readonly Assigned[];

/** A continuation: emits the code that runs once per satisfying assignment. */
export interface K {
  /** Cheap continuations are emitted in every branch; others are hoisted into a local function. */
  readonly cheap: boolean;
  emit(w: CodeBlockWriter, st: St): void;
}

export const lit = (s: string): string => JSON.stringify(s);
