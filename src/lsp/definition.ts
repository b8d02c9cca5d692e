// Go to definition: where the name under the cursor is declared, in the spec, a file it
// imports or the prelude.

import type { Location } from 'vscode-languageserver';
import { occurrencesOf, targetAt } from './names.js';
import { locationOf } from './positions.js';
import type { Analysis, Workspace } from './workspace.js';

export function definitionAt(ws: Workspace, a: Analysis, file: string, offset: number): Location[] {
  const found = targetAt(a, file, offset);
  if (found === undefined) return [];
  return occurrencesOf(a, found.target)
    .filter((o) => o.declares)
    .map((o) => locationOf(ws, o.span));
}
