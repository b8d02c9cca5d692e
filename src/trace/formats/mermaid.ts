// The `mermaid` trace format: a `sequenceDiagram` with one participant per thread and one for
// shared state, one message or note per step (its statement and line), births, exits and ends
// as notes, the lasso as a `loop` block ending in its step back, and a deadlock's wait-for
// picture as dashed arrows. Pure; text only, no rendering.

import { required } from '../../source/checked-index.js';
import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { cleanStatement } from './statement-text.js';
import { describeParams } from '../../result/expectation.js';
import { loopSentence } from './text.js';
import { classifyVariable, statusChanges, traceFacts, unbornAtStart } from './trace-facts.js';
import { findWaitCycle, waitEdges } from './wait-for.js';
import { breakingLines } from './breaking-lines.js';
import { type FoldOptions, foldedSummary, traceParts } from './fold-steps.js';

const SHARED = 'shared';

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
};

/** Mermaid text of a message: entity codes for the characters its parser gives meaning to. */
export function escapeMermaid(text: string): string {
  // One pass, so the `;` of an entity just written is not escaped again.
  return text
    .replace(/[#;<>]/g, (c) => required(ENTITIES, c, 'Mermaid entities'))
    .replace(/\s+/g, ' ')
    .trim();
}

function participantId(thread: string): string {
  // Thread names are identifiers; `shared` is taken by the shared-state lane.
  return thread === SHARED ? `${SHARED}_thread` : thread;
}

function stepText(step: TraceStep): string {
  const line = step.location === null ? '' : ` (line ${step.location.line})`;
  const outcome = step.outcome === undefined ? '' : ` [${step.outcome}]`;
  const back = step.backTo === undefined ? '' : ` (back to state ${step.backTo})`;
  return escapeMermaid(
    `${step.index}. ${step.step}${line}: ${cleanStatement(step)}${outcome}${back}`,
  );
}

/** Where a step's effect goes: another thread it changed, else shared state, else itself. */
function target(step: TraceStep): string | null {
  const owners = Object.keys(step.changes).map(classifyVariable);
  const other = owners.find((o) => o.kind !== 'shared' && o.thread !== step.thread);
  if (other !== undefined && other.kind !== 'shared') return participantId(other.thread);
  if (owners.some((o) => o.kind === 'shared')) return SHARED;
  return null;
}

/** Births, exits and ends at a step, as notes over the threads they happen to. */
function lifeNotes(result: VariantResult, step: TraceStep, indent: string): string[] {
  const out: string[] = [];
  for (const c of statusChanges(result.trace ?? [], step.index)) {
    const what = c.by !== undefined ? `born by clone of ${c.by}` : c.after;
    out.push(`${indent}Note over ${participantId(c.thread)}: ${escapeMermaid(what)}`);
  }
  if (step.threads !== undefined) return out;
  // A result without statuses: births read off its variables, exits off the statement.
  for (const life of traceFacts(result).lives.values()) {
    if (life.bornAt === step.index)
      out.push(`${indent}Note over ${participantId(life.thread)}: born (clone)`);
    if (life.goneAt === step.index)
      out.push(`${indent}Note over ${participantId(life.thread)}: exiting`);
  }
  return out;
}

/** The Mermaid sequence diagram of a result's trace, ending in a newline; non-essential runs folded unless `allSteps`. */
export function formatMermaidTrace(result: VariantResult, options: FoldOptions = {}): string {
  const facts = traceFacts(result);
  const trace = result.trace ?? [];
  const params = describeParams(result.overrides ?? result.params);
  const verdict =
    result.property === null ? result.verdict : `${result.verdict} ${result.property}`;
  const out: string[] = ['sequenceDiagram'];
  out.push(
    `  title ${escapeMermaid(`${result.spec} ${result.variant}${params === '' ? '' : ` (${params})`}: ${verdict}`)}`,
  );
  out.push(`  participant ${SHARED} as shared state`);
  for (const t of facts.threads)
    out.push(`  participant ${participantId(t)}${participantId(t) === t ? '' : ` as ${t}`}`);
  const lastThread = facts.threads[facts.threads.length - 1];
  const everyone = lastThread === undefined ? SHARED : `${SHARED},${participantId(lastThread)}`;
  let indent = '  ';
  const k = result.loopsBackTo;
  const loop = loopSentence(result);
  const openLoop = (): void => {
    out.push(`${indent}loop ${escapeMermaid(loop ?? `back to state ${k}`)}`);
    indent = '    ';
  };
  const unborn = unbornAtStart(result);
  for (const part of traceParts(trace, options)) {
    if (part.kind === 'folded') {
      const over = part.thread === null ? everyone : participantId(part.thread);
      out.push(`${indent}Note over ${over}: ${escapeMermaid(foldedSummary(part))}`);
      for (const step of part.steps) out.push(...lifeNotes(result, step, indent));
      continue;
    }
    const step = part.step;
    if (step.thread === null && step.backTo === undefined) {
      out.push(`${indent}Note over ${everyone}: ${step.index === 0 ? '0. init' : stepText(step)}`);
      if (step.index === 0)
        for (const t of unborn)
          out.push(`${indent}Note over ${participantId(t)}: unborn (spare slot)`);
    } else if (step.thread === null) {
      out.push(`${indent}Note over ${everyone}: ${stepText(step)}`);
    } else {
      const from = participantId(step.thread);
      const to = target(step);
      if (to === null) out.push(`${indent}Note over ${from}: ${stepText(step)}`);
      else out.push(`${indent}${from}->>${to}: ${stepText(step)}`);
    }
    out.push(...lifeNotes(result, step, indent));
    // The step into state k ran once; the loop is what follows it.
    if (k !== null && step.index === k && step.backTo === undefined) openLoop();
  }
  if (indent !== '  ') out.push('  end');
  if (result.stuttering === true && result.loopsBackTo === null)
    out.push(`  Note over ${everyone}: then stuttering forever`);
  const breaking = breakingLines(result);
  // One note for the whole state: Mermaid breaks lines inside a note at `<br/>`.
  if (breaking.length > 0)
    out.push(
      `  Note over ${everyone}: ${breaking.map((l) => escapeMermaid(l.trim())).join('<br/>')}`,
    );
  if (result.verdict === 'deadlock') {
    const waits = waitEdges(result);
    out.push(`  Note over ${everyone}: deadlock: no thread can take a step`);
    for (const w of waits) {
      for (const h of w.heldBy.length === 0 ? [w.thread] : w.heldBy) {
        out.push(
          `  ${participantId(w.thread)}-->>${participantId(h)}: ${escapeMermaid(`waits on ${w.waitsOn}, held or owed by ${h}`)}`,
        );
      }
    }
    const cycle = findWaitCycle(waits);
    if (cycle !== null)
      out.push(`  Note over ${everyone}: ${escapeMermaid(`cycle: ${cycle.join(' -> ')}`)}`);
  }
  return `${out.join('\n')}\n`;
}
