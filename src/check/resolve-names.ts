// Name resolution: declares every top-level name of every file, builds each frame's scope, and
// binds every reference in types, expressions and statements to its symbol (ctx.symbols).
// Reports CS2001-CS2005, CS2009, CS3012. Does not compute types or judge statements; top-level
// names are declared by declare-globals.ts.

import type {
  Block,
  Decl,
  Expr,
  Ident,
  Node,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
} from '../syntax/ast.js';
import type { SourceFile } from '../syntax/program.js';
import { hasName, type CheckContext } from './context.js';
import { collectLabels } from './labels.js';
import {
  Scope,
  describeKind,
  type FrameOwner,
  type SymbolInfo,
  type SymbolKind,
} from './scopes.js';
import { NOTHING_INSIDE, onStmt, type StmtCases } from '../syntax/visit.js';
import { related } from './declare-globals.js';
import { ExprResolver, type Env } from './resolve-exprs.js';

const CALLABLE_KINDS: ReadonlySet<SymbolKind> = new Set(['def', 'builtinFn', 'procedure', 'macro']);
const STEP_CALLABLE_KINDS: ReadonlySet<SymbolKind> = new Set(['procedure', 'macro']);

/** Resolves every reference of the program; declareGlobals must have run. */
export function resolveNames(ctx: CheckContext): void {
  const labels = collectLabels(ctx);
  const r = new Resolver(ctx, labels);
  for (const unit of ctx.bodies)
    ctx.guard('name resolution', unit.decl, () => r.frameScope(unit.decl, unit.file));
  for (const { decl, file } of ctx.decls)
    ctx.guard('name resolution', decl, () => r.decl(decl, file));
  for (const unit of ctx.bodies)
    ctx.guard('name resolution', unit.decl, () => r.body(unit.decl, unit.file));
}

class Resolver extends ExprResolver {
  private globalEnv(file: SourceFile): Env {
    return { scope: this.ctx.globals, self: false, frame: false, file };
  }

  /** Builds the scope of a frame owner: parameters, then locals; duplicates are reported. */
  frameScope(decl: FrameOwner, file: SourceFile): Scope {
    const existing = this.ctx.frameScopes.get(decl);
    if (existing !== undefined) return existing;
    const scope = new Scope(this.ctx.globals);
    const imported = !this.ctx.isRoot(file);
    const add = (kind: SymbolKind, name: Ident, node: Node): void => {
      if (!hasName(name)) return;
      const sym: SymbolInfo = {
        kind,
        name: name.name,
        decl: node,
        nameSpan: name.span,
        imported,
        owner: decl,
      };
      const first = scope.define(sym);
      if (first !== undefined) {
        this.ctx.report(
          'CS2002',
          name.span,
          { name: name.name },
          { related: related(first, 'first declared here') },
        );
      } else {
        this.ctx.declared.set(node, sym);
      }
    };
    switch (decl.kind) {
      case 'ProcedureDecl':
        for (const p of decl.params) add('procParam', p.name, p);
        for (const v of decl.locals) add('frameVar', v.name, v);
        break;
      case 'ProcessDecl':
        for (const v of decl.locals) add('frameVar', v.name, v);
        break;
      case 'MacroDecl':
        for (const p of decl.params) add('macroParam', p, p);
        break;
      case 'DefDecl':
        for (const p of decl.params) add('defParam', p.name, p);
        break;
    }
    this.ctx.frameScopes.set(decl, scope);
    return scope;
  }

