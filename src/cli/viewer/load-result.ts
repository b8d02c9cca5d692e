// Checks that parsed JSON is a credspec result file and picks the result to show. Takes the
// parsed value and the `--variant` / `--params` choices; returns the result or a one-line
// error. Pure: the command reads the file; nothing here throws on bad input.

import type { ResultFile, VariantResult } from '../../result/result-file.js';
import { describeParams } from '../../result/expectation.js';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const VERDICTS = ['holds', 'violated', 'deadlock', 'inconclusive', 'error'];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first place where `v` departs from a trace step, as a path and what was expected. */
function checkStep(v: Json, at: string): string | null {
  if (!isObject(v)) return `${at} is not an object`;
  if (typeof v.index !== 'number') return `${at}.index is not a number`;
  if (v.thread !== null && typeof v.thread !== 'string') return `${at}.thread is not a string or null`;
  if (typeof v.step !== 'string') return `${at}.step is not a string`;
  if (v.location !== null) {
    const l = v.location;
    if (!isObject(l) || typeof l.file !== 'string' || typeof l.line !== 'number' || typeof l.column !== 'number') {
      return `${at}.location is not null or { file, line, column }`;
    }
  }
  if (v.source !== null && typeof v.source !== 'string') return `${at}.source is not a string or null`;
  if (!isObject(v.changes)) return `${at}.changes is not an object`;
  for (const [k, c] of Object.entries(v.changes)) {
    if (!isObject(c) || !('before' in c) || !('after' in c)) return `${at}.changes["${k}"] has no before and after`;
  }
  if (!isObject(v.state)) return `${at}.state is not an object`;
  return null;
}

function checkResult(v: Json, at: string): string | null {
  if (!isObject(v)) return `${at} is not an object`;
  for (const f of ['spec', 'variant', 'engine'] as const) if (typeof v[f] !== 'string') return `${at}.${f} is not a string`;
  if (!isObject(v.params)) return `${at}.params is not an object`;
  if (typeof v.verdict !== 'string' || !VERDICTS.includes(v.verdict)) return `${at}.verdict is not one of ${VERDICTS.join(', ')}`;
  if (v.property !== null && typeof v.property !== 'string') return `${at}.property is not a string or null`;
  if (!isObject(v.stats)) return `${at}.stats is not an object`;
  if (v.loopsBackTo !== null && v.loopsBackTo !== undefined && typeof v.loopsBackTo !== 'number') return `${at}.loopsBackTo is not a number or null`;
  if (v.trace !== null && v.trace !== undefined) {
    if (!Array.isArray(v.trace)) return `${at}.trace is not an array or null`;
    for (let i = 0; i < v.trace.length; i++) {
      const problem = checkStep(v.trace[i], `${at}.trace[${i}]`);
      if (problem !== null) return problem;
    }
  }
  if (v.waitsFor !== undefined) {
    if (!Array.isArray(v.waitsFor)) return `${at}.waitsFor is not an array`;
    for (let i = 0; i < v.waitsFor.length; i++) {
      const w = v.waitsFor[i];
      if (!isObject(w) || typeof w.thread !== 'string' || typeof w.waitsOn !== 'string' || !Array.isArray(w.heldBy)) {
        return `${at}.waitsFor[${i}] is not { thread, waitsOn, heldBy }`;
      }
    }
  }
  return null;
}

/**
 * Checks the shape of a result file far enough for every view to rely on it: the fields the
 * viewer and the formats read, with their types. Missing optional fields are filled in.
 */
export function validateResultFile(value: unknown): Loaded<ResultFile> {
  if (!isObject(value) || value.tool !== 'credspec' || !Array.isArray(value.results)) {
    return { ok: false, error: 'not a credspec result file (expected { "tool": "credspec", "results": [...] })' };
  }
  for (let i = 0; i < value.results.length; i++) {
    const problem = checkResult(value.results[i], `results[${i}]`);
    if (problem !== null) return { ok: false, error: `not a credspec result file: ${problem}` };
  }
  const results = (value.results as Record<string, Json>[]).map((r) => ({ ...r, trace: r.trace ?? null, loopsBackTo: r.loopsBackTo ?? null }));
  return { ok: true, value: { ...(value as object), results } as unknown as ResultFile };
}

/** Parses `A=1,B=2` into pairs; an error for any piece without `=`. */
export function parseParamSet(text: string): Loaded<readonly (readonly [string, string])[]> {
  const pairs: (readonly [string, string])[] = [];
  for (const piece of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) return { ok: false, error: `--params expects NAME=VALUE[,NAME=VALUE...], got "${piece}"` };
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
      return { ok: false, error: `unknown variant "${selection.variant}" (the file has: ${known === '' ? 'no results' : known})` };
    }
  }
  if (selection.params !== undefined) {
    const parsed = parseParamSet(selection.params);
    if (!parsed.ok) return parsed;
    const before = candidates;
    candidates = candidates.filter((r) => parsed.value.every(([k, v]) => k in r.params && String(r.params[k]) === v));
    if (candidates.length === 0) {
      return { ok: false, error: `no result with ${selection.params} (the file has: ${before.map(describe).join('; ')})` };
    }
  }
  const withTrace = candidates.find((r) => r.trace !== null && r.trace.length > 0);
  if (withTrace !== undefined) return { ok: true, value: withTrace };
  if (candidates.length === 0) return { ok: false, error: 'the file holds no results' };
  const first = candidates[0]!;
  const which = candidates.length === 1 ? `the result ${describe(first)}` : `none of the ${candidates.length} results`;
  return { ok: false, error: `${which} has no trace (verdict: ${first.verdict})` };
}
