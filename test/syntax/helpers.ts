// Test helpers for the syntax phase: parse a snippet, strip ids and spans for shape comparisons,
// and walk every node of a tree without recursion (trees from stress inputs are deep).

import type { Decl, SpecFile, Stmt } from '../../src/syntax/ast.js';
import { parseSpec } from '../../src/syntax/parse.js';
import type { Span } from '../../src/source/span.js';

/** Parses `text` as `t.cred` and fails the test on any diagnostic. */
export function parseClean(text: string): SpecFile {
  const r = parseSpec(text, 't.cred');
  expect(
    r.diagnostics.map(
      (d) => `${d.code} ${JSON.stringify(d.args)} ${d.span.start.line}:${d.span.start.column}`,
    ),
  ).toEqual([]);
  return r.ast;
}

/** The declarations of `spec t` followed by `body`. */
export function declsOf(body: string): readonly Decl[] {
  return parseClean('spec t\n' + body).decls;
}

/** The value expression of `const X = <expr>`, without ids and spans. */
export function exprShape(expr: string): unknown {
  const d = declsOf(`const X = ${expr}`)[0];
  if (d?.kind !== 'ConstDecl') throw new Error('not a const');
  return shape(d.value);
}

/** The statements of a one-process body, without ids and spans. */
export function stmtShapes(body: string): unknown[] {
  const d = declsOf(`process P[1] {\n${body}\n}`)[0];
  if (d?.kind !== 'ProcessDecl') throw new Error('not a process');
  return d.body.stmts.map((s: Stmt) => shape(s));
}

/** A copy without `id` and `span` fields and without undefined fields. */
export function shape(node: unknown): unknown {
  return JSON.parse(
    JSON.stringify(node, (k, v: unknown) => (k === 'id' || k === 'span' ? undefined : v)),
  );
}

/** Short form of a name expression: `{ kind: 'NameExpr', name: { kind: 'Ident', name } }`. */
export function nm(name: string): unknown {
  return { kind: 'NameExpr', name: { kind: 'Ident', name } };
}

export function int(value: number): unknown {
  return { kind: 'IntLit', value };
}

export function bin(op: string, left: unknown, right: unknown): unknown {
  return { kind: 'BinaryExpr', op, left, right };
}

/** Every node under `root` (objects with a `kind` and a `span`), iteratively. */
export function allNodes(root: unknown): Array<{ kind: string; id: number; span: Span }> {
  const out: Array<{ kind: string; id: number; span: Span }> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    if (n === null || typeof n !== 'object') continue;
    const o = n as Record<string, unknown>;
    if (typeof o.kind === 'string' && typeof o.id === 'number' && o.span !== undefined)
      out.push(o as never);
    for (const [k, v] of Object.entries(o)) if (k !== 'span') stack.push(v);
  }
  return out;
}

/** `line:column` of a span's start. */
export function at(span: Span): string {
  return `${span.start.line}:${span.start.column}`;
}

/**
 * A checker for spans of one text: inside [0, length], start before end, and line and column
 * agreeing with the offset (line starts found here by a regex, independently of LineMap).
 */
export function spanChecker(text: string): (span: Span) => boolean {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const positionOk = (p: Span['start']): boolean => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= p.offset) lo = mid;
      else hi = mid - 1;
    }
    return p.line === lo + 1 && p.column === p.offset - starts[lo]! + 1;
  };
  return (span) =>
    span.start.offset >= 0 &&
    span.start.offset <= span.end.offset &&
    span.end.offset <= text.length &&
    positionOk(span.start) &&
    positionOk(span.end);
}

/** True when the span lies inside `text` and its positions agree with its offsets. */
export function spanInside(span: Span, text: string): boolean {
  return spanChecker(text)(span);
}
