// What `ci --sarif` reads besides the results: the documentation pages of this installation
// (rules link to them; the package has no public address to link to instead) and the spec
// files, for the declaration of each property a rule describes.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceLocation } from '../../result/result-file.js';
import { packageRoot } from '../../driver/package-root.js';
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
    docs: (page, anchor) => `${pathToFileURL(join(packageRoot(), 'docs', page)).href}#${anchor}`,
    sourceText: (loc) => sourceText(cwd, loc),
  };
}
