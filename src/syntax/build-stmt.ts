// Blocks and statements, CST to AST: the third floor of the builder (see build-base.ts). Reports
// what only shows on a whole statement (a `var` in a nested block, `may fail` on an `if`).

import type * as C from '../../grammar/cst.js';
import { describeToken } from '../../grammar/error-messages.js';
import type * as A from './ast.js';
import { at } from '../source/checked-index.js';
import { joinSpans, type Span } from '../source/span.js';
import { first, firstToken, isReal } from './build-base.js';
import { ExprBuilder } from './build-expr.js';

/** What every statement carries besides its own parts: an optional label and `@kernel` tag. */
type StmtBase = Pick<A.StmtBase, 'label' | 'kernel'>;

const SIMPLE_STMTS = new Set<A.Stmt['kind']>([
  'AssignStmt',
  'AnyAssignStmt',
  'AwaitStmt',
  'AssertStmt',
  'SkipStmt',
  'CallStmt',
  'ReturnStmt',
  'CloneStmt',
  'ExitStmt',
  'ErrorStmt',
]);

const COMPOUND_WORD: Partial<Record<A.Stmt['kind'], string>> = {
  IfStmt: '`if`',
  WhileStmt: '`while`',
  ForStmt: '`for`',
  EitherStmt: '`either`',
  AtomicStmt: '`atomic`',
  FaultStmt: 'a `may fail` statement',
};

/** Where a block sits: locals are collected only directly in a process or procedure body. */
export interface BlockContext {
  readonly locals: A.VarDecl[] | undefined;
}

export const NESTED: BlockContext = { locals: undefined };

export class StmtBuilder extends ExprBuilder {
  protected varDecl(cst: C.VarDeclCstNode, scope: A.VarDecl['scope']): A.VarDecl {
    const n = cst.children;
    const init = first(n.expression);
    const fresh = scope === 'thread' && first(n.KwFresh) !== undefined;
    return {
      kind: 'VarDecl',
      id: this.id(),
      span: this.node(cst),
      scope,
      name: this.ident(first(n.Identifier)),
      type: this.typeExpr(first(n.typeExpr)),
      init: init === undefined ? undefined : this.expr(init),
      ...(fresh ? { fresh: true } : {}),
    };
  }

  // --- statements --------------------------------------------------------------------------

  block(cst: C.BlockCstNode | undefined, ctx: BlockContext): A.Block {
    const span = this.node(cst);
    const stmts: A.Stmt[] = [];
    for (const s of cst?.children.statement ?? []) {
      const built = this.statement(s);
      if (built === undefined) continue;
      if (built.kind === 'VarDecl') {
        if (ctx.locals !== undefined) ctx.locals.push(built);
        else this.report('CS1024', built.span);
        continue;
      }
      stmts.push(built);
    }
    return { kind: 'Block', id: this.id(), span, stmts };
  }

  protected errorStmt(span: Span): A.ErrorStmt {
    return { kind: 'ErrorStmt', id: this.id(), span, label: undefined, kernel: undefined };
  }

