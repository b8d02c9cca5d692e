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
  TypeExpr,
} from '../syntax/ast.js';
import type { SourceFile } from '../syntax/program.js';
import { hasName, type CheckContext } from './context.js';
import { collectLabels } from './labels.js';
import {
  Scope,
  TYPE_KINDS,
  VALUE_KINDS,
  describeKind,
  type FrameOwner,
  type SymbolInfo,
  type SymbolKind,
} from './scopes.js';
import { didYouMean } from '../syntax/suggest.js';
import { keywordFor } from '../syntax/keyword-hints.js';
import { childExprs, onStmt, type StmtCases } from '../syntax/visit.js';
import { related } from './declare-globals.js';

/** Where an expression is resolved: its scope, and whether `self` and `frame` exist there. */
interface Env {
  readonly scope: Scope;
  readonly self: boolean;
  readonly frame: boolean;
  readonly file: SourceFile;
  readonly owner?: FrameOwner;
  /** Where type names resolve: the globals, or an alias's type parameters inside them. */
  readonly typeScope?: Scope;
}

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

class Resolver {
  constructor(
    private readonly ctx: CheckContext,
    private readonly labels: ReturnType<typeof collectLabels>,
  ) {}

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
    SkipStmt: () => undefined,
    ExitStmt: () => undefined,
    BreakStmt: () => undefined,
    ContinueStmt: () => undefined,
    ErrorStmt: () => undefined,
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

  private binderEnv(env: Env, binders: readonly Ident[]): Env {
    const scope = new Scope(env.scope);
    for (const b of binders) {
      if (!hasName(b)) continue;
      const sym: SymbolInfo = {
        kind: 'binder',
        name: b.name,
        decl: b,
        nameSpan: b.span,
        imported: !this.ctx.isRoot(env.file),
      };
      const first = scope.define(sym);
      if (first !== undefined)
        this.ctx.report(
          'CS2002',
          b.span,
          { name: b.name },
          { related: related(first, 'first declared here') },
        );
      else this.ctx.declared.set(b, sym);
    }
    return { ...env, scope };
  }

  /** Resolves an expression. `use` is false for values in variants and expectations. */
  expr(e: Expr, env: Env, use = true): void {
    switch (e.kind) {
      case 'NameExpr': {
        if (!hasName(e.name)) return;
        const sym = env.scope.lookup(e.name.name);
        if (sym === undefined) {
          this.unknown(e.name, env.scope, VALUE_KINDS);
          return;
        }
        this.ctx.bind(e, sym, use);
        if (!VALUE_KINDS.has(sym.kind)) {
          if (sym.kind === 'procedure')
            this.ctx.report('CS3012', e.name.span, { name: e.name.name });
          else
            this.ctx.report('CS2005', e.name.span, {
              name: e.name.name,
              actual: describeKind(sym.kind),
              expected: 'a value',
            });
        } else if (sym.kind === 'builtinType' && sym.name === 'int') {
          // `bool` and `Thread` stand for their finite sets of values; every integer is no set a model can hold.
          this.ctx.report(
            'CS2005',
            e.name.span,
            {
              name: 'int',
              actual: 'the type of every integer',
              expected: 'a finite set of values',
            },
            { hint: 'write a range such as `0..3`' },
          );
        }
        return;
      }
      case 'SelfExpr':
        if (!env.self) this.ctx.report('CS2003', e.span, {});
        return;
      case 'FrameExpr':
        if (!env.frame) this.ctx.report('CS2004', e.span, {});
        return;
      case 'CallExpr':
        this.callExpr(e, env, use);
        return;
      case 'QuantExpr': {
        this.expr(e.set, env, use);
        this.expr(e.body, this.binderEnv(env, e.binders), use);
        return;
      }
      case 'SetFilter': {
        this.expr(e.set, env, use);
        this.expr(e.pred, this.binderEnv(env, [e.binder]), use);
        return;
      }
      case 'SetMap': {
        this.expr(e.set, env, use);
        this.expr(e.expr, this.binderEnv(env, [e.binder]), use);
        return;
      }
      case 'MapComp': {
        this.expr(e.set, env, use);
        this.expr(e.value, this.binderEnv(env, [e.binder]), use);
        return;
      }
      case 'RecordLit':
      case 'RecordUpdate':
        for (const c of childExprs(e)) this.expr(c, env, use);
        this.duplicateFields(e.fields.map((f) => f.name));
        return;
      default:
        for (const c of childExprs(e)) this.expr(c, env, use);
    }
  }

