// Takes the text of one trace message (2217 a state, 2122 back-to-state, 2218 stuttering, or
// the body of 2107) and returns its number, action label and variable values. Pure. It must
// not decide what the trace means (lasso, verdict): to-check-result.ts does.

import type { TlaState, TlaValue } from '../result/tla-value.js';
import { parseTlaArgumentsText, parseTlaValueText } from './tla-value-text.js';
import { at } from '../source/checked-index.js';

/** Where TLC says an action's body is (1-based lines and columns, as TLC prints them). */
export interface TlaRange {
  readonly module: string;
  readonly beginLine: number;
  readonly beginColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** An action label `<A_load(t1) line 21, col 5 to line 24, col 45 of module M>`. */
export interface ActionLabel {
  readonly name: string;
  /**
   * The argument values TLC printed, in order. TLC 1.7.4 prints no arguments
   * (`<A_load line ...>`); then this is empty.
   */
  readonly args: readonly TlaValue[];
  readonly range: TlaRange | null;
}

/** One state as printed: `i: <label>` then the variables. */
export interface PrintedState {
  /** TLC's 1-based state number. */
  readonly number: number;
  /** Null for `<Initial predicate>` and for a state printed without a header (2107). */
  readonly action: ActionLabel | null;
  readonly state: TlaState;
}

/** A problem in text that should be a state; the reader reports it instead of guessing. */
export interface StateTextProblem {
  readonly ok: false;
  readonly problem: string;
}

/** A reading, or the problem that stopped it. */
export type Reading<T> = { readonly ok: true; readonly value: T } | StateTextProblem;

function problem(text: string): StateTextProblem {
  return { ok: false, problem: text };
}

const LABEL = /^<(.*) line (\d+), col (\d+) to line (\d+), col (\d+) of module (\S+)>$/;
const HEADER = /^(\d+): (.*)$/;

/** Reads an action label such as `<A_load(t1) line 21, col 5 to line 24, col 45 of module M>`. */
export function readActionLabel(label: string): Reading<ActionLabel> {
  const trimmed = label.trim();
  const m = LABEL.exec(trimmed);
  const head = m ? at(m, 1, 'an action name') : trimmed.replace(/^<|>$/g, '');
  const range: TlaRange | null = m
    ? {
        module: at(m, 6, 'a module name'),
        beginLine: Number(m[2]),
        beginColumn: Number(m[3]),
        endLine: Number(m[4]),
        endColumn: Number(m[5]),
      }
    : null;
  const paren = head.indexOf('(');
  if (paren < 0) return { ok: true, value: { name: head.trim(), args: [], range } };
  const args = parseTlaArgumentsText(head.slice(paren));
  if (!args.ok) return problem(`cannot read the arguments of action ${head}: ${args.error}`);
  return { ok: true, value: { name: head.slice(0, paren).trim(), args: args.values, range } };
}

/**
 * Reads `/\ var = value` lines into a state. A value runs until the next line starting with
 * `/\ ` or the end, since TLC wraps long values onto indented lines. A module with a single
 * variable is printed as `var = value` without the conjunction.
 */
export function readStateVariables(lines: readonly string[]): Reading<TlaState> {
  const chunks: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (line.startsWith('/\\ ') || chunks.length === 0) chunks.push(line.replace(/^\/\\ /, ''));
    else chunks[chunks.length - 1] += '\n' + line;
  }
  const state: Record<string, TlaValue> = {};
  for (const chunk of chunks) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*) = ([\s\S]*)$/.exec(chunk);
    if (!m) return problem(`cannot read a variable in ${JSON.stringify(chunk.slice(0, 60))}`);
    const name = at(m, 1, 'a variable name');
    const value = parseTlaValueText(at(m, 2, 'a value'));
    if (!value.ok) return problem(`cannot read the value of ${name}: ${value.error}`);
    state[name] = value.value;
  }
  return { ok: true, value: state };
}

/** Reads a 2217 message: `i: <Initial predicate>` or `i: <label>`, then the variables. */
export function readPrintedState(text: string): Reading<PrintedState> {
  const lines = text.split('\n');
  const header = HEADER.exec(lines[0] ?? '');
  if (!header)
    return problem(
      `a trace state does not start with its number: ${JSON.stringify(lines[0] ?? '')}`,
    );
  const state = readStateVariables(lines.slice(1));
  if (!state.ok) return state;
  const labelText = at(header, 2, 'a state label').trim();
  if (labelText === '<Initial predicate>')
    return { ok: true, value: { number: Number(header[1]), action: null, state: state.value } };
  const action = readActionLabel(labelText);
  if (!action.ok) return action;
  return {
    ok: true,
    value: { number: Number(header[1]), action: action.value, state: state.value },
  };
}

/** Reads a 2122 message `4: Back to state: <label>`: the state number the loop returns to. */
export function readBackToState(
  text: string,
): Reading<{ readonly backTo: number; readonly action: ActionLabel | null }> {
  const m = /^(\d+): [^<]*(<.*>)?\s*$/.exec(text.split('\n')[0] ?? '');
  if (!m) return problem(`cannot read a back-to-state line: ${JSON.stringify(text)}`);
  if (!m[2]) return { ok: true, value: { backTo: Number(m[1]), action: null } };
  const action = readActionLabel(m[2]);
  if (!action.ok) return action;
  return { ok: true, value: { backTo: Number(m[1]), action: action.value } };
}

/** Reads a 2218 message `5: Stuttering`: the number the stuttering step would have. */
export function readStuttering(text: string): number | null {
  const m = /^(\d+):/.exec(text.trim());
  return m ? Number(m[1]) : null;
}
