// Find references: every place the name under the cursor is written, in every spec the server
// knows (open documents and the workspace folders' specs) and the files they import.

import type { Location } from 'vscode-languageserver';
import type { Span } from '../source/span.js';
import { type Occurrence, occurrencesOf, type Target, targetAt } from './names.js';
import { locationOf } from './positions.js';
import type { Workspace } from './workspace.js';

/** The occurrences of `target` over every known spec, each place once, sorted by file and offset. */
export function workspaceOccurrences(ws: Workspace, target: Target, from: string): Occurrence[] {
  const seen = new Map<string, Occurrence>();
  for (const root of new Set([from, ...ws.allSpecs()]))
    for (const o of occurrencesOf(ws.analyze(root), target))
      seen.set(`${o.span.file}:${o.span.start.offset}`, o);
  return [...seen.values()].sort(
    (x, y) =>
      (x.span.file < y.span.file ? -1 : x.span.file > y.span.file ? 1 : 0) ||
      x.span.start.offset - y.span.start.offset,
  );
}

/** The target at a position of the spec `root` (a file of its program), with the name's span. */
export function targetIn(
  ws: Workspace,
  root: string,
  file: string,
  offset: number,
): { target: Target; span: Span } | undefined {
  return targetAt(ws.analyze(root), file, offset);
}

export function referencesAt(
  ws: Workspace,
  root: string,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const found = targetIn(ws, root, root, offset);
  if (found === undefined) return [];
  return workspaceOccurrences(ws, found.target, root)
    .filter((o) => includeDeclaration || !o.declares)
    .map((o) => locationOf(ws, o.span));
}
