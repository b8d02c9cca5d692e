// The `mermaid` trace format: a `sequenceDiagram` with one participant per thread and one for
// shared state, one message or note per step (its statement and line), the lasso as a `loop`
// block, and a deadlock's wait-for picture as dashed arrows. Pure; text only, no rendering.

import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { cleanStatement } from './statement-text.js';
import { classifyVariable, traceFacts } from './trace-facts.js';
import { formatParams } from './value-text.js';
import { findWaitCycle, waitEdges } from './wait-for.js';
import type { SpecSources } from './wait-inference.js';

const SHARED = 'shared';

const ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;' };

/** Mermaid text of a message: entity codes for the characters its parser gives meaning to. */
export function escapeMermaid(text: string): string {
  // One pass, so the `;` of an entity just written is not escaped again.
  return text
    .replace(/[#;<>]/g, (c) => ENTITIES[c]!)
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
  return escapeMermaid(`${step.index}. ${step.step}${line}: ${cleanStatement(step)}${outcome}`);
}

/** Where a step's effect goes: another thread it changed, else shared state, else itself. */
function target(step: TraceStep): string | null {
  const owners = Object.keys(step.changes).map(classifyVariable);
  const other = owners.find((o) => o.kind !== 'shared' && o.thread !== step.thread);
  if (other !== undefined && other.kind !== 'shared') return participantId(other.thread);
  if (owners.some((o) => o.kind === 'shared')) return SHARED;
  return null;
}

/** The Mermaid sequence diagram of a result's trace, ending in a newline. */
export function formatMermaidTrace(result: VariantResult, sources?: SpecSources): string {
  const facts = traceFacts(result);
  const trace = result.trace ?? [];
  const params = formatParams(result.params);
  const verdict = result.property === null ? result.verdict : `${result.verdict} ${result.property}`;
  const out: string[] = ['sequenceDiagram'];
  out.push(`  title ${escapeMermaid(`${result.spec} ${result.variant}${params === '' ? '' : ` (${params})`}: ${verdict}`)}`);
  out.push(`  participant ${SHARED} as shared state`);
  for (const t of facts.threads) out.push(`  participant ${participantId(t)}${participantId(t) === t ? '' : ` as ${t}`}`);
  const everyone = facts.threads.length === 0 ? SHARED : `${SHARED},${participantId(facts.threads[facts.threads.length - 1]!)}`;
  let indent = '  ';
  for (const step of trace) {
    if (result.loopsBackTo !== null && step.index === result.loopsBackTo) {
      out.push(`${indent}loop back to step ${step.index}, forever`);
      indent = '    ';
    }
    if (step.thread === null) {
      out.push(`${indent}Note over ${everyone}: ${step.index === 0 ? '0. init' : stepText(step)}`);
      continue;
    }
    const from = participantId(step.thread);
    const to = target(step);
    if (to === null) out.push(`${indent}Note over ${from}: ${stepText(step)}`);
    else out.push(`${indent}${from}->>${to}: ${stepText(step)}`);
    for (const life of facts.lives.values()) {
      if (life.bornAt === step.index) out.push(`${indent}Note over ${participantId(life.thread)}: born (clone)`);
      if (life.goneAt === step.index) out.push(`${indent}Note over ${participantId(life.thread)}: gone (exit)`);
    }
  }
  if (indent !== '  ') out.push('  end');
  if (result.stuttering === true && result.loopsBackTo === null) out.push(`  Note over ${everyone}: then stuttering forever`);
  if (result.verdict === 'deadlock') {
    const { edges: waits, inferred } = waitEdges(result, sources);
    out.push(`  Note over ${everyone}: deadlock: no thread can take a step${inferred && waits.length > 0 ? ' (waits read from the last state)' : ''}`);
    for (const w of waits) {
      for (const h of w.heldBy.length === 0 ? [w.thread] : w.heldBy) {
        out.push(`  ${participantId(w.thread)}-->>${participantId(h)}: ${escapeMermaid(`waits on ${w.waitsOn}, held or owed by ${h}`)}`);
      }
    }
    const cycle = findWaitCycle(waits);
    if (cycle !== null) out.push(`  Note over ${everyone}: ${escapeMermaid(`cycle: ${cycle.join(' -> ')}`)}`);
  }
  return `${out.join('\n')}\n`;
}
