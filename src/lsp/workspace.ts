// What the server knows about specs: the open documents' text over the file system, and each
// spec's program loaded and checked through the same front end `lint` uses. Paths: a spec is
// loaded by its absolute path, so spans name files absolutely (imports too, resolved against
// it); prelude files keep their `<prelude>/` names and map back to the installed prelude.
// Analyses are cached by the texts they read, so a change re-checks only the specs it reaches.

import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CheckedProgram, checkProgram } from '../check/check.js';
import { canonicalFolders, readSpecFile } from '../source/read-spec-file.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadProgram, PRELUDE_DISPLAY_DIR } from '../syntax/load.js';
import type { SourceFile } from '../syntax/program.js';

/** One spec loaded as its own root, with every file it reached and what they said. */
export interface Analysis {
  readonly rootPath: string;
  readonly checked: CheckedProgram;
  /** The program's and the checker's diagnostics, as `lint` reports them. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each file read, by display path, with the text it had (to tell when the analysis is stale). */
  readonly texts: ReadonlyMap<string, string>;
}

export class Workspace {
  private readonly open = new Map<string, string>();
  private readonly cache = new Map<string, Analysis>();
  private folders: readonly string[] = [];

  constructor(readonly preludeDir: string) {}

  /** The folders whose `.cred` files workspace-wide requests (symbols, references, rename) search. */
  setFolders(folders: readonly string[]): void {
    this.folders = folders;
  }

  /** Records an open document's text by path; `undefined` when it is closed (the disk is read again). */
  setText(path: string, text: string | undefined): void {
    if (text === undefined) this.open.delete(path);
    else this.open.set(path, text);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  /** The file system path of a display path (a prelude file's path in the installed prelude). */
  realPath(display: string): string {
    return display.startsWith(`${PRELUDE_DISPLAY_DIR}/`)
      ? join(this.preludeDir, display.slice(PRELUDE_DISPLAY_DIR.length + 1))
      : display;
  }

  /** The display path a file system path has in analyses. */
  displayPath(real: string): string {
    const rel = resolve(real);
    const prelude = resolve(this.preludeDir);
    return rel.startsWith(prelude + '/')
      ? `${PRELUDE_DISPLAY_DIR}/${rel.slice(prelude.length + 1)}`
      : rel;
  }

  uriOf(display: string): string {
    return pathToFileURL(this.realPath(display)).href;
  }

  /** The display path of a `file:` URI; undefined for other schemes. */
  pathOfUri(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    return this.displayPath(fileURLToPath(uri));
  }

  /** The spec loaded with `path` as its root, re-checked when a file it read has changed. */
  analyze(path: string): Analysis {
    const cached = this.cache.get(path);
    if (cached !== undefined && this.fresh(cached)) return cached;
    const analysis = this.load(path);
    this.cache.set(path, analysis);
    return analysis;
  }

  /** Every analysis that read `path` (the spec itself or one importing it), among open documents. */
  openDependents(path: string): string[] {
    return this.openPaths().filter(
      (root) => root === path || this.cache.get(root)?.texts.has(path) === true,
    );
  }

  /**
   * Whether a file belongs to the user's workspace, so the server may edit it: never the
   * installed prelude; an open document, or a file under a workspace folder (any file when the
   * client named no folder).
   */
  editable(display: string): boolean {
    if (display.startsWith(`${PRELUDE_DISPLAY_DIR}/`)) return false;
    if (this.folders.length === 0 || this.open.has(display)) return true;
    return this.folders.some((f) => display.startsWith(`${resolve(f)}/`));
  }

  /** The open documents and every `.cred` file under the workspace folders. */
  allSpecs(): string[] {
    const found = new Set(this.openPaths());
    for (const folder of this.folders) for (const f of credFiles(folder)) found.add(f);
    return [...found].sort();
  }

  /** The text of a file as the server sees it: the open document's, else the disk's. */
  text(display: string): string | undefined {
    const open = this.open.get(display);
    if (open !== undefined) return open;
    const bytes = readSpecFile(this.realPath(display));
    return bytes instanceof Error ? undefined : new TextDecoder().decode(bytes);
  }

  private fresh(a: Analysis): boolean {
    for (const [file, text] of a.texts) if (this.text(file) !== text) return false;
    return true;
  }

  private load(path: string): Analysis {
    const allowed = canonicalFolders([dirname(path), this.preludeDir]);
    const readFile = (p: string, role: 'root' | 'import'): string | Uint8Array | Error =>
      this.open.get(this.displayPath(p)) ?? readSpecFile(p, role === 'root' ? undefined : allowed);
    const program = loadProgram(path, { readFile, preludeDir: this.preludeDir });
    const checked = checkProgram(program);
    const texts = new Map<string, string>(program.files.map((f: SourceFile) => [f.path, f.text]));
    return {
      rootPath: path,
      checked,
      diagnostics: [...program.diagnostics, ...checked.diagnostics],
      texts,
    };
  }
}

/** `.cred` files under a folder, skipping hidden folders and node_modules (as `lint` does). */
function credFiles(folder: string): string[] {
  const out: string[] = [];
  const pending = [folder];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) pending.push(p);
      else if (e.isFile() && e.name.endsWith('.cred')) out.push(p);
    }
  }
  return out;
}
