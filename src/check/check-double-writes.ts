// One statement, one write per location (docs/language.md, section 4): a macro call whose body
// writes what the call's target writes (`n := atomic_inc_return_val(n)`), or whose arguments make
// two of its writes land on one location (`atomic_dec_return(n, n)`). Reports CS4019. Writes a
// macro body makes through one name follow each other as in an `atomic` block: not judged here.

import type { Expr, Ident, MacroDecl, Stmt } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { CheckContext } from './context.js';
import { printExpr } from './print-expr.js';
import type { SymbolInfo } from './scopes.js';
import { forEachStmt, onStmt, stmtParts, type StmtCases, unparen } from '../syntax/visit.js';
import { at } from '../source/checked-index.js';

/** A location a write lands on: a variable (or frame field) and the path into it, as printed. */
interface Loc {
  readonly root: string;
  readonly path: readonly string[];
  readonly text: string;
  /** How the write reaches it: the call's target, argument i, or the macro's own name for it. */
  readonly route: string;
}

/** One write of a step: where it lands, the node that writes, and the branches it lies in. */
interface Write {
  readonly loc: Loc;
  readonly node: Expr;
  readonly macro: MacroDecl | undefined;
  /** The parameter name the macro writes through, when it does. */
  readonly param: string | undefined;
  /** Statement id to branch index, for every `if`/`either`/fault point the write lies in. */
  readonly choices: ReadonlyMap<number, number>;
}

/** Argument bindings of one macro instance: parameter symbol to the argument's location and text. */
interface Subst {
  readonly locs: ReadonlyMap<SymbolInfo, Loc | undefined>;
  readonly text: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<SymbolInfo, string>;
}

const NO_SUBST: Subst = { locs: new Map(), text: new Map(), names: new Map() };

/** Reports every statement that writes one location twice. */
export function checkDoubleWrites(ctx: CheckContext): void {
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    ctx.guard('double writes', owner, () => forEachStmt(owner.body, (s) => checkStmt(ctx, s)));
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) {
      if (m.kind === 'StepOverride')
        ctx.guard('double writes', m, () => forEachStmt([m.stmt], (s) => checkStmt(ctx, s)));
    }
  }
}

function checkStmt(ctx: CheckContext, s: Stmt): void {
  if (s.kind !== 'CallStmt') return;
  const macro = macroOf(ctx, s.callee);
  if (macro === undefined || macro.params.length !== s.args.length) return;
  const writes: Write[] = [];
  const argLocs = s.args.map((a, i) => locOf(ctx, a, NO_SUBST, `arg:${i}`));
  macroWrites(ctx, macro, s.args, argLocs, NO_SUBST, new Map(), writes, new Set());
  if (s.target !== undefined) {
    const loc = locOf(ctx, s.target, NO_SUBST, 'target');
    if (loc !== undefined)
      writes.push({ loc, node: s.target, macro: undefined, param: undefined, choices: new Map() });
  }
  for (const [j, b] of writes.entries()) {
    for (const a of writes.slice(0, j)) {
      if (a.loc.route === b.loc.route || !overlaps(a.loc, b.loc) || exclusive(a, b)) continue;
      report(ctx, s, a, b);
      return;
    }
  }
}

