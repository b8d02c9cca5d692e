// Properties and fairness: symmetry reduction refused together with liveness properties, and a
// warning for liveness properties no process's fairness can make hold. Takes the checker context;
// reports CS6003, CS6004 and CS6005 (primes, CS6001/CS6002, are found while typing expressions).

import type { ProcessDecl, TemporalPropertyDecl } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/** Runs the program-wide property rules. */
export function checkProperties(ctx: CheckContext): void {
  const temporal: TemporalPropertyDecl[] = [];
  const processes: ProcessDecl[] = [];
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'TemporalPropertyDecl') temporal.push(decl);
    if (decl.kind === 'ProcessDecl') processes.push(decl);
  }
  for (const { decl } of ctx.bodies) {
    if (decl.kind === 'ProcessDecl' && !processes.includes(decl)) processes.push(decl);
  }
  for (const t of temporal) {
    for (const q of t.quantifiers ?? []) {
      // A property checks each instance of its form; `exists` would ask for one fair behaviour per choice.
      if (q.quantifier === 'exists')
        ctx.report(
          'CS6005',
          q.span,
          { name: t.name.name },
          {
            hint: 'quantify with `forall`, or move `exists` inside the state predicates (`eventually exists t in S: P`)',
          },
        );
    }
  }
  const first = temporal[0];
  if (first === undefined) return;
  for (const p of processes) {
    if (!p.symmetric) continue;
    // TLC's SYMMETRY is sound only for safety; a liveness check under it may miss violations.
    ctx.report(
      'CS6003',
      p.name.span,
      { name: p.name.name, property: first.name.name },
      {
        hint: 'drop `symmetric`, or check the liveness property in a spec without it',
        related: [{ span: first.name.span, note: 'the liveness property' }],
      },
    );
  }
  if (processes.length > 0 && processes.every((p) => p.fairness === 'none')) {
    for (const t of temporal) {
      ctx.report(
        'CS6004',
        t.name.span,
        { name: t.name.name },
        { hint: 'mark the processes whose progress the property needs `fair` (or `strong fair`)' },
      );
    }
  }
}
