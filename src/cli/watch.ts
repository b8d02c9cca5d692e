// Watch mode (`check --watch`, `ci --watch`): runs the command once, then again whenever a spec
// or a file it imports changes, on the specs that change affects only. Files are watched through
// chokidar (the operating system's change notifications, no polling). On a terminal a run's
// report replaces the previous one only once it is complete, so the last result stays on screen
// while the next run works; in a pipe reports follow one another. Watching ends when the run is
// interrupted (Ctrl-C aborts `io.signal`): the watcher closes and the last run's exit code is
// returned (the process then exits as any interrupted run does, 130 for Ctrl-C).

import { basename, relative, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';
import { PRELUDE_DISPLAY_DIR } from '../syntax/load.js';
import { expandInputs, type LoadSettings, loadSpec } from './spec-inputs.js';
import { MissingImports } from './watch-missing.js';

/** What watch mode needs from the command it repeats. */
export interface WatchedCommand {
  readonly name: 'check' | 'ci';
  /** The command line's inputs: spec files and folders. */
  readonly inputs: readonly string[];
  readonly load: LoadSettings;
  /**
   * Runs the command on these spec files (as `expandInputs` shows them), of `all` the inputs'
   * spec files now; resolves with its exit code.
   */
  readonly run: (files: readonly string[], io: Io, all: readonly string[]) => Promise<number>;
}

/** Quiet time after a change before the run starts: an editor's save is several events. */
const SETTLE_MS = 150;
const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

/**
 * What a spec read at its last load: itself and its imports (absolute), the imports it could not
 * read (absolute, watched so that creating one checks the spec again), and whether one was missing.
 */
interface SpecReads {
  readonly files: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly incomplete: boolean;
}

function readsOf(specs: readonly string[], io: Io, load: LoadSettings): Map<string, SpecReads> {
  const reads = new Map<string, SpecReads>();
  for (const spec of specs) {
    const program = loadSpec(spec, io, load);
    const unread = program.diagnostics.filter((d) => d.code === 'CS8001');
    // CS8001 names the import as the loader shows it: relative to the working folder, or absolute.
    const missing = unread
      .map((d) => String(d.args.path))
      .filter((p) => !p.startsWith(`${PRELUDE_DISPLAY_DIR}/`))
      .map((p) => resolve(io.cwd, p));
    reads.set(spec, {
      files: new Set([
        resolve(io.cwd, spec),
        ...program.files.map((f) => resolve(io.cwd, f.path)),
        ...missing,
      ]),
      missing: new Set(missing),
      incomplete: unread.length > 0,
    });
  }
  return reads;
}

/**
 * The specs a set of changed files affects: those that read one of them, those not seen before,
 * and, when a changed file is read by none (a missing import created?), those whose load was
 * incomplete.
 */
function affectedSpecs(
  specs: readonly string[],
  reads: ReadonlyMap<string, SpecReads>,
  changed: ReadonlySet<string>,
): string[] {
  const known = new Set([...reads.values()].flatMap((r) => [...r.files]));
  const unknownChange = [...changed].some((f) => !known.has(f));
  return specs.filter((spec) => {
    const r = reads.get(spec);
    if (r === undefined) return true;
    if ([...r.files].some((f) => changed.has(f))) return true;
    return unknownChange && r.incomplete;
  });
}

/**
 * Collects change events (the watcher's, and those `changed` is told of); `next()` waits for
 * some, then for quiet, and hands them over (null: interrupted).
 */
function changeFeed(
  watcher: FSWatcher,
  signal: AbortSignal,
): { next: () => Promise<Set<string> | null>; changed: (path: string) => void } {
  let pending = new Set<string>();
  let wake: (() => void) | undefined;
  const changed = (path: string): void => {
    pending.add(resolve(path));
    wake?.();
  };
  watcher.on('all', (event, path) => {
    if (event === 'addDir' || event === 'unlinkDir' || !path.endsWith('.cred')) return;
    changed(path);
  });
  signal.addEventListener('abort', () => wake?.(), { once: true });
  const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const next = async (): Promise<Set<string> | null> => {
    while (pending.size === 0 && !signal.aborted)
      await new Promise<void>((r) => {
        wake = r;
      });
    for (let seen = -1; seen !== pending.size && !signal.aborted; await pause(SETTLE_MS))
      seen = pending.size;
    if (signal.aborted) return null;
    const taken = pending;
    pending = new Set();
    return taken;
  };
  return { next, changed };
}

/** Runs the command; on a terminal its report replaces the last one once complete. */
async function runShown(
  cmd: WatchedCommand,
  specs: readonly string[],
  io: Io,
  all: readonly string[] = specs,
): Promise<number> {
  if (!io.isTTY) return cmd.run(specs, io, all);
  let report = '';
  const code = await cmd.run(
    specs,
    {
      ...io,
      stdout: {
        write: (text: string) => {
          report += text;
          return true;
        },
      },
    },
    all,
  );
  io.stdout.write(CLEAR_SCREEN + report);
  return code;
}

function watchedPaths(
  cmd: WatchedCommand,
  reads: ReadonlyMap<string, SpecReads>,
  io: Io,
): string[] {
  return [
    ...new Set([
      ...cmd.inputs.map((i) => resolve(io.cwd, i)),
      ...[...reads.values()].flatMap((r) => [...r.files].filter((f) => !r.missing.has(f))),
    ]),
  ];
}

function watching(cmd: WatchedCommand, count: number, io: Io): void {
  io.stderr.write(
    `credspec ${cmd.name} --watch: watching ${count} spec files and folders for changes (Ctrl-C stops)\n`,
  );
}

/** The imports some spec could not read at its last load (absolute paths). */
function missingOf(reads: ReadonlyMap<string, SpecReads>): string[] {
  return [...new Set([...reads.values()].flatMap((r) => [...r.missing]))];
}

/** Hidden files and folders and node_modules are no specs' (as `expandInputs` skips them). */
function ignored(path: string): boolean {
  const name = basename(path);
  return (name.startsWith('.') && name !== '.' && name !== '..') || name === 'node_modules';
}

/** Runs `cmd` now and after every change until interrupted; resolves with the last exit code. */
export async function runWatch(cmd: WatchedCommand, io: Io): Promise<number> {
  const { signal } = io;
  const quiet: Io = { ...io, stderr: { write: () => true } };
  let specs = expandInputs(cmd.inputs, io, cmd.name).files;
  if (specs.length === 0) return EXIT.badInput;
  let code = await runShown(cmd, specs, io);
  // Without a way to be interrupted there is no end to wait for: one run, as without --watch.
  if (signal === undefined || signal.aborted) return code;
  let reads = readsOf(specs, io, cmd.load);
  const paths = watchedPaths(cmd, reads, io);
  const watcher = watch(paths, { ignoreInitial: true, ignored });
  const feed = changeFeed(watcher, signal);
  const missing = new MissingImports(feed.changed);
  try {
    await new Promise<void>((r) => watcher.once('ready', () => r()));
    await missing.track(missingOf(reads));
    watching(cmd, paths.length + missingOf(reads).length, io);
    for (let changed = await feed.next(); changed !== null; changed = await feed.next()) {
      specs = expandInputs(cmd.inputs, quiet, cmd.name).files;
      const affected = affectedSpecs(specs, reads, changed);
      if (affected.length === 0) continue;
      io.stderr.write(
        `credspec ${cmd.name} --watch: ${[...changed].map((f) => relative(io.cwd, f)).join(', ')} changed: checking ${affected.join(', ')} again\n`,
      );
      code = await runShown(cmd, affected, io, specs);
      if (signal.aborted) break;
      reads = new Map([...reads, ...readsOf(affected, io, cmd.load)]);
      const now = watchedPaths(cmd, reads, io);
      watcher.add(now);
      await missing.track(missingOf(reads));
      watching(cmd, now.length + missingOf(reads).length, io);
    }
  } finally {
    await Promise.all([watcher.close(), missing.close()]);
  }
  return code;
}
