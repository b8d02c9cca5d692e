// Step labels of every process and procedure, for `at(t, label)` and `override step P.label`.
// Takes the checker context; returns label sets by owner name. Reports nothing (duplicate labels
// are check-steps.ts's business).

import type { Block } from '../syntax/ast.js';
import type { CheckContext } from './context.js';
import { forEachStmt } from '../syntax/visit.js';

/** Labels of the program: every label, and the labels of each process or procedure by name. */
export interface LabelIndex {
  readonly all: ReadonlySet<string>;
  readonly byOwner: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Collects labels from base declarations and from variants' overriding declarations. */
export function collectLabels(ctx: CheckContext): LabelIndex {
  const all = new Set<string>();
  const byOwner = new Map<string, Set<string>>();
  for (const { decl } of ctx.bodies) {
    if (decl.kind !== 'ProcessDecl' && decl.kind !== 'ProcedureDecl') continue;
    const own = byOwner.get(decl.name.name) ?? new Set<string>();
    byOwner.set(decl.name.name, own);
    let found: string[] = [];
    try {
      found = labelsOf(decl.body);
    } catch {
      // A malformed body: the check that walks it reports the internal error.
    }
    for (const l of found) {
      own.add(l);
      all.add(l);
    }
  }
  return { all, byOwner };
}

/** The label names used anywhere in a block. */
export function labelsOf(block: Block): string[] {
  const out: string[] = [];
  forEachStmt(block, (s) => {
    if (s.label !== undefined && s.label.name !== '') out.push(s.label.name);
  });
  return out;
}
