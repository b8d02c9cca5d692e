// The locks a thread surely holds at each step of a process or procedure body: a forward "must
// be held" walk (intersection where paths join), with the lock operations of kernel-ops.ts. A
// body starts with the locks given (for a procedure, those every one of its calls holds: see
// check-granularity.ts), so the result never claims a lock that is not held. Locks are named by
// the call's first argument as written.

import type { Block, Stmt } from '../syntax/ast.js';
import { KERNEL_OPS } from './kernel-ops.js';
import { printExpr } from './print-expr.js';
import { onStmt, type StmtCases } from '../syntax/visit.js';

type Held = ReadonlySet<string>;

/** Every step of `body` (not the statements inside an `atomic` block) with the locks held when it runs, in source order. */
export function heldLocksBySteps(body: Block, entry: Held = new Set()): ReadonlyMap<Stmt, Held> {
  const out = new Map<Stmt, Held>();
  walk(body.stmts, entry, out);
  return out;
}

function walk(stmts: readonly Stmt[], held: Held, out: Map<Stmt, Held>): Held {
  let h = held;
  for (const s of stmts) h = step(s, h, out);
  return h;
}

function step(s: Stmt, held: Held, out: Map<Stmt, Held>): Held {
  out.set(s, held);
  return onStmt(s, FLOW, held, out);
}

function meet(a: Held, b: Held): Held {
  return new Set([...a].filter((k) => b.has(k)));
}

/** A loop body runs from the entry's locks or from its own end's: walked again from their meet. */
function loop(body: Block, held: Held, out: Map<Stmt, Held>): Held {
  const entry = meet(held, walk(body.stmts, held, out));
  return meet(entry, walk(body.stmts, entry, out));
}

const same = (_: Stmt, held: Held): Held => held;

/** The locks held after each kind of step (its nested steps recorded on the way). */
const FLOW: StmtCases<Held, [Held, Map<Stmt, Held>]> = {
  CallStmt: (s, held) => {
    const op = KERNEL_OPS[s.callee.name];
    if (op === undefined || op.effect === 'none') return held;
    const first = s.args[0];
    const key = first === undefined ? (op.lock ?? s.callee.name) : printExpr(first, new Map());
    const next = new Set(held);
    if (op.effect === 'acquire') next.add(key);
    else next.delete(key);
    return next;
  },
  IfStmt: (s, held, out) => {
    const t = walk(s.then.stmts, held, out);
    if (s.else === undefined) return meet(t, held);
    const e = s.else.kind === 'Block' ? walk(s.else.stmts, held, out) : step(s.else, held, out);
    return meet(t, e);
  },
  WhileStmt: (s, held, out) => loop(s.body, held, out),
  ForStmt: (s, held, out) => loop(s.body, held, out),
  EitherStmt: (s, held, out) => s.branches.map((b) => walk(b.stmts, held, out)).reduce(meet, held),
  FaultStmt: (s, held, out) => meet(onStmt(s.body, FLOW, held, out), held),
  AtomicStmt: same,
  AssignStmt: same,
  AnyAssignStmt: same,
  AwaitStmt: same,
  AssertStmt: same,
  SkipStmt: same,
  ReturnStmt: same,
  CloneStmt: same,
  ExitStmt: same,
  BreakStmt: same,
  ContinueStmt: same,
  ErrorStmt: same,
};
