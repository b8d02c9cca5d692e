// Types and expressions, CST to AST: the second floor of the builder (see build-base.ts).
// A missing or broken expression becomes an ErrorExpr, a broken type an ErrorType.

import type { IToken } from 'chevrotain';
import type * as C from '../../grammar/cst.js';
import { describeToken } from '../../grammar/error-messages.js';
import { BINARY_PRECEDENCE, PRECEDENCE } from '../../grammar/parser.js';
import type * as A from './ast.js';
import { at } from '../source/checked-index.js';
import { joinSpans, type Span } from '../source/span.js';
import { BuilderBase, first, firstToken, inOrder, isReal } from './build-base.js';

export class ExprBuilder extends BuilderBase {
  // --- types -------------------------------------------------------------------------------

  typeExpr(cst: C.TypeExprCstNode | undefined): A.TypeExpr {
    if (cst === undefined) return { kind: 'ErrorType', id: this.id(), span: this.here() };
    const c = cst.children;
    let inner: A.TypeExpr;
    const rec = first(c.recordType);
    const frame = first(c.frameType);
    const gen = first(c.genericType);
    const rn = first(c.rangeOrNamedType);
    if (rec !== undefined) {
      const fields: A.RecordTypeField[] = (rec.children.recordTypeField ?? []).map((f) => ({
        kind: 'RecordTypeField',
        id: this.id(),
        span: this.node(f),
        name: this.ident(first(f.children.Identifier)),
        type: this.typeExpr(first(f.children.typeExpr)),
      }));
      inner = { kind: 'RecordType', id: this.id(), span: this.node(rec), fields };
    } else if (frame !== undefined) {
      inner = {
        kind: 'FrameType',
        id: this.id(),
        span: this.node(frame),
        procedure: this.ident(first(frame.children.Identifier)),
      };
    } else if (gen !== undefined) {
      inner = this.genericType(gen);
    } else if (rn !== undefined) {
      inner = this.rangeOrNamed(rn);
    } else {
      inner = { kind: 'ErrorType', id: this.id(), span: this.node(cst) };
    }
    if (first(c.Question) !== undefined)
      return { kind: 'OptionalType', id: this.id(), span: this.node(cst), inner };
    return inner;
  }

  private genericType(cst: C.GenericTypeCstNode): A.TypeExpr {
    const nameTok = first(cst.children.Identifier);
    const name = isReal(nameTok) ? nameTok.image : '';
    const span = this.node(cst);
    const args = (cst.children.typeExpr ?? []).map((t) => this.typeExpr(t));
    const arity = name === 'map' ? 2 : name === 'set' || name === 'seq' ? 1 : undefined;
    // Any other name is a generic alias (`Pair<A, B>`); the checker knows its arity.
    if (arity === undefined)
      return { kind: 'NamedType', id: this.id(), span, name: this.ident(nameTok), args };
    if (args.length !== arity) {
      this.report('CS1017', span, {
        name: '`' + name + '`',
        expected: arity === 1 ? 'one type argument' : 'two type arguments',
        found: String(args.length),
      });
      return { kind: 'ErrorType', id: this.id(), span };
    }
    const element = at(args, 0, 'first type argument');
    if (name === 'map') {
      const value = at(args, 1, 'map value type');
      return { kind: 'MapType', id: this.id(), span, key: element, value };
    }
    return { kind: name === 'set' ? 'SetType' : 'SeqType', id: this.id(), span, element };
  }

  private rangeOrNamed(cst: C.RangeOrNamedTypeCstNode): A.TypeExpr {
    const span = this.node(cst);
    const e = this.opExpr(first(cst.children.opExpr));
    if (e.kind === 'BinaryExpr' && e.op === '..')
      return { kind: 'RangeType', id: this.id(), span, lo: e.left, hi: e.right };
    if (e.kind === 'NameExpr') return { kind: 'NamedType', id: this.id(), span, name: e.name };
    if (e.kind !== 'ErrorExpr')
      this.report('CS1014', e.span, { found: describeToken(firstToken(cst)) });
    return { kind: 'ErrorType', id: this.id(), span };
  }

  // --- expressions -------------------------------------------------------------------------