  private duplicateFields(names: readonly Ident[]): void {
    const seen = new Map<string, Ident>();
    for (const n of names) {
      const first = seen.get(n.name);
      if (first !== undefined)
        this.ctx.report(
          'CS2002',
          n.span,
          { name: n.name },
          { related: [{ span: first.span, note: 'first given here' }] },
        );
      else seen.set(n.name, n);
    }
  }

  private callExpr(e: Extract<Expr, { kind: 'CallExpr' }>, env: Env, use: boolean): void {
    if (hasName(e.callee)) {
      const sym = env.scope.lookup(e.callee.name);
      if (sym === undefined) {
        this.unknown(e.callee, env.scope, new Set(['def', 'builtinFn']));
      } else {
        this.ctx.bind(e.callee, sym, use);
        if (sym.kind === 'procedure')
          this.ctx.report('CS3012', e.callee.span, { name: e.callee.name });
        // A macro's value in an expression: where that is allowed is a step rule (check-steps.ts).
        else if (sym.kind !== 'def' && sym.kind !== 'builtinFn' && sym.kind !== 'macro') {
          this.ctx.report('CS2005', e.callee.span, {
            name: e.callee.name,
            actual: describeKind(sym.kind),
            expected: 'a function',
          });
        }
      }
      const builtin = sym?.kind === 'builtinFn' ? sym.name : undefined;
      if (builtin === 'at' && e.args.length === 2) {
        this.expr(e.args[0]!, env, use);
        this.labelRef(e.args[1]!, use);
        return;
      }
      if (builtin === 'in_call' && e.args.length === 2) {
        this.expr(e.args[0]!, env, use);
        this.procedureRef(e.args[1]!, use);
        return;
      }
    }
    for (const a of e.args) this.expr(a, env, use);
  }

  /** The second argument of `at(t, label)`: `label` (any process or procedure) or `P.label`. */
  private labelRef(arg: Expr, use: boolean): void {
    if (arg.kind === 'NameExpr') {
      if (!hasName(arg.name)) return;
      if (this.labels.all.has(arg.name.name)) return;
      this.ctx.report(
        'CS2009',
        arg.name.span,
        { name: arg.name.name },
        hint(didYouMean(arg.name.name, [...this.labels.all].sort())),
      );
      return;
    }
    if (arg.kind === 'FieldExpr' && arg.base.kind === 'NameExpr') {
      const ownerName = arg.base.name;
      const sym = this.ctx.globals.lookup(ownerName.name);
      if (sym === undefined || (sym.kind !== 'process' && sym.kind !== 'procedure')) {
        if (sym === undefined)
          this.unknown(ownerName, this.ctx.globals, new Set(['process', 'procedure']));
        else
          this.ctx.report('CS2005', ownerName.span, {
            name: ownerName.name,
            actual: describeKind(sym.kind),
            expected: 'a process or procedure',
          });
        return;
      }
      this.ctx.bind(arg.base, sym, use);
      const own = this.labels.byOwner.get(sym.name) ?? new Set<string>();
      if (!own.has(arg.field.name)) {
        this.ctx.report(
          'CS2009',
          arg.field.span,
          { name: `${sym.name}.${arg.field.name}` },
          hint(didYouMean(arg.field.name, [...own].sort())),
        );
      }
      return;
    }
    this.ctx.report('CS2009', arg.span, { name: '?' });
  }

