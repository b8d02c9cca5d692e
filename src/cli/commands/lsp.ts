// `credspec lsp [--stdio]`: the language server for editors, speaking the Language Server
// Protocol over standard input and output (the only transport, so `--stdio`, which editors'
// clients pass by habit, changes nothing). It runs until the client says `exit`.

import { resolve } from 'node:path';
import { runServer } from '../../lsp/server.js';
import type { Io } from '../io.js';
import { preludeDir } from '../package-root.js';

/** Runs the server on the process's standard streams; resolves with 0 when the client exits. */
export async function runLsp(io: Io): Promise<number> {
  await runServer({
    input: process.stdin,
    output: process.stdout,
    preludeDir: resolve(io.cwd, preludeDir(io.env)),
    cwd: io.cwd,
    env: io.env,
  });
  return 0;
}
