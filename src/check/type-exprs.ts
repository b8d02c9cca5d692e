// The type of each expression: literals, names, primes, indexing (and thread copies), fields,
// records, sets and sequences, dispatching operators and calls to type-operators.ts.

import type { Expr } from '../syntax/ast.js';
import { printExpr } from './print-expr.js';
import { didYouMean } from '../syntax/suggest.js';
import {
  BOOL,
  INT,
  NONE,
  STRING,
  THREAD,
  UNKNOWN,
  join,
  seqOf,
  setOf,
  typeToString,
  unwrapOptional,
  type Type,
} from './types.js';
import { type ExprCases, onExpr, unparen } from '../syntax/visit.js';
import { hintOf, type TEnv } from './type-core.js';
import { OperatorTyper } from './type-operators.js';
import { rootName } from './assign-targets.js';

/** Inference of every expression kind. */
export abstract class ExprTyper extends OperatorTyper {
  /** Infers and records the type of `e`. */
  infer(e: Expr, env: TEnv): Type {
    const t = this.inferUncached(e, env);
    this.setType(e, t);
    return t;
  }

  protected inferUncached(e: Expr, env: TEnv): Type {
    return onExpr(e, this.inferCases, env);
  }

  private readonly inferCases: ExprCases<Type, [TEnv]> = {
    IntLit: () => INT,
    BoolLit: () => BOOL,
    StringLit: () => STRING,
    NoneLit: () => NONE,
    SelfExpr: (_e, env) => {
      const owner = env.caller ?? env.owner;
      return owner?.kind === 'ProcessDecl' ? { kind: 'thread', group: owner.name.name } : THREAD;
    },
    FrameExpr: (_e, env) => {
      const owner = env.caller ?? env.owner;
      return owner?.kind === 'ProcedureDecl'
        ? { kind: 'frame', procedure: owner.name.name }
        : UNKNOWN;
    },
    NameExpr: (e, env) => {
      const sym = this.ctx.symbols.get(e);
      const param = sym?.kind === 'macroParam' ? env.params?.get(sym) : undefined;
      return param ?? this.symbolType(sym);
    },
    ParenExpr: (e, env) => this.infer(e.inner, env),
    CallExpr: (e, env) => this.call(e.callee, e.args, env),
    IndexExpr: (e, env) => this.index(e, env),
    FieldExpr: (e, env) => {
      const base = unwrapOptional(this.infer(e.base, env));
      return this.field(base, e.field, e.base);
    },
    ArrowExpr: (e, env) => this.arrow(e, env),
    PrimedExpr: (e, env) => {
      const text = printExpr(e.base);
      if (!env.action) this.report('CS6001', e.span, { text });
      else if (!this.isStateVariablePath(e.base)) this.report('CS6002', e.base.span, { text });
      return this.infer(e.base, env);
    },
    UnaryExpr: (e, env) => {
      if (e.op === '!') {
        this.expect(e.operand, BOOL, 'the operand of `!`', env);
        return BOOL;
      }
      this.expect(e.operand, INT, 'the operand of `-`', env);
      return INT;
    },
    BinaryExpr: (e, env) => this.binary(e, env),
    CondExpr: (e, env) => this.conditional(e, env),
    SetLit: (e, env) => this.collection(e, env),
    SeqLit: (e, env) => this.collection(e, env),
    SetFilter: (e, env) => this.setFilter(e, env),
    SetMap: (e, env) => {
      const set = this.infer(e.set, env);
      this.bindBinders([e.binder], this.elementType(set, e.set, 'the mapped set'));
      return setOf(this.infer(e.expr, env));
    },
    MapComp: (e, env) => {
      const set = this.infer(e.set, env);
      const key = this.elementType(set, e.set, 'the domain');
      this.bindBinders([e.binder], key);
      return { kind: 'map', key, value: this.infer(e.value, env) };
    },
    RecordLit: (e, env) => ({
      kind: 'record',
      fields: e.fields.map((f) => ({ name: f.name.name, type: this.infer(f.value, env) })),
    }),
    RecordUpdate: (e, env) => {
      const base = this.infer(e.base, env);
      const rec = unwrapOptional(base);
      this.recordFields(rec, e.fields, e.base, env);
      return base;
    },
    MapUpdate: (e, env) => this.mapUpdate(e, env),
    QuantExpr: (e, env) => {
      const set = this.infer(e.set, env);
      this.bindBinders(e.binders, this.elementType(set, e.set, `the set of \`${e.quantifier}\``));
      this.expect(e.body, BOOL, `the body of \`${e.quantifier}\``, env);
      return BOOL;
    },
    ErrorExpr: () => UNKNOWN,
  };

  /** `m[k]` and `s[i]`, or thread t's copy of a thread variable. */
  private index(e: Extract<Expr, { kind: 'IndexExpr' }>, env: TEnv): Type {
    const own = this.threadCopy(e, env);
    if (own !== undefined) return own;
    const base = unwrapOptional(this.infer(e.base, env));
    if (base.kind === 'map') {
      this.expect(e.index, base.key, 'the index', env);
      return base.value;
    }
    if (base.kind === 'seq') {
      this.expect(e.index, INT, 'the index', env);
      return base.element;
    }
    this.infer(e.index, env);
    if (base.kind !== 'unknown')
      this.report('CS3005', e.base.span, { type: typeToString(base), operation: 'indexed' });
    return UNKNOWN;
  }