  statement(cst: C.StatementCstNode | undefined): A.Stmt | A.VarDecl | undefined {
    if (cst === undefined) return undefined;
    const c = cst.children;
    if (first(c.Semicolon) !== undefined) return undefined;
    const vd = first(c.varDecl);
    if (vd !== undefined) {
      const prefix = first(c.label) ?? first(c.kernelRef) ?? first(c.unreachableMark);
      if (prefix !== undefined) this.report('CS1039', this.node(prefix));
      const scope =
        first(vd.children.KwShared) !== undefined
          ? '`shared`'
          : first(vd.children.KwThread) !== undefined
            ? '`thread`'
            : undefined;
      if (scope !== undefined) this.report('CS1026', this.node(vd), { scope });
      else if (first(vd.children.KwFresh) !== undefined)
        this.report('CS1040', this.tok(first(vd.children.KwFresh)));
      return this.varDecl(vd, 'frame');
    }
    const kernels = (c.kernelRef ?? []).map((k) => this.kernelRef(k));
    const [kernel, secondKernel] = kernels;
    if (secondKernel !== undefined) this.report('CS1030', secondKernel.span, { what: '`@kernel`' });
    const labels = (c.label ?? []).map((l) => this.ident(first(l.children.Identifier)));
    const [label, secondLabel] = labels;
    if (secondLabel !== undefined) this.report('CS1030', secondLabel.span, { what: 'the label' });
    const marks = (c.unreachableMark ?? []).map((m) => this.unreachableMark(m));
    const [firstMark, secondMark] = marks;
    if (secondMark !== undefined) this.report('CS1030', secondMark.span, { what: '`unreachable`' });
    const mark = firstMark === undefined ? {} : { unreachable: firstMark };
    const core = first(c.stmtCore);
    const fault = first(c.faultSuffix);
    const startSpan = label?.span;
    if (fault === undefined) return { ...this.stmtCore(core, label, kernel, startSpan), ...mark };
    const body = this.stmtCore(core, undefined, undefined, undefined);
    if (!SIMPLE_STMTS.has(body.kind))
      this.report('CS1021', body.span, { stmt: COMPOUND_WORD[body.kind] ?? 'this statement' });
    const whenCst = first(fault.children.expression);
    const when = whenCst === undefined ? undefined : this.expr(whenCst);
    const handler = this.block(first(fault.children.block), NESTED);
    const span = joinSpans(startSpan ?? body.span, this.node(fault));
    const failureMark = first(fault.children.unreachableMark);
    return {
      kind: 'FaultStmt',
      id: this.id(),
      span,
      label,
      kernel,
      body,
      when,
      handler,
      ...mark,
      ...(failureMark === undefined
        ? {}
        : { failureUnreachable: this.unreachableMark(failureMark) }),
    };
  }

  protected unreachableMark(cst: C.UnreachableMarkCstNode): A.UnreachableMark {
    const str = first(cst.children.StringLiteral);
    return {
      kind: 'UnreachableMark',
      id: this.id(),
      span: this.node(cst),
      reason: str === undefined ? '' : this.stringValue(str),
    };
  }

  private kernelRef(cst: C.KernelRefCstNode): A.KernelRef {
    const span = this.node(cst);
    const nameTok = first(cst.children.Identifier);
    if (isReal(nameTok) && nameTok.image !== 'kernel')
      this.report('CS1028', this.tok(nameTok), { name: nameTok.image });
    const strs = (cst.children.StringLiteral ?? []).map((t) => this.stringValue(t));
    if (strs.length < 1 || strs.length > 3) this.report('CS1029', span, { count: strs.length });
    return {
      kind: 'KernelRef',
      id: this.id(),
      span,
      file: strs[0] ?? '',
      func: strs[1],
      commit: strs[2],
    };
  }

