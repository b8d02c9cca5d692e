// Prints an expression back in the language's own syntax, with single spaces, for messages and
// for keys that must not depend on layout (the lock a kernel operation names). Takes an Expr and
// an optional substitution of names (macro parameters to argument text); returns a string. Pure.

import type { Expr } from '../syntax/ast.js';

/** Prints `e`; names found in `subst` are replaced by their text (parenthesised when compound). */
export function printExpr(e: Expr, subst?: ReadonlyMap<string, string>): string {
  const p = (x: Expr): string => printExpr(x, subst);
  switch (e.kind) {
    case 'IntLit':
      return String(e.value);
    case 'BoolLit':
      return e.value ? 'true' : 'false';
    case 'StringLit':
      return JSON.stringify(e.value);
    case 'NoneLit':
      return 'none';
    case 'SelfExpr':
      return 'self';
    case 'FrameExpr':
      return 'frame';
    case 'NameExpr': {
      const s = subst?.get(e.name.name);
      if (s === undefined) return e.name.name;
      return /^[A-Za-z0-9_.\->[\]]*$/.test(s) ? s : `(${s})`;
    }
    case 'CallExpr':
      return `${e.callee.name}(${e.args.map(p).join(', ')})`;
    case 'IndexExpr':
      return `${p(e.base)}[${p(e.index)}]`;
    case 'FieldExpr':
      return `${p(e.base)}.${e.field.name}`;
    case 'ArrowExpr':
      return `${p(e.base)}->${e.field.name}`;
    case 'PrimedExpr':
      return `${p(e.base)}'`;
    case 'UnaryExpr':
      return `${e.op}${p(e.operand)}`;
    case 'BinaryExpr':
      return `${p(e.left)} ${e.op} ${p(e.right)}`;
    case 'CondExpr':
      return `${p(e.cond)} ? ${p(e.then)} : ${p(e.else)}`;
    case 'SetLit':
      return `{ ${e.elements.map(p).join(', ')} }`;
    case 'SetFilter':
      return `{ ${e.binder.name} in ${p(e.set)} | ${p(e.pred)} }`;
    case 'SetMap':
      return `{ ${p(e.expr)} : ${e.binder.name} in ${p(e.set)} }`;
    case 'MapComp':
      return `[ ${e.binder.name} in ${p(e.set)} |-> ${p(e.value)} ]`;
    case 'SeqLit':
      return `<< ${e.elements.map(p).join(', ')} >>`;
    case 'RecordLit':
      return `{ ${e.fields.map((f) => `${f.name.name}: ${p(f.value)}`).join(', ')} }`;
    case 'RecordUpdate':
      return `${p(e.base)} with { ${e.fields.map((f) => `${f.name.name}: ${p(f.value)}`).join(', ')} }`;
    case 'MapUpdate':
      return `${p(e.base)} with [${p(e.key)}] = ${p(e.value)}`;
    case 'QuantExpr':
      return `${e.quantifier} ${e.binders.map((b) => b.name).join(', ')} in ${p(e.set)}: ${p(e.body)}`;
    case 'ParenExpr':
      return `(${p(e.inner)})`;
    case 'ErrorExpr':
      return '?';
  }
}
