// `break` and `continue`: each must sit inside a `while` or `for` of the same body, outside any
// `atomic` block, macro body or fault handler, and carries no label or `@kernel` (it is not a
// step). Takes the check context; reports CS4013-CS4015. Control flow itself is lowered in src/model.

import type { Stmt } from '../syntax/ast.js';
import { stmtParts, type PartRole } from '../syntax/visit.js';
import type { CheckContext } from './context.js';

/** Runs the rules over every body (overrides included) and every overridden step. */
export function checkLoopExits(ctx: CheckContext): void {
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    const context = owner.kind === 'MacroDecl' ? `macro \`${owner.name.name}\`` : undefined;
    ctx.guard('loop exits', owner, () => walkBlock(ctx, owner.body.stmts, false, context));
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) {
      // An overriding step stands alone: no loop of the original body encloses it.
      if (m.kind === 'StepOverride')
        ctx.guard('loop exits', m, () => walkStmt(ctx, m.stmt, false, undefined));
    }
  }
}

function walkBlock(
  ctx: CheckContext,
  stmts: readonly Stmt[],
  inLoop: boolean,
  atomic: string | undefined,
): void {
  for (const s of stmts) walkStmt(ctx, s, inLoop, atomic);
}

function walkStmt(ctx: CheckContext, s: Stmt, inLoop: boolean, atomic: string | undefined): void {
  if (s.kind === 'BreakStmt' || s.kind === 'ContinueStmt') {
    const keyword = s.kind === 'BreakStmt' ? 'break' : 'continue';
    if (s.label !== undefined && s.label.name !== '')
      ctx.report('CS4015', s.label.span, { keyword, what: 'a label' });
    if (s.kernel !== undefined)
      ctx.report('CS4015', s.kernel.span, { keyword, what: 'an `@kernel` annotation' });
    if (atomic !== undefined) ctx.report('CS4014', s.span, { keyword, context: atomic });
    else if (!inLoop) ctx.report('CS4013', s.span, { keyword });
    return;
  }
  for (const p of stmtParts(s))
    walkBlock(ctx, p.stmts, inLoop || p.role === 'loop', atomic ?? atomicContext(p.role));
}

/** What a part's statements are one atomic step of, when they are. */
function atomicContext(role: PartRole): string | undefined {
  return role === 'atomic'
    ? 'an `atomic` block'
    : role === 'handler'
      ? 'a fault handler'
      : undefined;
}