  private stmtCore(
    cst: C.StmtCoreCstNode | undefined,
    label: A.Ident | undefined,
    kernel: A.KernelRef | undefined,
    labelSpan: Span | undefined,
  ): A.Stmt {
    const own = this.node(cst);
    const span = labelSpan !== undefined ? joinSpans(labelSpan, own) : own;
    const base = { label, kernel };
    if (cst === undefined) return { kind: 'ErrorStmt', id: this.id(), span, ...base };
    const c = cst.children;
    const simple = first(c.simpleStmt);
    if (simple !== undefined) return this.simpleStmt(simple, span, base);
    if (first(c.KwAwait) !== undefined)
      return {
        kind: 'AwaitStmt',
        id: this.id(),
        span,
        ...base,
        cond: this.expr(first(c.expression)),
        ...this.elseMark(first(c.unreachableMark)),
      };
    const assert = first(c.assertStmt);
    if (assert !== undefined) return this.assertStmt(assert, span, base);
    if (first(c.KwSkip) !== undefined) return { kind: 'SkipStmt', id: this.id(), span, ...base };
    const ifStmt = first(c.ifStmt);
    if (ifStmt !== undefined) return this.ifStmt(ifStmt, span, base);
    const whileStmt = first(c.whileStmt);
    if (whileStmt !== undefined) return this.whileStmt(whileStmt, span, base);
    const forStmt = first(c.forStmt);
    if (forStmt !== undefined) return this.forStmt(forStmt, span, base);
    const either = first(c.eitherStmt);
    if (either !== undefined) {
      const branches = (either.children.block ?? []).map((b) => this.block(b, NESTED));
      return { kind: 'EitherStmt', id: this.id(), span, ...base, branches };
    }
    if (first(c.KwAtomic) !== undefined)
      return {
        kind: 'AtomicStmt',
        id: this.id(),
        span,
        ...base,
        body: this.block(first(c.block), NESTED),
      };
    const returnStmt = first(c.returnStmt);
    if (returnStmt !== undefined) {
      const v = first(returnStmt.children.expression);
      return {
        kind: 'ReturnStmt',
        id: this.id(),
        span,
        ...base,
        value: v === undefined ? undefined : this.expr(v),
      };
    }
    if (first(c.KwClone) !== undefined)
      return {
        kind: 'CloneStmt',
        id: this.id(),
        span,
        ...base,
        target: undefined,
        group: this.ident(first(c.Identifier)),
      };
    if (first(c.KwExit) !== undefined) return { kind: 'ExitStmt', id: this.id(), span, ...base };
    if (first(c.KwBreak) !== undefined) return { kind: 'BreakStmt', id: this.id(), span, ...base };
    if (first(c.KwContinue) !== undefined)
      return { kind: 'ContinueStmt', id: this.id(), span, ...base };
    return { kind: 'ErrorStmt', id: this.id(), span, ...base };
  }

  private assertStmt(cst: C.AssertStmtCstNode, span: Span, base: StmtBase): A.AssertStmt {
    const a = cst.children;
    const msg = first(a.StringLiteral);
    return {
      kind: 'AssertStmt',
      id: this.id(),
      span,
      ...base,
      cond: this.expr(first(a.expression)),
      message: msg === undefined ? undefined : this.stringValue(msg),
    };
  }

  private whileStmt(cst: C.WhileStmtCstNode, span: Span, base: StmtBase): A.WhileStmt {
    const w = cst.children;
    return {
      kind: 'WhileStmt',
      id: this.id(),
      span,
      ...base,
      cond: this.expr(first(w.expression)),
      body: this.block(first(w.block), NESTED),
      ...this.elseMark(first(w.unreachableMark)),
    };
  }

  /** `else unreachable "reason"` of an `if`, `while`, `for` or `await`, when written. */
  private elseMark(cst: C.UnreachableMarkCstNode | undefined): Pick<A.IfStmt, 'elseUnreachable'> {
    return cst === undefined ? {} : { elseUnreachable: this.unreachableMark(cst) };
  }

  private forStmt(cst: C.ForStmtCstNode, span: Span, base: StmtBase): A.ForStmt {
    const f = cst.children;
    const binder = this.ident(first(f.Identifier));
    const mode = first(first(f.forMode)?.children.KwLive) !== undefined ? 'live' : 'snapshot';
    return {
      kind: 'ForStmt',
      id: this.id(),
      span,
      ...base,
      binder,
      mode,
      set: this.expr(first(f.expression)),
      body: this.block(first(f.block), NESTED),
      ...this.elseMark(first(f.unreachableMark)),
    };
  }

