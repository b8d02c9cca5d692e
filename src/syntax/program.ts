// A program is a root spec file and every file it imports, loaded and parsed. Loading reads
// through an injected reader so this module stays a pure function of its inputs; src/cli
// passes the file system and the prelude folder.
//
// The first of the stages a spec goes through, each a type that holds (or is built only from)
// the one before, so no phase can be handed the input of an earlier one:
//   LoadedFile      one file read and decoded          here, by src/syntax/load.ts
//   Program         its files parsed, imports followed here, built by src/syntax/load.ts
//   CheckedProgram  checked                  src/check/check.ts (symbol, declaration and type tables)
//   Instance        one variant, one case    src/model/instance.ts
//   Model           lowered                  src/model/ir.ts, by lowerSpec (src/model/lower.ts)
//   Emitted         the TLA+ module, config and source map   src/emit/from-model.ts

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecFile } from './ast.js';

/**
 * One file read and decoded, not parsed yet: what parsing takes. `path` is as shown to users
 * (relative to the working folder). Loading and parsing alternate (a file's imports are known
 * once it is parsed), so this stage is per file.
 */
export interface LoadedFile {
  readonly path: string;
  /** The decoded text (BOM removed, CRLF kept). */
  readonly text: string;
  /** What decoding found (bad bytes, an unexpected encoding). */
  readonly diagnostics: readonly Diagnostic[];
}

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