  /** `f->x`: a local of the procedure whose frame `f` is. */
  private arrow(e: Extract<Expr, { kind: 'ArrowExpr' }>, env: TEnv): Type {
    const base = unwrapOptional(this.infer(e.base, env));
    if (base.kind === 'unknown') return UNKNOWN;
    if (base.kind !== 'frame') {
      this.report('CS3005', e.base.span, {
        type: typeToString(base),
        operation: 'followed by `->` (it is not a frame)',
      });
      return UNKNOWN;
    }
    const proc = this.ctx.globals.lookup(base.procedure)?.decl;
    const scope = proc?.kind === 'ProcedureDecl' ? this.ctx.frameScopes.get(proc) : undefined;
    const sym = scope?.own(e.field.name);
    if (sym === undefined) {
      const names =
        scope
          ?.visible()
          .filter((s) => s.owner === proc)
          .map((s) => s.name)
          .sort() ?? [];
      this.report(
        'CS3007',
        e.field.span,
        { proc: base.procedure, field: e.field.name },
        hintOf(didYouMean(e.field.name, names)),
      );
      return UNKNOWN;
    }
    this.ctx.bind(e.field, sym);
    return this.symbolType(sym);
  }

  /** `c ? a : b`: the join of both branches. */
  private conditional(e: Extract<Expr, { kind: 'CondExpr' }>, env: TEnv): Type {
    this.expect(e.cond, BOOL, 'the condition', env);
    const a = this.infer(e.then, env);
    const b = this.infer(e.else, env);
    const j = join(a, b);
    if (j === undefined) {
      this.report('CS3006', e.span, {
        op: '? :',
        left: typeToString(a),
        right: typeToString(b),
      });
      return UNKNOWN;
    }
    return j;
  }

  /** A set or sequence literal: the join of its elements. */
  private collection(e: Extract<Expr, { kind: 'SetLit' | 'SeqLit' }>, env: TEnv): Type {
    let acc: Type = UNKNOWN;
    for (const el of e.elements) {
      const t = this.infer(el, env);
      const j = join(acc, t);
      if (j === undefined) {
        this.report('CS3008', el.span, {
          what: e.kind === 'SetLit' ? 'the set' : 'the sequence',
          left: typeToString(acc),
          right: typeToString(t),
        });
        acc = UNKNOWN;
        break;
      }
      acc = j;
    }
    return e.kind === 'SetLit' ? setOf(acc) : seqOf(acc);
  }

  /** `{x in S | p}`: a subset of `S`. */
  private setFilter(e: Extract<Expr, { kind: 'SetFilter' }>, env: TEnv): Type {
    const set = this.infer(e.set, env);
    this.bindBinders([e.binder], this.elementType(set, e.set, 'the filtered set'));
    this.expect(e.pred, BOOL, 'the filter', env);
    return set.kind === 'set' ? set : setOf(UNKNOWN);
  }

  /** `m[k] = v` on a map or sequence: the base's type. */
  private mapUpdate(e: Extract<Expr, { kind: 'MapUpdate' }>, env: TEnv): Type {
    const base = this.infer(e.base, env);
    const b = unwrapOptional(base);
    if (b.kind === 'map') {
      this.expect(e.key, b.key, 'the key', env);
      this.expect(e.value, b.value, 'the new value', env);
    } else if (b.kind === 'seq') {
      this.expect(e.key, INT, 'the index', env);
      this.expect(e.value, b.element, 'the new value', env);
    } else {
      this.infer(e.key, env);
      this.infer(e.value, env);
      if (b.kind !== 'unknown')
        this.report('CS3005', e.base.span, {
          type: typeToString(b),
          operation: 'updated with `[k] = v`',
        });
    }
    return base;
  }

  /**
   * `x[t]` on a thread variable is thread t's copy (the prelude's convention: a thread's own copy
   * is `x`, another's is `x[t]`). Taken when the index is a thread, or untyped (a macro parameter)
   * and the variable itself cannot be indexed.
   */
  protected threadCopy(e: Extract<Expr, { kind: 'IndexExpr' }>, env: TEnv): Type | undefined {
    // `x'[t]` in an action is `x[t]'`: the next value of thread t's copy.
    const b0 = unparen(e.base);
    const b = b0.kind === 'PrimedExpr' ? unparen(b0.base) : b0;
    if (b.kind !== 'NameExpr' || this.ctx.symbols.get(b)?.kind !== 'threadVar') return undefined;
    const varType = this.infer(e.base, env);
    const indexType = this.infer(e.index, env);
    const indexable = varType.kind === 'map' || varType.kind === 'seq';
    if (indexType.kind === 'thread' || (indexType.kind === 'unknown' && !indexable)) return varType;
    return undefined;
  }

  protected isStateVariablePath(e: Expr): boolean {
    const root = rootName(e);
    if (root === undefined) return false;
    const k = this.ctx.symbols.get(root)?.kind;
    return k === 'sharedVar' || k === 'threadVar';
  }
}
