// `credspec lsp [--stdio]`: the language server for editors, speaking the Language Server
// Protocol over standard input and output (the only transport, so `--stdio`, which editors'
// clients pass by habit, changes nothing). It runs until the client says `exit`. The server and
// its protocol libraries are loaded here, on demand, so no other command pays for them.

import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { preludeDir } from '../../driver/package-root.js';

/** Runs the server on the process's standard streams; resolves with 0 when the client exits. */
export async function runLsp(io: Io): Promise<number> {
  const { runServer } = await import('../../lsp/server.js');
  await runServer({
    input: process.stdin,
    output: process.stdout,
    preludeDir: resolve(io.cwd, preludeDir(io.env)),
    cwd: io.cwd,
    env: io.env,
  });
  return 0;
}
