// How deep the trees of a program go, checked before anything walks them recursively. Brackets
// are bounded by the lexer (CS1008), but a chain of infix operators (`a and b and ...`), of
// `?:`, or of `else if` nests without one: the checker, the lowering and the engines recurse
// on those trees, so past a depth they run out of stack. This walk is iterative and reports the
// first expression or statement past its limit (CS1042), at its position. Reads trees only.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Program } from '../syntax/program.js';
import type { Span } from '../source/span.js';

/**
 * The deepest expression any pass is known to handle: a 1000-term conjunction is about 1000
 * deep (every pass handles 2000 but the checker, whose name resolution and type checking run
 * out of stack between 1000 and 2000 on a default Node stack).
 */
export const MAX_EXPR_DEPTH = 1100;

/**
 * The deepest nesting of statements (an `else if` adds one level per branch): the lowering's
 * symbolic execution of an `atomic` block handles 600 and runs out of stack before 1000.
 */
export const MAX_STMT_DEPTH = 600;

const EXPR_KINDS: ReadonlySet<string> = new Set([
  'IntLit',
  'BoolLit',
  'StringLit',
  'NoneLit',
  'SelfExpr',
  'FrameExpr',
  'NameExpr',
  'CallExpr',
  'IndexExpr',
  'FieldExpr',
  'ArrowExpr',
  'PrimedExpr',
  'UnaryExpr',
  'BinaryExpr',
  'CondExpr',
  'SetLit',
  'SetFilter',
  'SetMap',
  'MapComp',
  'SeqLit',
  'RecordLit',
  'RecordUpdate',
  'MapUpdate',
  'QuantExpr',
  'ParenExpr',
  'ErrorExpr',
]);

interface TreeNode {
  readonly kind: string;
  readonly span: Span;
}

function isNode(x: unknown): x is TreeNode {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { kind?: unknown }).kind === 'string' &&
    'span' in x
  );
}

/** The nodes directly under `node`: any property holding a node or an array of nodes. */
function children(node: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** CS1042 for the first expression and the first statement of each file past its limit. */
export function checkDepth(program: Program): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of program.files) {
    let exprReported = false;
    let stmtReported = false;
    const stack: Array<{ node: TreeNode; expr: number; stmt: number }> = [
      { node: file.ast, expr: 0, stmt: 0 },
    ];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const { node, expr, stmt } = top;
      const isExpr = EXPR_KINDS.has(node.kind);
      const e = isExpr ? expr + 1 : 0;
      const s = node.kind.endsWith('Stmt') ? stmt + 1 : stmt;
      if (e > MAX_EXPR_DEPTH) {
        if (!exprReported)
          out.push({
            code: 'CS1042',
            severity: 'error',
            span: node.span,
            args: {
              what: 'expression',
              limit: MAX_EXPR_DEPTH,
              how: 'a chain of operators counts one level per operator; split it with named `def`s or `const`s',
            },
          });
        exprReported = true;
        continue;
      }
      if (s > MAX_STMT_DEPTH) {
        if (!stmtReported)
          out.push({
            code: 'CS1042',
            severity: 'error',
            span: node.span,
            args: {
              what: 'statement',
              limit: MAX_STMT_DEPTH,
              how: 'each `else if` counts one level; split the chain into steps or procedures',
            },
          });
        stmtReported = true;
        continue;
      }
      // Expression depth restarts at each statement: only expressions inside expressions nest.
      for (const c of children(node)) stack.push({ node: c, expr: isExpr ? e : 0, stmt: s });
    }
  }
  return out;
}
