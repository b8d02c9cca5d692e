// Kernel locking rules a reviewer checks by eye: sleeping while a spinlock (or RCU read section)
// is held, and returning to user space (end of a process body, `exit`) with a lock held.
// A forward "may be held" flow analysis over each process and procedure body; which calls take,
// release or sleep comes from kernel-ops.ts. Reports CS4101 and CS4102; needs bound names.

import type {
  Block,
  Expr,
  ForStmt,
  Ident,
  IfStmt,
  MacroDecl,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
  VariantDecl,
  WhileStmt,
} from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { CheckContext } from './context.js';
import { leaves } from './check-steps.js';
import { ATOMIC_CONTEXT, KERNEL_OPS, describeLock, type LockKind } from './kernel-ops.js';
import { printExpr } from './print-expr.js';
import { forEachStmt, onStmt, stmtParts, type StmtCases } from '../syntax/visit.js';

/** A lock that may be held: its kind and the call that took it. */
interface Held {
  readonly kind: LockKind;
  readonly key: string;
  readonly at: Span;
}

/** Locks that may be held at a point, by key; undefined when the point cannot be reached. */
type State = ReadonlyMap<string, Held> | undefined;

/** What `break` and `continue` in one loop's body carry out of it. */
interface LoopExits {
  breaks: State;
  continues: State;
}

/**
 * Analyses every process and procedure body of the program, and each body as a variant changes
 * it with `override step` (a variant that takes a lock in an overridden step is checked too).
 */
export function checkKernelRules(ctx: CheckContext): void {
  const a = new LockAnalysis(ctx);
  for (const { decl } of ctx.bodies) {
    if (decl.kind === 'ProcessDecl' || decl.kind === 'ProcedureDecl')
      ctx.guard('kernel locking rules', decl, () => a.body(decl));
  }
  for (const v of ctx.variants.values()) {
    for (const [owner, steps] of stepOverrides(ctx, v)) {
      ctx.guard('kernel locking rules', owner, () =>
        a.body({ ...owner, body: replaceSteps(owner.body, steps) }),
      );
    }
  }
}

/** The step overrides in effect in a variant (its ancestors' first, its own last), by owner. */
function stepOverrides(
  ctx: CheckContext,
  v: VariantDecl,
): Map<ProcessDecl | ProcedureDecl, Map<string, Stmt>> {
  const chain: VariantDecl[] = [];
  for (let cur: VariantDecl | undefined = v; cur !== undefined && !chain.includes(cur); ) {
    chain.unshift(cur);
    cur = cur.extends === undefined ? undefined : ctx.variants.get(cur.extends.name);
  }
  const out = new Map<ProcessDecl | ProcedureDecl, Map<string, Stmt>>();
  for (const variant of chain) {
    for (const m of variant.members) {
      if (m.kind !== 'StepOverride') continue;
      const owner = ctx.symbols.get(m.owner)?.decl;
      if (owner?.kind !== 'ProcessDecl' && owner?.kind !== 'ProcedureDecl') continue;
      const steps = out.get(owner) ?? new Map<string, Stmt>();
      steps.set(m.label.name, m.stmt);
      out.set(owner, steps);
    }
  }
  return out;
}

/** A copy of the block with each labelled step named in `steps` replaced (nested ones too). */
function replaceSteps(b: Block, steps: ReadonlyMap<string, Stmt>): Block {
  return { ...b, stmts: b.stmts.map((s) => replaceStep(s, steps)) };
}

function replaceStep(s: Stmt, steps: ReadonlyMap<string, Stmt>): Stmt {
  const label = s.label?.name;
  const replacement = label === undefined ? undefined : steps.get(label);
  return replacement ?? onStmt(s, REPLACE_NESTED, steps);
}

/** An `if` with its branches' steps replaced; an `else if` has no label of its own. */
function replaceInIf(s: IfStmt, steps: ReadonlyMap<string, Stmt>): IfStmt {
  const rest =
    s.else === undefined
      ? undefined
      : s.else.kind === 'Block'
        ? replaceSteps(s.else, steps)
        : replaceInIf(s.else, steps);
  return { ...s, then: replaceSteps(s.then, steps), else: rest };
}

const unchanged = (s: Stmt): Stmt => s;

/** A statement with the steps nested in it replaced (a fault point's guarded statement is not a step of its own). */
const REPLACE_NESTED: StmtCases<Stmt, [ReadonlyMap<string, Stmt>]> = {
  IfStmt: replaceInIf,
  WhileStmt: (s, steps) => ({ ...s, body: replaceSteps(s.body, steps) }),
  ForStmt: (s, steps) => ({ ...s, body: replaceSteps(s.body, steps) }),
  AtomicStmt: (s, steps) => ({ ...s, body: replaceSteps(s.body, steps) }),
  EitherStmt: (s, steps) => ({ ...s, branches: s.branches.map((x) => replaceSteps(x, steps)) }),
  FaultStmt: (s, steps) => ({ ...s, handler: replaceSteps(s.handler, steps) }),
  AssignStmt: unchanged,
  AnyAssignStmt: unchanged,
  AwaitStmt: unchanged,
  AssertStmt: unchanged,
  SkipStmt: unchanged,
  CallStmt: unchanged,
  ReturnStmt: unchanged,
  CloneStmt: unchanged,
  ExitStmt: unchanged,
  BreakStmt: unchanged,
  ContinueStmt: unchanged,
  ErrorStmt: unchanged,
};

