// The kernel operations the locking rules know, one line each: which lock an operation takes or
// releases, and whether it may sleep. Names are matched against calls to the prelude's macros
// and procedures (prelude/kernel.cred). Data only; docs/diagnostics.md lists the same names.

/** What kind of lock an operation works on. Spinlocks and RCU read sections are atomic context. */
export type LockKind = 'spinlock' | 'rwlock' | 'mutex' | 'rwsem' | 'rcu';

/** One kernel operation: its effect on the held locks and whether it may sleep. */
export interface KernelOp {
  /** `acquire`/`release` change the set of held locks; `none` only marks a sleeping operation. */
  readonly effect: 'acquire' | 'release' | 'none';
  readonly lock?: LockKind;
  /** True when the operation may sleep (so it must not run in atomic context). */
  readonly sleeps: boolean;
}

/** Lock kinds under which sleeping is a bug (atomic context). */
export const ATOMIC_CONTEXT: ReadonlySet<LockKind> = new Set(['spinlock', 'rwlock', 'rcu']);

/**
 * The table. The lock is named by the call's first argument (`spin_lock(t.siglock)`); an
 * operation without arguments (`rcu_read_lock()`) names the lock by its kind. Trylocks are not
 * listed: whether they took the lock depends on their result, which this analysis does not follow.
 */
export const KERNEL_OPS: Readonly<Record<string, KernelOp>> = {
  spin_lock: { effect: 'acquire', lock: 'spinlock', sleeps: false },
  spin_lock_irq: { effect: 'acquire', lock: 'spinlock', sleeps: false },
  spin_lock_irqsave: { effect: 'acquire', lock: 'spinlock', sleeps: false },
  spin_lock_bh: { effect: 'acquire', lock: 'spinlock', sleeps: false },
  raw_spin_lock: { effect: 'acquire', lock: 'spinlock', sleeps: false },
  spin_unlock: { effect: 'release', lock: 'spinlock', sleeps: false },
  spin_unlock_irq: { effect: 'release', lock: 'spinlock', sleeps: false },
  spin_unlock_irqrestore: { effect: 'release', lock: 'spinlock', sleeps: false },
  spin_unlock_bh: { effect: 'release', lock: 'spinlock', sleeps: false },
  raw_spin_unlock: { effect: 'release', lock: 'spinlock', sleeps: false },
  read_lock: { effect: 'acquire', lock: 'rwlock', sleeps: false },
  read_unlock: { effect: 'release', lock: 'rwlock', sleeps: false },
  write_lock: { effect: 'acquire', lock: 'rwlock', sleeps: false },
  write_unlock: { effect: 'release', lock: 'rwlock', sleeps: false },
  rcu_read_lock: { effect: 'acquire', lock: 'rcu', sleeps: false },
  rcu_read_unlock: { effect: 'release', lock: 'rcu', sleeps: false },
  mutex_lock: { effect: 'acquire', lock: 'mutex', sleeps: true },
  mutex_lock_interruptible: { effect: 'acquire', lock: 'mutex', sleeps: true },
  mutex_lock_killable: { effect: 'acquire', lock: 'mutex', sleeps: true },
  mutex_lock_nested: { effect: 'acquire', lock: 'mutex', sleeps: true },
  mutex_unlock: { effect: 'release', lock: 'mutex', sleeps: false },
  down_write: { effect: 'acquire', lock: 'rwsem', sleeps: true },
  down_write_killable: { effect: 'acquire', lock: 'rwsem', sleeps: true },
  down_read: { effect: 'acquire', lock: 'rwsem', sleeps: true },
  down_read_killable: { effect: 'acquire', lock: 'rwsem', sleeps: true },
  down_read_interruptible: { effect: 'acquire', lock: 'rwsem', sleeps: true },
  up_write: { effect: 'release', lock: 'rwsem', sleeps: false },
  up_read: { effect: 'release', lock: 'rwsem', sleeps: false },
  wait_for_completion: { effect: 'none', sleeps: true },
  wait_for_completion_interruptible: { effect: 'none', sleeps: true },
  wait_for_completion_killable: { effect: 'none', sleeps: true },
  wait_for_completion_timeout: { effect: 'none', sleeps: true },
  synchronize_rcu: { effect: 'none', sleeps: true },
  msleep: { effect: 'none', sleeps: true },
  schedule: { effect: 'none', sleeps: true },
  might_sleep: { effect: 'none', sleeps: true },
  // GFP_KERNEL allocation (kernel/cred.c: prepare_creds -> kmem_cache_alloc(cred_jar, GFP_KERNEL)).
  prepare_creds: { effect: 'none', sleeps: true },
};

/** How a held lock is named in messages. */
export function describeLock(kind: LockKind, key: string): string {
  return kind === 'rcu' ? 'an RCU read section' : `${kind} \`${key}\``;
}
