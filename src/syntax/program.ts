// A program is a root spec file and every file it imports, loaded and parsed. Loading reads
// through an injected reader so this module stays a pure function of its inputs; src/cli
// passes the file system and the prelude folder.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecFile } from './ast.js';

/** One parsed file of a program. `path` is as shown to users (relative to the working folder). */
export interface SourceFile {
  readonly path: string;
  /** The decoded text (BOM removed, CRLF kept: spans count characters of this text). */
  readonly text: string;
  readonly ast: SpecFile;
}

export interface Program {
  readonly root: SourceFile;
  /** Every loaded file, the root first, then imports in the order they were first reached. */
  readonly files: readonly SourceFile[];
  /** Lexing, parsing and loading diagnostics (unreadable, missing or cyclic imports). */
  readonly diagnostics: readonly Diagnostic[];
}
