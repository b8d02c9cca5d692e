// Type checking: the type of every expression (ctx.types) and whether it fits where it is used
// (initial values, conditions, operands, arguments, targets, returned values, each macro call's
// instance of the macro body, primes in properties). Needs resolve-names.ts's bindings. Reports
// CS3xxx, CS6001 and CS6002; does not judge control flow or atomicity (check-steps.ts does).

import type { Decl } from '../syntax/ast.js';
import { type CheckContext } from './context.js';
import { BOOL } from './types.js';
import { GLOBAL } from './type-core.js';
import { TypeChecker } from './type-stmts.js';

/** Type-checks every declaration, body, property and step override of the program. */
export function checkTypes(ctx: CheckContext): void {
  const tc = new TypeChecker(ctx);
  for (const { decl } of ctx.decls) ctx.guard('type checking', decl, () => typeDecl(ctx, tc, decl));
  for (const { decl } of ctx.bodies) ctx.guard('type checking', decl, () => tc.body(decl));
}

function typeDecl(ctx: CheckContext, tc: TypeChecker, decl: Decl): void {
  switch (decl.kind) {
    case 'ConstDecl':
      tc.symbolType(ctx.declared.get(decl));
      break;
    case 'TypeDecl':
      tc.aliasType(decl);
      break;
    case 'ParamDecl':
      tc.typeOf(decl.type);
      break;
    case 'VarDecl': {
      // Typed even without an initial value: lowering reads every declared type from the table.
      const t = tc.typeOf(decl.type);
      if (decl.init !== undefined)
        tc.expect(decl.init, t, `the initial value of \`${decl.name.name}\``, GLOBAL);
      break;
    }
    case 'InvariantDecl':
    case 'CoverDecl':
      tc.expect(
        decl.expr,
        BOOL,
        `${decl.kind === 'InvariantDecl' ? 'invariant' : 'cover'} \`${decl.name.name}\``,
        GLOBAL,
      );
      break;
    case 'ActionPropertyDecl':
      tc.expect(decl.expr, BOOL, `action \`${decl.name.name}\``, { action: true });
      break;
    case 'TemporalPropertyDecl':
      for (const q of decl.quantifiers ?? []) tc.quantifier(q);
      tc.expect(decl.left, BOOL, `property \`${decl.name.name}\``, GLOBAL);
      if (decl.right !== undefined)
        tc.expect(decl.right, BOOL, `property \`${decl.name.name}\``, GLOBAL);
      break;
    case 'VariantDecl':
      for (const m of decl.members) {
        if (m.kind !== 'StepOverride') continue;
        const owner = ctx.symbols.get(m.owner)?.decl;
        if (owner?.kind === 'ProcessDecl' || owner?.kind === 'ProcedureDecl')
          tc.stmt(m.stmt, { action: false, owner });
      }
      break;
    default:
      break;
  }
}
