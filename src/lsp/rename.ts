// Rename a variable, parameter, constant, macro, procedure, step label or variant everywhere it
// is written, across the specs the server knows. Built-in names cannot be renamed.

import {
  ResponseError,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { rangeOf } from './positions.js';
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
  return rangeOf(found.span);
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
  const changes: Record<string, TextEdit[]> = {};
  for (const o of workspaceOccurrences(ws, found.target, root)) {
    const uri = ws.uriOf(o.span.file);
    (changes[uri] ??= []).push({ range: rangeOf(o.span), newText: newName });
  }
  return { changes };
}
