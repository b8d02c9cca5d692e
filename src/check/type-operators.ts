// Types of quantifier binders, record fields, operators (chains, comparisons, membership),
// calls of defs, macros and builtins.

import type {
  DefDecl,
  Expr,
  Ident,
  MacroDecl,
  PropertyQuantifier,
  RecordFieldInit,
} from '../syntax/ast.js';
import { didYouMean } from '../syntax/suggest.js';
import {
  BOOL,
  INT,
  THREAD,
  UNKNOWN,
  comparable,
  elementOf,
  fits,
  join,
  seqOf,
  setOf,
  typeToString,
  type Type,
} from './types.js';
import { GLOBAL, TypeCore, hintOf, type TEnv } from './type-core.js';
import { at } from '../source/checked-index.js';

/** Operators that chain: operands and result of one type (see `chain`). */
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', 'mod']);
const LOGICAL: ReadonlySet<string> = new Set(['&&', '||', '=>']);

/** Typing of quantifiers, field access, operators and calls. */
export abstract class OperatorTyper extends TypeCore {
  /** A quantifier over a whole temporal property: its set, and its binders' type. */
  quantifier(q: PropertyQuantifier): void {
    const set = this.infer(q.set, GLOBAL);
    this.bindBinders(q.binders, this.elementType(set, q.set, `the set of \`${q.quantifier}\``));
  }

  protected bindBinders(binders: readonly Ident[], t: Type): void {
    for (const b of binders) this.setType(b, t);
  }

  /** The element type of a set operand, reporting CS3001 when it is no set. */
  protected elementType(set: Type, node: Expr, what: string): Type {
    const el = elementOf(set);
    if (el !== undefined) return el;
    this.report('CS3001', node.span, { what, actual: typeToString(set), expected: 'a set' });
    return UNKNOWN;
  }

  protected field(base: Type, field: Ident, baseNode: Expr): Type {
    if (base.kind === 'unknown') return UNKNOWN;
    if (base.kind !== 'record') {
      this.report('CS3005', baseNode.span, {
        type: typeToString(base),
        operation: `read with \`.${field.name}\` (it is not a record)`,
      });
      return UNKNOWN;
    }
    const f = base.fields.find((x) => x.name === field.name);
    if (f === undefined) {
      this.report(
        'CS3004',
        field.span,
        { type: typeToString(base), field: field.name },
        hintOf(didYouMean(field.name, base.fields.map((x) => x.name).sort())),
      );
      return UNKNOWN;
    }
    return f.type;
  }

  protected recordFields(
    rec: Type,
    fields: readonly RecordFieldInit[],
    baseNode: Expr,
    env: TEnv,
  ): void {
    for (const f of fields) {
      if (rec.kind !== 'record') {
        this.infer(f.value, env);
        continue;
      }
      const ft = this.field(rec, f.name, baseNode);
      this.expect(f.value, ft, `field \`${f.name.name}\``, env);
    }
    if (rec.kind !== 'record' && rec.kind !== 'unknown') {
      this.report('CS3005', baseNode.span, {
        type: typeToString(rec),
        operation: 'updated with `with { f: e }` (it is not a record)',
      });
    }
  }

