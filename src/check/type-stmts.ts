// Type checking of bodies and statements: initial values, conditions, assignment targets,
// returned values, and each macro call checked as an instance of the macro body.

import type {
  Block,
  DefDecl,
  Expr,
  Ident,
  MacroDecl,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
} from '../syntax/ast.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import { printExpr } from './print-expr.js';
import type { FrameOwner, SymbolInfo } from './scopes.js';
import { BOOL, INT, UNKNOWN, fits, type Type } from './types.js';
import { forEachStmt, NOTHING_INSIDE, onStmt, type StmtCases, unparen } from '../syntax/visit.js';
import { GLOBAL, type Instance, type TEnv } from './type-core.js';
import { ExprTyper } from './type-exprs.js';
import { isAssignableShape, writtenMacroParams } from './assign-targets.js';
import { at } from '../source/checked-index.js';

/** The full checker: bodies, defs, statements and each macro call's instance of its body. */
export class TypeChecker extends ExprTyper {
  // --- declarations and bodies ------------------------------------------------------------

  body(decl: FrameOwner): void {
    const env: TEnv = { action: false, owner: decl };
    switch (decl.kind) {
      case 'ProcessDecl':
        this.expect(decl.count, INT, `the thread count of \`${decl.name.name}\``, GLOBAL);
        if (decl.spare !== undefined)
          this.expect(decl.spare, INT, `the spare count of \`${decl.name.name}\``, GLOBAL);
        if (decl.runsWhen !== undefined) this.expect(decl.runsWhen, BOOL, '`runs when`', env);
        this.locals(decl, env);
        this.block(decl.body, env);
        return;
      case 'ProcedureDecl':
        for (const p of decl.params) this.typeOf(p.type);
        if (decl.returnType !== undefined) this.typeOf(decl.returnType);
        this.locals(decl, env);
        this.block(decl.body, env);
        return;
      case 'MacroDecl':
        if (decl.returnType !== undefined) this.typeOf(decl.returnType);
        this.block(decl.body, env);
        return;
      case 'DefDecl': {
        for (const p of decl.params) this.typeOf(p.type);
        this.defResult(decl);
        return;
      }
    }
  }

  protected locals(decl: ProcessDecl | ProcedureDecl, env: TEnv): void {
    for (const v of decl.locals) {
      const t = this.typeOf(v.type);
      if (v.init !== undefined)
        this.expect(v.init, t, `the initial value of \`${v.name.name}\``, env);
    }
  }

  /** A def's result type: the declared one (the body is checked against it) or the body's. */
  protected defResult(decl: DefDecl): Type {
    const known = this.defResults.get(decl);
    if (known !== undefined) return known;
    if (this.inProgress.has(decl))
      return decl.returnType !== undefined ? this.typeOf(decl.returnType) : UNKNOWN;
    this.inProgress.add(decl);
    let result: Type;
    const env: TEnv = { action: false, owner: decl };
    if (decl.returnType !== undefined) {
      result = this.typeOf(decl.returnType);
      this.defResults.set(decl, result);
      this.expect(decl.body, result, `the body of def \`${decl.name.name}\``, env);
    } else {
      result = this.infer(decl.body, env);
      this.defResults.set(decl, result);
    }
    this.inProgress.delete(decl);
    return result;
  }

  // --- statements ---------------------------------------------------------------------------

  protected block(b: Block, env: TEnv): void {
    for (const s of b.stmts) this.stmt(s, env);
  }

  /** The type of an assignment target, after checking that it can be written. */
  protected target(t: Expr, env: TEnv): Type {
    this.checkAssignable(t);
    return this.infer(t, env);
  }

  protected checkAssignable(t: Expr): void {
    const u = unparen(t);
    switch (u.kind) {
      case 'NameExpr': {
        const sym = this.ctx.symbols.get(u);
        if (sym === undefined) return;
        const ok =
          sym.kind === 'sharedVar' ||
          sym.kind === 'threadVar' ||
          sym.kind === 'frameVar' ||
          sym.kind === 'procParam' ||
          sym.kind === 'macroParam';
        if (!ok)
          this.report('CS3003', u.span, { name: u.name.name, reason: describeForAssign(sym) });
        return;
      }
      case 'IndexExpr':
      case 'FieldExpr':
        this.checkAssignable(u.base);
        return;
      case 'ArrowExpr':
        return;
      case 'ErrorExpr':
        return;
      default:
        this.report('CS3003', u.span, { name: printExpr(u), reason: 'not a variable' });
    }
  }

