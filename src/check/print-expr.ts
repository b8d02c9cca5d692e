// Prints an expression back in the language's own syntax, with single spaces, for messages and
// for keys that must not depend on layout (the lock a kernel operation names). Takes an Expr and
// an optional substitution of names (macro parameters to argument text); returns a string. Pure.

import type { Expr } from '../syntax/ast.js';
import { type ExprCases, onExpr } from '../syntax/visit.js';

type Subst = ReadonlyMap<string, string> | undefined;

/** Prints `e`; names found in `subst` are replaced by their text (parenthesised when compound). */
export function printExpr(e: Expr, subst?: ReadonlyMap<string, string>): string {
  return onExpr(e, PRINT, subst);
}

const p = (x: Expr, subst: Subst): string => onExpr(x, PRINT, subst);
const list = (xs: readonly Expr[], subst: Subst): string => xs.map((x) => p(x, subst)).join(', ');
const fields = (fs: readonly { name: { name: string }; value: Expr }[], subst: Subst): string =>
  fs.map((f) => `${f.name.name}: ${p(f.value, subst)}`).join(', ');

const PRINT: ExprCases<string, [Subst]> = {
  IntLit: (e) => String(e.value),
  BoolLit: (e) => (e.value ? 'true' : 'false'),
  StringLit: (e) => JSON.stringify(e.value),
  NoneLit: () => 'none',
  SelfExpr: () => 'self',
  FrameExpr: () => 'frame',
  NameExpr: (e, subst) => {
    const s = subst?.get(e.name.name);
    if (s === undefined) return e.name.name;
    return /^[A-Za-z0-9_.\->[\]]*$/.test(s) ? s : `(${s})`;
  },
  CallExpr: (e, subst) => `${e.callee.name}(${list(e.args, subst)})`,
  IndexExpr: (e, subst) => `${p(e.base, subst)}[${p(e.index, subst)}]`,
  FieldExpr: (e, subst) => `${p(e.base, subst)}.${e.field.name}`,
  ArrowExpr: (e, subst) => `${p(e.base, subst)}->${e.field.name}`,
  PrimedExpr: (e, subst) => `${p(e.base, subst)}'`,
  UnaryExpr: (e, subst) => `${e.op}${p(e.operand, subst)}`,
  BinaryExpr: (e, subst) => `${p(e.left, subst)} ${e.op} ${p(e.right, subst)}`,
  CondExpr: (e, subst) => `${p(e.cond, subst)} ? ${p(e.then, subst)} : ${p(e.else, subst)}`,
  SetLit: (e, subst) => `{ ${list(e.elements, subst)} }`,
  SetFilter: (e, subst) => `{ ${e.binder.name} in ${p(e.set, subst)} | ${p(e.pred, subst)} }`,
  SetMap: (e, subst) => `{ ${p(e.expr, subst)} : ${e.binder.name} in ${p(e.set, subst)} }`,
  MapComp: (e, subst) => `[ ${e.binder.name} in ${p(e.set, subst)} |-> ${p(e.value, subst)} ]`,
  SeqLit: (e, subst) => `<< ${list(e.elements, subst)} >>`,
  RecordLit: (e, subst) => `{ ${fields(e.fields, subst)} }`,
  RecordUpdate: (e, subst) => `${p(e.base, subst)} with { ${fields(e.fields, subst)} }`,
  MapUpdate: (e, subst) => `${p(e.base, subst)} with [${p(e.key, subst)}] = ${p(e.value, subst)}`,
  QuantExpr: (e, subst) =>
    `${e.quantifier} ${e.binders.map((b) => b.name).join(', ')} in ${p(e.set, subst)}: ${p(e.body, subst)}`,
  ParenExpr: (e, subst) => `(${p(e.inner, subst)})`,
  ErrorExpr: () => '?',
};
