// The checker's types: what an expression can hold, how one type fits another, and how a type is
// written back to the user. Pure values and functions. Aliases are resolved, and a type carries
// what lowering needs to write its TLA+ domain: a range's bound expressions, an enum's members.
// Whether a value lies in a range is the model checker's job, so `fits` ignores the bounds.

import type { EnumDecl, Expr } from '../syntax/ast.js';

/**
 * A checked type. `unknown` stands for "already reported" and fits everything both ways. `alias`
 * is the `type` name the user wrote, kept for messages only: compatibility is structural.
 */
export type Type = TypeShape & { readonly alias?: string };

type TypeShape =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int'; readonly range?: IntRange }
  | { readonly kind: 'string' }
  | { readonly kind: 'enum'; readonly name: string; readonly members: readonly string[] }
  /** `Thread` (group undefined) or the threads of one process group. */
  | { readonly kind: 'thread'; readonly group?: string }
  | { readonly kind: 'record'; readonly fields: readonly RecordField[] }
  | { readonly kind: 'set'; readonly element: Type }
  | { readonly kind: 'seq'; readonly element: Type }
  | { readonly kind: 'map'; readonly key: Type; readonly value: Type }
  | { readonly kind: 'optional'; readonly inner: Type }
  | { readonly kind: 'frame'; readonly procedure: string }
  /** The type of the literal `none`: fits any optional. */
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

/** The bounds of `lo..hi` as written (evaluated per case by lowering), and the text for messages. */
export interface IntRange {
  readonly text: string;
  readonly lo: Expr;
  readonly hi: Expr;
}

/** One field of a record type, in declaration order. */
export interface RecordField {
  readonly name: string;
  readonly type: Type;
}

/** The basic types, shared so that no check builds its own copies. */
export const BOOL: Type = { kind: 'bool' };
export const INT: Type = { kind: 'int' };
export const STRING: Type = { kind: 'string' };
export const THREAD: Type = { kind: 'thread' };
export const NONE: Type = { kind: 'none' };
export const UNKNOWN: Type = { kind: 'unknown' };

/** The type of an enum's members. */
export function enumType(decl: EnumDecl): Type {
  return { kind: 'enum', name: decl.name.name, members: decl.members.map((m) => m.name) };
}

/** `set<T>` */
export function setOf(element: Type): Type {
  return { kind: 'set', element };
}

/** `seq<T>` */
export function seqOf(element: Type): Type {
  return { kind: 'seq', element };
}

/** `T?`; an optional of an optional is the same optional. */
export function optionalOf(inner: Type): Type {
  return inner.kind === 'optional' || inner.kind === 'none' || inner.kind === 'unknown'
    ? inner
    : { kind: 'optional', inner };
}

/** Writes a type as the user would write it in a spec. */
export function typeToString(t: Type): string {
  if (t.alias !== undefined) return t.alias;
  switch (t.kind) {
    case 'bool':
      return 'bool';
    case 'int':
      return t.range?.text ?? 'int';
    case 'string':
      return 'string';
    case 'enum':
      return t.name;
    case 'thread':
      return t.group ?? 'Thread';
    case 'record':
      return `{ ${t.fields.map((f) => `${f.name}: ${typeToString(f.type)}`).join(', ')} }`;
    case 'set':
      return `set<${typeToString(t.element)}>`;
    case 'seq':
      return `seq<${typeToString(t.element)}>`;
    case 'map':
      return `map<${typeToString(t.key)}, ${typeToString(t.value)}>`;
    case 'optional':
      return `${typeToString(t.inner)}?`;
    case 'frame':
      return `frame<${t.procedure}>`;
    case 'none':
      return 'none';
    case 'unknown':
      return '?';
  }
}

/**
 * True when a value of type `actual` may be stored where `expected` is wanted. Integer ranges
 * fit each other (bounds are the model checker's business), a process group fits `Thread`,
 * records are compared field by field (same field names), `none` and `T` fit `T?`.
 */
export function fits(actual: Type, expected: Type): boolean {
  if (actual.kind === 'unknown' || expected.kind === 'unknown') return true;
  if (expected.kind === 'optional') {
    if (actual.kind === 'none') return true;
    if (actual.kind === 'optional') return fits(actual.inner, expected.inner);
    return fits(actual, expected.inner);
  }
  switch (actual.kind) {
    case 'bool':
    case 'int':
    case 'string':
    case 'none':
      return expected.kind === actual.kind;
    case 'enum':
      return expected.kind === 'enum' && expected.name === actual.name;
    case 'thread':
      return (
        expected.kind === 'thread' &&
        (expected.group === undefined || expected.group === actual.group)
      );
    case 'record': {
      if (expected.kind !== 'record' || expected.fields.length !== actual.fields.length)
        return false;
      return expected.fields.every((ef) => {
        const af = actual.fields.find((f) => f.name === ef.name);
        return af !== undefined && fits(af.type, ef.type);
      });
    }
    case 'set':
      return expected.kind === 'set' && fits(actual.element, expected.element);
    case 'seq':
      return expected.kind === 'seq' && fits(actual.element, expected.element);
    case 'map':
      return (
        expected.kind === 'map' &&
        fits(expected.key, actual.key) &&
        fits(actual.value, expected.value)
      );
    case 'optional':
      return false;
    case 'frame':
      return expected.kind === 'frame' && expected.procedure === actual.procedure;
  }
}

/** True when values of the two types can be compared with `==` (one fits the other). */
export function comparable(a: Type, b: Type): boolean {
  return fits(a, b) || fits(b, a);
}

/**
 * The smallest type both fit, for the branches of `c ? a : b` and the elements of a literal;
 * undefined when there is none. `none` joined with T is `T?`; two ranges join to `int`.
 */
export function join(a: Type, b: Type): Type | undefined {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (a.kind === 'int' && b.kind === 'int') return a.range?.text === b.range?.text ? a : INT;
  if (a.kind === 'none' && b.kind !== 'none') return optionalOf(b);
  if (b.kind === 'none' && a.kind !== 'none') return optionalOf(a);
  if (a.kind === 'thread' && b.kind === 'thread') return a.group === b.group ? a : THREAD;
  if (a.kind === 'set' && b.kind === 'set') {
    const e = join(a.element, b.element);
    return e === undefined ? undefined : setOf(e);
  }
  if (a.kind === 'seq' && b.kind === 'seq') {
    const e = join(a.element, b.element);
    return e === undefined ? undefined : seqOf(e);
  }
  if (fits(a, b)) return b;
  if (fits(b, a)) return a;
  return undefined;
}

/** The element type of a set (`unknown` for an unknown type); undefined for anything else. */
export function elementOf(t: Type): Type | undefined {
  if (t.kind === 'unknown') return UNKNOWN;
  if (t.kind === 'set') return t.element;
  return undefined;
}

/** Strips one `?`: the record behind an optional can be read (a `none` read is a model-checking error). */
export function unwrapOptional(t: Type): Type {
  return t.kind === 'optional' ? t.inner : t;
}