class LockAnalysis {
  private readonly sleepy = new Map<ProcedureDecl | MacroDecl, boolean>();
  private reported = new Set<string>();
  /** Macros being followed, so a recursive macro (reported by check-steps.ts) does not loop. */
  private readonly inMacro = new Set<MacroDecl>();

  constructor(private readonly ctx: CheckContext) {}

  body(decl: ProcessDecl | ProcedureDecl): void {
    this.reported = new Set();
    const end = this.block(decl.body, new Map(), new Map());
    if (decl.kind !== 'ProcessDecl' || end === undefined) return;
    for (const h of sorted(end)) {
      this.once(`end|${h.key}`, () =>
        this.ctx.report(
          'CS4102',
          h.at,
          { where: `the end of process \`${decl.name.name}\``, lock: describeLock(h.kind, h.key) },
          {
            related: [
              {
                span: decl.name.span,
                note: `process \`${decl.name.name}\` ends with the lock held`,
              },
            ],
          },
        ),
      );
    }
  }

  /** The states at `break` and `continue` of each loop being walked, innermost last. */
  private readonly loops: LoopExits[] = [];

  private once(key: string, fn: () => void): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    fn();
  }

  private block(b: Block, state: State, subst: ReadonlyMap<string, string>): State {
    let s = state;
    for (const stmt of b.stmts) {
      if (s === undefined) return undefined;
      s = this.stmt(stmt, s, subst);
    }
    return s;
  }

  private stmt(st: Stmt, s: ReadonlyMap<string, Held>, subst: ReadonlyMap<string, string>): State {
    return onStmt(st, this.flow, s, subst);
  }

  /** What each kind of statement does to the locks that may be held (undefined: control does not go on). */
  private readonly flow: StmtCases<
    State,
    [ReadonlyMap<string, Held>, ReadonlyMap<string, string>]
  > = {
    CallStmt: (st, s, subst) => this.call(st.callee, st.args, s, subst),
    AwaitStmt: (st, s) => {
      // A plain `await` step blocks the thread: it sleeps. (An `await` first in an atomic block
      // is the guard of one step, as in spin_lock's own definition, and is not looked at here.)
      this.sleepCheck(s, st.span, '`await`');
      return s;
    },
    AtomicStmt: (st, s, subst) => this.atomic(st.body, s, subst),
    IfStmt: (st, s, subst) => {
      const t = this.block(st.then, s, subst);
      const e =
        st.else === undefined
          ? s
          : st.else.kind === 'Block'
            ? this.block(st.else, s, subst)
            : this.stmt(st.else, s, subst);
      return union(t, e);
    },
    EitherStmt: (st, s, subst) =>
      st.branches.map((b) => this.block(b, s, subst)).reduce(union, undefined),
    WhileStmt: (st, s, subst) => this.loop(st, s, subst),
    ForStmt: (st, s, subst) => this.loop(st, s, subst),
    BreakStmt: (_st, s) => {
      const loop = this.loops[this.loops.length - 1];
      if (loop !== undefined) loop.breaks = union(loop.breaks, s);
      return undefined;
    },
    ContinueStmt: (_st, s) => {
      const loop = this.loops[this.loops.length - 1];
      if (loop !== undefined) loop.continues = union(loop.continues, s);
      return undefined;
    },
    FaultStmt: (st, s, subst) =>
      union(this.stmt(st.body, s, subst), this.block(st.handler, s, subst)),
    ExitStmt: (st, s) => {
      for (const h of sorted(s)) {
        this.once(`exit|${st.span.start.offset}|${h.key}`, () =>
          this.ctx.report(
            'CS4102',
            st.span,
            { where: '`exit`', lock: describeLock(h.kind, h.key) },
            {
              related: [{ span: h.at, note: 'the lock is taken here' }],
            },
          ),
        );
      }
      return undefined;
    },
    ReturnStmt: () => undefined,
    AssignStmt: (_st, s) => s,
    AnyAssignStmt: (_st, s) => s,
    AssertStmt: (_st, s) => s,
    SkipStmt: (_st, s) => s,
    CloneStmt: (_st, s) => s,
    ErrorStmt: (_st, s) => s,
  };

  /** `break` and `continue` end a path through the body; their states join the loop's exit and the next iteration. */
  private loop(
    st: WhileStmt | ForStmt,
    s: ReadonlyMap<string, Held>,
    subst: ReadonlyMap<string, string>,
  ): State {
    const exits: LoopExits = { breaks: undefined, continues: undefined };
    this.loops.push(exits);
    let cur: State = s;
    for (let i = 0; i < 64; i++) {
      const next = union(cur, union(this.block(st.body, cur, subst), exits.continues));
      if (sameState(next, cur)) break;
      cur = next;
    }
    this.loops.pop();
    return union(leaves(st) ? undefined : cur, exits.breaks);
  }

  /** Inside one atomic step nothing sleeps; only the lock operations of inlined macros count. */
  private atomic(
    b: Block,
    s: ReadonlyMap<string, Held>,
    subst: ReadonlyMap<string, string>,
  ): State {
    let cur: State = s;
    forEachStmt(b, (x) => {
      if (cur !== undefined && x.kind === 'CallStmt') cur = this.call(x.callee, x.args, cur, subst);
    });
    return cur;
  }

  private call(
    callee: Ident,
    args: readonly Expr[],
    s: ReadonlyMap<string, Held>,
    subst: ReadonlyMap<string, string>,
  ): State {
    const op = KERNEL_OPS[callee.name];
    const sym = this.ctx.symbols.get(callee);
    if (
      op !== undefined &&
      (sym === undefined || sym.kind === 'macro' || sym.kind === 'procedure')
    ) {
      if (op.sleeps) this.sleepCheck(s, callee.span, `\`${callee.name}\``);
      if (op.effect === 'none' || op.lock === undefined) return s;
      const [lockArg] = args;
      const key = lockArg !== undefined ? printExpr(lockArg, subst) : op.lock;
      const next = new Map(s);
      if (op.effect === 'acquire') next.set(key, { kind: op.lock, key, at: callee.span });
      else next.delete(key);
      return next;
    }
    if (sym?.kind === 'macro' && sym.decl?.kind === 'MacroDecl') {
      // A user macro is inlined: follow its body with its parameters replaced by the arguments.
      const m = sym.decl;
      const inner = new Map(subst);
      m.params.forEach((p, i) => {
        const arg = args[i];
        if (arg !== undefined) inner.set(p.name, printExpr(arg, subst));
      });
      if (this.inMacro.has(m)) return s;
      this.inMacro.add(m);
      const out = this.atomic(m.body, s, inner);
      this.inMacro.delete(m);
      return out;
    }
    if (
      sym?.kind === 'procedure' &&
      sym.decl?.kind === 'ProcedureDecl' &&
      this.maySleep(sym.decl)
    ) {
      this.sleepCheck(s, callee.span, `the call to \`${callee.name}\``);
    }
    return s;
  }

  private sleepCheck(s: ReadonlyMap<string, Held>, at: Span, step: string): void {
    const h = sorted(s).find((x) => ATOMIC_CONTEXT.has(x.kind));
    if (h === undefined) return;
    this.once(`sleep|${at.start.offset}`, () =>
      this.ctx.report(
        'CS4101',
        at,
        { step, lock: describeLock(h.kind, h.key) },
        { related: [{ span: h.at, note: 'the lock is taken here' }] },
      ),
    );
  }

  /** True when a procedure may sleep: a plain `await`, a sleeping operation, or a call that may sleep. */
  private maySleep(d: ProcedureDecl | MacroDecl): boolean {
    const known = this.sleepy.get(d);
    if (known !== undefined) return known;
    this.sleepy.set(d, false); // recursion is reported elsewhere; assume no sleep while deciding
    let result = false;
    const visit = (stmts: readonly Stmt[], inAtomic: boolean): void => {
      for (const st of stmts) {
        if (result) return;
        if (st.kind === 'AwaitStmt' && !inAtomic && d.kind === 'ProcedureDecl') result = true;
        if (st.kind === 'CallStmt') {
          const op = KERNEL_OPS[st.callee.name];
          const sym = this.ctx.symbols.get(st.callee);
          if (op?.sleeps) result = true;
          else if (
            (sym?.decl?.kind === 'ProcedureDecl' || sym?.decl?.kind === 'MacroDecl') &&
            this.maySleep(sym.decl)
          )
            result = true;
        }
        for (const p of stmtParts(st)) visit(p.stmts, inAtomic || p.role === 'atomic');
      }
    };
    visit(d.body.stmts, d.kind === 'MacroDecl');
    this.sleepy.set(d, result);
    return result;
  }
}

function union(a: State, b: State): State {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out = new Map(a);
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

function sameState(a: State, b: State): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

/** Held locks in a stable order: by where they were taken. */
function sorted(s: ReadonlyMap<string, Held>): Held[] {
  return [...s.values()].sort(
    (x, y) => x.at.start.offset - y.at.start.offset || (x.key < y.key ? -1 : 1),
  );
}
