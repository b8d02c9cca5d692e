// Checks that parsed JSON is a credspec result file and picks the result to show. The shape is
// schema/result.schema.json, checked with ajv; what a schema cannot say (nesting depth, traces
// that hold together) is checked around it. Takes the parsed value and the `--variant` /
// `--params` choices; returns the result or a one-line error naming the JSON path of the first
// problem. Nothing here throws on bad input; the command reads the file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ResultFile, VariantResult } from '../../result/result-file.js';
import { describeParams } from '../../result/expectation.js';
import { firstInconsistency } from '../../result/result-consistency.js';
import { firstTooDeep, pointerToPath } from '../../result/json-path.js';
import { packageRoot, packageVersion } from '../../driver/package-root.js';
import { describePartial } from '../../driver/property-selection.js';
import { at } from '../../source/checked-index.js';

export type Loaded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/**
 * How deep arrays and objects may nest. Real values nest a dozen levels (a map of sets of
 * records); the cap keeps the schema check and every format's walk over a value far from the
 * end of the stack.
 */
export const MAX_NESTING = 100;

let compiled: ValidateFunction | undefined;

/**
 * The compiled schema of the result file, shipped beside the code (`schema/`). Parameter values
 * are one union `type` (integer, boolean or string), which strict mode accepts only when told.
 */
function resultSchema(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(
      readFileSync(join(packageRoot(), 'schema', 'result.schema.json'), 'utf8'),
    ) as object;
    compiled = new Ajv2020({ allowUnionTypes: true }).compile(schema);
  }
  return compiled;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ARTICLE: Readonly<Record<string, string>> = {
  integer: 'an integer',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => ARTICLE[String(t)] ?? `a ${String(t)}`).join(' or ');
}

/** One ajv error in words, after the path it is at. */
function describeError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `has no "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `has an unknown field ${JSON.stringify(params.additionalProperty)}`;
    case 'type':
      return `is not ${typeWords(params.type)}`;
    case 'enum':
      return `is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `is not ${JSON.stringify(params.allowedValue)}`;
    case 'minimum':
      return `is less than ${String(params.limit)}`;
    case 'anyOf':
      return 'is none of the forms it may take';
    case 'propertyNames':
      return `has a field named ${JSON.stringify(params.propertyName)}, which is not allowed there`;
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

/**
 * The error to report: the deepest one, since a value that matches none of a union's forms gets
 * an error from each form; at equal depth the union's own error, which names no single form.
 */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject): number =>
    e.instancePath === '' ? 0 : e.instancePath.split('/').length;
  let best = at(errors, 0, 'a validation error');
  for (const e of errors) {
    if (
      depth(e) > depth(best) ||
      (depth(e) === depth(best) && e.keyword === 'anyOf' && best.keyword !== 'anyOf')
    )
      best = e;
  }
  return best;
}

function versionParts(v: string): number[] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m === null ? null : [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** ` (written by credspec 2.0.0, newer than this credspec 0.1.0)` when the file says so; else empty. */
function newerNote(value: Record<string, unknown>): string {
  if (typeof value.version !== 'string') return '';
  const theirs = versionParts(value.version);
  const ours = versionParts(packageVersion());
  if (theirs === null || ours === null) return '';
  // The first part that differs decides.
  const order = theirs
    .map((t, k) => Math.sign(t - at(ours, k, 'a version part')))
    .find((d) => d !== 0);
  return order === 1
    ? ` (written by credspec ${value.version}, newer than this credspec ${packageVersion()})`
    : '';
}

/**
 * Checks a parsed result file: its nesting, its shape against the schema, and that its traces
 * hold together. Missing optional fields the views rely on are filled in.
 */
export function validateResultFile(value: unknown): Loaded<ResultFile> {
  if (!isObject(value) || value.tool !== 'credspec' || !Array.isArray(value.results)) {
    return {
      ok: false,
      error: 'not a credspec result file (expected { "tool": "credspec", "results": [...] })',
    };
  }
  const deep = firstTooDeep(value, MAX_NESTING);
  if (deep !== null)
    return {
      ok: false,
      error: `not a credspec result file: ${deep} nests deeper than ${MAX_NESTING} levels`,
    };
  const validate = resultSchema();
  if (!validate(value)) {
    const e = pickError(validate.errors ?? []);
    const path = pointerToPath(e.instancePath);
    return {
      ok: false,
      error: `not a credspec result file: ${path === '' ? 'the file' : path} ${describeError(e)}${newerNote(value)}`,
    };
  }
  const file = value as unknown as ResultFile;
  const inconsistent = firstInconsistency(file);
  if (inconsistent !== null)
    return { ok: false, error: `not a consistent result file: ${inconsistent}` };
  return { ok: true, value: file };
}

/** Parses `A=1,B=2` into pairs; an error for any piece without `=`. */
export function parseParamSet(text: string): Loaded<readonly (readonly [string, string])[]> {
  const pairs: (readonly [string, string])[] = [];
  for (const piece of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = piece.indexOf('=');
    if (eq <= 0)
      return { ok: false, error: `--params expects NAME=VALUE[,NAME=VALUE...], got "${piece}"` };
    pairs.push([piece.slice(0, eq).trim(), piece.slice(eq + 1).trim()]);
  }
  return { ok: true, value: pairs };
}

function describe(r: VariantResult): string {
  const params = describeParams(r.overrides ?? r.params);
  return params === '' ? r.variant : `${r.variant} (${params})`;
}

/** What to pick: a variant name and a parameter set, both optional. */
export interface Selection {
  readonly variant?: string;
  readonly params?: string;
}

/**
 * Picks the result to show: among the results of the chosen variant whose parameters include
 * every `--params` pair, the first that has a trace; with no choice, the file's first result
 * with a trace.
 */
export function selectResult(file: ResultFile, selection: Selection): Loaded<VariantResult> {
  let candidates = file.results;
  if (selection.variant !== undefined) {
    candidates = candidates.filter((r) => r.variant === selection.variant);
    if (candidates.length === 0) {
      const known = [...new Set(file.results.map((r) => r.variant))].join(', ');
      return {
        ok: false,
        error: `unknown variant "${selection.variant}" (the file has: ${known === '' ? 'no results' : known})`,
      };
    }
  }
  if (selection.params !== undefined) {
    const parsed = parseParamSet(selection.params);
    if (!parsed.ok) return parsed;
    const before = candidates;
    candidates = candidates.filter((r) =>
      parsed.value.every(([k, v]) => k in r.params && String(r.params[k]) === v),
    );
    if (candidates.length === 0) {
      return {
        ok: false,
        error: `no result with ${selection.params} (the file has: ${before.map(describe).join('; ')})`,
      };
    }
  }
  const withTrace = candidates.find((r) => r.trace !== null && r.trace.length > 0);
  if (withTrace !== undefined) return { ok: true, value: withTrace };
  if (candidates.length === 0) return { ok: false, error: 'the file holds no results' };
  const first = at(candidates, 0, 'the one result');
  const which =
    candidates.length === 1
      ? `the result ${describe(first)}`
      : `none of the ${candidates.length} results`;
  // A partial check's verdict is never told as a plain `holds`.
  const partial = first.partial === undefined ? '' : `, ${describePartial(first.partial)}`;
  return { ok: false, error: `${which} has no trace (verdict: ${first.verdict}${partial})` };
}
