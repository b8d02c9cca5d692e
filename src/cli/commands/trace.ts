// `credspec trace <result.json>`: reads a result file, picks one result, and shows its trace:
// the interactive viewer on a terminal, the plain trace otherwise, or `--format`. Bad input
// (missing file, not a result, no trace, unknown variant) is one line on stderr and exit 2.
// Loads ink only for the interactive viewer.

import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { VariantResult } from '../../result/result-file.js';
import type { Io } from '../io.js';
import { formatTrace, isTraceFormat, TRACE_FORMATS } from '../../trace/formats/format-trace.js';
import { selectResult, validateResultFile } from '../viewer/load-result.js';

/** The arguments of `credspec trace`, as the command line gives them. */
export interface TraceArgs {
  /** The result file. */
  readonly file: string;
  readonly variant?: string;
  readonly params?: string;
  readonly plain?: boolean;
  readonly format?: string;
}

/** What the command needs from its surroundings: the CLI's Io (the interactive viewer needs its `terminal`). */
export type TraceIo = Io;

const BAD_INPUT = 2;

/** True when the plain trace is shown: asked for, not a terminal, NO_COLOR, TERM=dumb or CI. */
export function wantsPlain(options: TraceArgs, io: TraceIo): boolean {
  return (
    options.plain === true ||
    !io.isTTY ||
    io.terminal === undefined ||
    (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') ||
    io.env.TERM === 'dumb' ||
    (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')
  );
}

function fail(io: TraceIo, message: string): number {
  io.stderr.write(`credspec trace: ${message}\n`);
  return BAD_INPUT;
}

/** Reads every spec file the trace points at: beside the result file first, then from the working folder. */
async function readSources(result: VariantResult, resultPath: string, cwd: string): Promise<Map<string, string>> {
  const files = new Set<string>([result.spec]);
  for (const step of result.trace ?? []) if (step.location !== null) files.add(step.location.file);
  const sources = new Map<string, string>();
  for (const file of files) {
    const candidates = isAbsolute(file) ? [file] : [resolve(dirname(resultPath), file), resolve(cwd, file)];
    for (const candidate of candidates) {
      try {
        sources.set(file, await readFile(candidate, 'utf8'));
        break;
      } catch {
        // Not there: try the next place; the source pane says when none had it.
      }
    }
  }
  return sources;
}

/** Runs `credspec trace`; resolves with the exit code. */
export async function runTrace(options: TraceArgs, io: TraceIo): Promise<number> {
  const file = options.file;
  if (options.format !== undefined && !isTraceFormat(options.format)) {
    return fail(io, `unknown format "${options.format}" (one of: ${TRACE_FORMATS.join(', ')})`);
  }
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(io, `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(io, `${file} is not a credspec result file: not JSON`);
  }
  const loaded = validateResultFile(json);
  if (!loaded.ok) return fail(io, `${file} is ${loaded.error}`);
  const selection = {
    ...(options.variant === undefined ? {} : { variant: options.variant }),
    ...(options.params === undefined ? {} : { params: options.params }),
  };
  const picked = selectResult(loaded.value, selection);
  if (!picked.ok) return fail(io, `${file}: ${picked.error}`);
  const result = picked.value;
  const sources = await readSources(result, path, io.cwd);
  if (options.format !== undefined && isTraceFormat(options.format)) {
    io.stdout.write(formatTrace(result, options.format, sources));
    return 0;
  }
  if (wantsPlain(options, io) || io.terminal === undefined) {
    io.stdout.write(formatTrace(result, 'text', sources));
    return 0;
  }
  const [{ makeTraceView }, { runInteractiveViewer }] = await Promise.all([import('../viewer/trace-view.js'), import('../viewer/run-viewer.js')]);
  return runInteractiveViewer(makeTraceView(result, sources), io.terminal);
}