  private errorExpr(span?: Span): A.ErrorExpr {
    return { kind: 'ErrorExpr', id: this.id(), span: span ?? this.here() };
  }

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
    return {
      kind: 'BinaryExpr',
      id: this.id(),
      span: joinSpans(left.span, right.span),
      op,
      left,
      right,
    };
  }

  expr(cst: C.ExpressionCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const c = cst.children;
    const operands = (c.opExpr ?? []).map((e) => this.opExpr(e));
    const middles = (c.expression ?? []).map((e) => this.expr(e));
    if (operands.length === 0) return this.errorExpr(this.node(cst));
    // `a ? b : c ? d : e` is `a ? b : (c ? d : e)`: fold from the right.
    const n = Math.min(operands.length - 1, middles.length);
    let acc = at(operands, n, 'last conditional operand');
    for (let i = n - 1; i >= 0; i--) {
      const cond = at(operands, i, 'condition');
      acc = {
        kind: 'CondExpr',
        id: this.id(),
        span: joinSpans(cond.span, acc.span),
        cond,
        then: at(middles, i, 'conditional branch'),
        else: acc,
      };
    }
    return acc;
  }

  /**
   * Operator precedence over the flat operand/operator list (shunting-yard): prefix `!`/`not`
   * bind looser than comparisons, prefix `-` tighter than `*`; `=>` associates to the right.
   */
  opExpr(cst: C.OpExprCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const operandCsts = cst.children.operand ?? [];
    const opCsts = cst.children.binaryOp ?? [];
    if (operandCsts.length === 0) return this.errorExpr(this.node(cst));
    type Pending =
      | {
          readonly prefix: true;
          readonly op: '!' | '-';
          readonly precedence: number;
          readonly span: Span;
        }
      | {
          readonly prefix: false;
          readonly op: A.BinaryOp;
          readonly precedence: number;
          readonly right: boolean;
        };
    const out: A.Expr[] = [];
    const ops: Pending[] = [];
    const reduce = (): void => {
      const top = ops.pop();
      if (top === undefined) return;
      if (top.prefix) {
        const operand = out.pop() ?? this.errorExpr();
        out.push({
          kind: 'UnaryExpr',
          id: this.id(),
          span: joinSpans(top.span, operand.span),
          op: top.op,
          operand,
        });
      } else {
        const right = out.pop() ?? this.errorExpr();
        const left = out.pop() ?? this.errorExpr();
        out.push(this.binary(top.op, left, right));
      }
    };
    operandCsts.forEach((operandCst, i) => {
      const oc = operandCst.children;
      for (const t of inOrder(oc.Bang, oc.KwNot, oc.Minus)) {
        const negate = t.image === '-';
        ops.push({
          prefix: true,
          op: negate ? '-' : '!',
          precedence: negate ? PRECEDENCE.negate : PRECEDENCE.not,
          span: this.tok(t),
        });
      }
      out.push(this.postfixExpr(first(oc.postfixExpr)));
      const opCst = opCsts[i];
      if (opCst === undefined) return;
      const tok = Object.values(opCst.children).flat()[0] as IToken | undefined;
      const info = tok === undefined ? undefined : BINARY_PRECEDENCE.get(tok.tokenType);
      if (info === undefined) return;
      const bindsTighter = (top: Pending): boolean =>
        top.precedence > info.precedence || (top.precedence === info.precedence && !info.right);
      for (let top = ops.at(-1); top !== undefined && bindsTighter(top); top = ops.at(-1)) reduce();
      ops.push({ prefix: false, op: info.op, precedence: info.precedence, right: info.right });
    });
    while (ops.length > 0) reduce();
    return out[out.length - 1] ?? this.errorExpr(this.node(cst));
  }

  private postfixExpr(cst: C.PostfixExprCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    return this.postfixChain(this.primary(first(cst.children.primary)), cst.children.postfixOp);
  }

  protected postfixChain(baseExpr: A.Expr, ops: readonly C.PostfixOpCstNode[] | undefined): A.Expr {
    let acc = baseExpr;
    for (const op of ops ?? []) {
      const c = op.children;
      const span = joinSpans(acc.span, this.node(op));
      if (first(c.LBracket) !== undefined)
        acc = {
          kind: 'IndexExpr',
          id: this.id(),
          span,
          base: acc,
          index: this.expr(first(c.expression)),
        };
      else if (first(c.Dot) !== undefined)
        acc = {
          kind: 'FieldExpr',
          id: this.id(),
          span,
          base: acc,
          field: this.ident(first(c.Identifier)),
        };
      else if (first(c.Arrow) !== undefined)
        acc = {
          kind: 'ArrowExpr',
          id: this.id(),
          span,
          base: acc,
          field: this.ident(first(c.Identifier)),
        };
      else if (first(c.Prime) !== undefined)
        acc = { kind: 'PrimedExpr', id: this.id(), span, base: acc };
      else if (first(c.KwWith) !== undefined) acc = this.withTail(acc, first(c.withTail), span);
    }
    return acc;
  }

  private withTail(base: A.Expr, cst: C.WithTailCstNode | undefined, span: Span): A.Expr {
    const c = cst?.children;
    if (c !== undefined && first(c.LCurly) !== undefined) {
      return {
        kind: 'RecordUpdate',
        id: this.id(),
        span,
        base,
        fields: (c.fieldInit ?? []).map((f) => this.fieldInit(f)),
      };
    }
    return {
      kind: 'MapUpdate',
      id: this.id(),
      span,
      base,
      key: this.expr(first(c?.expression)),
      value: this.opExpr(first(c?.opExpr)),
    };
  }

  private fieldInit(cst: C.FieldInitCstNode): A.RecordFieldInit {
    return {
      kind: 'RecordFieldInit',
      id: this.id(),
      span: this.node(cst),
      name: this.ident(first(cst.children.Identifier)),
      value: this.expr(first(cst.children.expression)),
    };
  }

  protected nameOrCall(tok: IToken | undefined, args: C.CallArgsCstNode | undefined): A.Expr {
    const name = this.ident(tok);
    if (args === undefined) return { kind: 'NameExpr', id: this.id(), span: name.span, name };
    const built = (args.children.expression ?? []).map((e) => this.expr(e));
    return {
      kind: 'CallExpr',
      id: this.id(),
      span: joinSpans(name.span, this.node(args)),
      callee: name,
      args: built,
    };
  }

  private primary(cst: C.PrimaryCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const c = cst.children;
    const span = this.node(cst);
    const int = first(c.IntegerLiteral);
    if (int !== undefined)
      return { kind: 'IntLit', id: this.id(), span: this.tok(int), value: this.intValue(int) };
    const str = first(c.StringLiteral);
    if (str !== undefined)
      return {
        kind: 'StringLit',
        id: this.id(),
        span: this.tok(str),
        value: this.stringValue(str),
      };
    if (first(c.KwTrue) !== undefined)
      return { kind: 'BoolLit', id: this.id(), span: this.tok(first(c.KwTrue)), value: true };
    if (first(c.KwFalse) !== undefined)
      return { kind: 'BoolLit', id: this.id(), span: this.tok(first(c.KwFalse)), value: false };
    if (first(c.KwNone) !== undefined)
      return { kind: 'NoneLit', id: this.id(), span: this.tok(first(c.KwNone)) };
    if (first(c.KwSelf) !== undefined)
      return { kind: 'SelfExpr', id: this.id(), span: this.tok(first(c.KwSelf)) };
    if (first(c.KwFrame) !== undefined)
      return { kind: 'FrameExpr', id: this.id(), span: this.tok(first(c.KwFrame)) };
    const any = first(c.KwAny);
    if (any !== undefined) {
      // A choice is a statement of its own; read as an error once here, not cascading through the line.
      this.report('CS1041', this.tok(any));
      return this.errorExpr(span);
    }
    if (first(c.Identifier) !== undefined)
      return this.nameOrCall(first(c.Identifier), first(c.callArgs));
    if (first(c.LParen) !== undefined) {
      this.tok(first(c.LParen));
      return { kind: 'ParenExpr', id: this.id(), span, inner: this.expr(first(c.expression)) };
    }
    const brace = first(c.braceExpr);
    if (brace !== undefined) return this.braceExpr(brace);
    const mc = first(c.mapComp);
    if (mc !== undefined) {
      const m = mc.children;
      const exprs = m.expression ?? [];
      return {
        kind: 'MapComp',
        id: this.id(),
        span,
        binder: this.ident(first(m.Identifier)),
        set: this.expr(exprs[0]),
        value: this.expr(exprs[1]),
      };
    }
    const sq = first(c.seqLit);
    if (sq !== undefined)
      return {
        kind: 'SeqLit',
        id: this.id(),
        span,
        elements: (sq.children.expression ?? []).map((e) => this.expr(e)),
      };
    const q = first(c.quantExpr);
    if (q !== undefined) {
      const qc = q.children;
      const quantifier = first(qc.KwExists) !== undefined ? 'exists' : 'forall';
      const binders = (qc.Identifier ?? []).map((t) => this.ident(t));
      return {
        kind: 'QuantExpr',
        id: this.id(),
        span,
        quantifier,
        binders,
        set: this.opExpr(first(qc.opExpr)),
        body: this.expr(first(qc.expression)),
      };
    }
    return this.errorExpr(span);
  }

  private braceExpr(cst: C.BraceExprCstNode): A.Expr {
    const c = cst.children;
    const span = this.node(cst);
    const exprCsts = c.expression ?? [];
    if (first(c.Bar) !== undefined) {
      const head = this.expr(exprCsts[0]);
      const pred = this.expr(exprCsts[1]);
      if (head.kind === 'BinaryExpr' && head.op === 'in' && head.left.kind === 'NameExpr') {
        return {
          kind: 'SetFilter',
          id: this.id(),
          span,
          binder: head.left.name,
          set: head.right,
          pred,
        };
      }
      this.report('CS1019', head.span);
      return this.errorExpr(span);
    }
    if (first(c.Colon) !== undefined) {
      // Keys and values alternate: k1 v1 k2 v2 ... A bare name before the first `:` makes a
      // record; anything else is a set map `{ e : v in S }`.
      const built = exprCsts.map((e) => this.expr(e));
      const key = at(built, 0, 'key before `:`');
      if (key.kind === 'NameExpr') {
        const fields: A.RecordFieldInit[] = [];
        for (let i = 0; i + 1 < built.length; i += 2) {
          const k = at(built, i, 'record field name');
          const v = at(built, i + 1, 'record field value');
          if (k.kind !== 'NameExpr') {
            this.report('CS1018', k.span);
            continue;
          }
          fields.push({
            kind: 'RecordFieldInit',
            id: this.id(),
            span: joinSpans(k.span, v.span),
            name: k.name,
            value: v,
          });
        }
        return { kind: 'RecordLit', id: this.id(), span, fields };
      }
      const binding = built[1];
      if (
        built.length === 2 &&
        binding !== undefined &&
        binding.kind === 'BinaryExpr' &&
        binding.op === 'in' &&
        binding.left.kind === 'NameExpr'
      ) {
        return {
          kind: 'SetMap',
          id: this.id(),
          span,
          expr: key,
          binder: binding.left.name,
          set: binding.right,
        };
      }
      this.report('CS1020', binding?.span ?? span);
      return this.errorExpr(span);
    }
    return { kind: 'SetLit', id: this.id(), span, elements: exprCsts.map((e) => this.expr(e)) };
  }

  // --- literals ----------------------------------------------------------------------------

  private intValue(tok: IToken): number {
    const img = tok.image;
    const value = /^0[xX]/.test(img) ? parseInt(img.slice(2), 16) : parseInt(img, 10);
    if (!Number.isSafeInteger(value)) {
      this.report('CS1015', this.tok(tok), {
        text: img.length > 24 ? img.slice(0, 20) + '...' : img,
      });
      return 0;
    }
    return value;
  }

  /** The value of a string token; escapes were checked by the lexer. */
  stringValue(tok: IToken): string {
    const img = tok.image;
    const closed =
      img.length >= 2 && img.endsWith('"') && !(tok as { unterminated?: boolean }).unterminated;
    const body = img.slice(1, closed ? -1 : undefined);
    return body.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch));
  }
}
