// A real Language Server Protocol client for the tests: it starts `node bin/credspec.js lsp
// --stdio` (dist/ is built by jest's globalSetup), talks JSON-RPC over the child's stdio, and
// keeps every diagnostics notification and every error the server logs.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export function specUri(name: string): string {
  return pathToFileURL(join(REPO, 'specs', name)).href;
}

export function specText(name: string): string {
  return readFileSync(join(REPO, 'specs', name), 'utf8');
}

export interface TestClient {
  readonly connection: ProtocolConnection;
  /** Errors the server logged (window/logMessage of type Error) and requests that failed. */
  readonly errors: string[];
  /** Resolves with the first diagnostics published for `uri` after this call that `accept` takes. */
  diagnostics(uri: string, accept?: (ds: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  open(uri: string, text: string): void;
  change(uri: string, version: number, text: string): void;
  /** Asks the server to shut down and exit; resolves with its exit code. */
  stop(): Promise<number | null>;
  readonly child: ChildProcess;
}

/** Starts the server with `cacheDir` as its user cache (where a code lens's check keeps its files). */
export async function startClient(cacheDir: string): Promise<TestClient> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'credspec.js'), 'lsp', '--stdio'], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: cacheDir },
  });
  const errors: string[] = [];
  child.stderr?.on('data', (b: Buffer) => errors.push(`stderr: ${b.toString()}`));
  const stdout = child.stdout;
  const stdin = child.stdin;
  if (stdout === null || stdin === null) throw new Error('no stdio pipes');
  const connection = createProtocolConnection(
    new StreamMessageReader(stdout),
    new StreamMessageWriter(stdin),
  );
  const waiting: {
    uri: string;
    accept: (ds: Diagnostic[]) => boolean;
    resolve: (ds: Diagnostic[]) => void;
  }[] = [];
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (p: { uri: string; diagnostics: Diagnostic[] }) => {
      for (const w of [...waiting])
        if (w.uri === p.uri && w.accept(p.diagnostics)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
    },
  );
  connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) errors.push(p.message);
  });
  connection.onNotification('window/showMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(join(REPO, 'specs')).href, name: 'specs' }],
  });
  await connection.sendNotification('initialized', {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    errors,
    child,
    diagnostics: (uri, accept = () => true) =>
      new Promise((resolve) => waiting.push({ uri, accept, resolve })),
    open: (uri, text) =>
      void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'credspec', version: 1, text },
      }),
    change: (uri, version, text) =>
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      }),
    stop: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
