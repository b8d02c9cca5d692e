// The rules of `ci --sarif`: what GitHub code scanning shows beside each alert. A rule has a
// short and a full description, help in text and Markdown (what the rule means and how to read
// the counterexample) and a link to the documentation. Rules about one spec's properties are
// named `<spec file stem>/<name>`, so that two specs with a property of the same name never
// share a rule; the rules of credspec itself (a place no check reached, a stale generated file,
// a diagnostic code) mean the same in every spec and keep their plain names.

/** A SARIF `reportingDescriptor` as code scanning reads it. */
import { type DocsLink, withUri } from './docs-link.js';

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
  readonly properties: {
    readonly tags: readonly string[];
    readonly precision: 'very-high';
    readonly 'problem.severity': 'error' | 'warning';
  };
}

/** Code scanning cuts descriptions at 1,024 characters. */
const DESCRIPTION_LIMIT = 1024;

function clip(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

/** The spec's name in rule ids: its file name without folders and `.cred`. */
export function specStem(spec: string): string {
  const base = spec.split(/[\\/]/).pop() ?? spec;
  return base.endsWith('.cred') ? base.slice(0, -'.cred'.length) : base;
}

const READING_TEXT = [
  'How to read the counterexample: the result is placed at the declaration the check broke;',
  'its code flow is the trace, one location per step in order, each at the spec line that step',
  'executed and labelled "step number: thread step". The message ends with the command line that',
  'reruns this check; add --json r.json and open it with credspec trace r.json to step through',
  'the trace with every variable at every step (or read the JSON report of the same ci run).',
].join(' ');

const READING_MARKDOWN = [
  '**How to read the counterexample.** The alert is placed at the declaration the check broke.',
  'Its code flow ("Show paths") is the trace: one location per step, in order, each at the spec',
  'line that step executed and labelled `step number: thread step`.',
  '',
  'The message ends with the command line that reruns this check. Add `--json r.json` to it and',
  'run `credspec trace r.json` to step through the trace with every variable at every step, or',
  'read the JSON report (`ci --json`) of the same run.',
].join('\n');

interface RuleText {
  readonly id: string;
  readonly short: string;
  readonly full: string;
  /** What the rule checks, for the help; the reading guide follows when there is a trace. */
  readonly what: string;
  readonly whatMarkdown: string;
  readonly traced: boolean;
  readonly page: string;
  readonly anchor: string;
  readonly level: 'error' | 'warning';
}

function rule(t: RuleText, docs: DocsLink): SarifRule {
  return {
    id: t.id,
    shortDescription: { text: clip(t.short) },
    fullDescription: { text: clip(t.full) },
    help: {
      text: t.traced ? `${t.what}\n\n${READING_TEXT}` : t.what,
      markdown: t.traced ? `${t.whatMarkdown}\n\n${READING_MARKDOWN}` : t.whatMarkdown,
    },
    ...withUri('helpUri', docs(t.page, t.anchor)),
    defaultConfiguration: { level: t.level },
    properties: {
      tags: ['credspec', 'model-checking'],
      precision: 'very-high',
      'problem.severity': t.level,
    },
  };
}

/** The declaration of a property as the spec writes it, when the spec could be read. */
export interface PropertyDeclaration {
  readonly spec: string;
  readonly name: string;
  readonly line: number | null;
  readonly text: string | null;
}

/** `<stem>/<property>`: the property, in the spec's own words. */
export function propertyRule(d: PropertyDeclaration, docs: DocsLink): SarifRule {
  const at = d.line === null ? d.spec : `${d.spec}:${d.line}`;
  const decl = d.text === null ? '' : `: ${d.text}`;
  return rule(
    {
      id: `${specStem(d.spec)}/${d.name}`,
      short: `${d.name} of ${d.spec}${decl}`,
      full: `The property ${d.name}, declared at ${at}${decl}. A result is a variant of the spec, with its parameters, where a check found a behaviour that breaks it although the spec's expect line does not say so.`,
      what: `The property ${d.name} of ${d.spec}, declared at ${at}${d.text === null ? '.' : `:\n\n    ${d.text}`}`,
      whatMarkdown: `The property \`${d.name}\` of \`${d.spec}\`, declared at \`${at}\`${d.text === null ? '.' : `:\n\n\`\`\`\n${d.text}\n\`\`\``}`,
      traced: true,
      page: 'cli.md',
      anchor: 'sarif-for-code-scanning',
      level: 'error',
    },
    docs,
  );
}

/** `<stem>/deadlock`: a reachable state where no thread can move. */
export function deadlockRule(spec: string, docs: DocsLink): SarifRule {
  const what = `A reachable state of ${spec} where no thread can take a step and not every thread has finished.`;
  return rule(
    {
      id: `${specStem(spec)}/deadlock`,
      short: `Deadlock in ${spec}`,
      full: `${what} A result is a variant where a check reached such a state although the spec's expect line does not say so.`,
      what: `${what} The last step of the trace is the last step any thread took; the report of the same check (credspec trace) shows what each thread waits on.`,
      whatMarkdown: `${what} The last step of the trace is the last step any thread took; \`credspec trace\` on the result file shows what each thread waits on and the cycle of waits.`,
      traced: true,
      page: 'cli.md',
      anchor: 'sarif-for-code-scanning',
      level: 'error',
    },
    docs,
  );
}

