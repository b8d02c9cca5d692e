// What the statements of a step need to know about the step itself (its assertion invariant,
// its place, the fault points met inside it) and what runs after a statement. The assertion
// invariant is declared the first time one of the step's `assert`s is lowered.

import type { Span } from '../source/span.js';
import { INTERNAL_NAMES } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { Env } from './env.js';
import type { ActTree } from './ir.js';
import { bin, name, str } from './tla-build.js';

/** What the statements of a step need to know about the step itself. */
export interface StepCtx {
  /** The invariant name a failed `assert` in this step sets `failure` to. */
  readonly assertName: string;
  readonly assertLabel: string;
  readonly span: Span;
  /** Fault points met inside the step (atomic blocks, macros). */
  readonly innerFaults: Span[];
}

/** What the rest of the step does with the state reached. */
export type Cont = (env: Env) => ActTree;

/** Declares the invariant a failed `assert` of this step breaks (once per step). */
export function registerAssert(ctx: LowerContext, sc: StepCtx): void {
  if (ctx.assertNames.has(sc.assertName)) return;
  ctx.assertNames.add(sc.assertName);
  ctx.builtinProperties.push({
    name: sc.assertName,
    dslName: sc.assertLabel,
    kind: 'assert',
    body: bin('#', name(INTERNAL_NAMES.failure), str(sc.assertName)),
    span: sc.span,
  });
}
