// What one step reads and writes of the state other threads can see: shared variables, thread
// variables (a thread's own copy or another's, `x[t]`) and fields of a call's frame (`ctx->x`
// from another thread, `x` from the call's own; fields are told apart by name only). Macro calls are followed into their bodies with the arguments in place of the
// parameters. Locations are whole variables (`x.f` counts as `x`), except that the first index
// of a shared function or array is kept as an element: `x[self]` of two threads never alias,
// `x[1]` and `x[2]` never do, nor does a fresh slot of an id pool with an id handed out before
// (alloc-indices.ts). Locals are skipped, except that the writes of a step are noted for that.
//
// The embedded engine's partial-order reduction reads accesses too (src/engine/search/por/
// accesses.ts), but off the emitted TLA+, not from here: the engine must judge independence on
// the module it checks, with what lowering adds (pc, frames, the call stack, fault and wait
// bookkeeping), and this table speaks of the spec's steps, texts and macro bodies, which the
// emitted actions no longer separate. So the two are not one table.

import type { Expr, Ident, MacroDecl, Stmt } from '../syntax/ast.js';
import { type Allocations, plusOne, type Provenance, type StepAssign } from './alloc-indices.js';
import type { CheckContext } from './context.js';
import { printExpr } from './print-expr.js';
import type { SymbolInfo } from './scopes.js';
import {
  childExprs,
  onStmt,
  stmtExprs,
  stmtParts,
  type StmtCases,
  unparen,
} from '../syntax/visit.js';

/**
 * Which element of a shared function or array an access names by its first index: the running
 * thread's own (`self`), one fixed by a literal or an enum member, or any the index may evaluate to.
 */
export type Element =
  | { readonly kind: 'self' }
  | { readonly kind: 'value'; readonly text: string }
  | { readonly kind: 'any'; readonly from?: Provenance };

/** One access of a step. `own`: the running thread's own copy of a thread variable. */
export interface Access {
  readonly key: string;
  readonly text: string;
  readonly write: boolean;
  readonly own: boolean;
  /** For an indexed shared variable, the element its first index names. */
  readonly element?: Element;
}

/** An access with the assignments of its step, to tell fresh slots (alloc-indices.ts). */
export interface Placed {
  readonly access: Access;
  readonly assigns: readonly StepAssign[];
}

/**
 * Whether two accesses, run by two different threads, may touch the same location. With
 * `allocs`, a fresh slot of an id pool is apart from an element named by an id handed out before.
 */
export function mayAlias(a: Placed, b: Placed, allocs?: Allocations): boolean {
  if (a.access.key !== b.access.key || (a.access.own && b.access.own)) return false;
  const [x, y] = [a.access.element, b.access.element];
  if (x === undefined || y === undefined) return true;
  if (x.kind === 'self' && y.kind === 'self') return false;
  if (allocs !== undefined && x.kind === 'any' && y.kind === 'any') {
    const [p, q] = [x.from, y.from];
    if (p !== undefined && allocs.fresh(p, a.assigns) && allocs.apart(p, q)) return false;
    if (q !== undefined && allocs.fresh(q, b.assigns) && allocs.apart(q, p)) return false;
  }
  return !(x.kind === 'value' && y.kind === 'value' && x.text !== y.text);
}

/** An access only the running thread's own copy or element: shared only through another's. */
export function isPrivate(a: Access): boolean {
  return a.own || a.element?.kind === 'self';
}

/** A macro parameter's argument, and the bindings it is read under. */
interface Arg {
  readonly expr: Expr;
  readonly subst: Subst;
}

type Subst = ReadonlyMap<SymbolInfo, Arg>;

const NONE: Subst = new Map();

/** Collects the accesses of steps; one per checker run and variant. */
export class AccessCollector {
  private readonly active = new Set<MacroDecl>();
  private assigns: StepAssign[] = [];
  private seq = 0;

  /** `overrides`: the macros a variant replaces, by name (calls resolve to the base ones otherwise). */
  constructor(
    private readonly ctx: CheckContext,
    private readonly overrides: ReadonlyMap<string, MacroDecl> = new Map(),
  ) {}

  /**
   * The accesses of one step (all of an `atomic` block or fault point, only the test of an `if`
   * or loop) and the variables it assigns, in the order it does.
   */
  placedStep(s: Stmt): { accesses: Access[]; assigns: StepAssign[] } {
    const out: Access[] = [];
    this.assigns = [];
    this.seq = 0;
    this.stmt(s, NONE, out, false);
    return { accesses: out, assigns: this.assigns };
  }