  decl(decl: Decl, file: SourceFile): void {
    const env = this.globalEnv(file);
    switch (decl.kind) {
      case 'ParamDecl':
        this.type(decl.type, env);
        this.expr(decl.default, env);
        return;
      case 'ConstDecl':
        this.expr(decl.value, env);
        return;
      case 'TypeDecl': {
        if (decl.params.length === 0) {
          this.type(decl.type, env);
          return;
        }
        const typeScope = new Scope(this.ctx.globals);
        for (const p of decl.params) {
          if (!hasName(p)) continue;
          const sym: SymbolInfo = {
            kind: 'typeParam',
            name: p.name,
            decl: p,
            nameSpan: p.span,
            imported: !this.ctx.isRoot(file),
          };
          const first = typeScope.define(sym);
          if (first !== undefined)
            this.ctx.report(
              'CS2002',
              p.span,
              { name: p.name },
              { related: related(first, 'first declared here') },
            );
          else this.ctx.declared.set(p, sym);
        }
        this.type(decl.type, { ...env, typeScope });
        return;
      }
      case 'VarDecl':
        this.type(decl.type, env);
        // A thread variable's initial value is per thread: `self` is the thread it belongs to.
        if (decl.init !== undefined)
          this.expr(decl.init, decl.scope === 'thread' ? { ...env, self: true } : env);
        return;
      case 'InvariantDecl':
      case 'ActionPropertyDecl':
      case 'CoverDecl':
        this.expr(decl.expr, env);
        return;
      case 'TemporalPropertyDecl': {
        let inner = env;
        for (const q of decl.quantifiers ?? []) {
          this.expr(q.set, inner);
          inner = this.binderEnv(inner, q.binders);
        }
        this.expr(decl.left, inner);
        if (decl.right !== undefined) this.expr(decl.right, inner);
        return;
      }
      case 'VariantDecl':
        for (const m of decl.members) {
          if (m.kind === 'ParamOverride') this.paramRef(m.name, m.value, env);
          else if (m.kind === 'StepOverride') this.stepOverride(m.owner, m.stmt, file);
        }
        return;
      case 'ExpectDecl':
        for (const a of decl.params) this.paramRef(a.name, a.value, env);
        return;
      case 'SweepDecl':
        for (const a of decl.entries) this.paramRef(a.name, a.values, env);
        return;
      case 'EnumDecl':
      case 'ProcessDecl':
      case 'ProcedureDecl':
      case 'MacroDecl':
      case 'DefDecl':
        return;
    }
  }

  /** `NAME = value` in a variant or expectation: binds the name without counting a use. */
  private paramRef(name: Ident, value: Expr, env: Env): void {
    const sym = this.ctx.globals.lookup(name.name);
    if (sym !== undefined && sym.kind === 'param') this.ctx.bind(name, sym, false);
    this.expr(value, env, false);
  }

  private stepOverride(ownerName: Ident, stmt: Stmt, file: SourceFile): void {
    const sym = this.ctx.globals.lookup(ownerName.name);
    if (sym === undefined || (sym.kind !== 'process' && sym.kind !== 'procedure')) return; // CS5005, check-variants
    this.ctx.bind(ownerName, sym);
    const owner = sym.decl as ProcessDecl | ProcedureDecl;
    const scope = this.ctx.frameScopes.get(owner) ?? this.frameScope(owner, file);
    this.stmt(stmt, { scope, self: true, frame: owner.kind === 'ProcedureDecl', file, owner });
  }

  body(decl: FrameOwner, file: SourceFile): void {
    const scope = this.frameScope(decl, file);
    const outer = this.globalEnv(file);
    switch (decl.kind) {
      case 'ProcessDecl': {
        const env: Env = { scope, self: true, frame: false, file, owner: decl };
        this.expr(decl.count, outer);
        if (decl.spare !== undefined) this.expr(decl.spare, outer);
        if (decl.runsWhen !== undefined) this.expr(decl.runsWhen, env);
        for (const v of decl.locals) {
          this.type(v.type, env);
          if (v.init !== undefined) this.expr(v.init, env);
        }
        this.block(decl.body, env);
        return;
      }
      case 'ProcedureDecl': {
        const env: Env = { scope, self: true, frame: true, file, owner: decl };
        for (const p of decl.params) this.type(p.type, outer);
        if (decl.returnType !== undefined) this.type(decl.returnType, outer);
        for (const v of decl.locals) {
          this.type(v.type, env);
          if (v.init !== undefined) this.expr(v.init, env);
        }
        this.block(decl.body, env);
        return;
      }
      case 'MacroDecl':
        if (decl.returnType !== undefined) this.type(decl.returnType, outer);
        this.block(decl.body, { scope, self: true, frame: false, file, owner: decl });
        return;
      case 'DefDecl':
        for (const p of decl.params) this.type(p.type, outer);
        if (decl.returnType !== undefined) this.type(decl.returnType, outer);
        this.expr(decl.body, { scope, self: false, frame: false, file, owner: decl });
        return;
    }
  }

