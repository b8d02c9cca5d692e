// The one evaluator of constant expressions (param defaults and overrides, range bounds, group
// sizes): literals, enum members, params, consts, arithmetic, comparisons and boolean operators.
// Names are read through the checker's symbols, never by spelling. The checker runs it with the
// params it can know (none, or a run's literal values); lowering with one case's parameter set.

import type { BinaryOp, Expr, Node } from '../syntax/ast.js';
import type { SymbolInfo } from './scopes.js';

export type ParamValue = number | boolean | string;

/** Every parameter's value, by name. */
export type ParamSet = Readonly<Record<string, ParamValue>>;

/** A param's value where it is known. */
export type ParamLookup = (name: string) => ParamValue | undefined;

/** A name the checker's symbols do not resolve: no value for the checker (it reported the name), lowering's internal error. */
export type OnUnresolved = (e: Extract<Expr, { kind: 'NameExpr' }>) => undefined;

/** The value of a constant expression; undefined when it is not constant or a param is unknown. */
export function evalConst(
  expr: Expr,
  symbols: ReadonlyMap<Node, SymbolInfo>,
  param: ParamLookup,
  unresolved: OnUnresolved = () => undefined,
): ParamValue | undefined {
  return new ConstEvaluator(symbols, param, unresolved).eval(expr);
}

/** The param lookup of a parameter set. */
export function fromParamSet(params: ParamSet): ParamLookup {
  return (name) => (Object.hasOwn(params, name) ? params[name] : undefined);
}

class ConstEvaluator {
  /** Consts being evaluated: a const defined through itself (reported by the checker) has no value. */
  private readonly inProgress = new Set<SymbolInfo>();

  constructor(
    private readonly symbols: ReadonlyMap<Node, SymbolInfo>,
    private readonly param: ParamLookup,
    private readonly unresolved: OnUnresolved,
  ) {}

  eval(e: Expr): ParamValue | undefined {
    switch (e.kind) {
      case 'IntLit':
      case 'BoolLit':
      case 'StringLit':
        return e.value;
      case 'ParenExpr':
        return this.eval(e.inner);
      case 'NameExpr':
        return this.name(e);
      case 'UnaryExpr': {
        const v = this.eval(e.operand);
        if (e.op === '-' && typeof v === 'number') return -v;
        if (e.op === '!' && typeof v === 'boolean') return !v;
        return undefined;
      }
      case 'CondExpr': {
        const c = this.eval(e.cond);
        return typeof c === 'boolean' ? this.eval(c ? e.then : e.else) : undefined;
      }
      case 'BinaryExpr': {
        const l = this.eval(e.left);
        const r = this.eval(e.right);
        return l === undefined || r === undefined ? undefined : binary(e.op, l, r);
      }
      default:
        return undefined;
    }
  }

  private name(e: Extract<Expr, { kind: 'NameExpr' }>): ParamValue | undefined {
    const sym = this.symbols.get(e);
    if (sym === undefined) return this.unresolved(e);
    if (sym.kind === 'param') return this.param(sym.name);
    if (sym.kind === 'enumMember') return sym.name;
    if (sym.kind !== 'const' || sym.decl?.kind !== 'ConstDecl' || this.inProgress.has(sym))
      return undefined;
    this.inProgress.add(sym);
    const v = this.eval(sym.decl.value);
    this.inProgress.delete(sym);
    return v;
  }
}

function binary(op: BinaryOp, l: ParamValue, r: ParamValue): ParamValue | undefined {
  if (typeof l === 'number' && typeof r === 'number') {
    switch (op) {
      case '+':
        return l + r;
      case '-':
        return l - r;
      case '*':
        return l * r;
      case '/':
        return r === 0 ? undefined : Math.floor(l / r);
      case 'mod':
        return r <= 0 ? undefined : ((l % r) + r) % r;
      case '<':
        return l < r;
      case '<=':
        return l <= r;
      case '>':
        return l > r;
      case '>=':
        return l >= r;
      default:
        break;
    }
  }
  if (typeof l === 'boolean' && typeof r === 'boolean') {
    if (op === '&&') return l && r;
    if (op === '||') return l || r;
    if (op === '=>') return !l || r;
  }
  if (op === '==') return l === r;
  if (op === '!=') return l !== r;
  return undefined;
}
