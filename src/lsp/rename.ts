// Rename a variable, parameter, constant, macro, procedure, step label or variant everywhere it
// is written, across the specs the server knows. Built-in names cannot be renamed, nor names
// that are written in a file outside the workspace (the installed prelude above all): renaming
// `spin_lock` would edit the prelude every other spec shares, or leave its uses dangling.

import {
  ResponseError,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { rangeOf } from './positions.js';
import { PRELUDE_DISPLAY_DIR } from '../syntax/load.js';
import type { Occurrence, Target } from './names.js';
import { targetIn, workspaceOccurrences } from './references.js';
import type { Workspace } from './workspace.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** ErrorCodes.InvalidParams, JSON-RPC's code for a request the server cannot carry out as asked. */
const INVALID_PARAMS = -32602;

/** The range of the name that would be renamed, or null when nothing renameable is there. */
export function prepareRenameAt(ws: Workspace, root: string, offset: number): Range | null {
  const found = targetIn(ws, root, root, offset);
  if (found === undefined) return null;
  if (found.target.kind === 'symbol' && found.target.symbol.nameSpan === undefined) return null;
  refuseOutside(ws, found.target, workspaceOccurrences(ws, found.target, root));
  return rangeOf(found.span);
}

function targetName(target: Target): string {
  return target.kind === 'symbol' ? target.symbol.name : target.name;
}

/** Throws the editor's message when renaming would edit a file outside the workspace. */
function refuseOutside(ws: Workspace, target: Target, occurrences: readonly Occurrence[]): void {
  const outside = occurrences.find((o) => !ws.editable(o.span.file));
  if (outside === undefined) return;
  const where = outside.span.file;
  const what = where.startsWith(`${PRELUDE_DISPLAY_DIR}/`)
    ? `the kernel prelude (${where})`
    : `${where}, outside the workspace`;
  throw new ResponseError(
    INVALID_PARAMS,
    `\`${targetName(target)}\` cannot be renamed: it is ${outside.declares ? 'declared' : 'used'} in ${what}, which this rename would have to edit`,
  );
}

export function renameAt(
  ws: Workspace,
  root: string,
  offset: number,
  newName: string,
): WorkspaceEdit | null {
  if (!IDENTIFIER.test(newName))
    throw new ResponseError(INVALID_PARAMS, `\`${newName}\` is not a credspec identifier`);
  const found = targetIn(ws, root, root, offset);
  if (found === undefined) return null;
  if (found.target.kind === 'symbol' && found.target.symbol.nameSpan === undefined)
    throw new ResponseError(INVALID_PARAMS, `\`${found.target.symbol.name}\` is built in`);
  const occurrences = workspaceOccurrences(ws, found.target, root);
  refuseOutside(ws, found.target, occurrences);
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences) {
    const uri = ws.uriOf(o.span.file);
    (changes[uri] ??= []).push({ range: rangeOf(o.span), newText: newName });
  }
  return { changes };
}