  /** Notes that a step writes `target` (the variable it names), with what. */
  private note(target: Expr, value: Expr | undefined, subst: Subst): void {
    const sym = this.varOf(target, subst);
    if (sym === undefined) return;
    const whole = this.varOf(target, subst, true) !== undefined;
    const base = value === undefined || !whole ? undefined : plusOne(value);
    const next = base === undefined ? undefined : this.varOf(base, subst, true);
    this.assigns.push({
      target: sym,
      next: next?.kind === 'sharedVar' ? next : undefined,
      seq: this.seq++,
    });
  }

  /** The variable an expression names, through macro parameters; with `plain`, unindexed only. */
  private varOf(e: Expr, subst: Subst, plain = false): SymbolInfo | undefined {
    const u = unparen(e);
    const arg = this.argOf(u, subst);
    if (arg !== undefined) return this.varOf(arg.expr, arg.subst, plain);
    if (u.kind === 'NameExpr') return this.ctx.symbols.get(u);
    if (plain) return undefined;
    if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return this.varOf(u.base, subst);
    return undefined;
  }

  /** A statement's own accesses; with `deep`, those of the statements nested in it too. */
  private stmt(s: Stmt, subst: Subst, out: Access[], deep: boolean): void {
    onStmt(s, this.cases, subst, out);
    const inner = deep || s.kind === 'AtomicStmt' || s.kind === 'FaultStmt';
    if (!inner) return;
    for (const p of stmtParts(s)) {
      // A fault point's guarded statement is handled with the fault point's own accesses.
      if (p.role === 'attempt') continue;
      for (const n of p.stmts) this.stmt(n, subst, out, true);
    }
  }

  private readonly cases: StmtCases<void, [Subst, Access[]]> = {
    AssignStmt: (s, subst, out) => {
      this.write(s.target, subst, out);
      this.read(s.value, subst, out);
      this.note(s.target, s.value, subst);
    },
    AnyAssignStmt: (s, subst, out) => {
      this.note(s.target, undefined, subst);
      this.write(s.target, subst, out);
      this.read(s.set, subst, out);
      if (s.where !== undefined) this.read(s.where, subst, out);
    },
    CallStmt: (s, subst, out) => {
      const m = this.macroOf(s.callee);
      if (m === undefined) for (const a of s.args) this.read(a, subst, out);
      else this.macro(m, s.args, subst, out);
      if (s.target !== undefined) {
        this.note(s.target, undefined, subst);
        this.write(s.target, subst, out);
      }
    },
    CloneStmt: (s, subst, out) => {
      if (s.target !== undefined) {
        this.note(s.target, undefined, subst);
        this.write(s.target, subst, out);
      }
    },
    FaultStmt: (s, subst, out) => {
      this.stmt(s.body, subst, out, false);
      if (s.when !== undefined) this.read(s.when, subst, out);
    },
    AwaitStmt: (s, subst, out) => this.reads(s, subst, out),
    AssertStmt: (s, subst, out) => this.reads(s, subst, out),
    SkipStmt: () => undefined,
    IfStmt: (s, subst, out) => this.read(s.cond, subst, out),
    WhileStmt: (s, subst, out) => this.read(s.cond, subst, out),
    ForStmt: (s, subst, out) => this.read(s.set, subst, out),
    EitherStmt: () => undefined,
    AtomicStmt: () => undefined,
    ReturnStmt: (s, subst, out) => this.reads(s, subst, out),
    ExitStmt: () => undefined,
    BreakStmt: () => undefined,
    ContinueStmt: () => undefined,
    ErrorStmt: () => undefined,
  };

  private reads(s: Stmt, subst: Subst, out: Access[]): void {
    for (const e of stmtExprs(s)) this.read(e, subst, out);
  }

  private macroOf(callee: Ident): MacroDecl | undefined {
    const sym = this.ctx.symbols.get(callee);
    if (sym?.kind !== 'macro' || sym.decl?.kind !== 'MacroDecl') return undefined;
    return this.overrides.get(sym.name) ?? sym.decl;
  }

  /** A macro instance: its body's accesses with each parameter read as its argument. */
  private macro(m: MacroDecl, args: readonly Expr[], outer: Subst, out: Access[]): void {
    if (this.active.has(m)) return;
    this.active.add(m);
    const subst = new Map<SymbolInfo, Arg>();
    m.params.forEach((p, i) => {
      const sym = this.ctx.declared.get(p);
      const expr = args[i];
      if (sym !== undefined && expr !== undefined) subst.set(sym, { expr, subst: outer });
    });
    for (const s of m.body.stmts) this.stmt(s, subst, out, true);
    this.active.delete(m);
  }

  private write(target: Expr, subst: Subst, out: Access[]): void {
    const l = this.loc(target, subst);
    if (l !== undefined) out.push({ ...l, write: true });
    this.indexReads(target, subst, out);
  }

