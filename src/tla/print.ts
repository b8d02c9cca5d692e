// Prints a TlaModule as TLA+ text, plus where each definition's body sits in that text.
// Takes the tree of tla-ast.ts only; returns text and positions; writes no files. Same tree,
// same bytes: nothing here depends on the clock, the environment or object key order.
// Junction lists in layout positions become aligned bullet lists; all else is one line.

import { at } from '../source/checked-index.js';
import type { TlaBinaryOp, TlaDef, TlaExceptClause, TlaExpr, TlaModule } from './tla-ast.js';

export { printCfg } from './cfg.js';

/**
 * A 1-based span in the printed module, in TLC's terms: TLC prints an action's location as
 * "line a, col b to line c, col d", where (a, b) is the first character of the definition's
 * body and (c, d) its last character (inclusive).
 */
export interface TlaTextSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The printed module and, per definition name, the span of its body. */
export interface PrintedTla {
  readonly text: string;
  /**
   * Definition name -> span of its body. For a body that is a junction list, the span starts
   * at the first bullet and ends after the last item, which is what TLC reports for an action.
   * TLC splits an action at disjunctions, `\E` and LET and reports the span of the piece taken;
   * when a body splits, `Name/1`, `Name/2`, ... give those pieces' spans in order.
   */
  readonly lines: Map<string, TlaTextSpan>;
}

const BODY_INDENT = 4;

/** Prints the whole module; see PrintedTla. */
export function printTla(module: TlaModule): PrintedTla {
  const out: string[] = [];
  const lines = new Map<string, TlaTextSpan>();
  out.push(`---- MODULE ${module.name} ----`);
  for (const c of module.header) for (const l of commentLines(c)) out.push(l);
  const ext = extendsList(module);
  if (ext.length > 0) out.push(`EXTENDS ${ext.join(', ')}`);
  if (module.constants.length > 0) {
    out.push('');
    out.push(`CONSTANTS ${module.constants.map((c) => c.name).join(', ')}`);
  }
  if (module.variables.length > 0) {
    out.push('');
    out.push(`VARIABLES ${module.variables.map((v) => v.name).join(', ')}`);
  }
  // The vars tuple is printed here unless the module defines it itself (then it prints in place).
  const varsName = module.roles.vars;
  if (varsName !== '' && !module.defs.some((d) => d.name === varsName)) {
    out.push('');
    const body = printExpr({
      kind: 'TlaTuple',
      elements: module.variables.map((v) => ({ kind: 'TlaName', name: v.name })),
    });
    const head = `${varsName} == `;
    out.push(head + body);
    lines.set(varsName, {
      line: out.length,
      column: head.length + 1,
      endLine: out.length,
      endColumn: head.length + body.length,
    });
  }
  for (const def of module.defs) {
    out.push('');
    printDef(def, out, lines);
  }
  out.push('====');
  return { text: out.join('\n') + '\n', lines };
}

/**
 * The EXTENDS list, with Integers in place of Naturals when the tree negates anything: prefix
 * `-` (and so a negative literal) is defined only in Integers, and SANY rejects it otherwise.
 */
function extendsList(module: TlaModule): readonly string[] {
  if (module.extends.includes('Integers') || !module.defs.some((d) => negates(d.body)))
    return module.extends;
  const i = module.extends.indexOf('Naturals');
  return i >= 0
    ? module.extends.map((m) => (m === 'Naturals' ? 'Integers' : m))
    : [...module.extends, 'Integers'];
}

function negates(e: TlaExpr): boolean {
  if ((e.kind === 'TlaNum' && e.value < 0) || (e.kind === 'TlaUnary' && e.op === '-')) return true;
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) {
      for (const item of v) if (containsNegation(item)) return true;
    } else if (containsNegation(v)) return true;
  }
  return false;
}

/** Looks through the plain-object fields of a node (LET defs, CASE arms, EXCEPT paths) for negation. */
function containsNegation(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const o = v as { kind?: unknown };
  if (typeof o.kind === 'string' && o.kind.startsWith('Tla')) return negates(o as TlaExpr);
  return Object.values(o).some((f) =>
    Array.isArray(f) ? f.some(containsNegation) : containsNegation(f),
  );
}

function commentLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => (l === '' ? '\\*' : `\\* ${l}`));
}

function printDef(def: TlaDef, out: string[], lines: Map<string, TlaTextSpan>): void {
  for (const c of def.comment) for (const l of commentLines(c)) out.push(l);
  const head =
    def.params.length > 0 ? `${def.name}(${def.params.join(', ')}) ==` : `${def.name} ==`;
  let leaves: LeafSpan[] = [];
  let body = layout(def.body, head.length + 1, true, leaves, 0);
  let firstLine: number;
  let firstCol: number;
  if (body.length === 1) {
    out.push(`${head} ${body[0]}`);
    firstLine = out.length;
    firstCol = head.length + 1;
  } else {
    leaves = [];
    body = layout(def.body, BODY_INDENT, true, leaves, 0);
    out.push(head);
    firstLine = out.length + 1;
    firstCol = BODY_INDENT;
    body.forEach((l, i) => out.push(i === 0 ? ' '.repeat(BODY_INDENT) + l : l));
  }
  const endLine = out.length;
  lines.set(def.name, {
    line: firstLine,
    column: firstCol + 1,
    endLine,
    endColumn: at(out, endLine - 1, 'printed lines of a definition').length,
  });
  // TLC splits an action at disjunctions and \E (and looks through LET) and reports each piece's span.
  const [firstLeaf] = leaves;
  if (leaves.length > 1 || (firstLeaf !== undefined && firstLeaf.col !== firstCol)) {
    leaves.forEach((leaf, i) => {
      lines.set(`${def.name}/${i + 1}`, {
        line: firstLine + leaf.line,
        column: leaf.col + 1,
        endLine: firstLine + leaf.endLine,
        endColumn: leaf.endCol,
      });
    });
  }
}