  /**
   * An operator whose operands and result share one type (`&&`, `+`), down its left spine
   * without recursion: a chain of a thousand terms is a tree a thousand deep. Same checks and
   * the same order of diagnostics as checking each node's left operand, then its right.
   */
  protected chain(
    e: Extract<Expr, { kind: 'BinaryExpr' }>,
    type: Type,
    ops: ReadonlySet<string>,
    env: TEnv,
  ): Type {
    const spine: Extract<Expr, { kind: 'BinaryExpr' }>[] = [e];
    let deepest = e;
    let bottom = e.left;
    while (bottom.kind === 'BinaryExpr' && ops.has(bottom.op)) {
      spine.push(bottom);
      deepest = bottom;
      bottom = bottom.left;
    }
    this.expect(bottom, type, `the left operand of \`${deepest.op}\``, env);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = at(spine, i, 'operator of the chain');
      this.expect(node.right, type, `the right operand of \`${node.op}\``, env);
      if (i > 0) this.setType(node, type);
    }
    return type;
  }

  protected binary(e: Extract<Expr, { kind: 'BinaryExpr' }>, env: TEnv): Type {
    const op = e.op;
    const what = (side: string): string => `the ${side} operand of \`${op}\``;
    switch (op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case 'mod':
        return this.chain(e, INT, ARITHMETIC, env);
      case '<':
      case '<=':
      case '>':
      case '>=':
        this.expect(e.left, INT, what('left'), env);
        this.expect(e.right, INT, what('right'), env);
        return BOOL;
      case '..':
        this.expect(e.left, INT, what('left'), env);
        this.expect(e.right, INT, what('right'), env);
        return setOf(INT);
      case '&&':
      case '||':
      case '=>':
        return this.chain(e, BOOL, LOGICAL, env);
      case '==':
      case '!=': {
        const a = this.infer(e.left, env);
        const b = this.infer(e.right, env);
        if (!comparable(a, b))
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(b) });
        return BOOL;
      }
      case 'in':
      case 'notin': {
        const a = this.infer(e.left, env);
        const s = this.infer(e.right, env);
        const el = this.elementType(s, e.right, what('right'));
        if (!comparable(a, el))
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(s) });
        return BOOL;
      }
      case 'subseteq':
      case 'union':
      case 'inter':
      case '\\': {
        const a = this.infer(e.left, env);
        const b = this.infer(e.right, env);
        const setLeft = elementOf(a) !== undefined;
        const setRight = elementOf(b) !== undefined;
        this.elementType(a, e.left, what('left'));
        this.elementType(b, e.right, what('right'));
        // An operand that is no set was just reported; its clash with the other is the same mistake.
        if (!setLeft || !setRight) return op === 'subseteq' ? BOOL : UNKNOWN;
        const j = join(a, b);
        if (j === undefined) {
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(b) });
          return op === 'subseteq' ? BOOL : UNKNOWN;
        }
        return op === 'subseteq' ? BOOL : j;
      }
    }
  }

  /** Checks a call of a def or built-in function and returns its result type. */
  protected call(callee: Ident, args: readonly Expr[], env: TEnv): Type {
    const sym = this.ctx.symbols.get(callee);
    if (sym?.kind === 'macro') {
      // A value-returning macro in a condition (where that is allowed is a step rule).
      const macro = sym.decl as MacroDecl;
      const argTypes = this.macroArgs(macro, callee, args, env);
      const r = this.macroResult(macro);
      if (r === undefined)
        this.report('CS3011', callee.span, { callee: 'macro', name: macro.name.name });
      const own =
        argTypes === undefined ? undefined : this.instance(macro, callee, args, argTypes, env);
      return r === undefined ? UNKNOWN : macro.returnType !== undefined ? r : (own ?? r);
    }
    if (sym === undefined || (sym.kind !== 'def' && sym.kind !== 'builtinFn')) {
      for (const a of args) this.infer(a, env);
      return UNKNOWN;
    }
    if (sym.kind === 'def') {
      const def = sym.decl as DefDecl;
      if (!this.arity(callee, def.params.length, args)) {
        for (const a of args) this.infer(a, env);
        return this.defResult(def);
      }
      def.params.forEach((p, i) =>
        this.expect(
          at(args, i, 'argument'),
          this.typeOf(p.type),
          `argument \`${p.name.name}\` of \`${callee.name}\``,
          env,
        ),
      );
      return this.defResult(def);
    }
    return this.builtin(callee, args, env);
  }

  protected arity(callee: Ident, expected: number, args: readonly Expr[]): boolean {
    if (args.length === expected) return true;
    this.report('CS3002', callee.span, { name: callee.name, expected, actual: args.length });
    return false;
  }

  protected builtin(callee: Ident, args: readonly Expr[], env: TEnv): Type {
    const name = callee.name;
    const expectedArity = name === 'append' || name === 'at' || name === 'in_call' ? 2 : 1;
    if (!this.arity(callee, expectedArity, args)) {
      for (const a of args) this.infer(a, env);
      return UNKNOWN;
    }
    const a0 = at(args, 0, 'first argument');
    const seqArg = (): Type => {
      const t = this.infer(a0, env);
      if (t.kind === 'seq' || t.kind === 'unknown') return t;
      this.report('CS3001', a0.span, {
        what: `the argument of \`${name}\``,
        actual: typeToString(t),
        expected: 'a seq',
      });
      return UNKNOWN;
    };
    switch (name) {
      case 'card': {
        const t = this.infer(a0, env);
        this.elementType(t, a0, 'the argument of `card`');
        return INT;
      }
      case 'len':
        seqArg();
        return INT;
      case 'head': {
        const t = seqArg();
        return t.kind === 'seq' ? t.element : UNKNOWN;
      }
      case 'tail':
        return seqArg();
      case 'append': {
        const t = seqArg();
        const el = t.kind === 'seq' ? t.element : UNKNOWN;
        const appended = at(args, 1, 'appended value');
        const v = this.infer(appended, env);
        if (!fits(v, el)) {
          const j = join(el, v);
          if (j === undefined) {
            this.mismatch(appended, v, el, 'the appended value');
            return t;
          }
          return seqOf(j);
        }
        return t.kind === 'seq' ? t : seqOf(v);
      }
      case 'done':
      case 'alive':
      case 'exiting':
      case 'unborn':
        this.expect(a0, THREAD, `the argument of \`${name}\``, env);
        return BOOL;
      case 'at':
      case 'in_call':
        // The second argument is a label or a procedure name, bound by resolve-names.ts.
        this.expect(a0, THREAD, `the thread argument of \`${name}\``, env);
        return BOOL;
      default:
        for (const a of args) this.infer(a, env);
        return UNKNOWN;
    }
  }

  /** A def's result type (type-stmts.ts checks def bodies). */
  protected abstract defResult(decl: DefDecl): Type;
  /** What a macro returns, undefined when it returns nothing (type-stmts.ts). */
  protected abstract macroResult(macro: MacroDecl): Type | undefined;
  /** Types a macro call's arguments; undefined when the count is wrong (type-stmts.ts). */
  protected abstract macroArgs(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    env: TEnv,
  ): Type[] | undefined;
  /** Checks one call's instance of a macro body and returns its result type (type-stmts.ts). */
  protected abstract instance(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    argTypes: readonly Type[],
    env: TEnv,
  ): Type | undefined;
}
