// What a DSL name denotes at one place of a step: the checker's symbol says which declaration,
// the environment says what that declaration holds there (a bound value, a macro argument, a
// frame variable). Also which procedure's frame a `base->f` reaches. Reads only.

import type { Type } from '../check/types.js';
import type { Expr, MacroDecl, ProcedureDecl } from '../syntax/ast.js';
import type { Ident } from '../syntax/ast-node.js';
import { tlaIdent } from '../tla/names.js';
import type { LocalVar, LowerContext } from './context.js';
import type { BoundRef, Env, MacroArg } from './env.js';

export type Resolved =
  | { kind: 'bound'; ref: BoundRef }
  | { kind: 'macroArg'; arg: MacroArg }
  | { kind: 'local'; v: LocalVar }
  | { kind: 'global'; tla: string; scope: 'shared' | 'thread'; type: Type }
  | { kind: 'const'; tla: string }
  | { kind: 'param'; tla: string }
  | { kind: 'enum'; value: string }
  | { kind: 'group'; tla: string }
  | { kind: 'thread' }
  | { kind: 'def'; name: string }
  | { kind: 'typeSet' };

/** The macro a call names, as the checker resolved its callee, in this variant's declarations. */
export function calledMacro(ctx: LowerContext, callee: Ident): MacroDecl | undefined {
  const sym = ctx.checked.symbols.get(callee);
  return sym?.kind === 'macro' ? ctx.table.macros.get(sym.name) : undefined;
}

/** The procedure a call names, as the checker resolved its callee, in this variant's declarations. */
export function calledProcedure(ctx: LowerContext, callee: Ident): ProcedureDecl | undefined {
  const sym = ctx.checked.symbols.get(callee);
  return sym?.kind === 'procedure' ? ctx.table.procedures.get(sym.name) : undefined;
}

/** What name `e` denotes in `env`; an internal error when the checker's symbol has no value here. */
export function lookup(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'NameExpr' }>,
): Resolved {
  const n = e.name.name;
  const sym = ctx.checked.symbols.get(e);
  const missing = (): never =>
    ctx.inconsistent(
      e.span,
      `\`${n}\` (${sym === undefined ? 'unresolved' : sym.kind}) has no value where it is used`,
    );
  switch (sym?.kind) {
    case 'binder':
    case 'defParam':
    case 'procParam':
    case 'frameVar': {
      // Parameters and locals of a called procedure are bound to the call's values while its frame is set up.
      const b = env.bound.get(n);
      if (b !== undefined) return { kind: 'bound', ref: b };
      const l =
        sym.kind === 'binder' || sym.kind === 'defParam' ? undefined : env.owner?.vars.get(n);
      return l !== undefined ? { kind: 'local', v: l } : missing();
    }
    case 'macroParam': {
      const m = env.macroArgs.get(n);
      return m !== undefined ? { kind: 'macroArg', arg: m } : missing();
    }
    case 'sharedVar':
    case 'threadVar': {
      const g = ctx.globals.get(n);
      return g !== undefined ? { kind: 'global', ...g } : missing();
    }
    case 'const':
      return { kind: 'const', tla: ctx.defNames.get(n) ?? tlaIdent(n) };
    case 'param':
      return { kind: 'param', tla: tlaIdent(n) };
    case 'enumMember':
      return { kind: 'enum', value: n };
    case 'process': {
      const grp = ctx.groupConstants.get(n);
      return grp !== undefined ? { kind: 'group', tla: grp } : missing();
    }
    case 'builtinType':
      return n === 'Thread' ? { kind: 'thread' } : { kind: 'typeSet' };
    case 'enum':
      return { kind: 'typeSet' };
    case 'def':
      return { kind: 'def', name: sym.name };
    default:
      return missing();
  }
}

/**
 * Parameter or local `f` of procedure `p` as its frame declared it (TLA+ variable and type): the
 * one table of frame variables, which `p->f` and the procedure's own steps both read.
 */
export function frameVar(ctx: LowerContext, p: string, f: string): LocalVar | undefined {
  return ctx.procedureOwners.get(p)?.vars.get(f);
}

/** Which procedure's frame `base->f` reaches: the owner of the frame variable the checker bound `f` to. */
export function arrowProcedure(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'ArrowExpr' }>,
): string | undefined {
  if (e.base.kind === 'FrameExpr' && env.owner?.kind === 'procedure') return env.owner.name;
  const owner = ctx.checked.symbols.get(e.field)?.owner;
  return owner?.kind === 'ProcedureDecl' ? owner.name.name : undefined;
}
