// Test helper: what a process started and whether any of it outlived it, read from /proc. A
// watcher polls the tree below a root process while it runs (children, their children, the
// process groups they lead), so that a child left behind is found even after it has been
// reparented to init. Reads /proc only; it signals nothing.

import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc/<pid>/stat tells it; `start` tells a pid's reuse apart. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly start: string;
}

function readStat(pid: string): ProcInfo | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces or parentheses itself.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid: Number(pid),
      state: fields[0]!,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      start: fields[19]!,
    };
  } catch {
    return null;
  }
}

/** Every live process (zombies, already dead, left out). */
export function processes(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(readStat)
    .filter((p): p is ProcInfo => p !== null && p.state !== 'Z' && p.state !== 'X');
}

/** The command line of a process, or '' once it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** How many threads a process has (worker threads included), or 0 once it is gone. */
export function threadCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

/** The processes below `root` (not `root` itself) right now. */
export function descendants(root: number, all: readonly ProcInfo[] = processes()): ProcInfo[] {
  const below = new Set([root]);
  const found: ProcInfo[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Watches the tree below `root` until stopped; `seen` is everything it ever held. */
export function watchTree(root: number, everyMs = 50): { seen(): ProcInfo[]; stop(): void } {
  const seen = new Map<string, ProcInfo>();
  const look = (): void => {
    for (const p of descendants(root)) seen.set(`${p.pid}:${p.start}`, p);
  };
  look();
  const timer = setInterval(look, everyMs);
  return { seen: () => [...seen.values()], stop: () => clearInterval(timer) };
}

/**
 * The processes alive now that belong to a finished run: one it started (same pid and start
 * time), or any member of a process group that the run or one of its children led.
 */
export function survivors(root: number, seen: readonly ProcInfo[]): ProcInfo[] {
  const ids = new Set(seen.map((p) => `${p.pid}:${p.start}`));
  const groups = new Set([root, ...seen.map((p) => p.pgid)]);
  return processes().filter((p) => ids.has(`${p.pid}:${p.start}`) || groups.has(p.pgid));
}
