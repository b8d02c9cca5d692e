// `credspec replay <result.json> --variant FIXED [--param NAME=VALUE]...`: takes the first
// safety counterexample of a result file (which thread moves, which step, which fault outcome)
// and replays it on another variant or parameter set of the same spec on the embedded engine.
// Prints the violation it still reaches (exit 1, the trace as `check` prints it), or the step at
// which the other case stops following it and why, with both sides' state there (exit 0), or
// that the whole schedule ran without a violation (exit 0). Bad input is one line, exit 2.

import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { checkProgram } from '../../check/check.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import type { TlaTraceStep } from '../../result/check-result.js';
import type { VariantResult } from '../../result/result-file.js';
import { escapeControls } from '../../trace/safe-text.js';
import type { BuiltCase } from '../../emit/build-case.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { readRegularFile } from '../read-bounded.js';
import { caseResult } from '../../driver/run-case.js';
import { loadSpec } from '../spec-inputs.js';
import { validateResultFile } from '../viewer/load-result.js';
import { parseParamArgs } from './check.js';
import { replayCase, ReplayInputError } from '../replay-case.js';
import { divergenceText, paramText, replayHeader } from '../replay-text.js';
import { formatViolation } from '../../driver/report-text.js';
import { MAX_RESULT_BYTES } from './trace.js';

/** The arguments of `credspec replay`. */
export interface ReplayArgs {
  readonly file: string;
  /** The variant to replay on (default: the counterexample's own). */
  readonly variant?: string | undefined;
  /** Overrides on top of the counterexample's own parameters. */
  readonly param: readonly string[];
  readonly importPath?: readonly string[] | undefined;
}

/** Runs `credspec replay`; resolves with the exit code. */
export async function runReplay(args: ReplayArgs, io: Io): Promise<number> {
  try {
    return await replay(args, io);
  } catch (err) {
    if (!(err instanceof ReplayInputError)) throw err;
    io.stderr.write(`credspec replay: ${escapeControls(err.message)}\n`);
    return EXIT.badInput;
  }
}

async function replay(args: ReplayArgs, io: Io): Promise<number> {
  const extra = parseParamArgs(args.param, io, 'replay');
  if (extra === null) return EXIT.badInput;
  const path = resolve(io.cwd, args.file);
  const source = await counterexampleOf(path, args.file);
  const specPath = specFile(source.spec, path, io);
  const program = loadSpec(specPath, io, { importPaths: args.importPath });
  const checked = checkProgram(program);
  if (hasErrors([...program.diagnostics, ...checked.diagnostics]))
    throw new ReplayInputError(
      `${source.spec} has errors now (credspec lint ${source.spec} shows them)`,
    );
  const { outcome, target, trace } = await replayCase(
    checked,
    specPath,
    source,
    { variant: args.variant, params: extra },
    io.cwd,
  );
  const options = { engine: 'embedded' as const, cwd: io.cwd, env: io.env };
  const header = (b: BuiltCase): string =>
    replayHeader(source, `${b.case.variant}${paramText(b.model.paramOverrides)}`);
  switch (outcome.kind) {
    case 'not-a-behaviour':
      throw new ReplayInputError(
        `${args.file}: its counterexample is no behaviour of ${source.spec} ${source.variant} now (the spec changed since it was checked?)`,
      );
    case 'no-initial-state':
      io.stdout.write(
        `${header(target)}: diverges at the initial state: it has no initial state ${outcome.init + 1}\n`,
      );
      return EXIT.ok;
    case 'completes':
      io.stdout.write(
        `${header(target)}: the whole schedule runs (${trace.length - 1} steps) and nothing is violated${source.verdict === 'deadlock' ? '; its last state is no deadlock' : ''}\n`,
      );
      return EXIT.ok;
    case 'violates': {
      const r = caseResult(
        target,
        source.spec,
        { ...emptyResult(), ...outcome.result, stats: stats(outcome.result.trace) },
        options,
      );
      io.stdout.write(`${header(target)}: ${verdictWords(r)}\n`);
      io.stdout.write(formatViolation(r) + '\n');
      return EXIT.violated;
    }
    case 'diverges': {
      const r = caseResult(
        target,
        source.spec,
        { ...emptyResult(), trace: [...outcome.trace], stats: stats(outcome.trace) },
        options,
      );
      io.stdout.write(
        `${header(target)}: ${divergenceText(source, r, outcome, target.emitted.sourceMap)}\n`,
      );
      return EXIT.ok;
    }
  }
}

function verdictWords(r: VariantResult): string {
  return r.verdict === 'deadlock' ? 'still deadlocks' : `still violates ${r.property ?? ''}`;
}

function stats(trace: readonly TlaTraceStep[] | null) {
  const n = trace?.length ?? 0;
  return { distinctStates: n, statesGenerated: n, depth: n, seconds: 0 };
}

function emptyResult() {
  return {
    engine: 'embedded' as const,
    verdict: 'holds' as const,
    property: null,
    stats: stats(null),
    trace: null,
    loopsBackTo: null,
    stuttering: false,
  };
}

/** The first result of the file with a safety counterexample. */
async function counterexampleOf(path: string, shownName: string): Promise<VariantResult> {
  const read = await readRegularFile(path, MAX_RESULT_BYTES);
  if (!read.ok) throw new ReplayInputError(`cannot read ${shownName}: ${read.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/^\uFEFF/, ''),
    );
  } catch {
    throw new ReplayInputError(`${shownName} is not a credspec result file: not JSON`);
  }
  const loaded = validateResultFile(json);
  if (!loaded.ok) throw new ReplayInputError(`${shownName} is ${loaded.error}`);
  const found = loaded.value.results.find(
    (r) =>
      (r.verdict === 'violated' || r.verdict === 'deadlock') &&
      r.trace !== null &&
      r.loopsBackTo === null &&
      r.stuttering !== true,
  );
  if (found === undefined)
    throw new ReplayInputError(
      `${shownName} holds no safety counterexample to replay (a violated invariant or a deadlock)`,
    );
  return found;
}

/** The spec the result was checked from: relative to the working folder, else to the result file. */
function specFile(spec: string, resultPath: string, io: Io): string {
  // As written when it is there, so the trace names the same files as the check's did.
  if (existsSync(resolve(io.cwd, spec))) return spec;
  const beside = resolve(dirname(resultPath), spec);
  if (existsSync(beside)) return beside;
  throw new ReplayInputError(`cannot find ${spec}, the spec the result was checked from`);
}
