// A code lens on each `expect` line, and the command it runs: check that expectation on the
// embedded engine (the case `ci` would run for it) and answer with the verdict, whether it is
// the one expected, and on a violation the trace as locations (thread and statement per step)
// that an editor can step through.

import type { CodeLens, Location } from 'vscode-languageserver';
import { expectationOf, runCase } from '../driver/run-case.js';
import { packageVersion } from '../driver/package-root.js';
import { outputFolderOf } from '../driver/spec-output-folder.js';
import { buildCase } from '../emit/build-case.js';
import { ciCases } from '../emit/cases.js';
import {
  describeExpectation,
  describeVerdict,
  judgeExpectation,
  type ExpectationOutcome,
} from '../result/expectation.js';
import type { SourceLocation } from '../result/result-file.js';
import type { ExpectDecl } from '../syntax/ast.js';
import { rangeOf } from './positions.js';
import type { Analysis, Workspace } from './workspace.js';

export const CHECK_EXPECTATION = 'credspec.checkExpectation';

/** One step of a counterexample as the editor lists it. */
export interface TraceLocation {
  readonly location: Location;
  readonly thread: string | null;
  readonly step: string;
  readonly source: string | null;
}

/** What checking one expectation answers. */
export interface ExpectationCheck {
  /** `holds`, `violates P`, `deadlock`, `inconclusive`, `error`. */
  readonly verdict: string;
  readonly expected: string;
  readonly outcome: ExpectationOutcome;
  /** One line for the editor to show: the verdict and whether it is the expected one. */
  readonly message: string;
  readonly trace: readonly TraceLocation[];
}

function expectsOf(a: Analysis): ExpectDecl[] {
  return a.checked.program.root.ast.decls.filter((d): d is ExpectDecl => d.kind === 'ExpectDecl');
}

/**
 * The last verdict of each checked `expect` line, shown in its lens until the spec is edited
 * (an edit may change what the line expects or what the spec does).
 */
export class Verdicts {
  private readonly byLine = new Map<string, Map<number, string>>();

  set(path: string, line: number, message: string): void {
    const lines = this.byLine.get(path) ?? new Map<number, string>();
    lines.set(line, message);
    this.byLine.set(path, lines);
  }

  get(path: string, line: number): string | undefined {
    return this.byLine.get(path)?.get(line);
  }

  forget(path: string): void {
    this.byLine.delete(path);
  }
}

/** A lens above every `expect` of the spec (with its last verdict); its command carries the document and the line. */
export function codeLenses(a: Analysis, uri: string, verdicts: Verdicts): CodeLens[] {
  return expectsOf(a).map((e) => {
    const range = rangeOf(e.span);
    const last = verdicts.get(a.rootPath, range.start.line);
    return {
      range,
      command: {
        title:
          last === undefined
            ? `check: ${describeExpectation(expectationOf(e))}`
            : `${last}: check again`,
        command: CHECK_EXPECTATION,
        arguments: [uri, range.start.line],
      },
    };
  });
}

function locationOfStep(ws: Workspace, loc: SourceLocation): Location {
  const start = { line: loc.line - 1, character: loc.column - 1 };
  const end =
    loc.endLine !== undefined && loc.endColumn !== undefined
      ? { line: loc.endLine - 1, character: loc.endColumn - 1 }
      : start;
  return { uri: ws.uriOf(loc.file), range: { start, end } };
}

function failed(expected: string, message: string): ExpectationCheck {
  return { verdict: 'error', expected, outcome: 'error', message, trace: [] };
}

/** Checks the expectation written on `line` (0-based) of the spec analysed by `a`. */
export async function checkExpectation(
  ws: Workspace,
  a: Analysis,
  line: number,
  run: {
    readonly cwd: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly signal: AbortSignal;
  },
): Promise<ExpectationCheck | null> {
  const decl = expectsOf(a).find((e) => e.span.start.line - 1 === line);
  if (decl === undefined) return null;
  const expected = describeExpectation(expectationOf(decl));
  if (a.diagnostics.some((d) => d.severity === 'error'))
    return failed(expected, 'the spec has errors: fix them first (see Problems)');
  const c = ciCases(a.checked.program).find((x) => x.expects.includes(decl));
  if (c === undefined) return failed(expected, 'no check is planned for this expectation');
  const root = a.checked.program.root.path;
  const built = buildCase(
    a.checked,
    c,
    `credspec ${packageVersion()}`,
    outputFolderOf(root, run.cwd, 'generated'),
  );
  if (!built.ok) return failed(expected, 'the case cannot be built: run `credspec ci` for details');
  const result = await runCase(built.built, root, {
    engine: 'embedded',
    cwd: run.cwd,
    env: run.env,
    signal: run.signal,
    ...(c.simulate === undefined ? {} : { simulate: { ...c.simulate } }),
  });
  const verdict = describeVerdict(result.verdict, result.property);
  const outcome = judgeExpectation(result);
  const trace = (result.trace ?? []).flatMap((s) =>
    s.location === null
      ? []
      : [
          {
            location: locationOfStep(ws, s.location),
            thread: s.thread,
            step: s.step,
            source: s.source,
          },
        ],
  );
  const word = outcome === 'met' ? 'as expected' : `expected ${expected}`;
  return { verdict, expected, outcome, message: `${c.variant}: ${verdict} (${word})`, trace };
}
