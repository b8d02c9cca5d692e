// The content hash a result file records for each spec file a result was checked from (the root
// spec and its imports), so that `trace` can tell when the lines it shows are no longer the
// lines that were checked. The hash is of the text spans count in (decoded, BOM removed), so a
// file re-saved with or without a BOM is the same spec. Pure.

import { createHash } from 'node:crypto';

/** One spec file of a result: its path as spans name it and the SHA-256 of its text, in hex. */
export interface SpecFileHash {
  readonly file: string;
  readonly sha256: string;
}

/** SHA-256 (hex) of a spec's decoded text. */
export function specTextHash(text: string): string {
  return createHash('sha256')
    .update(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8')
    .digest('hex');
}

/** The hashes of a program's files, the root first, as a result records them. */
export function specFileHashes(
  files: readonly { readonly path: string; readonly text: string }[],
): SpecFileHash[] {
  return files.map((f) => ({ file: f.path, sha256: specTextHash(f.text) }));
}
