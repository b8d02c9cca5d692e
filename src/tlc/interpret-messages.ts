// Takes TLC's messages (read-tool-output.ts) and returns what they report: violations with
// their traces, failures with TLC's text and TLA+ location, statistics, success. Decided by
// message code; English is read only where TLC puts a name or position in text and nowhere
// else. Pure. It must not pick a verdict (to-check-result.ts does, with the exit code).

import type { TlaTraceStep } from '../result/check-result.js';
import type { ParsedToolOutput, ToolMessage } from './read-tool-output.js';
import { MessageClass } from './read-tool-output.js';
import { nameArguments, type ActionParameterNames } from './module-facts.js';
import {
  readBackToState,
  readPrintedState,
  readStateVariables,
  readStuttering,
  type ActionLabel,
  type PrintedState,
} from './read-trace-state.js';
import { formatTlaLocation } from './tla-location.js';
import { at } from '../source/checked-index.js';

/** TLC message codes (`tlc2.output.EC`) this reader acts on. */
export const EC = {
  GENERAL: 1000,
  TLC_NESTED_EXPRESSION: 2103,
  TLC_INVARIANT_VIOLATED_INITIAL: 2107,
  TLC_INVARIANT_VIOLATED_BEHAVIOR: 2110,
  TLC_INVARIANT_EVALUATION_FAILED: 2111,
  TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR: 2112,
  TLC_DEADLOCK_REACHED: 2114,
  TLC_TEMPORAL_PROPERTY_VIOLATED: 2116,
  TLC_BEHAVIOR_UP_TO_THIS_POINT: 2121,
  TLC_BACK_TO_STATE: 2122,
  TLC_VALUE_ASSERT_FAILED: 2132,
  TLC_FINISHED: 2186,
  TLC_INIT_GENERATED1: 2190,
  TLC_SUCCESS: 2193,
  TLC_SEARCH_DEPTH: 2194,
  TLC_STATS: 2199,
  TLC_PROGRESS_STATS: 2200,
  TLC_STATE_PRINT2: 2217,
  TLC_STATE_PRINT3: 2218,
  TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM: 2222,
  TLC_VERSION: 2262,
  TLC_COUNTER_EXAMPLE: 2264,
  TLC_PARSING_FAILED: 3002,
} as const;

/** What kind of property a violation is about. */
export type ViolationKind =
  | 'invariant'
  | 'initial-invariant'
  | 'action-property'
  | 'temporal'
  | 'assert'
  | 'deadlock';

/** A TLC trace as read, in CheckResult's terms. */
export interface ReadTrace {
  readonly steps: readonly TlaTraceStep[];
  readonly loopsBackTo: number | null;
  /** The action of the step back to `loopsBackTo`, as 2122 names it (TLC 2.x; 1.7.4 prints none). */
  readonly loopAction?: NonNullable<TlaTraceStep['action']>;
  readonly stuttering: boolean;
}

export interface Violation {
  readonly kind: ViolationKind;
  /** The invariant or property name, the assertion message, or null (deadlock; 1.7.4's unnamed temporal property). */
  readonly property: string | null;
  readonly trace: ReadTrace;
}

export type FailureKind = 'parse' | 'config' | 'evaluation' | 'invariant-evaluation' | 'tlc';

export interface Failure {
  readonly kind: FailureKind;
  readonly code: number;
  /** TLC's (or SANY's) own words. */
  readonly message: string;
  /** `Module.tla:line:col`, when TLC or SANY gave a position. */
  readonly tlaLocation?: string;
  /** The invariant that could not be evaluated (2111). */
  readonly property?: string;
  /** The states up to the one being expanded, when TLC printed them. */
  readonly trace: ReadTrace | null;
}

/** One progress report (2200): digits grouped with commas in TLC's text, numbers here. */
export interface Progress {
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
}

