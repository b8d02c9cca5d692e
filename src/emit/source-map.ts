// The source map of one emitted module (`<Module>.map.json`): for every action, variable,
// constant and property, the DSL construct it came from, in the spec's own words and locations.
// Enough to turn a TLA+ trace back into DSL steps. Takes a Model; returns plain JSON data and
// its stable text. Writes nothing.

import type { ActionKind, Model, StepCall, UnreachableNote } from '../model/ir.js';
import type { Span } from '../source/span.js';
import { PC_DONE, PC_EXITED, PC_EXITING, PC_UNBORN, threadMemberName } from '../tla/names.js';

export const SOURCE_MAP_VERSION = 1;

/** A DSL location: 1-based line and column of the start, and of the end (exclusive). */
export interface MapLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SourceMapAction {
  /** TLA+ definition name, as a trace names the action. */
  readonly name: string;
  readonly kind: ActionKind;
  readonly owner: { readonly kind: 'process' | 'procedure'; readonly name: string } | null;
  /** DSL step name: the label, or the generated `<owner>_<line>`. */
  readonly label: string;
  readonly generatedLabel: boolean;
  /** `owner.label`, as reports name a step. */
  readonly step: string;
  /** The pc value the acting thread is at before the step; null for Terminating. */
  readonly pc: string | null;
  /** The action's parameters: `["self"]` (the acting thread), or none. */
  readonly params: readonly string[];
  readonly location: MapLocation | null;
  /** The statement as written (first line). */
  readonly source: string;
  readonly kernel?: { readonly file: string; readonly func?: string; readonly commit?: string };
  /** An atomic step's macro calls: arguments as written, which the macro assigns, which is its outcome. */
  readonly calls?: readonly StepCall[];
  /** The two halves of a top-level fault point: "succeeded" or "failed". */
  readonly outcome?: 'succeeded' | 'failed';
  /** Fault points inside this action: in each, the second disjunct is the failure. */
  readonly innerFaults?: readonly { readonly location: MapLocation; readonly failureDisjunct: 2 }[];
  /** `unreachable "reason"` at the step (on a failure half: at its fault point). */
  readonly unreachable?: SourceMapUnreachable;
  /** `else unreachable "reason"` of an `if` or `while` step: its test never fails. */
  readonly elseUnreachable?: SourceMapUnreachable;
}

/** A spec's word that no check reaches a place, and where the mark is written. */
export interface SourceMapUnreachable {
  readonly reason: string;
  readonly location: MapLocation;
}

export interface SourceMapVariable {
  readonly name: string;
  readonly dslName: string;
  /** shared | thread | frame (a procedure's) | process (a process body's local) | internal. */
  readonly scope: 'shared' | 'thread' | 'frame' | 'process' | 'internal';
  /** The procedure of a frame variable, the process of a process-local one. */
  readonly owner?: string;
  /** A function from threads to values (index it by the thread's model value). */
  readonly perThread: boolean;
  readonly location: MapLocation | null;
  readonly note?: string;
}

export interface SourceMapProperty {
  readonly name: string;
  readonly dslName: string;
  readonly kind: 'invariant' | 'action' | 'temporal' | 'cover' | 'assert' | 'builtin' | 'deadlock';
  readonly location: MapLocation | null;
  /** A cover's `unreachable "reason"` mark. */
  readonly unreachable?: SourceMapUnreachable;
}

export interface SourceMapGroup {
  readonly name: string;
  readonly constant: string;
  readonly spareConstant: string | null;
  /** Model value of member i is `<memberPrefix><i>` (1-based; spare slots come after the others). */
  readonly memberPrefix: string;
  readonly firstStep: string;
}

export interface SourceMap {
  readonly version: number;
  /** Marks the file as generated (the emitter refuses to overwrite files without it). */
  readonly generatedBy: string;
  readonly module: string;
  readonly spec: string;
  readonly specName: string;
  readonly variant: string;
  /** pc values that are not steps, and what they mean. */
  readonly pcValues: Readonly<Record<string, string>>;
  readonly groups: readonly SourceMapGroup[];
  readonly constants: readonly {
    readonly name: string;
    readonly kind: string;
    readonly dslName: string;
  }[];
  readonly actions: readonly SourceMapAction[];
  readonly variables: readonly SourceMapVariable[];
  readonly properties: readonly SourceMapProperty[];
}

