// Reads a deadlock's wait-for picture off its trace when the result does not record one (files
// written before the pipeline recorded `waitsFor`). Takes a result and, optionally, the text of
// the spec files its steps point at; returns wait edges. Pure; names only what the final state
// and the spec's text show, never a guess past them.

import { at } from '../../source/checked-index.js';
import type { DslValue, TraceStep, VariantResult } from '../../result/result-file.js';
import { threadNamed, threadsOwing, type WaitEdge } from '../../result/wait-edge.js';
import { isAliveAt, traceFacts } from './trace-facts.js';

/** One waiting thread (the result file's shape). */
export type { WaitEdge } from '../../result/wait-edge.js';

/** Spec text by the `file` of step locations, as the trace command and the viewer read it. */
export type SpecSources = ReadonlyMap<string, string>;

// The prelude's sleeping primitives: the first argument names what the caller sleeps on.
const BLOCKING_CALL =
  /\b(wait_for_completion(?:_interruptible|_killable)?|mutex_lock(?:_killable)?|spin_lock|down_write(?:_killable)?|down_read|de_thread_wait)\s*\(\s*([A-Za-z_][\w.]*(?:\[[^\]]*\])?)/;
const AWAIT = /^await\s+(.+)$/;
const LABELLED = /^([A-Za-z_]\w*)\s*:\s*(.*)$/;

interface NextStatement {
  /** `proc.label` of the statement, as trace steps name it. */
  readonly step: string;
  readonly text: string;
}

/** The lines of `text`, without a byte-order mark. */
function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/**
 * The labelled statement written right after the thread's last step: the first statement of a
 * branch or body it entered, or the one after it. Null when the next line ends a block (the
 * statement that follows then depends on control flow the text alone does not give).
 */
function nextStatement(step: TraceStep, sources: SpecSources): NextStatement | null {
  const loc = step.location;
  if (loc === null) return null;
  const text = sources.get(loc.file);
  if (text === undefined) return null;
  const lines = linesOf(text);
  const owner = step.step.includes('.') ? step.step.slice(0, step.step.lastIndexOf('.')) : null;
  for (const line of lines.slice(loc.line)) {
    const t = line.trim();
    if (
      t === '' ||
      t.startsWith('//') ||
      t.startsWith('/*') ||
      t.startsWith('*') ||
      t.startsWith('@')
    )
      continue;
    const m = LABELLED.exec(t);
    if (m === null || owner === null) return null;
    return {
      step: `${owner}.${at(m, 1, 'a statement label')}`,
      text: at(m, 2, 'a labelled statement'),
    };
  }
  return null;
}

/** The body lines of `variant name { ... }` and the name it extends, if the spec has it. */
function variantBlock(
  lines: readonly string[],
  name: string,
): { body: readonly string[]; parent: string | null } | null {
  const head = new RegExp(
    `^variant\\s+${name.replace(/[^\w]/g, '')}\\b(?:\\s+extends\\s+(\\w+))?\\s*\\{`,
  );
  const start = lines.findIndex((l) => head.test(l));
  const headLine = lines[start];
  if (headLine === undefined) return null;
  const parent = head.exec(headLine)?.[1] ?? null;
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\}/.test(l)) break;
    body.push(l);
  }
  return { body, parent };
}

/** The statement the result's variant puts at `step`: its override, else the base text. */
function statementInVariant(
  result: VariantResult,
  next: NextStatement,
  sources: SpecSources,
): string {
  const spec = sources.get(result.spec);
  if (spec === undefined) return next.text;
  const lines = linesOf(spec);
  const override = new RegExp(
    `^\\s*override\\s+step\\s+${next.step.replace(/\./g, '\\.')}\\s*:\\s*(.*)$`,
  );
  const seen = new Set<string>();
  for (let name: string | null = result.variant; name !== null && !seen.has(name); ) {
    seen.add(name);
    const block = variantBlock(lines, name);
    if (block === null) break;
    for (const l of block.body) {
      const m = override.exec(l);
      if (m !== null) return at(m, 1, 'an override statement').trim();
    }
    name = block.parent;
  }
  return next.text;
}

