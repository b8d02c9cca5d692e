// The spec's word that a liveness verdict may rest on a bound (docs/language.md, Bounds): a line
// comment `// capped "reason"` among the comment lines right above a `param` or `const` (its doc
// comment may stand between them) that is the upper end of a counter's range and the right side
// of its `counter < BOUND` test. `check` and `ci` then do not search for that counter at its
// bound (src/driver/bound-probe.ts): the reason stands for the verdict. A mark with a blank reason
// (CS4030), or above anything that bounds no counter (CS4031), is an error: it would excuse
// nothing, or the wrong thing.

import type { Decl } from '../syntax/ast.js';
import type { Program, SourceFile } from '../syntax/program.js';
import type { Span } from '../source/span.js';
import type { CheckContext } from './context.js';

const CAPPED = /^(\s*\/\/\s*)capped\b\s*(?:"([^"]*)")?/;
const COMMENT = /^\s*\/\//;
const DOC_START = /^\s*\/\*/;

/** A `// capped "reason"` comment: where it stands, its reason, and the declaration under it. */
interface CappedMark {
  readonly span: Span;
  readonly reason: string | undefined;
  readonly decl: Decl | undefined;
}

/** The first line from `from` on that is neither a line comment nor part of a doc comment. */
function declLine(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (COMMENT.test(line)) i++;
    else if (DOC_START.test(line)) {
      while (i < lines.length && !(lines[i] ?? '').includes('*/')) i++;
      i++;
    } else break;
  }
  return i;
}

/** Every mark of one file, with the declaration that starts right under its comment lines. */
function marksOf(file: SourceFile): CappedMark[] {
  const lines = file.text.split(/\r?\n/);
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  const out: CappedMark[] = [];
  lines.forEach((line, i) => {
    const m = CAPPED.exec(line);
    if (m === null) return;
    const next = declLine(lines, i + 1);
    const column = (m[1] ?? '').length + 1;
    const offset = (offsets[i] ?? 0) + column - 1;
    const start = { line: i + 1, column, offset };
    const end = { line: i + 1, column: line.length + 1, offset: (offsets[i] ?? 0) + line.length };
    const decl = file.ast.decls.find((d) => d.span.start.line === next + 1);
    const reason = m[2];
    out.push({
      span: { file: file.path, start, end },
      reason: reason === undefined || reason.trim() === '' ? undefined : reason,
      decl,
    });
  });
  return out;
}

/** Calls `fn` on every node of a tree (any object with a `kind`). */
function walk(node: unknown, fn: (n: { readonly kind: string }) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, fn);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (typeof n.kind === 'string') fn(n as { readonly kind: string });
  for (const [k, v] of Object.entries(n)) if (k !== 'span') walk(v, fn);
}

/** The names an expression is made of (`NT + 1`: NT), through parentheses and operators. */
function namesOf(e: unknown, out: string[] = []): string[] {
  const n = e as {
    kind?: string;
    name?: { name?: string };
    inner?: unknown;
    left?: unknown;
    right?: unknown;
  };
  if (n.kind === 'ParenExpr') namesOf(n.inner, out);
  else if (n.kind === 'BinaryExpr') {
    namesOf(n.left, out);
    namesOf(n.right, out);
  } else if (n.kind === 'NameExpr' && n.name?.name !== undefined) out.push(n.name.name);
  return out;
}

/** The names some counter is capped at: in the upper end of a range and in what a `<` test compares against (`NT + 1`: NT). */
export function counterBounds(program: Program): Set<string> {
  const ranges = new Set<string>();
  const tests = new Set<string>();
  for (const file of program.files)
    walk(file.ast.decls, (n) => {
      const x = n as { kind: string; hi?: unknown; op?: string; left?: unknown; right?: unknown };
      if (x.kind === 'RangeType') for (const hi of namesOf(x.hi)) ranges.add(hi);
      if (x.kind === 'BinaryExpr' && (x.op === '<' || x.op === '>'))
        for (const bound of namesOf(x.op === '<' ? x.right : x.left)) tests.add(bound);
    });
  return new Set([...ranges].filter((n) => tests.has(n)));
}

/** The parameters and constants a mark with a reason stands above. */
export function cappedBounds(program: Program): Set<string> {
  const out = new Set<string>();
  for (const file of program.files)
    for (const m of marksOf(file)) {
      const d = m.decl;
      if (m.reason === undefined || d === undefined) continue;
      if (d.kind === 'ParamDecl' || d.kind === 'ConstDecl') out.add(d.name.name);
    }
  return out;
}

/** CS4030 for a blank reason, CS4031 for a mark above anything but a counter's bound. */
export function checkCappedMarks(ctx: CheckContext): void {
  const bounds = counterBounds(ctx.program);
  for (const file of ctx.program.files)
    for (const m of marksOf(file)) {
      if (m.reason === undefined) ctx.report('CS4030', m.span, {});
      const d = m.decl;
      const name =
        d !== undefined && (d.kind === 'ParamDecl' || d.kind === 'ConstDecl')
          ? d.name.name
          : undefined;
      if (name === undefined)
        ctx.report('CS4031', m.span, {
          what: 'what follows it, which is not a `param` or `const`',
        });
      else if (!bounds.has(name))
        ctx.report('CS4031', m.span, {
          what: `\`${name}\`, which is no counter's bound (the upper end of its range, tested with \`<\`)`,
        });
    }
}
