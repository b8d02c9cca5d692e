// Watch mode's watch on imports that do not exist yet. A spec whose import is missing must be
// checked again once the file is created, wherever it lies: in a folder nobody named on the
// command line, or in one that does not exist yet either (`mkdir lib && edit lib/x.cred`).
// Chokidar sets up its watch on a path that does not exist only after it reports ready, so a
// file created right away would be missed; instead the nearest existing folder of each missing
// import is watched one level deep (its own entries only, never a whole tree), and a folder
// created on the way down is watched in turn.

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

/** A folder added while watching is set up within this time; what appeared meanwhile is looked for then. */
const SETUP_MS = 100;

/** The nearest folder on `path`'s way up that exists (at worst the file system's root). */
function nearestFolder(path: string): string {
  let dir = dirname(path);
  while (dir !== dirname(dir) && !existsSync(dir)) dir = dirname(dir);
  return dir;
}

export class MissingImports {
  private watcher: FSWatcher | undefined;
  private missing = new Set<string>();
  private readonly reported = new Set<string>();

  /** `created` hears of each missing import (absolute) once it exists. */
  constructor(private readonly created: (path: string) => void) {}

  /** Watches for these missing imports (absolute paths) in place of those before; resolves once watching. */
  async track(missing: Iterable<string>): Promise<void> {
    this.missing = new Set(missing);
    this.reported.clear();
    await this.watcher?.close();
    this.watcher = undefined;
    const folders = [...new Set([...this.missing].map(nearestFolder))];
    if (folders.length === 0) return;
    const watcher = watch(folders, { ignoreInitial: true, depth: 0 });
    this.watcher = watcher;
    watcher.on('all', (event, path) => this.seen(watcher, event, resolve(path)));
    await new Promise<void>((r) => watcher.once('ready', () => r()));
  }

  private report(path: string): void {
    if (this.reported.has(path)) return;
    this.reported.add(path);
    this.created(path);
  }

  private seen(watcher: FSWatcher, event: string, path: string): void {
    if (event === 'add' && this.missing.has(path)) this.report(path);
    if (event !== 'addDir') return;
    // A folder on the way to a missing import: the import may already be in it (`mkdir -p`
    // then a quick save), else its nearest folder is now deeper and is watched too.
    const below = [...this.missing].filter((m) => m.startsWith(`${path}/`));
    const lookAgain = (): void => {
      for (const m of below) if (existsSync(m)) this.report(m);
    };
    lookAgain();
    const folders = below.filter((m) => !existsSync(m)).map(nearestFolder);
    if (folders.length === 0) return;
    watcher.add(folders);
    setTimeout(() => {
      if (this.watcher === watcher) lookAgain();
    }, SETUP_MS);
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }
}
