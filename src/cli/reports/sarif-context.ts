// What `ci --sarif` reads besides the results: where the documentation pages are published
// (package.json's address; rules link there, or nowhere) and the spec files, for the
// declaration of each property a rule describes.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceLocation } from '../../result/result-file.js';
import { packageDocsLink } from './docs-link.js';
import type { SarifOptions } from './sarif.js';

/** The lines of `loc` in its file (relative to `cwd`), trimmed; null when it cannot be read. */
function sourceText(cwd: string, loc: SourceLocation): string | null {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, loc.file), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split(/\r?\n/).slice(loc.line - 1, loc.endLine ?? loc.line);
  const joined = lines
    .map((l) => l.trim())
    .join('\n')
    .trim();
  return joined === '' ? null : joined;
}

/** The SARIF options of a `ci` run in `cwd`. */
export function ciSarifOptions(cwd: string, toolVersion: string): SarifOptions {
  return {
    toolVersion,
    docs: packageDocsLink(),
    sourceText: (loc) => sourceText(cwd, loc),
  };
}
