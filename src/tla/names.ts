// The one naming scheme for everything credspec generates: module and config file names, TLA+
// identifiers for variables, actions, pc values, constants and thread model values. The printer,
// the source map and the trace mapper all agree because they all come here. Pure string functions;
// the scheme is documented in docs/tla-naming.md.

import { posix } from 'node:path';

/** Words that TLA+ reserves or that the standard modules we extend define. */
const TLA_RESERVED: ReadonlySet<string> = new Set([
  'ASSUME',
  'ASSUMPTION',
  'AXIOM',
  'BOOLEAN',
  'CASE',
  'CHOOSE',
  'CONSTANT',
  'CONSTANTS',
  'DOMAIN',
  'ELSE',
  'ENABLED',
  'EXCEPT',
  'EXTENDS',
  'FALSE',
  'IF',
  'IN',
  'INSTANCE',
  'LET',
  'LOCAL',
  'MODULE',
  'OTHER',
  'STRING',
  'SUBSET',
  'THEN',
  'THEOREM',
  'TRUE',
  'UNCHANGED',
  'UNION',
  'VARIABLE',
  'VARIABLES',
  'WITH',
  'LAMBDA',
  'RECURSIVE',
  'PROOF',
  'BY',
  'QED',
  'OBVIOUS',
  'OMITTED',
  'HAVE',
  'TAKE',
  'WITNESS',
  'PICK',
  'SUFFICES',
  'DEFINE',
  'USE',
  'HIDE',
  'DEF',
  'DEFS',
  'ACTION',
  'STATE',
  'TEMPORAL',
  'CONSTANT',
  'LEMMA',
  'PROPOSITION',
  'COROLLARY',
  'NEW',
  'ONLY',
  // Integers, Sequences, FiniteSets, TLC
  'Nat',
  'Int',
  'Seq',
  'Len',
  'Append',
  'Head',
  'Tail',
  'SubSeq',
  'SelectSeq',
  'Cardinality',
  'IsFiniteSet',
  'Permutations',
  'Print',
  'PrintT',
  'Assert',
  'JavaTime',
  'TLCGet',
  'TLCSet',
  'SortSeq',
  'ToString',
  'RandomElement',
  'Any',
  'TLCEval',
]);

/**
 * Names the emitter itself defines at module level. A DSL name equal to one of these is
 * escaped so that both can live in one module.
 */
export const INTERNAL_NAMES = {
  init: 'Init',
  next: 'Next',
  spec: 'Spec',
  vars: 'vars',
  pc: 'pc',
  stack: 'stack',
  failure: 'failure',
  thread: 'Thread',
  none: 'None',
  terminating: 'Terminating',
  symmetry: 'Symmetry',
  self: 'self',
} as const;

const INTERNAL_SET: ReadonlySet<string> = new Set(Object.values(INTERNAL_NAMES));

/** pc values that are not steps. */
export const PC_DONE = 'Done';
export const PC_UNBORN = 'Unborn';
export const PC_EXITING = 'Exiting';
export const PC_EXITED = 'Exited';

/** The invariant (and `failure` value) of the built-in frame check. */
export const FRAME_USE_AFTER_RETURN = 'frame_use_after_return';

/** The invariant of the built-in range check: every integer a variable holds lies in its declared range. */
export const OUT_OF_RANGE = 'out_of_range';

/**
 * A DSL identifier as a TLA+ identifier: kept as written unless TLA+ reserves it, it starts
 * like a fairness operator (`WF_`, `SF_`), or the emitter defines it; then `_` is appended.
 */
export function tlaIdent(name: string): string {
  if (TLA_RESERVED.has(name) || INTERNAL_SET.has(name) || /^[WS]F_/.test(name)) return `${name}_`;
  return name;
}

/** `landlock_tsync` -> `LandlockTsync`; an already camel-cased name keeps its capitals. */
export function specCamel(specName: string): string {
  const parts = specName.split(/[_\-\s]+/).filter((p) => p.length > 0);
  const camel = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return camel.length > 0 ? camel : 'Spec';
}

/** Module name of one variant: `<SpecCamel>_<variant>` (`LandlockTsync_v2`, `LandlockTsync_base`). */
export function moduleName(specName: string, variant: string): string {
  return `${specCamel(specName)}_${variant}`;
}

/** A parameter value as it appears in a config file name (`true`, `3`, `m1` for -1, `ENOMEM`). */
export function paramValueInFileName(value: number | boolean | string): string {
  if (typeof value === 'number') return value < 0 ? `m${-value}` : String(value);
  return String(value);
}

/**
 * Config file name for a parameter set: `<Module>.cfg` for the defaults, else
 * `<Module>__<PARAM>_<value>__....cfg` listing the overridden parameters sorted by name.
 */
export function configFileName(
  module: string,
  overrides: Readonly<Record<string, number | boolean | string>>,
): string {
  const set = Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (set.length === 0) return `${module}.cfg`;
  return `${module}__${set.map(([n, v]) => `${n}_${paramValueInFileName(v)}`).join('__')}.cfg`;
}

/** The source map's file name for a module. */
export function sourceMapFileName(module: string): string {
  return `${module}.map.json`;
}