function report(
  ctx: CheckContext,
  s: Extract<Stmt, { kind: 'CallStmt' }>,
  a: Write,
  b: Write,
): void {
  const location = a.loc.path.length <= b.loc.path.length ? a.loc.text : b.loc.text;
  const at =
    b.macro === undefined
      ? b.node.span
      : (argSpan(s, b.loc.route) ?? argSpan(s, a.loc.route) ?? s.callee.span);
  const related = [a, b].flatMap((w) =>
    w.macro === undefined
      ? []
      : [
          {
            span: w.node.span,
            note: `macro \`${w.macro.name.name}\` writes it here${w.param === undefined ? '' : `, as \`${w.param}\``}`,
          },
        ],
  );
  ctx.report(
    'CS4019',
    at,
    { location, first: describe(a), second: describe(b) },
    {
      hint: 'a step writes each location once: keep one of the results in another variable',
      related,
    },
  );
}

function describe(w: Write): string {
  if (w.macro === undefined) return 'the assignment';
  return `macro \`${w.macro.name.name}\`${w.param === undefined ? '' : ` (as \`${w.param}\`)`}`;
}

function argSpan(s: Extract<Stmt, { kind: 'CallStmt' }>, route: string): Span | undefined {
  const m = /^arg:(\d+)$/.exec(route);
  return m === null ? undefined : s.args[Number(m[1])]?.span;
}

function macroOf(ctx: CheckContext, callee: Ident): MacroDecl | undefined {
  const sym = ctx.symbols.get(callee);
  return sym?.kind === 'macro' && sym.decl?.kind === 'MacroDecl' ? sym.decl : undefined;
}

/** Collects the writes of one macro instance (nested macro calls included) into `out`. */
function macroWrites(
  ctx: CheckContext,
  macro: MacroDecl,
  args: readonly Expr[],
  argLocs: readonly (Loc | undefined)[],
  outer: Subst,
  choices: ReadonlyMap<number, number>,
  out: Write[],
  active: Set<MacroDecl>,
): void {
  if (active.has(macro)) return;
  active.add(macro);
  const locs = new Map<SymbolInfo, Loc | undefined>();
  const text = new Map<string, string>();
  const names = new Map<SymbolInfo, string>();
  macro.params.forEach((p, i) => {
    const sym = ctx.declared.get(p);
    if (sym === undefined) return;
    locs.set(sym, argLocs[i]);
    names.set(sym, p.name);
    text.set(p.name, printExpr(at(args, i, 'macro argument'), outer.text));
  });
  const walk: MacroWalk = { ctx, macro, subst: { locs, text, names }, out, active };
  writesIn(macro.body.stmts, choices, walk);
  active.delete(macro);
}

/** One macro instance being walked: its argument bindings and where its writes go. */
interface MacroWalk {
  readonly ctx: CheckContext;
  readonly macro: MacroDecl;
  readonly subst: Subst;
  readonly out: Write[];
  readonly active: Set<MacroDecl>;
}

type Choices = ReadonlyMap<number, number>;

function writesIn(stmts: readonly Stmt[], ch: Choices, walk: MacroWalk): void {
  for (const s of stmts) onStmt(s, STMT_WRITES, ch, walk);
}

/** A write to `e` in the instance, if `e` names a location. */
function targetWrite(e: Expr, ch: Choices, { ctx, macro, subst, out }: MacroWalk): void {
  const loc = locOf(ctx, e, subst, undefined);
  if (loc !== undefined)
    out.push({ loc, node: e, macro, param: paramName(ctx, e, subst), choices: ch });
}

/** A loop or `atomic` body runs with its statement; the other parts are alternatives. */
function nestedWrites(s: Stmt, ch: Choices, walk: MacroWalk): void {
  for (const p of stmtParts(s)) {
    const inPart =
      p.role === 'loop' || p.role === 'atomic' ? ch : new Map([...ch, [s.id, p.index]]);
    writesIn(p.stmts, inPart, walk);
  }
}

const STMT_WRITES: StmtCases<void, [Choices, MacroWalk]> = {
  AssignStmt: (s, ch, walk) => targetWrite(s.target, ch, walk),
  AnyAssignStmt: (s, ch, walk) => targetWrite(s.target, ch, walk),
  CloneStmt: (s, ch, walk) => {
    if (s.target !== undefined) targetWrite(s.target, ch, walk);
  },
  CallStmt: (s, ch, walk) => {
    const { ctx, subst, out, active } = walk;
    const inner = macroOf(ctx, s.callee);
    if (inner !== undefined && inner.params.length === s.args.length) {
      const innerLocs = s.args.map((a) => locOf(ctx, a, subst, undefined));
      macroWrites(ctx, inner, s.args, innerLocs, subst, ch, out, active);
    }
    if (s.target !== undefined) targetWrite(s.target, ch, walk);
  },
  AwaitStmt: nestedWrites,
  AssertStmt: nestedWrites,
  SkipStmt: nestedWrites,
  IfStmt: nestedWrites,
  WhileStmt: nestedWrites,
  ForStmt: nestedWrites,
  EitherStmt: nestedWrites,
  AtomicStmt: nestedWrites,
  ReturnStmt: nestedWrites,
  ExitStmt: nestedWrites,
  FaultStmt: nestedWrites,
  BreakStmt: nestedWrites,
  ContinueStmt: nestedWrites,
  ErrorStmt: nestedWrites,
};

/** The macro parameter a target writes through (`v` of `v := v - 1`), if any. */
function paramName(ctx: CheckContext, e: Expr, subst: Subst): string | undefined {
  const u = unparen(e);
  if (u.kind === 'NameExpr') {
    const sym = ctx.symbols.get(u);
    return sym === undefined ? undefined : subst.names.get(sym);
  }
  if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return paramName(ctx, u.base, subst);
  return undefined;
}

/**
 * The location a target expression denotes. A thread variable's own copy `x` and `x[self]` are
 * one location; `route` names how the write reaches it (undefined: the variable's own name).
 */
function locOf(
  ctx: CheckContext,
  e: Expr,
  subst: Subst,
  route: string | undefined,
): Loc | undefined {
  const u = unparen(e);
  switch (u.kind) {
    case 'NameExpr': {
      const sym = ctx.symbols.get(u);
      if (sym === undefined) return undefined;
      if (subst.locs.has(sym)) {
        const arg = subst.locs.get(sym);
        return arg === undefined ? undefined : route === undefined ? arg : { ...arg, route };
      }
      if (
        sym.kind !== 'sharedVar' &&
        sym.kind !== 'threadVar' &&
        sym.kind !== 'frameVar' &&
        sym.kind !== 'procParam'
      )
        return undefined;
      const root = `${sym.kind}:${sym.name}`;
      const path = sym.kind === 'threadVar' ? ['[self]'] : [];
      return { root, path, text: u.name.name, route: route ?? `name:${root}` };
    }
    case 'IndexExpr': {
      const base = locOf(ctx, u.base, subst, route);
      if (base === undefined) return undefined;
      const index = printExpr(u.index, subst.text);
      const text = `${base.text}[${index}]`;
      // `x[t]` of a thread variable is thread t's copy (when its index is a thread), not an element of the own copy.
      const b = unparen(u.base);
      if (
        b.kind === 'NameExpr' &&
        ctx.symbols.get(b)?.kind === 'threadVar' &&
        isThreadIndex(ctx, u.index)
      ) {
        return { ...base, path: [`[${index}]`], text };
      }
      return { ...base, path: [...base.path, `[${index}]`], text };
    }
    case 'FieldExpr': {
      const base = locOf(ctx, u.base, subst, route);
      return base === undefined
        ? undefined
        : {
            ...base,
            path: [...base.path, `.${u.field.name}`],
            text: `${base.text}.${u.field.name}`,
          };
    }
    case 'ArrowExpr': {
      const text = `${printExpr(u.base, subst.text)}->${u.field.name}`;
      return { root: `frame:${text}`, path: [], text, route: route ?? `frame:${text}` };
    }
    default:
      return undefined;
  }
}

function isThreadIndex(ctx: CheckContext, index: Expr): boolean {
  const u = unparen(index);
  if (u.kind === 'SelfExpr') return true;
  const t = ctx.types.get(index);
  return t?.kind === 'thread';
}

/** Two locations overlap when one path is a prefix of the other (equal indices as written). */
function overlaps(a: Loc, b: Loc): boolean {
  if (a.root !== b.root) return false;
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) if (a.path[i] !== b.path[i]) return false;
  return true;
}

/** Two writes in different branches of one `if`, `either` or fault point never both happen. */
function exclusive(a: Write, b: Write): boolean {
  for (const [id, i] of a.choices) {
    const j = b.choices.get(id);
    if (j !== undefined && j !== i) return true;
  }
  return false;
}