/** `<stem>/expectation`: a variant that no longer breaks the way its expect line says. */
export function expectationRule(spec: string, docs: DocsLink): SarifRule {
  const what = `A variant of ${spec} did not break the way its expect line says: the race or deadlock the expectation names was not found.`;
  return rule(
    {
      id: `${specStem(spec)}/expectation`,
      short: `An expectation of ${spec} not met`,
      full: `${what} Either the model changed so that the race is gone (then the expect line is stale) or the parameters no longer reach it.`,
      what: `${what} The result is placed at the expect line.`,
      whatMarkdown: `${what} The alert is placed at the \`expect\` line.`,
      traced: false,
      page: 'cli.md',
      anchor: 'sarif-for-code-scanning',
      level: 'error',
    },
    docs,
  );
}

/** `<stem>/inconclusive`: a check that stopped at a limit before it could decide. */
export function inconclusiveRule(spec: string, docs: DocsLink): SarifRule {
  const what = `A check of ${spec} stopped at a limit (states, time, memory, or a simulation that found nothing) before it could decide its expectation.`;
  return rule(
    {
      id: `${specStem(spec)}/inconclusive`,
      short: `A check of ${spec} could not decide`,
      full: `${what} Nothing is known about the expectation; the message says which limit was reached and what to try next.`,
      what: `${what} The message says which limit was reached and what to try next.`,
      whatMarkdown: `${what} The message says which limit was reached and what to try next.`,
      traced: false,
      page: 'cli.md',
      anchor: 'limits',
      level: 'warning',
    },
    docs,
  );
}

/** `<stem>/check-failed`: a check that ended in an error (no Java, an evaluation error, ...). */
export function checkFailedRule(spec: string, docs: DocsLink): SarifRule {
  const what = `A check of ${spec} ended in an error instead of a verdict.`;
  return rule(
    {
      id: `${specStem(spec)}/check-failed`,
      short: `A check of ${spec} failed to run`,
      full: `${what} The message gives the error; nothing is known about the expectation.`,
      what: `${what} The message gives the error.`,
      whatMarkdown: `${what} The message gives the error.`,
      traced: false,
      page: 'cli.md',
      anchor: 'exit-codes',
      level: 'error',
    },
    docs,
  );
}

