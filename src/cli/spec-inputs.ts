// The command line's way to the specs: folders expand to their `.cred` files (sorted, hidden
// folders and node_modules skipped), and each file loads with its imports through the file
// system and the installed prelude. Shared by every command that reads specs.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatMessage } from '../diagnostics/render.js';
import { loadProgram, readFailureReason } from '../syntax/load.js';
import type { Program } from '../syntax/program.js';
import type { Io } from './io.js';
import { preludeDir } from '../driver/package-root.js';
import { canonicalFolders, readSpecFile } from '../source/read-spec-file.js';

/** Display paths with forward slashes and no leading `./`. */
export function displayPath(p: string): string {
  const s = p.split('\\').join('/').replace(/\/+$/, '');
  return s.startsWith('./') ? s.slice(2) : s;
}

/** `.cred` files under a folder, sorted, skipping hidden folders and node_modules. */
export function credFilesUnder(dir: string, shown: string): string[] {
  const found: string[] = [];
  const pending: Array<{ dir: string; shown: string }> = [{ dir, shown }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { dir: d, shown: s } = next;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = { dir: join(d, e.name), shown: s === '' ? e.name : `${s}/${e.name}` };
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile() && e.name.endsWith('.cred')) found.push(child.shown);
    }
  }
  return found.sort();
}

/**
 * The spec files named by `inputs` (folders expanded). Problems (a missing input, a folder with
 * no specs) are printed as `credspec <command>: ...` lines; `ok` is false when there was one.
 */
export function expandInputs(
  inputs: readonly string[],
  io: Pick<Io, 'cwd' | 'stderr'>,
  command: string,
): { files: string[]; ok: boolean } {
  let ok = true;
  const files: string[] = [];
  for (const input of inputs) {
    const shown = displayPath(input);
    let isDir: boolean;
    try {
      isDir = statSync(resolve(io.cwd, input)).isDirectory();
    } catch (e) {
      io.stderr.write(
        `credspec ${command}: error CS8001: ${formatMessage('CS8001', { path: shown, reason: readFailureReason(e as Error) })}\n`,
      );
      ok = false;
      continue;
    }
    if (!isDir) {
      files.push(shown);
      continue;
    }
    const under = credFilesUnder(resolve(io.cwd, input), shown === '.' ? '' : shown);
    if (under.length === 0) {
      io.stderr.write(`credspec ${command}: no .cred files in ${shown}\n`);
      ok = false;
    }
    files.push(...under);
  }
  return { files: [...new Set(files)], ok };
}

/** How specs are loaded: the folders, besides the spec's own and the prelude, imports may come from. */
export interface LoadSettings {
  /** `--import-path DIR` folders (relative to the working folder). */
  readonly importPaths?: readonly string[] | undefined;
  /** The root file's text, read instead of the file (the viewer's prompt appends a def to it). */
  readonly rootText?: string | undefined;
}

/**
 * Loads one spec and its imports from the file system. The spec and every import must be a
 * regular `.cred` file of at most MAX_SPEC_BYTES; an import must lie (symlinks followed) in the
 * spec's folder tree, the prelude or an `--import-path` folder. Refusals are CS8001 at the import.
 */
export function loadSpec(
  file: string,
  io: Pick<Io, 'cwd' | 'env'>,
  settings: LoadSettings = {},
): Program {
  const prelude = preludeDir(io.env);
  let roots: string[] | undefined;
  const allowedRoots = (): string[] => {
    if (roots !== undefined) return roots;
    let specDir: string[] = [];
    try {
      specDir = [dirname(realpathSync(resolve(io.cwd, file)))];
    } catch {
      // the root was read, so this only fails if it vanished meanwhile: allow nothing of its own
    }
    roots = [
      ...specDir,
      ...canonicalFolders([
        prelude,
        ...(settings.importPaths ?? []).map((p) => resolve(io.cwd, p)),
      ]),
    ];
    return roots;
  };
  const readFile = (p: string, role: 'root' | 'import'): Uint8Array | Error =>
    role === 'root' && settings.rootText !== undefined
      ? new TextEncoder().encode(settings.rootText)
      : readSpecFile(resolve(io.cwd, p), role === 'root' ? undefined : allowedRoots());
  return loadProgram(file, { readFile, preludeDir: prelude });
}