  stmt(s: Stmt, env: TEnv): void {
    onStmt(s, this.stmtCases, env);
  }

  private readonly stmtCases: StmtCases<void, [TEnv]> = {
    AssignStmt: (s, env) => {
      const t = this.target(s.target, env);
      this.expect(s.value, t, 'the assigned value', env);
    },
    AnyAssignStmt: (s, env) => {
      const t = this.target(s.target, env);
      const set = this.infer(s.set, env);
      const el = this.elementType(set, s.set, 'the set of `any`');
      if (s.binder !== undefined) this.setType(s.binder, el);
      if (s.where !== undefined) this.expect(s.where, BOOL, 'the `where` condition', env);
      if (!fits(el, t)) this.mismatch(s.set, el, t, 'the chosen element');
    },
    AwaitStmt: (s, env) => this.expect(s.cond, BOOL, 'the condition of `await`', env),
    AssertStmt: (s, env) => this.expect(s.cond, BOOL, 'the condition of `assert`', env),
    IfStmt: (s, env) => {
      this.expect(s.cond, BOOL, 'the condition of `if`', env);
      this.block(s.then, env);
      if (s.else?.kind === 'Block') this.block(s.else, env);
      else if (s.else !== undefined) this.stmt(s.else, env);
    },
    WhileStmt: (s, env) => {
      this.expect(s.cond, BOOL, 'the condition of `while`', env);
      this.block(s.body, env);
    },
    ForStmt: (s, env) => {
      const set = this.infer(s.set, env);
      this.setType(s.binder, this.elementType(set, s.set, 'the set of `for`'));
      this.block(s.body, env);
    },
    EitherStmt: (s, env) => {
      for (const b of s.branches) this.block(b, env);
    },
    AtomicStmt: (s, env) => this.block(s.body, env),
    CallStmt: (s, env) => this.callStmt(s, env),
    ReturnStmt: (s, env) => {
      const proc =
        env.owner?.kind === 'ProcedureDecl' || env.owner?.kind === 'MacroDecl'
          ? env.owner
          : undefined;
      if (s.value === undefined) return;
      if (proc?.returnType !== undefined)
        this.expect(s.value, this.typeOf(proc.returnType), 'the returned value', env);
      else this.infer(s.value, env);
    },
    CloneStmt: (s, env) => {
      if (s.target === undefined) return;
      const t = this.target(s.target, env);
      const sym = this.ctx.symbols.get(s.group);
      if (sym?.kind !== 'process') return;
      const child: Type = { kind: 'thread', group: sym.name };
      if (!fits(child, t)) this.mismatch(s.target, child, t, `the new thread of \`${sym.name}\``);
    },
    FaultStmt: (s, env) => {
      this.stmt(s.body, env);
      if (s.when !== undefined) this.expect(s.when, BOOL, 'the condition of `may fail when`', env);
      this.block(s.handler, env);
    },
    ...NOTHING_INSIDE,
  };

  /**
   * What a macro returns: its declared result type, else the type of its final `return e`
   * (parameters are untyped, so that may be unknown); undefined when it returns nothing.
   */
  protected macroResult(macro: MacroDecl): Type | undefined {
    if (macro.returnType !== undefined) return this.typeOf(macro.returnType);
    const last = macro.body.stmts[macro.body.stmts.length - 1];
    if (last?.kind !== 'ReturnStmt' || last.value === undefined) return undefined;
    const known = this.macroResults.get(macro);
    if (known !== undefined) return known;
    if (this.inProgress.has(macro)) return UNKNOWN;
    this.inProgress.add(macro);
    const t = this.infer(last.value, { action: false, owner: macro });
    this.inProgress.delete(macro);
    this.macroResults.set(macro, t);
    return t;
  }