/**
 * One path segment as a folder name that is a name like any other: never empty, never `.` or
 * `..`, never hidden, never taken for an option. `%` and control characters are written
 * `%XX`, a leading `.` or `-` too, so distinct segments stay distinct. Letters of any script
 * and spaces are kept as they are.
 */
function folderSegment(segment: string): string {
  const hex = (c: string): string =>
    `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  // eslint-disable-next-line no-control-regex
  const escaped = segment.replace(/[%\u0000-\u001f\u007f]/g, hex);
  return /^[.-]/.test(escaped) ? hex(escaped.charAt(0)) + escaped.slice(1) : escaped;
}

/** Where specs live by convention: a spec under this folder of the project is emitted under its own path. */
export const SPECS_FOLDER = 'specs';

/**
 * The folder of one spec's generated files, relative to the output root, from the spec's path
 * relative to the project folder (the folder holding the output root; `/` separated). One
 * folder per path, never the output root itself, never outside it:
 *
 * - `specs/<p>.cred` -> `<p>` (`specs/landlock-tsync.cred` -> `landlock-tsync`,
 *   `specs/net/x.cred` -> `net/x`);
 * - any other path `<p>.cred` -> `_/<p>` (`x.cred` -> `_/x`, `../y/x.cred` -> `_/%2E./y/x`),
 *   so a `_` folder under `specs/` is written `%5F`;
 * - each segment through `folderSegment`; a name without `.cred` gets a closing `%` and the empty
 *   name of a file called `.cred` is `%`, so that no two paths share a folder.
 */
export function specOutputFolder(specPath: string): string {
  const segments = posix
    .normalize(specPath)
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const file = segments.pop() ?? '';
  const stem = file.slice(0, -'.cred'.length);
  const last = !file.endsWith('.cred')
    ? `${folderSegment(file)}%`
    : stem === ''
      ? '%'
      : folderSegment(stem);
  if (segments[0] === SPECS_FOLDER && !specPath.startsWith('/')) {
    const parts = [...segments.slice(1).map(folderSegment), last];
    if (parts[0] === '_') parts[0] = '%5F';
    return parts.join('/');
  }
  // An absolute path (a spec named so by a caller that knows no project folder) keeps a mark of it.
  return [
    '_',
    ...(specPath.startsWith('/') ? ['%2F'] : []),
    ...segments.map(folderSegment),
    last,
  ].join('/');
}

/** Step (and pc value, and action) name: `<owner>_<label>`. */
export function stepName(owner: string, label: string): string {
  return `${owner}_${label}`;
}

/** The DSL name of an unlabelled step: `<owner>_<line>`, or `<owner>_<line>_<col>` when two steps share a line. */
export function generatedLabel(owner: string, line: number, column: number | undefined): string {
  return column === undefined ? `${owner}_${line}` : `${owner}_${line}_${column}`;
}

/** Member `i` (1-based) of process group `group`: lower-case group name and index (`caller1`). */
export function threadMemberName(group: string, index: number): string {
  let base = group.toLowerCase();
  // TLC treats `x_...` model values as typed; keep ours untyped.
  if (/^[a-z]_/.test(base)) base = base[0] + base.slice(2);
  return `${base}${index}`;
}

/** The constant holding the spare (initially unborn) members of a group. */
export function spareConstantName(group: string): string {
  return `${group}_spare`;
}

/** Frame variable `x` of procedure `p`, or process-local variable `x` of process `p`. */
export function frameVarName(owner: string, variable: string): string {
  return `${owner}_${variable}`;
}

/** `p_live`: whether thread t's frame of procedure p is alive. */
export function liveVarName(procedure: string): string {
  return `${procedure}_live`;
}

/**
 * The tombstone of procedure p's frames: the model value a stored reference to a call of p
 * becomes when that call returns. Four letters before the `_`, so TLC keeps it untyped.
 */
export function deadFrameName(procedure: string): string {
  return `dead_${procedure}`;
}

/** Hidden per-thread set of a `for` loop: the elements still to visit (snapshot) or visited (live). */
export function loopSetVarName(step: string, mode: 'snapshot' | 'live'): string {
  return `${step}_${mode === 'snapshot' ? 'todo' : 'seen'}`;
}

/** The iteration-choice step of a `for` loop after its first (entry) choice. */
export function loopNextStepName(step: string): string {
  return `${step}_next`;
}

/** The failure disjunct of a fault point, as its own action. */
export function faultStepName(step: string): string {
  return `${step}_fail`;
}

/** The implicit return step at the end of a procedure body. */
export function implicitReturnStepName(procedure: string): string {
  return `${procedure}_return`;
}

/** The step that takes an exiting thread of a group to Exited. */
export function exitStepName(group: string): string {
  return `${group}_exit`;
}

/** The disjunction of every action a thread of `owner` can take, for fairness. */
export function threadActionName(owner: string): string {
  return `${owner}_thread`;
}

/** The invariant of the assertions of one step; also the value `failure` takes when one fails. */
export function assertInvariantName(step: string): string {
  return `Assert_${step}`;
}

/** Makes `base` unique against `taken` by appending `_2`, `_3`, ...; records the result. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
