// `credspec trace <result.json>`: reads a result file, picks one result, and shows its trace:
// the interactive viewer on a terminal, the plain trace otherwise, or `--format`. The file is
// input like any other: a FIFO, a device or a file over the size cap is refused before it is
// read, its shape is checked against the schema and its traces for consistency, and every
// name and value it holds is printed with control characters escaped. Bad input is one line on
// stderr and exit 2. When the spec files the result was checked from have changed since (or
// are gone), one warning line says so before the trace. Loads ink only for the interactive viewer.

import { extname, dirname, isAbsolute, resolve } from 'node:path';
import type { VariantResult } from '../../result/result-file.js';
import { specTextHash } from '../../result/spec-hash.js';
import { decodeSource } from '../../syntax/decode.js';
import { PRELUDE_DISPLAY_DIR } from '../../syntax/load.js';
import type { Io } from '../io.js';
import {
  formatTrace,
  isTraceFormat,
  TRACE_FORMATS,
  type TraceFormat,
} from '../../trace/formats/format-trace.js';
import type { TextTraceOptions } from '../../trace/formats/text.js';
import { ItfUnavailable } from '../../trace/formats/itf.js';
import {
  escapeControls,
  escapeControlsInJson,
  escapeControlsInLines,
  escapeStringsDeep,
} from '../../trace/safe-text.js';
import { preludeDir } from '../../driver/package-root.js';
import { readRegularFile } from '../read-bounded.js';
import { selectResult, validateResultFile } from '../viewer/load-result.js';

/** The arguments of `credspec trace`, as the command line gives them. */
export interface TraceArgs {
  /** The result file. */
  readonly file: string;
  readonly variant?: string;
  readonly params?: string;
  readonly plain?: boolean;
  readonly format?: string;
  /** `--all-steps`: the text format shows every step, none folded. */
  readonly allSteps?: boolean;
}

/** What the command needs from its surroundings: the CLI's Io (the interactive viewer needs its `terminal`). */
export type TraceIo = Io;

const BAD_INPUT = 2;

/** The largest result file `trace` reads: far above any real trace, far below what would exhaust memory. */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

/** The largest spec file read for the source pane and the hash check (the checker's own reads are capped lower). */
const MAX_SPEC_BYTES = 16 * 1024 * 1024;

/** True when the plain trace is shown: asked for, not a terminal, TERM=dumb or CI (NO_COLOR only takes the viewer's colours). */
export function wantsPlain(options: TraceArgs, io: TraceIo): boolean {
  return (
    options.plain === true ||
    !io.isTTY ||
    io.terminal === undefined ||
    io.env.TERM === 'dumb' ||
    (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')
  );
}

function fail(io: TraceIo, message: string): number {
  io.stderr.write(`credspec trace: ${escapeControls(message)}\n`);
  return BAD_INPUT;
}

/** Where a spec file named in a result is looked for: the prelude's own folder, else beside the result file, then the working folder. */
function candidatesFor(file: string, resultPath: string, io: TraceIo): string[] {
  if (file.startsWith(`${PRELUDE_DISPLAY_DIR}/`))
    return [resolve(preludeDir(io.env), file.slice(PRELUDE_DISPLAY_DIR.length + 1))];
  return isAbsolute(file) ? [file] : [resolve(dirname(resultPath), file), resolve(io.cwd, file)];
}

/**
 * Reads every spec file the result names (its spec, the files its steps point at, the files it
 * recorded hashes of). Only regular `.cred` files under the size cap are read: a result file
 * must not turn `trace` into a way to print other files or to block on a FIFO.
 */
async function readSources(
  result: VariantResult,
  resultPath: string,
  io: TraceIo,
): Promise<Map<string, string>> {
  const files = new Set<string>([result.spec]);
  for (const step of result.trace ?? []) if (step.location !== null) files.add(step.location.file);
  for (const f of result.specFiles ?? []) files.add(f.file);
  const sources = new Map<string, string>();
  for (const file of files) {
    if (extname(file) !== '.cred') continue;
    for (const candidate of candidatesFor(file, resultPath, io)) {
      const read = await readRegularFile(candidate, MAX_SPEC_BYTES);
      // Not there or not a spec: try the next place; the source pane says when none had it.
      if (!read.ok) continue;
      sources.set(file, decodeSource(read.bytes, file).text);
      break;
    }
  }
  return sources;
}

/** One warning line when a spec file the result was checked from has changed or is gone; null when all match (or nothing was recorded). */
export function staleSpecWarning(
  result: VariantResult,
  sources: ReadonlyMap<string, string>,
): string | null {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const f of result.specFiles ?? []) {
    const text = sources.get(f.file);
    if (text === undefined) missing.push(f.file);
    else if (specTextHash(text) !== f.sha256) changed.push(f.file);
  }
  if (changed.length === 0 && missing.length === 0) return null;
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`${changed.join(', ')} changed`);
  if (missing.length > 0)
    parts.push(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  return `warning: since this result was written, ${parts.join(' and ')}: the steps are shown against the current lines, which may not be the ones checked`;
}

/** A format's output with every control character from the file escaped. */
function safeFormat(
  result: VariantResult,
  format: TraceFormat,
  options: TextTraceOptions = {},
): string {
  if (format === 'json' || format === 'itf')
    return escapeControlsInJson(formatTrace(result, format));
  // Names and values lose their controls before they are laid out (a line feed in a name must
  // not start a line of its own); the whole output is passed through again, for anything else.
  return escapeControlsInLines(formatTrace(escapeStringsDeep(result), format, options));
}

/** Runs `credspec trace`; resolves with the exit code. */
export async function runTrace(options: TraceArgs, io: TraceIo): Promise<number> {
  const file = options.file;
  if (options.format !== undefined && !isTraceFormat(options.format)) {
    return fail(io, `unknown format "${options.format}" (one of: ${TRACE_FORMATS.join(', ')})`);
  }
  const path = resolve(io.cwd, file);
  const read = await readRegularFile(path, MAX_RESULT_BYTES);
  if (!read.ok) return fail(io, `cannot read ${file}: ${read.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/^\uFEFF/, ''),
    );
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
  const sources = await readSources(result, path, io);
  const stale = staleSpecWarning(result, sources);
  if (stale !== null) io.stderr.write(`credspec trace: ${escapeControls(stale)}\n`);
  if (options.format !== undefined && isTraceFormat(options.format)) {
    let text: string;
    try {
      text = safeFormat(result, options.format, { allSteps: options.allSteps === true });
    } catch (err) {
      if (err instanceof ItfUnavailable) return fail(io, `${file}: no ITF: ${err.message}`);
      throw err;
    }
    io.stdout.write(text);
    return 0;
  }
  if (wantsPlain(options, io) || io.terminal === undefined) {
    io.stdout.write(safeFormat(result, 'text', { allSteps: options.allSteps === true }));
    return 0;
  }
  const [view, { runInteractiveViewer }] = await Promise.all([
    safeTraceView(result, sources),
    import('../viewer/run-viewer.js'),
  ]);
  return runInteractiveViewer(view, io.terminal, io.colour?.stdout === true);
}

/** The interactive viewer's view of a result and its spec texts, every name, value and line escaped like every format's. */
export async function safeTraceView(
  result: VariantResult,
  sources: ReadonlyMap<string, string>,
): Promise<import('../viewer/trace-view.js').TraceView> {
  const { makeTraceView } = await import('../viewer/trace-view.js');
  return makeTraceView(
    escapeStringsDeep(result),
    new Map([...sources].map(([f, text]) => [escapeControls(f), escapeControlsInLines(text)])),
  );
}