  /**
   * Arguments of a macro call: counted, typed, and assignable where the macro writes its
   * parameter. Returns their types, or undefined when their number is wrong.
   */
  protected macroArgs(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    env: TEnv,
  ): Type[] | undefined {
    const types = args.map((a) => this.infer(a, env));
    if (!this.arity(callee, macro.params.length, args)) return undefined;
    for (const i of [...writtenMacroParams(this.ctx, macro)].sort((a, b) => a - b)) {
      const arg = at(args, i, 'macro argument');
      const param = at(macro.params, i, 'macro parameter');
      if (!isAssignableShape(arg))
        this.report('CS3009', arg.span, { macro: macro.name.name, param: param.name });
      else this.checkAssignable(arg);
    }
    return types;
  }

  /**
   * Checks one call's instance of a macro: the body again, each parameter typed as its argument
   * and `self`/`frame` as at the call site (a macro is a template, so each call can go wrong on
   * its own). What goes wrong only in this instance is reported at the argument the offending
   * body expression uses (else at the call), with a note at the macro line. Returns the type of
   * the instance's `return e`, if it has one.
   */
  protected instance(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    argTypes: readonly Type[],
    env: TEnv,
  ): Type | undefined {
    const result = this.instanceOf(macro, callee, args, argTypes, env);
    // A variant's `override macro` runs at the same call sites: its body must fit them too.
    for (const { decl, variant } of this.ctx.bodies) {
      if (variant === undefined || decl.kind !== 'MacroDecl' || decl === macro) continue;
      if (decl.name.name === macro.name.name && decl.params.length === macro.params.length)
        this.instanceOf(decl, callee, args, argTypes, env, variant.name.name);
    }
    return result;
  }

  protected instanceOf(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    argTypes: readonly Type[],
    env: TEnv,
    variant?: string,
  ): Type | undefined {
    if (this.instances.some((i) => i.macro === macro) || this.inProgress.has(macro))
      return undefined;
    const params = new Map<SymbolInfo, Type>();
    macro.params.forEach((p, i) => {
      const sym = this.ctx.declared.get(p);
      if (sym !== undefined) params.set(sym, argTypes[i] ?? UNKNOWN);
    });
    const plain = this.plainMacroDiagnostics(macro);
    const inst: Instance = { macro, diagnostics: [], types: new Map() };
    this.instances.push(inst);
    let result: Type | undefined;
    try {
      this.block(macro.body, {
        action: false,
        owner: macro,
        params,
        caller: env.caller ?? env.owner,
      });
      const last = macro.body.stmts[macro.body.stmts.length - 1];
      if (last?.kind === 'ReturnStmt' && last.value !== undefined)
        result = this.getType(last.value);
    } finally {
      this.instances.pop();
    }
    const uses = this.paramUses(macro);
    for (const d of inst.diagnostics) {
      if (plain.has(diagnosticKey(d))) continue;
      const use =
        uses.find((u) => within(u.span, d.span) || within(d.span, u.span)) ??
        useInStatement(macro, uses, d.span);
      const arg = use === undefined ? undefined : args[use.index];
      const param = use === undefined ? undefined : macro.params[use.index];
      const where =
        arg === undefined || param === undefined
          ? ''
          : `, with \`${param.name}\` = \`${printExpr(arg)}\``;
      const which = variant === undefined ? '' : ` (as variant \`${variant}\` overrides it)`;
      const note = {
        span: d.span,
        note: `it arises here, in macro \`${macro.name.name}\`${which}${where}`,
      };
      this.report(d.code, arg?.span ?? callee.span, d.args, {
        ...(d.hint !== undefined ? { hint: d.hint } : {}),
        related: [note, ...(d.related ?? [])],
      });
    }
    return result;
  }

  /** The diagnostics a macro's body gets with untyped parameters, as keys (its own check reports them). */
  protected plainMacroDiagnostics(macro: MacroDecl): ReadonlySet<string> {
    const known = this.plainMacroKeys.get(macro);
    if (known !== undefined) return known;
    const inst: Instance = { macro, diagnostics: [], types: new Map() };
    this.inProgress.add(macro);
    this.instances.push(inst);
    try {
      this.block(macro.body, { action: false, owner: macro });
    } finally {
      this.instances.pop();
      this.inProgress.delete(macro);
    }
    const keys = new Set(inst.diagnostics.map(diagnosticKey));
    this.plainMacroKeys.set(macro, keys);
    return keys;
  }

