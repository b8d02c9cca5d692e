// Name resolution inside expressions and types: binders, calls (and their label and procedure
// arguments), record fields, type names and their arity, with a suggestion for each unknown name.

import type { Expr, Ident, TypeExpr } from '../syntax/ast.js';
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
import { childExprs, type ExprCases, onExpr } from '../syntax/visit.js';
import { related } from './declare-globals.js';

/** Where an expression is resolved: its scope, and whether `self` and `frame` exist there. */
export interface Env {
  readonly scope: Scope;
  readonly self: boolean;
  readonly frame: boolean;
  readonly file: SourceFile;
  readonly owner?: FrameOwner;
  /** Where type names resolve: the globals, or an alias's type parameters inside them. */
  readonly typeScope?: Scope;
}

/** Resolves expressions and types; resolve-names.ts adds declarations, bodies and statements. */
export class ExprResolver {
  constructor(
    protected readonly ctx: CheckContext,
    protected readonly labels: ReturnType<typeof collectLabels>,
  ) {}

  protected binderEnv(env: Env, binders: readonly Ident[]): Env {
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
    onExpr(e, this.exprCases, env, use);
  }

  /** Resolves the direct sub-expressions of `e`, in the scope of `e`. */
  private children(e: Expr, env: Env, use: boolean): void {
    for (const c of childExprs(e)) this.expr(c, env, use);
  }

  private readonly exprCases: ExprCases<void, [Env, boolean]> = {
    NameExpr: (e, env, use) => this.nameExpr(e, env, use),
    SelfExpr: (e, env) => {
      if (!env.self) this.ctx.report('CS2003', e.span, {});
    },
    FrameExpr: (e, env) => {
      if (!env.frame) this.ctx.report('CS2004', e.span, {});
    },
    CallExpr: (e, env, use) => this.callExpr(e, env, use),
    QuantExpr: (e, env, use) => {
      this.expr(e.set, env, use);
      this.expr(e.body, this.binderEnv(env, e.binders), use);
    },
    SetFilter: (e, env, use) => {
      this.expr(e.set, env, use);
      this.expr(e.pred, this.binderEnv(env, [e.binder]), use);
    },
    SetMap: (e, env, use) => {
      this.expr(e.set, env, use);
      this.expr(e.expr, this.binderEnv(env, [e.binder]), use);
    },
    MapComp: (e, env, use) => {
      this.expr(e.set, env, use);
      this.expr(e.value, this.binderEnv(env, [e.binder]), use);
    },
    RecordLit: (e, env, use) => {
      this.children(e, env, use);
      this.duplicateFields(e.fields.map((f) => f.name));
    },
    RecordUpdate: (e, env, use) => {
      this.children(e, env, use);
      this.duplicateFields(e.fields.map((f) => f.name));
    },
    IntLit: () => undefined,
    BoolLit: () => undefined,
    StringLit: () => undefined,
    NoneLit: () => undefined,
    ErrorExpr: () => undefined,
    IndexExpr: (e, env, use) => this.children(e, env, use),
    FieldExpr: (e, env, use) => this.children(e, env, use),
    ArrowExpr: (e, env, use) => this.children(e, env, use),
    PrimedExpr: (e, env, use) => this.children(e, env, use),
    UnaryExpr: (e, env, use) => this.children(e, env, use),
    BinaryExpr: (e, env, use) => this.children(e, env, use),
    CondExpr: (e, env, use) => this.children(e, env, use),
    SetLit: (e, env, use) => this.children(e, env, use),
    SeqLit: (e, env, use) => this.children(e, env, use),
    MapUpdate: (e, env, use) => this.children(e, env, use),
    ParenExpr: (e, env, use) => this.children(e, env, use),
  };

  /** A name used as a value: bound to its symbol, or reported when it is none or not a value. */
  private nameExpr(e: Extract<Expr, { kind: 'NameExpr' }>, env: Env, use: boolean): void {
    if (!hasName(e.name)) return;
    const sym = env.scope.lookup(e.name.name);
    if (sym === undefined) {
      this.unknown(e.name, env.scope, VALUE_KINDS);
      return;
    }
    this.ctx.bind(e, sym, use);
    if (!VALUE_KINDS.has(sym.kind)) {
      if (sym.kind === 'procedure') this.ctx.report('CS3012', e.name.span, { name: e.name.name });
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
  }

  protected duplicateFields(names: readonly Ident[]): void {
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

  protected callExpr(e: Extract<Expr, { kind: 'CallExpr' }>, env: Env, use: boolean): void {
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
      const [thread, place] = e.args;
      const twoArgs = e.args.length === 2 && thread !== undefined && place !== undefined;
      if (twoArgs && builtin === 'at') {
        this.expr(thread, env, use);
        this.labelRef(place, use);
        return;
      }
      if (twoArgs && builtin === 'in_call') {
        this.expr(thread, env, use);
        this.procedureRef(place, use);
        return;
      }
    }
    for (const a of e.args) this.expr(a, env, use);
  }

  /** The second argument of `at(t, label)`: `label` (any process or procedure) or `P.label`. */
  protected labelRef(arg: Expr, use: boolean): void {
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
  protected procedureRef(arg: Expr, use: boolean): void {
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
  protected arity(t: Extract<TypeExpr, { kind: 'NamedType' }>, sym: SymbolInfo): void {
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
  protected unknown(name: Ident, scope: Scope, kinds: ReadonlySet<SymbolKind>): void {
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
