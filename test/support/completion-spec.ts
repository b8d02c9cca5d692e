// Test helper: the spec text of a completion waited on under a lock. A waits for `ready` holding
// m once B is done; `b` is B's body before its last step, which sets `b_done`: how B completes
// `ready` with m held decides whether the order graph has a cycle.

/** The spec `name` with process B's steps `b` (indented lines) before `done: b_done := true`. */
export function completionSpec(name: string, b: string): string {
  return `spec ${name}

import kernel

shared var m: Mutex = MUTEX_INIT
shared var ready: Completion = COMPLETION_INIT
shared var b_done: bool = false

process A[1] {
  start: await b_done
  take: mutex_lock(m)
  wait: wait_for_completion(ready)
  drop: mutex_unlock(m)
}

process B[1] {
${b}
  done: b_done := true
}

expect base: holds
`;
}