  /** Where a macro's body reads or writes its parameters, in source order. */
  protected paramUses(macro: MacroDecl): { index: number; span: Span }[] {
    const out: { index: number; span: Span }[] = [];
    for (const [node, sym] of this.ctx.symbols) {
      if (sym.kind !== 'macroParam' || sym.owner !== macro || node.kind !== 'NameExpr') continue;
      const index = macro.params.findIndex((p) => p.name === sym.name);
      if (index >= 0) out.push({ index, span: node.span });
    }
    return out.sort((a, b) => a.span.start.offset - b.span.start.offset);
  }

  protected callStmt(s: Extract<Stmt, { kind: 'CallStmt' }>, env: TEnv): void {
    const sym = this.ctx.symbols.get(s.callee);
    if (sym?.kind === 'def' || sym?.kind === 'builtinFn') {
      // `x := f(args)` with a def or built-in f is an assignment of a function's value.
      const result = this.call(s.callee, s.args, env);
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        if (!fits(result, t))
          this.mismatch(s.target, result, t, `the result of \`${s.callee.name}\``);
      }
      return;
    }
    if (sym?.kind === 'procedure') {
      const proc = sym.decl as ProcedureDecl;
      if (this.arity(s.callee, proc.params.length, s.args)) {
        proc.params.forEach((p, i) =>
          this.expect(
            at(s.args, i, 'procedure argument'),
            this.typeOf(p.type),
            `argument \`${p.name.name}\` of \`${proc.name.name}\``,
            env,
          ),
        );
      } else {
        for (const a of s.args) this.infer(a, env);
      }
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        if (proc.returnType === undefined)
          this.report('CS3011', s.callee.span, { callee: 'procedure', name: proc.name.name });
        else {
          const r = this.typeOf(proc.returnType);
          if (!fits(r, t)) this.mismatch(s.target, r, t, `the result of \`${proc.name.name}\``);
        }
      }
      return;
    }
    if (sym?.kind === 'macro') {
      const macro = sym.decl as MacroDecl;
      const argTypes = this.macroArgs(macro, s.callee, s.args, env);
      const own =
        argTypes === undefined ? undefined : this.instance(macro, s.callee, s.args, argTypes, env);
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        const declared = this.macroResult(macro);
        const r =
          declared === undefined || macro.returnType !== undefined ? declared : (own ?? declared);
        if (r === undefined)
          this.report('CS3011', s.callee.span, { callee: 'macro', name: macro.name.name });
        else if (!fits(r, t)) this.mismatch(s.target, r, t, `the result of \`${macro.name.name}\``);
      }
      return;
    }
    for (const a of s.args) this.infer(a, env);
    if (s.target !== undefined) this.infer(s.target, env);
  }
}

function describeForAssign(sym: SymbolInfo): string {
  switch (sym.kind) {
    case 'param':
      return 'a param (set it with `--param`, a variant or an expectation)';
    case 'const':
      return 'a const';
    case 'enumMember':
      return 'an enum value';
    case 'binder':
      return 'a bound variable';
    case 'defParam':
      return 'a parameter of a def';
    default:
      return 'not a variable';
  }
}

/**
 * The first parameter use in the innermost statement of the macro around `span`: a value that
 * does not fit a parameter it is assigned to (`l := self`) is that parameter's argument's fault.
 */
function useInStatement(
  macro: MacroDecl,
  uses: readonly { index: number; span: Span }[],
  span: Span,
): { index: number; span: Span } | undefined {
  let inner: Span | undefined;
  forEachStmt(macro.body, (s) => {
    if (within(span, s.span) && (inner === undefined || within(s.span, inner))) inner = s.span;
  });
  const innermost = inner;
  return innermost === undefined ? undefined : uses.find((u) => within(u.span, innermost));
}

/** Identifies a diagnostic by what it says and where. */
function diagnosticKey(d: Diagnostic): string {
  return `${d.code}|${d.span.file}|${d.span.start.offset}|${d.span.end.offset}|${JSON.stringify(d.args)}`;
}

/** True when span `inner` lies inside span `outer` (same file). */
function within(inner: Span, outer: Span): boolean {
  return (
    inner.file === outer.file &&
    outer.start.offset <= inner.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}