/** A span as a source-map location. */
export function mapLocation(span: Span): MapLocation;
export function mapLocation(span: Span | undefined): MapLocation | null;
export function mapLocation(span: Span | undefined): MapLocation | null {
  if (span === undefined) return null;
  return {
    file: span.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
  };
}

/** Builds the source map of the module emitted for `model`. */
export function buildSourceMap(model: Model, generatedBy: string): SourceMap {
  return {
    version: SOURCE_MAP_VERSION,
    generatedBy,
    module: model.moduleName,
    spec: model.specFile,
    specName: model.specName,
    variant: model.variant,
    pcValues: {
      [PC_DONE]: 'the thread finished its body',
      [PC_UNBORN]: 'a spare slot not yet cloned',
      [PC_EXITING]: 'the thread has exited (PF_EXITING) and not yet finished exiting',
      [PC_EXITED]: 'the thread is gone',
    },
    groups: model.groups.map((g) => ({
      name: g.name,
      constant: g.constant,
      spareConstant: g.spareConstant ?? null,
      memberPrefix: threadMemberName(g.name, 1).slice(0, -1),
      firstStep: g.firstStep,
    })),
    constants: model.constants.map((c) => ({ name: c.name, kind: c.kind, dslName: c.dslName })),
    actions: model.actions.map((a) => ({
      name: a.name,
      kind: a.kind,
      owner: a.owner ?? null,
      label: a.label,
      generatedLabel: a.generatedLabel,
      step: a.owner !== undefined ? `${a.owner.name}.${a.label}` : a.label,
      pc: a.pc ?? null,
      params: a.threads !== undefined ? ['self'] : [],
      location: mapLocation(a.span),
      source: a.text,
      ...(a.kernel !== undefined ? { kernel: a.kernel } : {}),
      ...(a.calls !== undefined ? { calls: a.calls } : {}),
      ...(a.outcome !== undefined ? { outcome: a.outcome } : {}),
      ...(a.innerFaults !== undefined
        ? {
            innerFaults: a.innerFaults.map((s) => ({
              location: mapLocation(s),
              failureDisjunct: 2 as const,
            })),
          }
        : {}),
      ...unreachableEntry(a.unreachable),
      ...(a.elseOutcome?.unreachable === undefined
        ? {}
        : {
            elseUnreachable: {
              reason: a.elseOutcome.unreachable.reason,
              location: mapLocation(a.elseOutcome.unreachable.span),
            },
          }),
    })),
    variables: model.variables.map((v) => ({
      name: v.name,
      dslName: v.dslName,
      scope: v.scope,
      ...(v.owner !== undefined ? { owner: v.owner } : {}),
      perThread: v.perThread,
      location: mapLocation(v.span),
      ...(v.note !== undefined ? { note: v.note } : {}),
    })),
    properties: [
      ...model.properties.map((p) => ({
        name: p.name,
        dslName: p.dslName,
        kind: p.kind,
        location: mapLocation(p.span),
        ...unreachableEntry(p.unreachable),
      })),
      { name: 'deadlock', dslName: 'deadlock', kind: 'deadlock' as const, location: null },
    ],
  };
}

/** The `unreachable` entry of a marked place; nothing for the others, so their maps stay as they were. */
function unreachableEntry(note: UnreachableNote | undefined): {
  unreachable?: SourceMapUnreachable;
} {
  return note === undefined
    ? {}
    : { unreachable: { reason: note.reason, location: mapLocation(note.span) } };
}

/** The map's file text: two-space JSON with a final newline; key order is the construction order above. */
export function sourceMapText(map: SourceMap): string {
  return JSON.stringify(map, null, 2) + '\n';
}
