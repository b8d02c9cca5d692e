// Lock classes, as lockdep names them: one per lock variable or completion of the spec, whatever
// instance a step takes (`siglock[t]` and `siglock[self]` are both `siglock`; `ctx->done` is
// `done`). Says which step takes, waits on or completes which class, and which variables hold
// locks. Shared by the checker (`lock_order` names) and the lowering (the lock-order report).

import type { Expr, Stmt, TypeExpr } from '../syntax/ast.js';
import { stmtParts } from '../syntax/visit.js';
import { KERNEL_OPS } from './kernel-ops.js';

/** The prelude's lock and completion types a variable is declared with, by name. */
const LOCK_TYPES: ReadonlySet<string> = new Set(['Spinlock', 'Mutex', 'Rwsem']);
const COMPLETION_TYPE = 'Completion';

/** How a step touches a lock class: takes it, sleeps until it is completed, or completes it. */
export type LockStepKind = 'acquire' | 'wait' | 'complete';

export interface LockStep {
  readonly kind: LockStepKind;
  readonly lock: string;
}

const WAITS: ReadonlySet<string> = new Set([
  'wait_for_completion',
  'wait_for_completion_interruptible',
  'wait_for_completion_killable',
  'wait_for_completion_timeout',
]);
const COMPLETES: ReadonlySet<string> = new Set(['complete', 'complete_all']);

/** The class of the lock an argument names: the variable or frame field at its root, indices dropped. */
export function lockClassOf(e: Expr): string | undefined {
  switch (e.kind) {
    case 'NameExpr':
      return e.name.name;
    case 'IndexExpr':
      return lockClassOf(e.base);
    case 'FieldExpr':
    case 'ArrowExpr':
      return e.field.name;
    case 'ParenExpr':
      return lockClassOf(e.inner);
    default:
      return undefined;
  }
}

/**
 * What a statement does to a lock class: a call of a prelude lock operation (or one that may
 * fail) as the whole statement. Trylocks and RCU read sections are not followed.
 */
export function lockStepOf(stmt: Stmt): LockStep | undefined {
  const call = stmt.kind === 'FaultStmt' ? stmt.body : stmt;
  if (call.kind !== 'CallStmt') return undefined;
  const name = call.callee.name;
  const first = call.args[0];
  const lock = first === undefined ? undefined : lockClassOf(first);
  if (lock === undefined) return undefined;
  const op = KERNEL_OPS[name];
  if (op?.effect === 'acquire' && op.lock !== 'rcu') return { kind: 'acquire', lock };
  if (WAITS.has(name)) return { kind: 'wait', lock };
  if (COMPLETES.has(name)) return { kind: 'complete', lock };
  return undefined;
}

/** One lock operation of a step, in order: an `atomic` block's releases matter to what it takes next. */
export interface LockOp {
  readonly kind: LockStepKind | 'release';
  readonly lock: string;
  /**
   * Under a test inside an `atomic` block (`if`, `either`, `for`, a fault handler): whether it
   * runs depends on the state, so the search decides from the state the step reaches.
   */
  readonly conditional?: true;
}

/** The release of a lock class a statement makes (an unlock call as the whole statement). */
function releaseOf(stmt: Stmt): LockOp | undefined {
  const call = stmt.kind === 'FaultStmt' ? stmt.body : stmt;
  if (call.kind !== 'CallStmt') return undefined;
  const op = KERNEL_OPS[call.callee.name];
  const first = call.args[0];
  const lock = first === undefined ? undefined : lockClassOf(first);
  return op?.effect === 'release' && op.lock !== 'rcu' && lock !== undefined
    ? { kind: 'release', lock }
    : undefined;
}

/**
 * The lock operations of one step, in order: the statement's own, or an `atomic` block's (nested
 * blocks included). An operation under a test inside the block (`if`, `either`, `for`, a fault
 * handler) is marked conditional: the search follows it only where the step's successor shows it
 * ran (search/lock-order.ts), since an edge the step may not show would be a false report.
 */
export function lockOpsOf(stmt: Stmt): LockOp[] {
  if (stmt.kind !== 'AtomicStmt') {
    const own = lockStepOf(stmt);
    return own === undefined ? [] : [own];
  }
  const out: LockOp[] = [];
  const walk = (stmts: readonly Stmt[], conditional: boolean): void => {
    for (const s of stmts) {
      const op = lockStepOf(s) ?? releaseOf(s);
      if (op !== undefined) out.push(conditional ? { ...op, conditional: true } : op);
      // A fault's guarded call is the operation itself; its handler runs only when it fails.
      for (const p of stmtParts(s))
        if (p.role !== 'attempt') walk(p.stmts, conditional || p.role !== 'atomic');
    }
  };
  walk(stmt.body.stmts, false);
  return out;
}

/** True when a variable of this declared type is a lock whose value names its holders. */
export function isLockType(t: TypeExpr): boolean {
  return t.kind === 'NamedType' && LOCK_TYPES.has(t.name.name);
}

/** True when a variable of this declared type is a lock or a completion (a lock class). */
export function isLockClassType(t: TypeExpr): boolean {
  return isLockType(t) || (t.kind === 'NamedType' && t.name.name === COMPLETION_TYPE);
}