/** Where a piece of a laid-out body sits: lines relative to the body's first line, 0-based start column, 1-based inclusive end column. */
interface LeafSpan {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** A junction of one item means the item; TRUE and FALSE stand for empty ones. */
function unwrapJunction(e: TlaExpr): TlaExpr {
  let cur = e;
  while (cur.kind === 'TlaJunction' && cur.items.length === 1)
    cur = at(cur.items, 0, 'a one-item junction');
  if (cur.kind === 'TlaJunction' && cur.items.length === 0)
    return { kind: 'TlaBool', value: cur.op === '/\\' };
  return cur;
}

/**
 * Lays out an expression whose first character goes at 0-based column `col`. The first
 * returned line has no indentation; later lines carry their full indentation. Junction lists
 * (and the bodies of quantifiers and LET that are themselves in layout position) become bullet
 * lists aligned at their column; SANY reads the list structure from those columns.
 * While `split` holds, the pieces TLC would report as separate actions are pushed on `leaves`
 * (`line` is the index of this expression's first line within the body).
 */
function layout(
  expr: TlaExpr,
  col: number,
  split: boolean,
  leaves: LeafSpan[],
  line: number,
): string[] {
  const e = unwrapJunction(expr);
  const splitHere =
    split &&
    ((e.kind === 'TlaJunction' && e.op === '\\/') ||
      (e.kind === 'TlaQuant' && e.quantifier === '\\E') ||
      e.kind === 'TlaLet');
  const leafCount = leaves.length;
  let result: string[];
  switch (e.kind) {
    case 'TlaJunction': {
      result = [];
      for (const item of e.items) {
        const itemLines = layout(item, col + 3, splitHere, leaves, line + result.length);
        const bullet = `${e.op} `;
        const first = at(itemLines, 0, 'a laid-out junction item');
        result.push((result.length === 0 ? '' : ' '.repeat(col)) + bullet + first);
        for (const rest of itemLines.slice(1)) result.push(rest);
      }
      break;
    }
    case 'TlaQuant': {
      const prefix = `${e.quantifier} ${e.variables.join(', ')} \\in ${boundSet(e.set)} : `;
      result = prefixed(prefix, layout(e.body, col + prefix.length, splitHere, leaves, line));
      break;
    }
    case 'TlaLet': {
      const prefix = `${letDefs(e.defs)} IN `;
      result = prefixed(prefix, layout(e.body, col + prefix.length, splitHere, leaves, line));
      break;
    }
    default:
      result = [printExpr(e)];
  }
  if (split && !splitHere) {
    leaves.length = leafCount;
    const last = at(result, result.length - 1, 'a laid-out expression');
    const endCol = result.length === 1 ? col + last.length : last.length;
    leaves.push({ line, col, endLine: line + result.length - 1, endCol });
  }
  return result;
}

function prefixed(prefix: string, body: string[]): string[] {
  return [prefix + at(body, 0, 'a laid-out body'), ...body.slice(1)];
}

// Precedence ranges from Specifying Systems, table 6 (section 15.2.1). A child binds without
// parentheses when its lowest precedence is above the parent's highest; anything with an
// open right end (quantifiers, IF, CASE, LET, CHOOSE) gets parentheses inside any operator.
interface Prec {
  readonly lo: number;
  readonly hi: number;
}
const ATOM: Prec = { lo: 100, hi: 100 };
const OPEN: Prec = { lo: 0, hi: 0 };

const BINARY: Record<TlaBinaryOp, { lo: number; hi: number; left: boolean }> = {
  '=>': { lo: 1, hi: 1, left: false },
  '<=>': { lo: 2, hi: 2, left: false },
  '~>': { lo: 2, hi: 2, left: false },
  '=': { lo: 5, hi: 5, left: false },
  '#': { lo: 5, hi: 5, left: false },
  '<': { lo: 5, hi: 5, left: false },
  '<=': { lo: 5, hi: 5, left: false },
  '>': { lo: 5, hi: 5, left: false },
  '>=': { lo: 5, hi: 5, left: false },
  '\\in': { lo: 5, hi: 5, left: false },
  '\\notin': { lo: 5, hi: 5, left: false },
  '\\subseteq': { lo: 5, hi: 5, left: false },
  '@@': { lo: 6, hi: 6, left: true },
  ':>': { lo: 7, hi: 7, left: false },
  '\\cup': { lo: 8, hi: 8, left: true },
  '\\cap': { lo: 8, hi: 8, left: true },
  '\\': { lo: 8, hi: 8, left: false },
  '..': { lo: 9, hi: 9, left: false },
  '+': { lo: 10, hi: 10, left: true },
  '%': { lo: 10, hi: 11, left: false },
  '-': { lo: 11, hi: 11, left: true },
  '*': { lo: 13, hi: 13, left: true },
  '\\div': { lo: 13, hi: 13, left: false },
  '\\o': { lo: 13, hi: 13, left: true },
};

function precOf(expr: TlaExpr): Prec {
  const e = unwrapJunction(expr);
  switch (e.kind) {
    case 'TlaNum':
      return e.value < 0 ? { lo: 12, hi: 12 } : ATOM;
    case 'TlaUnary':
      return e.op === '~'
        ? { lo: 4, hi: 4 }
        : e.op === '-'
          ? { lo: 12, hi: 12 }
          : { lo: 4, hi: 15 };
    case 'TlaBinary':
      return BINARY[e.op];
    case 'TlaJunction':
      return { lo: 3, hi: 3 };
    case 'TlaIf':
    case 'TlaCase':
    case 'TlaLet':
    case 'TlaQuant':
    case 'TlaChoose':
      return OPEN;
    case 'TlaUnchanged':
    case 'TlaTemporal':
    case 'TlaBoxAction':
      return { lo: 4, hi: 15 };
    case 'TlaBuiltin':
      return e.op === 'DOMAIN' ? { lo: 9, hi: 9 } : e.op === 'SUBSET' ? { lo: 8, hi: 8 } : ATOM;
    default:
      return ATOM;
  }
}

function isAtom(e: TlaExpr): boolean {
  return precOf(e) === ATOM;
}

function paren(s: string): string {
  return `(${s})`;
}

/** An operand that must be an atom (prefix operators, `.field`, `[arg]`, EXCEPT base). */
function atomic(e: TlaExpr): string {
  return isAtom(e) ? printExpr(e) : paren(printExpr(e));
}

/** An operand in a position closed on both sides by the surrounding syntax, except open-ended ones. */
function closedOrParen(e: TlaExpr): string {
  return precOf(e) === OPEN ? paren(printExpr(e)) : printExpr(e);
}

function isNegative(e: TlaExpr): boolean {
  const u = unwrapJunction(e);
  return (u.kind === 'TlaNum' && u.value < 0) || (u.kind === 'TlaUnary' && u.op === '-');
}

function binaryOperand(child: TlaExpr, op: TlaBinaryOp, side: 'left' | 'right'): string {
  const p = BINARY[op];
  const c = precOf(child);
  const u = unwrapJunction(child);
  // A junction inside `=>` or `<=>` needs no parentheses, but reads as a bullet-list mistake.
  let bare = c !== OPEN && c.lo > p.hi && u.kind !== 'TlaJunction';
  if (side === 'left' && p.left && u.kind === 'TlaBinary' && u.op === op) bare = true;
  // `a - -1` parses, but a minus sign right after an operator reads as a typo: keep it explicit.
  if (side === 'right' && isNegative(child)) bare = false;
  return bare ? printExpr(child) : paren(printExpr(child));
}

function junctionItem(child: TlaExpr, op: '/\\' | '\\/'): string {
  const c = precOf(child);
  const u = unwrapJunction(child);
  if (u.kind === 'TlaJunction' && u.op === op) return printExpr(child);
  return c !== OPEN && c.lo > 3 ? printExpr(child) : paren(printExpr(child));
}

function boundSet(set: TlaExpr): string {
  return closedOrParen(set);
}

function letDefs(defs: readonly { readonly name: string; readonly value: TlaExpr }[]): string {
  return `LET ${defs.map((d) => `${d.name} == ${closedOrParen(d.value)}`).join(' ')}`;
}

/** TLA+ string literal: `\` and `"` escaped, control characters as TLA+ escapes. */
export function printString(value: string): string {
  let s = '"';
  for (const ch of value) {
    if (ch === '"') s += '\\"';
    else if (ch === '\\') s += '\\\\';
    else if (ch === '\n') s += '\\n';
    else if (ch === '\t') s += '\\t';
    else if (ch === '\r') s += '\\r';
    else if (ch === '\f') s += '\\f';
    else s += ch;
  }
  return s + '"';
}

function tuple(items: readonly string[]): string {
  return items.length === 0 ? '<< >>' : `<< ${items.join(', ')} >>`;
}

function exceptClause(c: TlaExceptClause): string {
  const path = c.path
    .map((p) => (p.kind === 'index' ? `[${printExpr(p.index)}]` : `.${p.field}`))
    .join('');
  return `!${path} = ${printExpr(c.value)}`;
}

/** Prints one expression on one line with the parentheses its context-free reading needs. */
export function printExpr(expr: TlaExpr): string {
  const e = unwrapJunction(expr);
  switch (e.kind) {
    case 'TlaNum':
      if (!Number.isSafeInteger(e.value))
        throw new Error(`printer: ${e.value} is not an integer TLA+ can hold`);
      return String(e.value);
    case 'TlaBool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'TlaStr':
      return printString(e.value);
    case 'TlaName':
      return e.name;
    case 'TlaPrimed':
      return `${e.name}'`;
    case 'TlaApply':
      return e.args.length === 0 ? e.op : `${e.op}(${e.args.map(printExpr).join(', ')})`;
    case 'TlaBuiltin':
      if (e.op === 'DOMAIN' || e.op === 'SUBSET')
        return `${e.op} ${atomic(at(e.args, 0, `the operand of ${e.op}`))}`;
      return `${e.op}(${e.args.map(printExpr).join(', ')})`;
    case 'TlaUnary':
      if (e.op === 'ENABLED') return `ENABLED ${atomic(e.operand)}`;
      return `${e.op}${atomic(e.operand)}`;
    case 'TlaBinary': {
      const l = binaryOperand(e.left, e.op, 'left');
      const r = binaryOperand(e.right, e.op, 'right');
      if (e.op === '..' && isAtom(e.left) && isAtom(e.right)) return `${l}..${r}`;
      return `${l} ${e.op} ${r}`;
    }
    case 'TlaJunction':
      return e.items.map((i) => junctionItem(i, e.op)).join(` ${e.op} `);
    case 'TlaIf': {
      const elseText =
        unwrapJunction(e.else).kind === 'TlaIf' ? printExpr(e.else) : closedOrParen(e.else);
      return `IF ${closedOrParen(e.cond)} THEN ${closedOrParen(e.then)} ELSE ${elseText}`;
    }
    case 'TlaCase': {
      const arms = e.arms.map((a) => `${closedOrParen(a.cond)} -> ${closedOrParen(a.value)}`);
      if (e.other !== undefined) arms.push(`OTHER -> ${closedOrParen(e.other)}`);
      return `CASE ${arms.join(' [] ')}`;
    }
    case 'TlaLet':
      return `${letDefs(e.defs)} IN ${printExpr(e.body)}`;
    case 'TlaAt':
      return '@';
    case 'TlaUnchanged':
      return e.variables.length === 1
        ? `UNCHANGED ${e.variables[0]}`
        : `UNCHANGED ${tuple(e.variables)}`;
    case 'TlaTemporal': {
      const inner = unwrapJunction(e.operand);
      return `${e.op}${inner.kind === 'TlaTemporal' ? printExpr(inner) : atomic(inner)}`;
    }
    case 'TlaFairness':
      return `${e.strength}_${e.vars}(${printExpr(e.action)})`;
    case 'TlaBoxAction':
      return `[][${printExpr(e.action)}]_${e.vars}`;
    default:
      return printCollection(e);
  }
}

/** The kinds that build or take apart sets, functions, records and tuples, or bind a variable. */
type CollectionExpr = Extract<
  TlaExpr,
  {
    kind:
      | 'TlaSetEnum'
      | 'TlaSetFilter'
      | 'TlaSetMap'
      | 'TlaFcn'
      | 'TlaFcnApp'
      | 'TlaExcept'
      | 'TlaRecord'
      | 'TlaDot'
      | 'TlaTuple'
      | 'TlaQuant'
      | 'TlaChoose';
  }
>;

function printCollection(e: CollectionExpr): string {
  switch (e.kind) {
    case 'TlaSetEnum':
      // `{x \in S}` would read as the start of a set filter.
      return `{${e.elements.map((x) => (isMembership(x) ? paren(printExpr(x)) : closedOrParen(x))).join(', ')}}`;
    case 'TlaSetFilter':
      return `{${e.variable} \\in ${boundSet(e.set)} : ${printExpr(e.pred)}}`;
    case 'TlaSetMap': {
      // `{a \in T : x \in S}` would read as a set filter; open-ended heads would swallow the `:`.
      const head = precOf(e.expr).lo <= 5 ? paren(printExpr(e.expr)) : printExpr(e.expr);
      return `{${head} : ${e.variable} \\in ${boundSet(e.set)}}`;
    }
    case 'TlaFcn':
      return `[${e.variable} \\in ${boundSet(e.set)} |-> ${printExpr(e.body)}]`;
    case 'TlaFcnApp':
      return `${atomic(e.fcn)}[${printExpr(e.arg)}]`;
    case 'TlaExcept':
      return `[${atomic(e.base)} EXCEPT ${e.clauses.map(exceptClause).join(', ')}]`;
    case 'TlaRecord':
      return `[${e.fields.map((f) => `${f.name} |-> ${printExpr(f.value)}`).join(', ')}]`;
    case 'TlaDot':
      return `${atomic(e.record)}.${e.field}`;
    case 'TlaTuple':
      return tuple(e.elements.map(printExpr));
    case 'TlaQuant':
      return `${e.quantifier} ${e.variables.join(', ')} \\in ${boundSet(e.set)} : ${printExpr(e.body)}`;
    case 'TlaChoose':
      return `CHOOSE ${e.variable} \\in ${boundSet(e.set)} : ${printExpr(e.pred)}`;
    default:
      return unknownKind(e);
  }
}

function isMembership(e: TlaExpr): boolean {
  const u = unwrapJunction(e);
  return u.kind === 'TlaBinary' && (u.op === '\\in' || u.op === '\\notin');
}

function unknownKind(e: never): never {
  throw new Error(`printer: no TLA+ form for node kind ${(e as { kind: string }).kind}`);
}
