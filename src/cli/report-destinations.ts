// Where `--json`, `--junit` and `--sarif` write, decided before any check runs. `-` is standard
// output. A path is refused (exit 2, the path named) when it is a spec (any `.cred`, or one of
// the inputs), when something other than a regular file is there (a folder, a FIFO, a device,
// a symlink to one or to nothing), or when a file is there that is not one of credspec's own
// reports; an earlier report of credspec, or an empty file, is replaced. Writes are atomic.

import { lstatSync, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { readHead } from './emit-manifest.js';
import type { Io, OutStream } from './io.js';
import { JUNIT_MARKER_PREFIX } from './junit-marker.js';

/** One report option as given on the command line. */
export interface ReportRequest {
  /** `--json`, `--junit`, `--sarif`. */
  readonly option: string;
  readonly path: string;
}

export type Destination =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string; readonly shown: string };

/** Whether a file's first bytes are those of a report credspec writes: a result file, JUnit or SARIF. */
export function isCredspecReport(head: string): boolean {
  return (
    /^\{\n {2}"tool": "credspec",\n/.test(head) ||
    head.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n${JUNIT_MARKER_PREFIX}`) ||
    (/^\{\n {2}"\$schema": "[^"\n]*sarif[^"\n]*",\n/.test(head) &&
      /\n {6}"tool": \{\n {8}"driver": \{\n {10}"name": "credspec",\n/.test(head))
  );
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why `abs` cannot take a report, or null; `inputs` are the specs' real paths. */
function refusal(abs: string, inputs: ReadonlySet<string>): { why: string } | { ok: string } {
  let target = abs;
  let stat: Stats;
  try {
    stat = lstatSync(abs);
  } catch {
    return abs.endsWith('.cred') ? { why: 'it would be a spec file (.cred)' } : { ok: abs };
  }
  if (stat.isSymbolicLink()) {
    try {
      stat = statSync(abs);
      target = realpathSync(abs);
    } catch {
      return { why: 'it is a symlink to nothing' };
    }
    if (!stat.isFile()) return { why: `it is a symlink to ${kindOf(stat)}` };
  } else if (!stat.isFile()) {
    return { why: `it is ${kindOf(stat)}` };
  }
  if (abs.endsWith('.cred') || target.endsWith('.cred') || inputs.has(target))
    return { why: 'it is a spec file' };
  if (stat.size > 0 && !isCredspecReport(readHead(target, 4096)))
    return { why: 'a file credspec did not write is there (remove it or name another file)' };
  return { ok: target };
}

function realInputs(inputs: readonly string[], cwd: string): Set<string> {
  const real = new Set<string>();
  for (const input of inputs) {
    try {
      real.add(realpathSync(resolve(cwd, input)));
    } catch {
      // a missing input is reported by the command itself
    }
  }
  return real;
}

/**
 * The destinations of the requested reports, or the lines that refuse them (exit 2). `inputs`
 * are the spec files the command reads (paths relative to `cwd`).
 */
export function reportDestinations(
  requests: readonly ReportRequest[],
  inputs: readonly string[],
  cwd: string,
): { ok: true; destinations: Destination[] } | { ok: false; messages: string[] } {
  const real = realInputs(inputs, cwd);
  const messages: string[] = [];
  const destinations: Destination[] = [];
  const taken = new Map<string, string>();
  for (const r of requests) {
    if (r.path === '-') {
      const other = taken.get('-');
      if (other !== undefined)
        messages.push(
          `${other} and ${r.option} both ask for standard output; only one report can go there`,
        );
      taken.set('-', r.option);
      destinations.push({ kind: 'stdout' });
      continue;
    }
    if (r.path === '') {
      messages.push(`${r.option} needs a file name (or - for standard output)`);
      continue;
    }
    const decided = refusal(resolve(cwd, r.path), real);
    if ('why' in decided) {
      messages.push(`refusing to write the ${r.option} report to ${r.path}: ${decided.why}`);
      continue;
    }
    const other = taken.get(decided.ok);
    if (other !== undefined)
      messages.push(`${other} and ${r.option} both name ${r.path}; give each report its own file`);
    taken.set(decided.ok, r.option);
    destinations.push({ kind: 'file', path: decided.ok, shown: r.path });
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, destinations };
}

/**
 * Writes one report: to `stdout`, or atomically to its file after looking at the path again
 * (something may have been put there while the checks ran). Returns an error line or null.
 */
export function writeReport(
  destination: Destination,
  text: string,
  stdout: OutStream,
  inputs: readonly string[],
  cwd: string,
): { problem: string; badInput: boolean } | null {
  if (destination.kind === 'stdout') {
    stdout.write(text);
    return null;
  }
  const again = refusal(destination.path, realInputs(inputs, cwd));
  if ('why' in again)
    return {
      problem: `refusing to write the report to ${destination.shown}: ${again.why}`,
      badInput: true,
    };
  try {
    mkdirSync(dirname(destination.path), { recursive: true });
    writeFileAtomic(destination.path, text);
    return null;
  } catch (e) {
    return {
      problem: `cannot write ${destination.shown}: ${(e as Error).message}`,
      badInput: false,
    };
  }
}

/**
 * The Io a command prints its human-readable lines through: its own, or, when a report goes to
 * standard output, one whose stdout is stderr, so the report is all that standard output holds.
 */
export function humanIo(io: Io, destinations: readonly Destination[]): Io {
  if (!destinations.some((d) => d.kind === 'stdout')) return io;
  const { terminal: _terminal, ...rest } = io;
  const colour = io.colour && { stdout: io.colour.stderr, stderr: io.colour.stderr };
  return { ...rest, stdout: io.stderr, isTTY: false, ...(colour ? { colour } : {}) };
}
