// The cache of compiled modules: content-addressed, private to the user, verified on every read.
// An entry is the folder `<K>` where K hashes what the compiled code is a function of (the
// TLA+ text, the module's name, COMPILER_VERSION and the bytes of the compiler itself); in it,
// `<Module>.<H>.js` and `<Module>.<H>.ts`, H the hash of the file's own text. A file is used only
// when its folder chain and the file itself are this user's and closed to others, its text
// hashes to its name, and its header names the module's TLA+ hash and this compiler; anything
// else is removed and compiled again, with a one-line notice. Nothing is keyed by a file name.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PrivateCache,
  privateFolder,
  readPrivate,
  removePrivate,
  UntrustedCacheError,
  writeAtomic,
} from '../../cache/private-files.js';
import { COMPILER_VERSION, hashTlaText, isFresh } from './header.js';

/** The two texts the compiler makes of one module. */
export interface CompiledCode {
  readonly typescript: string;
  readonly javascript: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

let fingerprint: string | undefined;

/**
 * The bytes of the compiler: the sources as installed of the code generator and its runtime
 * (compile/), of the evaluation and values they build on, and of the TLA+ printer. A change to
 * any of them gives new keys, so a cache filled by another build is never taken for this one's
 * even when COMPILER_VERSION was not bumped.
 */
function compilerFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const engine = join(here, '..');
  for (const dir of [
    here,
    join(engine, 'evaluation'),
    join(engine, 'values'),
    join(engine, '..', 'tla'),
  ]) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash
        .update(`${name}\0`)
        .update(readFileSync(join(dir, name)))
        .update('\0');
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The entry's folder name: a hash of everything the compiled code depends on. */
export function compiledKey(moduleName: string, tlaText: string): string {
  return sha256(
    `credspec compiled module\0${COMPILER_VERSION}\0${compilerFingerprint()}\0${moduleName}\0${tlaText}`,
  );
}

/** Says one line to the user about the cache (a damaged entry rebuilt, a cache not used). */
export type CacheNotice = (message: string) => void;

function entryFile(
  folder: string,
  moduleName: string,
  ext: 'js' | 'ts',
): { name: string; hash: string } | 'none' | 'several' {
  const pattern = new RegExp(
    `^${moduleName.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\.([0-9a-f]{64})\\.${ext}$`,
  );
  const found: { name: string; hash: string }[] = [];
  for (const name of readdirSync(folder)) {
    const hash = pattern.exec(name)?.[1];
    if (hash !== undefined) found.push({ name, hash });
  }
  const [first, ...others] = found;
  if (first === undefined) return 'none';
  if (others.length > 0) return 'several';
  return first;
}

/** The entry's texts when every check passes, else the reason it cannot be used (undefined: no entry). */
function readEntry(
  folder: string,
  moduleName: string,
  tlaHash: string,
): CompiledCode | string | undefined {
  const texts: Partial<Record<'js' | 'ts', string>> = {};
  for (const ext of ['js', 'ts'] as const) {
    const file = entryFile(folder, moduleName, ext);
    // No .js: not stored yet, or being stored by another run right now (the .ts goes first).
    if (file === 'none') return ext === 'js' ? undefined : `has no ${moduleName}.*.${ext}`;
    if (file === 'several') return `holds more than one ${moduleName}.*.${ext}`;
    const read = readPrivate(join(folder, file.name));
    if (read.kind !== 'text')
      return `${file.name} ${read.kind === 'missing' ? 'vanished' : read.why}`;
    if (sha256(read.text) !== file.hash) return `${file.name} does not match its name`;
    if (!isFresh(read.text, tlaHash))
      return `${file.name} is not ${moduleName} from this TLA+ text`;
    texts[ext] = read.text;
  }
  // The loop above read both or returned.
  const { ts, js } = texts;
  if (ts === undefined || js === undefined)
    throw new Error(`internal error: the cache entry of ${moduleName} was read without its texts`);
  return { typescript: ts, javascript: js };
}

/**
 * The compiled code of `moduleName` from `tlaText` if the cache holds a sound entry; a damaged
 * or foreign entry is removed with a notice and reads as missing. Null: the cache cannot be
 * used at all (said through `notice`), so the caller compiles in memory and stores nothing.
 */
export function readCompiled(
  cache: PrivateCache,
  moduleName: string,
  tlaText: string,
  notice: CacheNotice,
): CompiledCode | undefined | null {
  let folder: string;
  try {
    folder = privateFolder(cache, compiledKey(moduleName, tlaText));
  } catch (e) {
    // Not the user's own, or not writable at all (a read-only home in a CI job): do without.
    if (!(e instanceof UntrustedCacheError) && (e as NodeJS.ErrnoException).code === undefined)
      throw e;
    notice(
      `not using the compiled-module cache: ${e instanceof UntrustedCacheError ? e.message : (e as Error).message}; compiling in memory`,
    );
    return null;
  }
  let found: CompiledCode | string | undefined;
  try {
    found = readEntry(folder, moduleName, hashTlaText(tlaText));
  } catch (e) {
    // Removed by another run that found it damaged, between our mkdir and our read: compile.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (found === undefined || typeof found !== 'string') return found;
  notice(`the cached compiled module ${folder} ${found}; compiling it again`);
  removePrivate(folder);
  return undefined;
}

/** Stores a compiled module (atomically, each file under its content hash); a failed write only costs the next run a compile. */
export function storeCompiled(
  cache: PrivateCache,
  moduleName: string,
  tlaText: string,
  code: CompiledCode,
): void {
  try {
    const folder = privateFolder(cache, compiledKey(moduleName, tlaText));
    // The .ts first: an entry whose .js is there is complete.
    writeAtomic(join(folder, `${moduleName}.${sha256(code.typescript)}.ts`), code.typescript);
    writeAtomic(join(folder, `${moduleName}.${sha256(code.javascript)}.js`), code.javascript);
  } catch {
    // Another run removing a damaged entry at the same moment, a full disk: nothing to keep.
  }
}
