// A standalone entry for the pseudo-terminal tests: runs `credspec trace` with the real
// process streams, so the tests exercise the command and the ink viewer exactly as installed,
// without depending on the rest of the CLI being built. Arguments as `credspec trace` takes them.

import { runTrace, type TraceArgs } from '../../src/cli/commands/trace.js';

function parse(argv: readonly string[]): TraceArgs {
  let file = '';
  const options: { variant?: string; params?: string; plain?: boolean; format?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--plain') options.plain = true;
    else if (a === '--variant') options.variant = argv[++i]!;
    else if (a === '--params') options.params = argv[++i]!;
    else if (a === '--format') options.format = argv[++i]!;
    else file = a;
  }
  return { file, ...options };
}

process.exitCode = await runTrace(parse(process.argv.slice(2)), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  terminal: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
});