export interface TlcReport {
  readonly violations: readonly Violation[];
  readonly failures: readonly Failure[];
  /** 2193 was printed. After `-continue` violations TLC prints it too: never trust it alone. */
  readonly success: boolean;
  /** Final statistics (2199), or null when TLC stopped before printing them. */
  readonly stats: {
    readonly generated: number;
    readonly distinct: number;
    readonly queue: number;
  } | null;
  readonly depth: number | null;
  readonly lastProgress: Progress | null;
  /** Distinct initial states (2190). */
  readonly initialStates: number | null;
  readonly seconds: number | null;
  /** The TLC2 version line (2262), shown to users, never parsed. */
  readonly version: string | null;
  /** Trace text the reader could not read (the verdict stands; the trace is then unreliable). */
  readonly traceProblems: readonly string[];
}

/** What the reader needs to know that TLC does not print. */
export interface InterpretOptions {
  /** Action parameter names from the module (module-facts.ts); else arguments are `p1`, `p2`, ... */
  readonly actionParameters?: ActionParameterNames;
  /** The config's PROPERTY names: names a temporal violation when TLC (1.7.4) does not and there is one. */
  readonly properties?: readonly string[];
  /** The module name, for positions SANY reports without one. */
  readonly moduleName?: string;
}

function num(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Reads a 2200 message: `Progress(d) at ...: G states generated (...), D distinct states found (...), Q states left on queue.` */
export function readProgress(text: string): Progress | null {
  const m =
    /Progress\(([\d,]+)\)[^:]*:.*?([\d,]+) states generated.*?([\d,]+) distinct states found.*?([\d,]+) states left on queue/s.exec(
      text,
    );
  return m
    ? {
        depth: num(at(m, 1, 'the depth')),
        generated: num(at(m, 2, 'states generated')),
        distinct: num(at(m, 3, 'distinct states')),
        queue: num(at(m, 4, 'states on queue')),
      }
    : null;
}

/** Reads a 2186 message: `Finished in 545ms` (tool mode) or `Finished in 01min 23s` (plain). */
export function readFinishedSeconds(text: string): number | null {
  const m = /Finished in ((?:\d+\s*(?:h|min|s|ms)\s*)+)/.exec(text);
  if (!m) return null;
  let seconds = 0;
  for (const part of at(m, 1, 'a duration').matchAll(/(\d+)\s*(h|min|ms|s)/g)) {
    const n = Number(part[1]);
    seconds +=
      part[2] === 'h' ? n * 3600 : part[2] === 'min' ? n * 60 : part[2] === 'ms' ? n / 1000 : n;
  }
  return seconds;
}

/** A trace under construction: states in order, then maybe a back-to-state or stuttering. */
class TraceBuilder {
  readonly states: PrintedState[] = [];
  backTo: number | null = null;
  backAction: ActionLabel | null = null;
  stuttering = false;

  build(names: ActionParameterNames | undefined): ReadTrace {
    const steps: TlaTraceStep[] = this.states.map((s) => ({
      action: s.action
        ? { name: s.action.name, params: nameArguments(s.action.name, s.action.args, names) }
        : null,
      state: s.state,
    }));
    let loopsBackTo: number | null = null;
    if (this.backTo !== null) {
      const i = this.states.findIndex((s) => s.number === this.backTo);
      loopsBackTo = i >= 0 ? i : this.backTo - 1;
    }
    const back = this.backAction;
    // 2122 labels the edge from the last state back (a TLC 2.x dumpTrace shows the same edge).
    const loopAction =
      loopsBackTo !== null && back !== null
        ? { name: back.name, params: nameArguments(back.name, back.args, names) }
        : undefined;
    return {
      steps,
      loopsBackTo,
      ...(loopAction !== undefined ? { loopAction } : {}),
      stuttering: this.stuttering,
    };
  }
}

type Open =
  | {
      kind: 'violation';
      violationKind: ViolationKind;
      property: string | null;
      trace: TraceBuilder;
    }
  | {
      kind: 'failure';
      failureKind: FailureKind;
      code: number;
      message: string;
      tlaLocation?: string;
      property?: string;
      trace: TraceBuilder;
    };

/** The counts and facts of a run, filled in as their messages arrive. */
type Facts = {
  -readonly [K in
    | 'success'
    | 'stats'
    | 'depth'
    | 'lastProgress'
    | 'initialStates'
    | 'seconds'
    | 'version']: TlcReport[K];
};

/** What the reader has gathered so far: the errors opened (each collects the trace printed after it), problems, facts. */
interface Reading {
  readonly opened: Open[];
  readonly problems: string[];
  readonly facts: Facts;
}

const firstLine = (m: ToolMessage): string => at(m.text.split('\n'), 0, 'a message line').trim();

/** Interprets the messages of one TLC run. */
export function interpretMessages(
  parsed: ParsedToolOutput,
  options: InterpretOptions = {},
): TlcReport {
  const reading: Reading = {
    opened: [],
    problems: [],
    facts: {
      success: false,
      stats: null,
      depth: null,
      lastProgress: null,
      initialStates: null,
      seconds: null,
      version: null,
    },
  };
  for (const m of parsed.messages) {
    if (
      readError(m, reading, parsed, options) ||
      readTraceMessage(m, reading) ||
      readFact(m, reading.facts)
    )
      continue;
    // Any other error-class message (an unknown option, a config problem, a TLC bug) is a
    // failure in TLC's own words; warnings and information are not.
    if (m.severity === MessageClass.ERROR || m.severity === MessageClass.TLCBUG)
      openFailure(reading, 'tlc', m);
  }

  const violations: Violation[] = [];
  const failures: Failure[] = [];
  for (const o of reading.opened) {
    const trace = o.trace.build(options.actionParameters);
    if (o.kind === 'violation')
      violations.push({ kind: o.violationKind, property: o.property, trace });
    else {
      failures.push({
        kind: o.failureKind,
        code: o.code,
        message: o.message,
        trace: trace.steps.length > 0 ? trace : null,
        ...(o.tlaLocation !== undefined ? { tlaLocation: o.tlaLocation } : {}),
        ...(o.property !== undefined ? { property: o.property } : {}),
      });
    }
  }
  return { violations, failures, ...reading.facts, traceProblems: reading.problems };
}

function openViolation(
  reading: Reading,
  violationKind: ViolationKind,
  property: string | null,
): void {
  reading.opened.push({ kind: 'violation', violationKind, property, trace: new TraceBuilder() });
}

function openFailure(
  reading: Reading,
  failureKind: FailureKind,
  m: ToolMessage,
  extra: { tlaLocation?: string; property?: string; message?: string } = {},
): void {
  reading.opened.push({
    kind: 'failure',
    failureKind,
    code: m.code,
    message: extra.message ?? m.text.trim(),
    trace: new TraceBuilder(),
    ...dropUndefined(extra),
  });
}

/** A message that reports a violation or a failure opens it; false for any other. */
function readError(
  m: ToolMessage,
  reading: Reading,
  parsed: ParsedToolOutput,
  options: InterpretOptions,
): boolean {
  switch (m.code) {
    case EC.TLC_INVARIANT_VIOLATED_BEHAVIOR:
      openViolation(reading, 'invariant', nameIn(firstLine(m), /^Invariant (\S+) is violated/));
      return true;
    case EC.TLC_INVARIANT_VIOLATED_INITIAL: {
      openViolation(
        reading,
        'initial-invariant',
        nameIn(firstLine(m), /^Invariant (\S+) is violated/),
      );
      // The state follows the heading inside this message, without a `1:` line (06-init-violation).
      const state = readStateVariables(m.text.split('\n').slice(1));
      if (state.ok)
        reading.opened[reading.opened.length - 1]?.trace.states.push({
          number: 1,
          action: null,
          state: state.value,
        });
      else reading.problems.push(state.problem);
      return true;
    }
    case EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR:
      openViolation(
        reading,
        'action-property',
        nameIn(firstLine(m), /^Action property (\S+) is violated/),
      );
      return true;
    case EC.TLC_TEMPORAL_PROPERTY_VIOLATED:
      openViolation(reading, 'temporal', temporalName(firstLine(m), options.properties ?? []));
      return true;
    case EC.TLC_VALUE_ASSERT_FAILED:
      openViolation(reading, 'assert', assertionMessage(m.text));
      return true;
    case EC.TLC_DEADLOCK_REACHED:
      openViolation(reading, 'deadlock', null);
      return true;
    case EC.TLC_INVARIANT_EVALUATION_FAILED: {
      const property = nameIn(firstLine(m), /^Evaluating invariant (\S+) failed/);
      openFailure(reading, 'invariant-evaluation', m, property ? { property } : {});
      return true;
    }
    case EC.GENERAL:
      openFailure(reading, 'evaluation', m, { message: generalMessage(m.text) });
      return true;
    case EC.TLC_NESTED_EXPRESSION: {
      const tlaLocation = innermostPosition(m.text);
      const open = reading.opened[reading.opened.length - 1];
      // Attaches to the error it explains (1000, 2111, 2132); alone it is an evaluation error.
      if (open && open.kind === 'failure' && open.tlaLocation === undefined && tlaLocation)
        open.tlaLocation = tlaLocation;
      else if (!open) openFailure(reading, 'evaluation', m, tlaLocation ? { tlaLocation } : {});
      return true;
    }
    case EC.TLC_PARSING_FAILED:
      openFailure(
        reading,
        'parse',
        m,
        readSanyReport(parsed.sanyLines, m.text, options.moduleName),
      );
      return true;
    case EC.TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM:
      openFailure(reading, 'config', m);
      return true;
    default:
      return false;
  }
}

/** A state, the loop back or the stuttering of a trace goes to the error opened last; false for any other message. */
function readTraceMessage(m: ToolMessage, reading: Reading): boolean {
  const open = reading.opened[reading.opened.length - 1];
  switch (m.code) {
    case EC.TLC_STATE_PRINT2: {
      const state = readPrintedState(m.text);
      if (!state.ok) reading.problems.push(state.problem);
      else if (open) open.trace.states.push(state.value);
      return true;
    }
    case EC.TLC_BACK_TO_STATE: {
      const back = readBackToState(m.text);
      if (!back.ok) reading.problems.push(back.problem);
      else if (open) {
        open.trace.backTo = back.value.backTo;
        open.trace.backAction = back.value.action;
      }
      return true;
    }
    case EC.TLC_STATE_PRINT3:
      if (open) open.trace.stuttering = readStuttering(m.text) !== null;
      return true;
    default:
      return false;
  }
}

/** A count or fact of the run (success, statistics, depth, progress, time, version); false for any other message. */
function readFact(m: ToolMessage, facts: Facts): boolean {
  switch (m.code) {
    case EC.TLC_SUCCESS:
      facts.success = true;
      return true;
    case EC.TLC_STATS: {
      const s =
        /([\d,]+) states generated, ([\d,]+) distinct states? found, ([\d,]+) states? left on queue/.exec(
          m.text,
        );
      if (s)
        facts.stats = {
          generated: num(at(s, 1, 'states generated')),
          distinct: num(at(s, 2, 'distinct states')),
          queue: num(at(s, 3, 'states on queue')),
        };
      return true;
    }
    case EC.TLC_SEARCH_DEPTH: {
      const d = /(\d[\d,]*)/.exec(m.text);
      if (d) facts.depth = num(at(d, 1, 'the depth'));
      return true;
    }
    case EC.TLC_PROGRESS_STATS:
      facts.lastProgress = readProgress(m.text) ?? facts.lastProgress;
      return true;
    case EC.TLC_INIT_GENERATED1: {
      const i = /([\d,]+) distinct states? generated/.exec(m.text);
      if (i) facts.initialStates = num(at(i, 1, 'initial states'));
      return true;
    }
    case EC.TLC_FINISHED:
      facts.seconds = readFinishedSeconds(m.text);
      return true;
    case EC.TLC_BEHAVIOR_UP_TO_THIS_POINT:
    case EC.TLC_COUNTER_EXAMPLE:
      // Error-class headings of a trace whose error was reported just before.
      return true;
    case EC.TLC_VERSION:
      facts.version = firstLine(m);
      return true;
    default:
      return false;
  }
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * 2116 names one property (`Temporal property p was violated.`), lists several (current TLC:
 * `Temporal properties p1, p2 and p3 were violated.`) or none (TLC 1.7.4: `Temporal properties
 * were violated.`). Of a list, the first in the config's PROPERTY order; unnamed, the config's
 * only property, else null. src/tlc/name-temporal.ts refines both on the lasso when it can.
 */
export function temporalName(line: string, properties: readonly string[]): string | null {
  const one = nameIn(line, /^Temporal property (\S+) was violated/);
  if (one !== null) return one;
  const list = /^Temporal properties (.+) were violated/.exec(line)?.[1];
  if (list !== undefined) {
    const listed = list
      .split(/,\s*|\s+and\s+/)
      .map((w) => w.trim())
      .filter((w) => w !== '');
    return properties.find((p) => listed.includes(p)) ?? listed[0] ?? null;
  }
  return properties.length === 1 ? at(properties, 0, 'the one property') : null;
}

function nameIn(line: string, re: RegExp): string | null {
  return re.exec(line)?.[1] ?? null;
}

/** 2132: the heading, then the second argument of Assert as a TLA+ string (quoted). */
function assertionMessage(text: string): string | null {
  const rest = text.split('\n').slice(1).join('\n').trim();
  if (rest === '') return null;
  const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(rest);
  return m
    ? at(m, 1, 'a quoted message')
        .replace(/\\(["\\])/g, '$1')
        .replace(/\\n/g, '\n')
    : rest;
}

/** 1000: TLC's boilerplate about an unexpected exception is dropped, its reason kept. */
function generalMessage(text: string): string {
  const lines = text.split('\n');
  const reasonAt = lines.findIndex((l) => l.startsWith('The exception was'));
  if (reasonAt < 0) return text.trim();
  const reason = lines
    .slice(reasonAt + 1)
    .join('\n')
    .replace(/^:\s*/, '')
    .trim();
  return reason === '' ? at(lines, reasonAt, 'the reason line').trim() : reason;
}

/** 2103: positions are listed outermost first; the last is the expression that failed. */
function innermostPosition(text: string): string | undefined {
  const all = [...text.matchAll(/Line (\d+), column (\d+) to line \d+, column \d+ in (\S+)/g)];
  const last = all[all.length - 1];
  return last
    ? formatTlaLocation({
        module: at(last, 3, 'a module name'),
        line: Number(last[1]),
        column: Number(last[2]),
      })
    : undefined;
}

/**
 * 3002 carries no detail (1.7.4 prints it empty); SANY's report sits in the unframed lines
 * before it. The first position SANY gives is the location: a parse error's
 * `Encountered "..." at line L, column C` (the token after the real mistake), or a semantic
 * error's `line L, col C to line L2, col C2 of module M`.
 */
export function readSanyReport(
  sanyLines: readonly string[],
  text: string,
  moduleName?: string,
): { message: string; tlaLocation?: string } {
  const kept: string[] = [];
  let skipping = false;
  for (const line of sanyLines) {
    if (line.startsWith('Residual stack trace follows')) skipping = true;
    if (skipping) {
      if (line.trim() === '') skipping = false;
      continue;
    }
    if (line.trim() !== '') kept.push(line.trim());
  }
  const all = sanyLines.join('\n');
  const semantic = /line (\d+), col (\d+) to line \d+, col \d+ of module (\S+)/.exec(all);
  const parse = /at line (\d+), column (\d+)/.exec(all);
  const module =
    (/In module (\S+)/.exec(all) ?? /in file (\S+)/.exec(all))?.[1]?.replace(/\.tla$/, '') ??
    moduleName;
  let tlaLocation: string | undefined;
  if (parse && module)
    tlaLocation = formatTlaLocation({ module, line: Number(parse[1]), column: Number(parse[2]) });
  else if (semantic)
    tlaLocation = formatTlaLocation({
      module: at(semantic, 3, 'a module name'),
      line: Number(semantic[1]),
      column: Number(semantic[2]),
    });
  const heading = text.trim() === '' ? 'Parsing or semantic analysis failed.' : text.trim();
  const unique = [...new Set(kept)];
  const message = unique.length > 0 ? `${heading}\n${unique.join('\n')}` : heading;
  return tlaLocation ? { message, tlaLocation } : { message };
}
