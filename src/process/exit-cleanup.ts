// The one thing this process does on its way out, however it goes (a return from main, a
// `process.exit`, an uncaught error, a second Ctrl-C): end every child process group still alive
// and remove every temporary folder still recorded. Synchronous, because an `exit` listener
// cannot wait. The registries (process-groups.ts, temp-dirs.ts) hand their cleanup in when they
// first record something, so the hook exists exactly when there is something to clean up.

/** What may be left at exit, in the order it goes: children first, as they may still be writing in the folders. */
type Leftover = 'groups' | 'folders';
const ORDER: readonly Leftover[] = ['groups', 'folders'];

const cleanups = new Map<Leftover, () => void>();

/** Runs `cleanUp` on exit for what `leftover` names; the first call installs the exit listener. */
export function cleanUpOnExit(leftover: Leftover, cleanUp: () => void): void {
  if (cleanups.size === 0) process.on('exit', cleanUpNow);
  cleanups.set(leftover, cleanUp);
}

/** Kills what is left and removes the temporary folders now, synchronously: the last thing before exit. */
export function cleanUpNow(): void {
  for (const leftover of ORDER) cleanups.get(leftover)?.();
}
