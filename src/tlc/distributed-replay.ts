// Names what a distributed TLC run found. Its server prints the counterexample (2121, 2217)
// but not the message saying what was violated: that message is thrown on a worker and lost.
// Takes the states as TLC printed them and re-checks exactly that behaviour with plain TLC
// (`runTlc`): Init is the original Init restricted to the first state, Next the original Next
// restricted to each printed step, then a stuttering step where Next is still enabled. TLC
// then names the invariant, action property, assertion, evaluation error or deadlock itself,
// and a printed trace that is no behaviour of the spec (TLC 1.7.4 prints such) finds nothing. Writes its module and
// config into the run's temporary folder; it must not touch the user's files.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../result/check-result.js';
import type { TlaValue } from '../result/tla-value.js';
import type { ConfigFacts } from './distributed-config.js';
import { runTlc } from './run.js';
import { at } from '../source/checked-index.js';

/** One state of the distributed counterexample: TLC's text (the `/\ v = e` lines) and what it says. */
export interface PrintedTraceState {
  readonly text: string;
  readonly variables: readonly string[];
  readonly values: readonly TlaValue[];
}

export interface ReplayInput {
  /** The folder holding the staged module (the replay module goes beside it). */
  readonly workDir: string;
  readonly moduleName: string;
  readonly facts: ConfigFacts;
  /** The counterexample's states, first to last. */
  readonly states: readonly PrintedTraceState[];
  readonly checkDeadlock: boolean;
  readonly tlcJar?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal | undefined;
}

/** Model values a state mentions (`{"#mv": "t1"}`), in order of first appearance. */
function modelValues(values: readonly TlaValue[], into: Set<string>): void {
  const walk = (v: TlaValue): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, TlaValue>;
    if (typeof o['#mv'] === 'string') {
      into.add(o['#mv']);
      return;
    }
    for (const x of Object.values(o)) walk(x);
  };
  values.forEach(walk);
}

/** TLC's state text as the body of a definition: its `/\` lines indented under the `==`. */
function indent(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** The replay module and config texts. Exported for tests. */
export function replayFiles(input: Pick<ReplayInput, 'moduleName' | 'facts' | 'states'>): {
  module: string;
  config: string;
  name: string;
} {
  const name = `${input.moduleName}_Replay`;
  const n = input.states.length;
  const last = at(input.states, n - 1, 'the last state');
  const mvs = new Set<string>();
  for (const s of input.states) modelValues(s.values, mvs);
  const declared = [...mvs].filter((m) => !input.facts.constantNames.has(m));
  const vars = last.variables.join(', ');
  const { init, next } = input.facts;
  const lines = [
    `---- MODULE ${name} ----`,
    `EXTENDS ${input.moduleName}, TLC`,
    ...(declared.length > 0 ? [`CONSTANTS ${declared.join(', ')}`] : []),
    '',
    ...input.states.flatMap((s, i) => [`ReplayS${i + 1} ==`, indent(s.text), '']),
    `ReplayInit == ${init} /\\ ReplayS1`,
    '',
    // Each printed step must be a step of Next, so a trace that is not a behaviour of the spec
    // finds nothing. From the last state: a stuttering step exactly when Next is enabled there,
    // so a deadlock there is reported as one, and an assertion or evaluation error in Next at
    // the last state shows up while evaluating ENABLED.
    'ReplayNext ==',
    ...input.states
      .slice(0, -1)
      .map((_, i) => `    \\/ ReplayS${i + 1} /\\ ${next} /\\ ReplayS${i + 2}'`),
    `    \\/ ReplayS${n} /\\ ENABLED ${next} /\\ UNCHANGED <<${vars}>>`,
    '====',
    '',
  ];
  const config = [
    ...(input.facts.constants.length > 0 || declared.length > 0
      ? [
          'CONSTANTS',
          ...input.facts.constants.map(
            (c) =>
              `    ${c
                .split('\n')
                .map((l) => l.trim())
                .join('\n    ')}`,
          ),
          ...declared.map((m) => `    ${m} = ${m}`),
          '',
        ]
      : []),
    'INIT ReplayInit',
    'NEXT ReplayNext',
    ...(input.facts.invariants.length > 0
      ? ['INVARIANTS', ...input.facts.invariants.map((i) => `    ${i}`)]
      : []),
    ...(input.facts.actionProperties.length > 0
      ? ['PROPERTIES', ...input.facts.actionProperties.map((p) => `    ${p}`)]
      : []),
    '',
  ];
  return { module: lines.join('\n'), config: config.join('\n'), name };
}

/**
 * Re-checks a distributed counterexample with plain TLC and returns that run's CheckResult:
 * `violated` (with the property), `deadlock`, `error` (with TLC's words and location), or,
 * when TLC finds nothing along it, `holds` (its distinct-state count then says how far the
 * printed behaviour could be followed); the caller keeps its own trace.
 */
export async function replayLastStep(input: ReplayInput): Promise<CheckResult> {
  const files = replayFiles(input);
  const module = join(input.workDir, `${files.name}.tla`);
  const config = join(input.workDir, `${files.name}.cfg`);
  await writeFile(module, files.module);
  await writeFile(config, files.config);
  return runTlc({
    module,
    config,
    tlcJar: input.tlcJar,
    ...(input.env ? { env: input.env } : {}),
    signal: input.signal,
    extraTlcArgs: input.checkDeadlock ? [] : ['-deadlock'],
  });
}
