// Test helper: whether a process still runs (a zombie waiting to be reaped does not), and
// waiting until a set of processes has gone. Reads /proc; it must not signal anything.
import { readFileSync } from 'node:fs';

/** True while the process exists and is not a zombie. */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name in parentheses, which may itself hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pids among `pids` still running after up to `ms` milliseconds. */
export async function survivors(pids: readonly number[], ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = pids.filter(running);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