  /** The second argument of `in_call(t, p)`: a procedure name. */
  private procedureRef(arg: Expr, use: boolean): void {
    if (arg.kind !== 'NameExpr') {
      this.ctx.report('CS2005', arg.span, {
        name: '?',
        actual: 'an expression',
        expected: 'a procedure',
      });
      return;
    }
    if (!hasName(arg.name)) return;
    const sym = this.ctx.globals.lookup(arg.name.name);
    if (sym === undefined) this.unknown(arg.name, this.ctx.globals, new Set(['procedure']));
    else if (sym.kind !== 'procedure')
      this.ctx.report('CS2005', arg.name.span, {
        name: arg.name.name,
        actual: describeKind(sym.kind),
        expected: 'a procedure',
      });
    else this.ctx.bind(arg, sym, use);
  }

  type(t: TypeExpr, env: Env): void {
    switch (t.kind) {
      case 'NamedType': {
        for (const a of t.args ?? []) this.type(a, env);
        if (!hasName(t.name)) return;
        const typeScope = env.typeScope ?? this.ctx.globals;
        const sym = typeScope.lookup(t.name.name);
        if (sym === undefined) {
          if ((t.args ?? []).length > 0)
            this.ctx.report('CS1016', t.name.span, { name: '`' + t.name.name + '`' });
          else this.unknown(t.name, typeScope, TYPE_KINDS);
          return;
        }
        this.ctx.bind(t, sym);
        if (!TYPE_KINDS.has(sym.kind))
          this.ctx.report('CS2005', t.name.span, {
            name: t.name.name,
            actual: describeKind(sym.kind),
            expected: 'a type',
          });
        else if (sym.kind === 'typeParam' && (t.args ?? []).length > 0)
          this.ctx.report('CS3014', t.span, { name: t.name.name });
        else if (sym.kind !== 'typeParam') this.arity(t, sym);
        return;
      }
      case 'RangeType':
        this.expr(t.lo, { ...env, scope: this.ctx.globals, self: false, frame: false });
        this.expr(t.hi, { ...env, scope: this.ctx.globals, self: false, frame: false });
        return;
      case 'RecordType':
        for (const f of t.fields) this.type(f.type, env);
        this.duplicateFields(t.fields.map((f) => f.name));
        return;
      case 'SetType':
      case 'SeqType':
        this.type(t.element, env);
        return;
      case 'MapType':
        this.type(t.key, env);
        this.type(t.value, env);
        return;
      case 'OptionalType':
        this.type(t.inner, env);
        return;
      case 'FrameType': {
        if (!hasName(t.procedure)) return;
        const sym = this.ctx.globals.lookup(t.procedure.name);
        if (sym === undefined) this.unknown(t.procedure, this.ctx.globals, new Set(['procedure']));
        else if (sym.kind !== 'procedure')
          this.ctx.report('CS2005', t.procedure.span, {
            name: t.procedure.name,
            actual: describeKind(sym.kind),
            expected: 'a procedure',
          });
        else this.ctx.bind(t, sym);
        return;
      }
      case 'ErrorType':
        return;
    }
  }

  /** CS1017 when a type name gets a number of type arguments its declaration does not take. */
  private arity(t: Extract<TypeExpr, { kind: 'NamedType' }>, sym: SymbolInfo): void {
    const found = (t.args ?? []).length;
    const params =
      sym.kind === 'type' && sym.decl?.kind === 'TypeDecl' ? sym.decl.params.length : 0;
    if (found === params) return;
    const expected =
      params === 0
        ? 'no type arguments'
        : params === 1
          ? 'one type argument'
          : `${params} type arguments`;
    this.ctx.report('CS1017', t.span, {
      name: '`' + t.name.name + '`',
      expected,
      found: String(found),
    });
  }

  /** CS2001 with a hint drawn from the names of the wanted kinds visible from `scope`. */
  private unknown(name: Ident, scope: Scope, kinds: ReadonlySet<SymbolKind>): void {
    const candidates = scope
      .visible()
      .filter((s) => kinds.has(s.kind))
      .map((s) => s.name)
      .sort();
    // A name close to no name in scope may be a misspelt keyword (`flase`, `slef`).
    const keyword = keywordFor(name.name);
    const fallback = keyword === undefined ? undefined : `did you mean \`${keyword}\`?`;
    this.ctx.report(
      'CS2001',
      name.span,
      { name: name.name },
      hint(didYouMean(name.name, candidates) ?? fallback),
    );
  }
}

function hint(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}
