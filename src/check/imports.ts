// Which file of a program imports which, from the files' import declarations. Takes a Program;
// answers reachability questions. Paths are matched as the loader is documented to resolve them
// (relative to the importing file; `import kernel` is the prelude's `kernel.cred`). Pure.

import { posix } from 'node:path';
import type { Program, SourceFile } from '../syntax/program.js';

/** The files that `file` imports directly, among the program's files. */
export function directImports(program: Program, file: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  for (const imp of file.ast.imports) {
    const target =
      imp.source.kind === 'path'
        ? program.files.find((f) =>
            samePath(
              f.path,
              posix.join(
                posix.dirname(toPosix(file.path)),
                toPosix(imp.source.kind === 'path' ? imp.source.path : ''),
              ),
            ),
          )
        : program.files.find(
            (f) =>
              f !== file &&
              posix.basename(toPosix(f.path)) ===
                `${imp.source.kind === 'prelude' ? imp.source.name : ''}.cred`,
          );
    if (target !== undefined && target !== file) out.push(target);
  }
  return out;
}

/** True when `from` imports `to`, directly or through other files. */
export function importReaches(program: Program, from: SourceFile, to: SourceFile): boolean {
  const seen = new Set<SourceFile>([from]);
  const todo = [from];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    for (const next of directImports(program, f)) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return false;
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function samePath(a: string, b: string): boolean {
  return posix.normalize(toPosix(a)) === posix.normalize(toPosix(b));
}