/** The value `name` has for `thread` in `state`: its call frame's, else its own, else shared. */
function lookup(
  state: Readonly<Record<string, DslValue>>,
  thread: string,
  call: string | null,
  name: string,
): DslValue | undefined {
  const base = name.replace(/\[.*$/, '');
  for (const key of [
    call === null ? null : `${thread}.${call}.${base}`,
    `${thread}.${base}`,
    base,
  ]) {
    if (key !== null && key in state) return state[key];
  }
  return undefined;
}

/** Whether a value is a prelude `Completion` ({ done, all }) that nobody completed yet. */
function isPendingCompletion(value: DslValue): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  const c = value as { all?: unknown; done?: unknown };
  return (
    keys.length === 2 && keys[0] === 'all' && keys[1] === 'done' && c.all === false && c.done === 0
  );
}

/** The uncompleted completions of `thread`'s current call (else of the thread itself), by name. */
function pendingCompletions(
  state: Readonly<Record<string, DslValue>>,
  thread: string,
  call: string | null,
): string[] {
  for (const prefix of [call === null ? null : `${thread}.${call}.`, `${thread}.`]) {
    if (prefix === null) continue;
    const names = Object.entries(state)
      .filter(
        ([k, v]) =>
          k.startsWith(prefix) && !k.slice(prefix.length).includes('.') && isPendingCompletion(v),
      )
      .map(([k]) => k.slice(prefix.length));
    if (names.length > 0) return names;
  }
  return [];
}

/**
 * The wait edges of a deadlocked result read off its last state: each thread still alive that
 * took a step waits on what the statement after its last step sleeps on (found in the spec's
 * text, with the variant's override, when `sources` has it), held by the thread a lock names
 * or owed by the threads holding its queued works. Empty unless the verdict is deadlock.
 */
export function inferWaits(
  result: VariantResult,
  sources: SpecSources = new Map(),
): readonly WaitEdge[] {
  const trace = result.trace ?? [];
  const last = trace[trace.length - 1];
  if (result.verdict !== 'deadlock' || last === undefined) return [];
  const facts = traceFacts(result);
  const threads = new Set(facts.threads);
  const edges: WaitEdge[] = [];
  for (const thread of facts.threads) {
    const life = facts.lives.get(thread);
    if (life !== undefined && !isAliveAt(life, last.index)) continue;
    const own = [...trace].reverse().find((s) => s.thread === thread);
    if (own === undefined) continue;
    const next = nextStatement(own, sources);
    const call = own.step.includes('.') ? own.step.slice(0, own.step.indexOf('.')) : null;
    const where =
      own.location === null ? own.step : `${own.step} at ${own.location.file}:${own.location.line}`;
    if (next === null) {
      const pending = pendingCompletions(last.state, thread, call);
      const which = pending.length === 0 ? '' : ` (its completions ${pending.join(', ')} not done)`;
      edges.push({
        thread,
        waitsOn: `the statement after ${where}${which}`,
        heldBy: threadsOwing(last.state, thread, threads),
      });
      continue;
    }
    const text = statementInVariant(result, next, sources);
    const call_ = BLOCKING_CALL.exec(text);
    const awaited = AWAIT.exec(text);
    const object =
      call_ !== null
        ? at(call_, 2, 'the object of a blocking call')
        : awaited !== null
          ? at(awaited, 1, 'an awaited condition').trim()
          : null;
    if (object === null) continue; // its next step does not sleep: not one of the waiters
    const held = threadNamed(lookup(last.state, thread, call, object), threads);
    const heldBy =
      held !== null && held !== thread ? [held] : threadsOwing(last.state, thread, threads);
    edges.push({ thread, waitsOn: object, heldBy, statement: text, at: next.step });
  }
  return edges;
}