  private block(b: Block, env: Env): void {
    for (const s of b.stmts) this.stmt(s, env);
  }

  private stmt(s: Stmt, env: Env): void {
    onStmt(s, this.stmtCases, env);
  }

  private readonly stmtCases: StmtCases<void, [Env]> = {
    AssignStmt: (s, env) => {
      this.expr(s.target, env);
      this.expr(s.value, env);
    },
    AnyAssignStmt: (s, env) => {
      this.expr(s.target, env);
      this.expr(s.set, env);
      // The binder is declared even without a `where`: later passes look its symbol up.
      const inner = s.binder === undefined ? env : this.binderEnv(env, [s.binder]);
      if (s.where !== undefined) this.expr(s.where, inner);
    },
    AwaitStmt: (s, env) => this.expr(s.cond, env),
    AssertStmt: (s, env) => this.expr(s.cond, env),
    IfStmt: (s, env) => {
      this.expr(s.cond, env);
      this.block(s.then, env);
      if (s.else?.kind === 'Block') this.block(s.else, env);
      else if (s.else !== undefined) this.stmt(s.else, env);
    },
    WhileStmt: (s, env) => {
      this.expr(s.cond, env);
      this.block(s.body, env);
    },
    ForStmt: (s, env) => {
      this.expr(s.set, env);
      this.block(s.body, this.binderEnv(env, [s.binder]));
    },
    EitherStmt: (s, env) => s.branches.forEach((b) => this.block(b, env)),
    AtomicStmt: (s, env) => this.block(s.body, env),
    CallStmt: (s, env) => {
      if (s.target !== undefined) this.expr(s.target, env);
      this.stepCallee(s.callee, s.target !== undefined, env);
      for (const a of s.args) this.expr(a, env);
    },
    ReturnStmt: (s, env) => {
      if (s.value !== undefined) this.expr(s.value, env);
    },
    CloneStmt: (s, env) => {
      if (s.target !== undefined) this.expr(s.target, env);
      if (!hasName(s.group)) return;
      const sym = env.scope.lookup(s.group.name);
      if (sym === undefined) this.unknown(s.group, env.scope, new Set(['process']));
      else this.ctx.bind(s.group, sym);
    },
    FaultStmt: (s, env) => {
      this.stmt(s.body, env);
      if (s.when !== undefined) this.expr(s.when, env);
      this.block(s.handler, env);
    },
    ...NOTHING_INSIDE,
  };

  /** The callee of a call statement: a procedure or macro; a def or built-in only with a target. */
  private stepCallee(callee: Ident, hasTarget: boolean, env: Env): void {
    if (!hasName(callee)) return;
    const sym = env.scope.lookup(callee.name);
    if (sym === undefined) {
      this.unknown(callee, env.scope, hasTarget ? CALLABLE_KINDS : STEP_CALLABLE_KINDS);
      return;
    }
    this.ctx.bind(callee, sym);
    const ok =
      STEP_CALLABLE_KINDS.has(sym.kind) ||
      (hasTarget && (sym.kind === 'def' || sym.kind === 'builtinFn'));
    if (!ok) {
      this.ctx.report('CS2005', callee.span, {
        name: callee.name,
        actual: describeKind(sym.kind),
        expected: 'a procedure or macro',
      });
    }
  }
}
