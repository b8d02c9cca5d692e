// `lock_order a < b`: every name must be a lock class of the spec (lock-classes.ts), so an
// annotation cannot silence the lock-order report by a typo or outlive the lock it named.
// Reports CS2010 with the closest class as a hint.

import type { Block, Decl, VarDecl } from '../syntax/ast.js';
import { forEachStmt } from '../syntax/visit.js';
import { didYouMean } from '../syntax/suggest.js';
import type { CheckContext } from './context.js';
import { isLockClassType, lockStepOf } from './lock-classes.js';

/** Checks the names of every `lock_order` of the program. */
export function checkLockOrder(ctx: CheckContext): void {
  const orders = ctx.decls.flatMap(({ decl }) => (decl.kind === 'LockOrderDecl' ? [decl] : []));
  if (orders.length === 0) return;
  const classes = lockClasses(ctx.decls.map((u) => u.decl));
  for (const decl of orders) {
    ctx.guard('lock orders', decl, () => {
      for (const id of decl.locks) {
        // A shared or thread lock variable is what the name refers to, for references and rename.
        const sym = ctx.globals.lookup(id.name);
        if (sym !== undefined && (sym.kind === 'sharedVar' || sym.kind === 'threadVar'))
          ctx.bind(id, sym);
        if (id.name === '' || classes.has(id.name)) continue;
        const hint = didYouMean(id.name, classes);
        ctx.report('CS2010', id.span, { name: id.name }, hint === undefined ? {} : { hint });
      }
    });
  }
}

/** The lock classes of the declarations: lock and completion variables, and what lock steps name. */
export function lockClasses(decls: readonly Decl[]): Set<string> {
  const out = new Set<string>();
  const vars = (vs: readonly VarDecl[]): void => {
    for (const v of vs) if (isLockClassType(v.type)) out.add(v.name.name);
  };
  const steps = (b: Block): void =>
    forEachStmt(b, (s) => {
      const step = lockStepOf(s);
      if (step !== undefined) out.add(step.lock);
    });
  for (const d of decls) {
    if (d.kind === 'VarDecl') vars([d]);
    if (d.kind === 'ProcessDecl' || d.kind === 'ProcedureDecl') {
      vars(d.locals);
      steps(d.body);
    }
    if (d.kind === 'VariantDecl')
      for (const m of d.members) {
        if (m.kind === 'DeclOverride') for (const c of lockClasses([m.decl])) out.add(c);
        if (m.kind === 'StepOverride') {
          const step = lockStepOf(m.stmt);
          if (step !== undefined) out.add(step.lock);
        }
      }
  }
  return out;
}