  /** The expressions a target reads: its indices, and the frame reference of `p->x`. */
  private indexReads(target: Expr, subst: Subst, out: Access[]): void {
    const u = unparen(target);
    if (u.kind === 'IndexExpr') {
      this.read(u.index, subst, out);
      this.indexReads(u.base, subst, out);
    } else if (u.kind === 'FieldExpr') this.indexReads(u.base, subst, out);
    else if (u.kind === 'ArrowExpr') this.read(u.base, subst, out);
  }

  private read(e: Expr, subst: Subst, out: Access[]): void {
    const u = unparen(e);
    if (u.kind === 'CallExpr') {
      const m = this.macroOf(u.callee);
      if (m !== undefined) {
        this.macro(m, u.args, subst, out);
        return;
      }
    }
    const l = this.loc(u, subst);
    if (l !== undefined) {
      out.push({ ...l, write: false });
      this.indexReads(u, subst, out);
      return;
    }
    const arg = this.argOf(u, subst);
    if (arg !== undefined) {
      this.read(arg.expr, arg.subst, out);
      return;
    }
    for (const c of childExprs(u)) this.read(c, subst, out);
  }

  private argOf(e: Expr, subst: Subst): Arg | undefined {
    if (e.kind !== 'NameExpr') return undefined;
    const sym = this.ctx.symbols.get(e);
    return sym === undefined ? undefined : subst.get(sym);
  }

  /** The variable an expression names as a location, if other threads can see it. */
  private loc(e: Expr, subst: Subst): Omit<Access, 'write'> | undefined {
    const u = unparen(e);
    switch (u.kind) {
      case 'NameExpr': {
        const arg = this.argOf(u, subst);
        if (arg !== undefined) return this.loc(arg.expr, arg.subst);
        const sym = this.ctx.symbols.get(u);
        if (sym?.kind === 'sharedVar')
          return { key: `shared:${sym.name}`, text: sym.name, own: false };
        if (sym?.kind === 'threadVar')
          return { key: `thread:${sym.name}`, text: sym.name, own: true };
        // A call's local is its own, but other threads reach it through a frame (`ctx->x`).
        if (sym?.kind === 'frameVar')
          return { key: `frame:${sym.name}`, text: sym.name, own: true };
        return undefined;
      }
      case 'IndexExpr': {
        const base = this.loc(u.base, subst);
        if (base?.key.startsWith('shared:') === true && base.element === undefined)
          return { ...base, element: this.element(u.index, subst) };
        // Only the first index of a thread variable picks a copy: `x[self][t]` is an element of the own one.
        const copy = unparen(u.base).kind === 'NameExpr';
        if (base === undefined || !base.own || !copy || !this.foreignThread(u.index, subst))
          return base;
        return { ...base, own: false, text: `${base.text}[${printExpr(u.index)}]` };
      }
      case 'FieldExpr':
        return this.loc(u.base, subst);
      case 'ArrowExpr':
        return {
          key: `frame:${u.field.name}`,
          text: `${printExpr(u.base)}->${u.field.name}`,
          own: false,
        };
      default:
        return undefined;
    }
  }

  /** The element an index of a shared variable names (arguments read in their caller's bindings). */
  private element(index: Expr, subst: Subst): Element {
    const u = unparen(index);
    const arg = this.argOf(u, subst);
    if (arg !== undefined) return this.element(arg.expr, arg.subst);
    if (u.kind === 'SelfExpr') return { kind: 'self' };
    if (u.kind === 'IntLit' || u.kind === 'BoolLit') return { kind: 'value', text: printExpr(u) };
    const sym = u.kind === 'NameExpr' ? this.ctx.symbols.get(u) : undefined;
    // An enum member is its own value; a constant may equal a literal elsewhere, so it is `any`.
    if (sym?.kind === 'enumMember') return { kind: 'value', text: sym.name };
    if (sym?.kind === 'frameVar') return { kind: 'any', from: { kind: 'var', sym } };
    const base = plusOne(u);
    const counter = base === undefined ? undefined : this.varOf(base, subst, true);
    if (counter?.kind === 'sharedVar')
      return { kind: 'any', from: { kind: 'next', counter, seq: this.seq++ } };
    return { kind: 'any' };
  }

  /** An index that names a thread other than `self` (so `x[t]` is another thread's copy). */
  private foreignThread(index: Expr, subst: Subst): boolean {
    const u = unparen(index);
    if (u.kind === 'SelfExpr') return false;
    const arg = this.argOf(u, subst);
    if (arg !== undefined) return this.foreignThread(arg.expr, arg.subst);
    return this.ctx.types.get(index)?.kind === 'thread';
  }
}
