// Runs TLC live on one built case for the agreement suite: writes the module and config to a
// fresh folder, runs TLC with one worker through the product's runner, and returns the result,
// TLC's version line, and the counterexample in a form the replay checker can take.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltCase } from '../../src/emit/build-case.js';
import type { CheckResult, TlaTraceStep } from '../../src/result/check-result.js';
import { prepareTlc, runTlc } from '../../src/tlc/run.js';
import { temporalJudge } from '../../src/engine/run/temporal-judge.js';

/** A live run's result, version, and its trace with unnamed parameters relaxed for replay. */
export interface LiveRun {
  readonly result: CheckResult;
  readonly version: string;
  readonly replayable: Pick<
    CheckResult,
    'verdict' | 'property' | 'trace' | 'loopsBackTo' | 'stuttering'
  >;
}

/**
 * TLC 1.7.4 prints no action arguments: a step of a parameterised action arrives with no
 * parameters. Such a step is replayed as "some successor" (action null) rather than failing on
 * the missing `self`; a step that names its parameters is replayed exactly.
 */
function relaxUnnamedParameters(built: BuiltCase, trace: readonly TlaTraceStep[]): TlaTraceStep[] {
  const parameterised = new Set(
    built.emitted.sourceMap.actions.filter((a) => a.params.length > 0).map((a) => a.name),
  );
  return trace.map((s) =>
    s.action !== null &&
    Object.keys(s.action.params).length === 0 &&
    parameterised.has(s.action.name)
      ? { ...s, action: null }
      : s,
  );
}

/** Runs TLC (the jar given) on the case; never leaves its folder behind. */
export async function liveTlcRun(
  built: BuiltCase,
  jar: string,
  timeoutSeconds: number,
): Promise<LiveRun> {
  const env = { ...process.env, TLA2TOOLS_JAR: jar };
  const setup = await prepareTlc({ tlcJar: jar, env });
  if (!setup.ok) throw new Error(`TLC cannot run: ${setup.message}`);
  const dir = mkdtempSync(join(tmpdir(), 'credspec-agreement-'));
  try {
    const name = built.emitted.module.name;
    writeFileSync(join(dir, `${name}.tla`), built.tlaText);
    writeFileSync(join(dir, `${name}.cfg`), built.cfgText);
    const result = await runTlc({
      module: join(dir, `${name}.tla`),
      config: join(dir, `${name}.cfg`),
      tlcJar: jar,
      env,
      workers: 1,
      timeoutSeconds,
      judgeTemporal: temporalJudge(built),
    });
    const trace = result.trace === null ? null : relaxUnnamedParameters(built, result.trace);
    return {
      result,
      version: setup.probe.versionLine,
      replayable: {
        verdict: result.verdict,
        property: result.property,
        trace,
        loopsBackTo: result.loopsBackTo,
        stuttering: result.stuttering,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