  private simpleStmt(cst: C.SimpleStmtCstNode, span: Span, base: StmtBase): A.Stmt {
    const c = cst.children;
    const lhs = this.postfixChain(
      this.nameOrCall(first(c.Identifier), first(c.callArgs)),
      c.postfixOp,
    );
    const rhs = first(c.assignRhs);
    if (first(c.Assign) === undefined || rhs === undefined) {
      if (lhs.kind === 'CallExpr')
        return {
          kind: 'CallStmt',
          id: this.id(),
          span,
          ...base,
          target: undefined,
          callee: lhs.callee,
          args: lhs.args,
        };
      if (lhs.kind !== 'ErrorExpr') this.report('CS1023', lhs.span);
      return { kind: 'ErrorStmt', id: this.id(), span, ...base };
    }
    const assignable =
      lhs.kind === 'NameExpr' ||
      lhs.kind === 'IndexExpr' ||
      lhs.kind === 'FieldExpr' ||
      lhs.kind === 'ArrowExpr';
    if (!assignable && lhs.kind !== 'ErrorExpr') this.report('CS1022', lhs.span);
    const r = rhs.children;
    if (first(r.KwAny) !== undefined) return this.anyAssign(r, lhs, span, base);
    if (first(r.KwClone) !== undefined)
      return {
        kind: 'CloneStmt',
        id: this.id(),
        span,
        ...base,
        target: lhs,
        group: this.ident(first(r.Identifier)),
      };
    const value = this.expr(first(r.expression));
    if (value.kind === 'CallExpr')
      return {
        kind: 'CallStmt',
        id: this.id(),
        span,
        ...base,
        target: lhs,
        callee: value.callee,
        args: value.args,
      };
    return { kind: 'AssignStmt', id: this.id(), span, ...base, target: lhs, value };
  }

  /** `x := any v in S where P` (or `any S`): the binder when the chosen expression names one. */
  private anyAssign(
    r: C.AssignRhsCstChildren,
    lhs: A.Expr,
    span: Span,
    base: StmtBase,
  ): A.AnyAssignStmt {
    const exprs = r.expression ?? [];
    const chosen = this.expr(exprs[0]);
    const where = exprs[1] === undefined ? undefined : this.expr(exprs[1]);
    if (chosen.kind === 'BinaryExpr' && chosen.op === 'in' && chosen.left.kind === 'NameExpr') {
      return {
        kind: 'AnyAssignStmt',
        id: this.id(),
        span,
        ...base,
        target: lhs,
        binder: chosen.left.name,
        set: chosen.right,
        where,
      };
    }
    if (where !== undefined)
      this.report('CS1002', chosen.span, {
        expected: '`v in S` before `where`',
        found: describeToken(firstToken(exprs[0])),
      });
    return {
      kind: 'AnyAssignStmt',
      id: this.id(),
      span,
      ...base,
      target: lhs,
      binder: undefined,
      set: chosen,
      where,
    };
  }

  private ifStmt(cst: C.IfStmtCstNode, span: Span, base: StmtBase): A.IfStmt {
    const c = cst.children;
    const conds = c.expression ?? [];
    const blocks = c.block ?? [];
    const ifs = c.KwIf ?? [];
    const n = Math.max(1, Math.min(conds.length, blocks.length));
    const builtConds = conds.slice(0, n).map((e) => this.expr(e));
    while (builtConds.length < n)
      builtConds.push({ kind: 'ErrorExpr', id: this.id(), span: this.here() });
    const builtBlocks = blocks.slice(0, n).map((b) => this.block(b, NESTED));
    while (builtBlocks.length < n)
      builtBlocks.push({ kind: 'Block', id: this.id(), span: this.here(), stmts: [] });
    let tail: A.Block | A.IfStmt | undefined =
      blocks.length > n ? this.block(blocks[n], NESTED) : undefined;
    // The mark belongs to the last `if` of the chain, whose else it stands for.
    const mark = this.elseMark(first(c.unreachableMark));
    // Fold the `else if` chain from its end, so a long chain needs no recursion.
    for (let i = n - 1; i >= 1; i--) {
      const start = this.tok(ifs[i]);
      const then = at(builtBlocks, i, 'else-if block');
      const end: Span = tail?.span ?? then.span;
      tail = {
        kind: 'IfStmt',
        id: this.id(),
        span: joinSpans(start, end),
        label: undefined,
        kernel: undefined,
        cond: at(builtConds, i, 'else-if condition'),
        then,
        else: tail,
        ...(i === n - 1 ? mark : {}),
      };
    }
    return {
      kind: 'IfStmt',
      id: this.id(),
      span,
      ...base,
      cond: at(builtConds, 0, 'if condition'),
      then: at(builtBlocks, 0, 'if block'),
      else: tail,
      ...(n === 1 ? mark : {}),
    };
  }
}
