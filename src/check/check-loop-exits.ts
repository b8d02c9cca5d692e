// `break` and `continue`: each must sit inside a `while` or `for` of the same body, outside any
// `atomic` block, macro body or fault handler, and carries no label or `@kernel` (it is not a
// step). Takes the check context; reports CS4013-CS4015. Control flow itself is lowered in src/model.

import type { Block, Stmt } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/** Runs the rules over every body (overrides included) and every overridden step. */
export function checkLoopExits(ctx: CheckContext): void {
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    const context = owner.kind === 'MacroDecl' ? `macro \`${owner.name.name}\`` : undefined;
    ctx.guard('loop exits', owner, () => walkBlock(ctx, owner.body, false, context));
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) {
      // An overriding step stands alone: no loop of the original body encloses it.
      if (m.kind === 'StepOverride') ctx.guard('loop exits', m, () => walkStmt(ctx, m.stmt, false, undefined));
    }
  }
}

function walkBlock(ctx: CheckContext, b: Block, inLoop: boolean, atomic: string | undefined): void {
  for (const s of b.stmts) walkStmt(ctx, s, inLoop, atomic);
}

function walkStmt(ctx: CheckContext, s: Stmt, inLoop: boolean, atomic: string | undefined): void {
  switch (s.kind) {
    case 'BreakStmt':
    case 'ContinueStmt': {
      const keyword = s.kind === 'BreakStmt' ? 'break' : 'continue';
      if (s.label !== undefined && s.label.name !== '') ctx.report('CS4015', s.label.span, { keyword, what: 'a label' });
      if (s.kernel !== undefined) ctx.report('CS4015', s.kernel.span, { keyword, what: 'an `@kernel` annotation' });
      if (atomic !== undefined) ctx.report('CS4014', s.span, { keyword, context: atomic });
      else if (!inLoop) ctx.report('CS4013', s.span, { keyword });
      return;
    }
    case 'WhileStmt':
    case 'ForStmt':
      walkBlock(ctx, s.body, true, atomic);
      return;
    case 'AtomicStmt':
      walkBlock(ctx, s.body, inLoop, atomic ?? 'an `atomic` block');
      return;
    case 'FaultStmt':
      walkStmt(ctx, s.body, inLoop, atomic);
      walkBlock(ctx, s.handler, inLoop, atomic ?? 'a fault handler');
      return;
    case 'IfStmt':
      walkBlock(ctx, s.then, inLoop, atomic);
      if (s.else?.kind === 'Block') walkBlock(ctx, s.else, inLoop, atomic);
      else if (s.else !== undefined) walkStmt(ctx, s.else, inLoop, atomic);
      return;
    case 'EitherStmt':
      for (const b of s.branches) walkBlock(ctx, b, inLoop, atomic);
      return;
    default:
      return;
  }
}
