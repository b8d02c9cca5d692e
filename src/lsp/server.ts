// The language server: one connection over a pair of streams (stdio for `credspec lsp`), the
// open documents, and each request handed to the module for its feature. A request that fails
// answers with an error and leaves the server running; nothing is written to stdout but the
// protocol.

import { fileURLToPath } from 'node:url';
import {
  type Connection,
  createConnection,
  MessageType,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CHECK_EXPECTATION, checkExpectation, codeLenses, Verdicts } from './code-lens.js';
import { completionsAt } from './completion.js';
import { definitionAt } from './definition.js';
import { DiagnosticScheduler, diagnosticsOf } from './diagnostics.js';
import { hoverAt } from './hover.js';
import { offsetAt } from './positions.js';
import { referencesAt } from './references.js';
import { prepareRenameAt, renameAt } from './rename.js';
import { documentSymbols, workspaceSymbols } from './symbols.js';
import { Workspace } from './workspace.js';

export interface ServerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly preludeDir: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The lenses' last verdicts, and how to ask the client to show them (when it can be asked). */
interface Lenses {
  readonly verdicts: Verdicts;
  refreshSupported: boolean;
}

/** A document position as the analysis of its spec sees it, or undefined for a non-file URI. */
interface At {
  readonly path: string;
  readonly offset: number;
}

/** Starts the server; resolves when the client ends the connection (`exit` or the stream closing). */
export function runServer(options: ServerOptions): Promise<void> {
  const connection = createConnection(
    new StreamMessageReader(options.input),
    new StreamMessageWriter(options.output),
  );
  const ws = new Workspace(options.preludeDir);
  const documents = new TextDocuments(TextDocument);
  const publish = (path: string): void => {
    if (!ws.openPaths().includes(path)) return;
    void connection.sendDiagnostics({
      uri: ws.uriOf(path),
      diagnostics: safely(connection, () => diagnosticsOf(ws, path), []),
    });
  };
  const scheduler = new DiagnosticScheduler(ws, publish);
  const lenses: Lenses = { verdicts: new Verdicts(), refreshSupported: false };
  connection.onInitialize((params) => {
    lenses.refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    ws.setFolders(folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: ['.', ',', '(', ' '] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [CHECK_EXPECTATION] },
      },
      serverInfo: { name: 'credspec' },
    };
  });

  const changed = (doc: TextDocument): void => {
    const path = ws.pathOfUri(doc.uri);
    if (path === undefined) return;
    ws.setText(path, doc.getText());
    lenses.verdicts.forget(path);
    scheduler.changed(path);
  };
  documents.onDidOpen((e) => changed(e.document));
  documents.onDidChangeContent((e) => changed(e.document));
  documents.onDidClose((e) => {
    const path = ws.pathOfUri(e.document.uri);
    if (path === undefined) return;
    ws.setText(path, undefined);
    scheduler.cancel(path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    for (const root of ws.openDependents(path)) scheduler.changed(root);
  });

  answerRequests(connection, ws, options, lenses);
  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => {
      scheduler.cancel();
      resolve();
    });
    connection.onShutdown(() => scheduler.cancel());
    connection.listen();
  });
}

/** The position's file and offset, or undefined for a URI that is not a file. */
function positionIn(
  ws: Workspace,
  uri: string,
  position: { line: number; character: number },
): At | undefined {
  const path = ws.pathOfUri(uri);
  if (path === undefined) return undefined;
  return { path, offset: offsetAt(ws.text(path) ?? '', position) };
}

/** Hover, navigation, symbols, completion, rename and code lenses, each from its module. */
function answerRequests(
  connection: Connection,
  ws: Workspace,
  options: ServerOptions,
  lenses: Lenses,
): void {
  const at = (uri: string, position: { line: number; character: number }): At | undefined =>
    positionIn(ws, uri, position);
  connection.onHover((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined ? null : hoverAt(ws.analyze(pos.path), pos.path, pos.offset);
  });
  connection.onDefinition((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined ? [] : definitionAt(ws, ws.analyze(pos.path), pos.path, pos.offset);
  });
  connection.onReferences((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined
      ? []
      : referencesAt(ws, pos.path, pos.offset, p.context.includeDeclaration);
  });
  connection.onDocumentSymbol((p) => {
    const path = ws.pathOfUri(p.textDocument.uri);
    return path === undefined ? [] : documentSymbols(ws.analyze(path).checked.program.root.ast);
  });
  connection.onWorkspaceSymbol((p) => workspaceSymbols(ws, p.query));
  connection.onCompletion((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined ? [] : completionsAt(ws.analyze(pos.path), pos.path, pos.offset);
  });
  connection.onPrepareRename((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined ? null : prepareRenameAt(ws, pos.path, pos.offset);
  });
  connection.onRenameRequest((p) => {
    const pos = at(p.textDocument.uri, p.position);
    return pos === undefined ? null : renameAt(ws, pos.path, pos.offset, p.newName);
  });
  connection.onCodeLens((p) => {
    const path = ws.pathOfUri(p.textDocument.uri);
    return path === undefined
      ? []
      : codeLenses(ws.analyze(path), p.textDocument.uri, lenses.verdicts);
  });
  answerCommands(connection, ws, options, lenses);
}

/** `credspec.checkExpectation`: the code lens's check, its verdict also shown as a message. */
function answerCommands(
  connection: Connection,
  ws: Workspace,
  options: ServerOptions,
  lenses: Lenses,
): void {
  connection.onExecuteCommand(async (p, token) => {
    const [uri, line] = p.arguments ?? [];
    if (p.command !== CHECK_EXPECTATION || typeof uri !== 'string' || typeof line !== 'number')
      return null;
    const path = ws.pathOfUri(uri);
    if (path === undefined) return null;
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const result = await checkExpectation(ws, ws.analyze(path), line, {
      cwd: options.cwd,
      env: options.env,
      signal: abort.signal,
    });
    if (result === null) return null;
    void connection.sendNotification('window/showMessage', {
      type: result.outcome === 'met' ? MessageType.Info : MessageType.Warning,
      message: result.message,
    });
    lenses.verdicts.set(path, line, result.message);
    if (lenses.refreshSupported) void connection.sendRequest('workspace/codeLens/refresh');
    return result;
  });
}

/** Runs `fn`; on an exception (a bug of ours) logs it to the client and returns `fallback`. */
function safely<T>(connection: Connection, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    connection.console.error(
      `credspec: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return fallback;
  }
}
