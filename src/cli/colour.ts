// Whether the process colours what it writes to stdout and to stderr, decided once, when the
// process's Io is made, and used by everything that prints colour (diagnostics, the viewer).
// supports-color judges the stream and the environment (FORCE_COLOR, a stream that is not a
// terminal, TERM=dumb, CI); it does not read NO_COLOR (https://no-color.org), so that is read
// here: NO_COLOR turns colour off unless FORCE_COLOR asks for it on this run.

import { createSupportsColor } from 'supports-color';

/** Whether each output stream takes ANSI colour. */
export interface ColourChoice {
  readonly stdout: boolean;
  readonly stderr: boolean;
}

function colourFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const forced = 'FORCE_COLOR' in env;
  if (!forced && env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // sniffFlags off: `--color` and `--no-color` are lint's own options, read by commander.
  return createSupportsColor(stream, { sniffFlags: false }) !== false;
}

/** The choice for this process's streams and environment (supports-color reads process.env). */
export function processColour(): ColourChoice {
  return {
    stdout: colourFor(process.stdout, process.env),
    stderr: colourFor(process.stderr, process.env),
  };
}
