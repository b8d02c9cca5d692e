// A root spec and everything it imports, parsed. Takes the root's path and a reader (the only
// way to reach files, so this stays a pure function of what the reader returns); returns a
// Program with every lexing, parsing and loading diagnostic. Missing and cyclic imports are
// reported at the import that names them. It never throws on bad input.

import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ImportDecl } from './ast.js';
import { decodeSource } from './decode.js';
import { LineMap } from '../source/line-map.js';
import { REFUSED } from '../source/read-spec-file.js';
import { parseSpec } from './parse.js';
import type { LoadedFile, Program, SourceFile } from './program.js';
import type { Span } from '../source/span.js';

export interface LoadOptions {
  /**
   * Reads a file: its bytes or text, or the Error that stopped it. `role` says whether it is
   * the spec named on the command line or an import (readers confine imports to some folders).
   */
  readonly readFile: (path: string, role: 'root' | 'import') => string | Uint8Array | Error;
  /** The folder holding the prelude (`import kernel` is `<preludeDir>/kernel.cred`). */
  readonly preludeDir: string;
}

/** How prelude files are named in spans and messages: the same on every machine. */
export const PRELUDE_DISPLAY_DIR = '<prelude>';

/** A short, stable reason for a read failure (no absolute paths, so output is reproducible). */
export function readFailureReason(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case REFUSED:
      return err.message;
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return code !== undefined ? code : err.message;
  }
}

/** Forward slashes and no `./`, so the same file always has the same name. */
function normalize(p: string): string {
  const n = path.posix.normalize(p.split(path.sep).join('/'));
  return n.startsWith('./') ? n.slice(2) : n;
}

interface Target {
  /** The name in spans and messages. */
  readonly display: string;
  /** What the reader is asked for. */
  readonly real: string;
}

function importTarget(decl: ImportDecl, importer: Target, preludeDir: string): Target {
  if (decl.source.kind === 'prelude') {
    const file = decl.source.name + '.cred';
    return { display: `${PRELUDE_DISPLAY_DIR}/${file}`, real: path.join(preludeDir, file) };
  }
  const rel = decl.source.path;
  const base = path.posix.dirname(importer.display);
  // A relative import inside the prelude stays in the prelude.
  const display = path.posix.isAbsolute(rel)
    ? normalize(rel)
    : normalize(path.posix.join(base, rel));
  const realBase = path.dirname(importer.real);
  const real = path.isAbsolute(rel) ? rel : path.join(realBase, rel);
  return { display, real };
}

/** Reads and decodes one file; an unreadable one is CS8001 at the import naming it (or the root). */
function loadFile(
  target: Target,
  at: Span | undefined,
  options: LoadOptions,
): { ok: true; file: LoadedFile } | { ok: false; diagnostic: Diagnostic } {
  const content = options.readFile(target.real, at === undefined ? 'root' : 'import');
  // Not `instanceof Error`: an error made in another realm (a test sandbox) would slip through.
  if (typeof content !== 'string' && !ArrayBuffer.isView(content)) {
    return {
      ok: false,
      diagnostic: {
        code: 'CS8001',
        severity: 'error',
        span: at ?? new LineMap('').span(target.display, 0, 0),
        args: { path: target.display, reason: readFailureReason(content) },
      },
    };
  }
  const decoded = decodeSource(content, target.display);
  return {
    ok: true,
    file: { path: target.display, text: decoded.text, diagnostics: decoded.diagnostics },
  };
}

/**
 * Loads `rootPath` and its imports, depth first in import order. `rootPath` is both read and
 * shown as given (relative to the working folder, as the user typed it).
 */
export function loadProgram(rootPath: string, options: LoadOptions): Program {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const loaded = new Map<string, SourceFile>();
  const onStack: string[] = [];
  let nextId = 1;

  function parse(file: LoadedFile): SourceFile {
    diagnostics.push(...file.diagnostics);
    const parsed = parseSpec(file.text, file.path, { firstId: nextId });
    nextId = parsed.nextId;
    // A bad byte also shows up as an odd character to the lexer: report the byte only.
    const badOffsets = new Set(file.diagnostics.map((d) => d.span.start.offset));
    diagnostics.push(...parsed.diagnostics.filter((d) => !badOffsets.has(d.span.start.offset)));
    return { path: file.path, text: parsed.text, ast: parsed.ast };
  }

  function read(target: Target, at: Span | undefined): SourceFile | undefined {
    const loaded = loadFile(target, at, options);
    if (loaded.ok) return parse(loaded.file);
    diagnostics.push(loaded.diagnostic);
    return undefined;
  }

  // An explicit stack instead of recursion: a long import chain costs no call stack.
  interface Frame {
    readonly target: Target;
    readonly file: SourceFile;
    next: number;
  }

  const rootTarget: Target = { display: normalize(rootPath), real: rootPath };
  const rootFile = read(rootTarget, undefined);
  const root: SourceFile = rootFile ?? {
    path: rootTarget.display,
    text: '',
    ast: parseSpec('', rootTarget.display, { firstId: nextId }).ast,
  };
  if (rootFile === undefined) return { root, files: [root], diagnostics };

  files.push(root);
  loaded.set(rootTarget.display, root);
  onStack.push(rootTarget.display);
  const stack: Frame[] = [{ target: rootTarget, file: root, next: 0 }];
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    const decl = frame.file.ast.imports[frame.next++];
    if (decl === undefined) {
      stack.pop();
      onStack.pop();
      continue;
    }
    if (decl.source.kind === 'prelude' && decl.source.name === '') continue;
    const target = importTarget(decl, frame.target, options.preludeDir);
    const cycleStart = onStack.indexOf(target.display);
    if (cycleStart >= 0) {
      const cycle = [...onStack.slice(cycleStart), target.display].join(' -> ');
      diagnostics.push({ code: 'CS1037', severity: 'error', span: decl.span, args: { cycle } });
      continue;
    }
    if (loaded.has(target.display)) continue;
    const file = read(target, decl.span);
    if (file === undefined) continue;
    files.push(file);
    loaded.set(target.display, file);
    onStack.push(target.display);
    stack.push({ target, file, next: 0 });
  }
  return { root, files, diagnostics };
}