/** The rules of credspec itself: the vacuity gate, stale generated files. */
export function toolRule(
  id: 'never-reached' | 'unreachable-reached' | 'stale-generated' | 'bound-decides-liveness',
  docs: DocsLink,
): SarifRule {
  const texts = {
    'never-reached': {
      short: 'A step, fault point or cover that no exhaustive check of the spec reached',
      full: 'The vacuity gate of ci (on unless --no-vacuity-gate): every step, every fault point and every cover of a spec must be enabled or reached in at least one exhaustive check that held; a property that holds over paths no check took says nothing about them.',
      fix: 'Add an expect line whose parameters reach the place, or mark it unreachable "reason" in the spec when the model cannot take it.',
    },
    'unreachable-reached': {
      short: 'A place the spec marks unreachable that an exhaustive check reached',
      full: 'A place marked unreachable "reason" in the spec is a claim; an exhaustive check of the spec that enabled or reached it proves the claim false.',
      fix: 'Remove the mark, or find why the model reaches the place.',
    },
    'bound-decides-liveness': {
      short: 'A temporal property that holds while a capped counter reaches its bound',
      full: 'A counter capped at a bound (its range ends at a param or const, and a `<` test refuses the next increment) reached that bound in a check where a temporal property held: a thread past the cap stops, so the property may hold only because of the cap while the unbounded protocol runs forever.',
      fix: 'Lift the cap (let the counter wrap, or drop it where the state space stays finite) and check again, or say why above the bound with // capped "reason".',
    },
    'stale-generated': {
      short: 'A committed generated file is not what credspec emit writes now',
      full: 'A file under generated/ for a spec differs from what credspec emit writes for the spec now, or is missing.',
      fix: 'Run credspec emit on the spec and commit the result.',
    },
  }[id];
  return rule(
    {
      id,
      short: texts.short,
      full: texts.full,
      what: `${texts.full} ${texts.fix}`,
      whatMarkdown: `${texts.full}\n\n${texts.fix}`,
      traced: false,
      page: 'cli.md',
      anchor: 'credspec-ci',
      level: 'error',
    },
    docs,
  );
}

/** A cycle in the lock-order graph of a check: a finding whatever the verdict, never expected. */
export function lockOrderRule(docs: DocsLink): SarifRule {
  const full =
    'As lockdep does, the embedded engine records which lock each thread takes (waits on, completes) while it holds which others, over every step a check explores; a cycle in that order graph through edges no lock_order accepts can deadlock even when the bounded model never reaches the deadlock.';
  const fix =
    'Take the locks in one order, or, where the kernel documents why the two orders never overlap, accept the order with lock_order a < b and a comment saying why.';
  const reading =
    'The alert is placed at the step that first showed the cycle\'s first edge; its code flow has one thread flow per edge: the behaviour up to the step that took the lock, each location labelled "step number: thread step".';
  return rule(
    {
      id: 'lock-order-inversion',
      short: 'A cycle in the order in which the threads of a check take their locks',
      full,
      what: `${full} ${fix}\n\n${reading}`,
      whatMarkdown: `${full}\n\n${fix}\n\n${reading}`,
      traced: false,
      page: 'cli.md',
      anchor: 'lock-order-inversions',
      level: 'error',
    },
    docs,
  );
}

/** A diagnostic code of a spec that could not be checked: docs/diagnostics.md has each one. */
export function diagnosticRule(code: string, docs: DocsLink): SarifRule {
  const what = `credspec diagnostic ${code}: the spec has an error that lint reports, so it could not be checked.`;
  return rule(
    {
      id: code,
      short: `credspec diagnostic ${code}`,
      full: `${what} docs/diagnostics.md says what triggers ${code}.`,
      what: `${what} Run credspec lint on the spec for every diagnostic with its line, a caret and a hint.`,
      whatMarkdown: `${what} Run \`credspec lint\` on the spec for every diagnostic with its line, a caret and a hint.`,
      traced: false,
      page: 'diagnostics.md',
      anchor: code.toLowerCase(),
      level: 'error',
    },
    docs,
  );
}
