// `unreachable "reason"` marks: each needs a reason, and stands only where the vacuity gate of
// `ci` counts a place (a step, a fault point that is a step of its own, the else of a test that
// is a step of its own: an `if`'s or `while`'s, a `for`'s empty entry, an `await`'s wait; a cover). Takes the check
// context; reports CS4020 and CS4021. The gate itself (src/cli/vacuity-gate.ts) holds each mark
// to its claim against the checks' results.

import type { Stmt, UnreachableMark } from '../syntax/ast.js';
import { stmtParts, type PartRole } from '../syntax/visit.js';
import type { CheckContext } from './context.js';

/** Checks every mark of every body (overrides included), overridden step and cover. */
export function checkUnreachableMarks(ctx: CheckContext): void {
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    const inside = owner.kind === 'MacroDecl' ? 'a macro body' : undefined;
    ctx.guard('unreachable marks', owner, () => {
      for (const s of owner.body.stmts) walkStmt(ctx, s, inside);
    });
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'CoverDecl' && decl.unreachable !== undefined)
      needsReason(ctx, decl.unreachable);
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members)
      if (m.kind === 'StepOverride')
        ctx.guard('unreachable marks', m, () => walkStmt(ctx, m.stmt, undefined));
  }
}

/** `inside`: what makes the statements here part of one enclosing step, when something does. */
function walkStmt(ctx: CheckContext, s: Stmt, inside: string | undefined): void {
  if (s.unreachable !== undefined) {
    needsReason(ctx, s.unreachable);
    const what =
      inside !== undefined
        ? `a statement inside ${inside}`
        : s.kind === 'BreakStmt' || s.kind === 'ContinueStmt'
          ? `\`${s.kind === 'BreakStmt' ? 'break' : 'continue'}\`, which is not a step`
          : undefined;
    if (what !== undefined) ctx.report('CS4021', s.unreachable.span, { what });
  }
  if (s.kind === 'FaultStmt' && s.failureUnreachable !== undefined) {
    needsReason(ctx, s.failureUnreachable);
    if (inside !== undefined)
      ctx.report('CS4021', s.failureUnreachable.span, {
        what: `the failure of a fault point inside ${inside}`,
      });
  }
  const test = TESTS[s.kind];
  if (test !== undefined && 'elseUnreachable' in s && s.elseUnreachable !== undefined) {
    needsReason(ctx, s.elseUnreachable);
    if (inside !== undefined)
      ctx.report('CS4021', s.elseUnreachable.span, {
        what: `the else of ${test} inside ${inside}`,
      });
  }
  for (const p of stmtParts(s))
    for (const inner of p.stmts) walkStmt(ctx, inner, inside ?? oneStepOf(p.role));
}

/** The statements that take `else unreachable`, as the message names them. */
const TESTS: Partial<Record<Stmt['kind'], string>> = {
  IfStmt: 'an `if`',
  WhileStmt: 'a `while`',
  ForStmt: 'a `for`',
  AwaitStmt: 'an `await`',
};

/** The statements of an `atomic` block and of a fault handler run inside one step. */
function oneStepOf(role: PartRole): string | undefined {
  return role === 'atomic'
    ? 'an `atomic` block'
    : role === 'handler'
      ? 'a fault handler'
      : undefined;
}

function needsReason(ctx: CheckContext, mark: UnreachableMark): void {
  if (mark.reason.trim() === '') ctx.report('CS4020', mark.span, {});
}
