// Step rules: unique labels, what an `atomic` block or macro body may contain, recursion between
// procedures and macros, `return` placement and values, `clone` targets, unreachable steps.
// Needs bound names (resolve-names.ts). Reports CS4001-CS4012; locking rules live in check-kernel.ts.

import type { Block, Expr, Ident, MacroDecl, ProcedureDecl, Stmt } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { BodyUnit, CheckContext } from './context.js';
import type { FrameOwner, SymbolInfo } from './scopes.js';
import { typeToString } from './types.js';
import { forEachStmt, onStmt, stmtParts, unparen, type StmtCases } from '../syntax/visit.js';

/** Runs every step rule over every body (base declarations, overrides, overridden steps). */
export function checkSteps(ctx: CheckContext): void {
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    ctx.guard('step rules', owner, () => {
      uniqueLabels(ctx, owner);
      if (owner.kind === 'MacroDecl')
        atomicRules(ctx, owner.body, `macro \`${owner.name.name}\``, true);
      stepRules(ctx, owner.body.stmts, owner, owner.kind === 'MacroDecl');
      unreachable(ctx, owner.body.stmts);
      if (owner.kind === 'ProcedureDecl') fallThrough(ctx, owner);
    });
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) {
      if (m.kind !== 'StepOverride') continue;
      const owner = ctx.symbols.get(m.owner)?.decl;
      if (owner?.kind !== 'ProcessDecl' && owner?.kind !== 'ProcedureDecl') continue;
      ctx.guard('step rules', m, () => stepRules(ctx, [m.stmt], owner, false));
    }
  }
  recursion(ctx);
}

/** Where a diagnostic about a step points: its label when it has one, else the statement. */
export function stepSpan(s: Stmt): Span {
  return s.label !== undefined && s.label.name !== '' ? s.label.span : s.span;
}

function uniqueLabels(ctx: CheckContext, owner: FrameOwner): void {
  if (owner.kind !== 'ProcessDecl' && owner.kind !== 'ProcedureDecl') return;
  const seen = new Map<string, Ident>();
  forEachStmt(owner.body, (s) => {
    const l = s.label;
    if (l === undefined || l.name === '') return;
    const first = seen.get(l.name);
    if (first !== undefined) {
      ctx.report(
        'CS4001',
        l.span,
        { name: l.name, owner: owner.name.name },
        { related: [{ span: first.span, note: 'first used here' }] },
      );
    } else {
      seen.set(l.name, l);
    }
  });
}

/** Rules for statements anywhere in a body: returns, clones, and atomic blocks met on the way. */
function stepRules(
  ctx: CheckContext,
  stmts: readonly Stmt[],
  owner: FrameOwner,
  insideAtomic: boolean,
): void {
  for (const s of stmts) {
    if (s.kind === 'AtomicStmt' && !insideAtomic)
      atomicRules(ctx, s.body, 'an `atomic` block', false);
    if (s.kind === 'ReturnStmt') returnRule(ctx, s, owner);
    if (s.kind === 'CloneStmt') cloneRule(ctx, s);
    for (const p of stmtParts(s))
      stepRules(ctx, p.stmts, owner, insideAtomic || p.role === 'atomic');
  }
}

function returnRule(
  ctx: CheckContext,
  s: Extract<Stmt, { kind: 'ReturnStmt' }>,
  owner: FrameOwner,
): void {
  // A macro's `return e` is its result: check-macro-values.ts judges where it stands.
  if (owner.kind === 'MacroDecl') return;
  if (owner.kind !== 'ProcedureDecl') {
    ctx.report('CS4008', s.span, {});
    return;
  }
  if (s.value !== undefined && owner.returnType === undefined) {
    ctx.report('CS4009', s.value.span, {
      name: owner.name.name,
      problem: 'has no return type, so `return` takes no value',
    });
  } else if (s.value === undefined && owner.returnType !== undefined) {
    ctx.report('CS4009', s.span, {
      name: owner.name.name,
      problem: 'has a return type, so `return` needs a value',
    });
  }
}

function cloneRule(ctx: CheckContext, s: Extract<Stmt, { kind: 'CloneStmt' }>): void {
  const sym = ctx.symbols.get(s.group);
  if (sym === undefined) return; // unknown name, CS2001
  if (sym.kind !== 'process' || sym.decl?.kind !== 'ProcessDecl') {
    ctx.report('CS4011', s.group.span, {
      name: s.group.name,
      problem: 'only a process group can be cloned',
    });
    return;
  }
  if (sym.decl.spare === undefined) {
    ctx.report(
      'CS4011',
      s.group.span,
      { name: s.group.name, problem: 'the group has no `spare` slots for new threads' },
      {
        hint: `declare spare slots: \`process ${s.group.name}[N] spare M { ... }\``,
      },
    );
  }
}

/**
 * The rules of one atomic step (docs/language.md, section 3), for an `atomic` block or a macro
 * body: no procedure calls, no `while`, no labels, a blocking statement only first, `for` only as
 * a parallel update.
 */
function atomicRules(ctx: CheckContext, body: Block, context: string, isMacro: boolean): void {
  body.stmts.forEach((s, i) => atomicStmt(ctx, s, context, i === 0, isMacro));
}

function atomicStmt(
  ctx: CheckContext,
  s: Stmt,
  context: string,
  first: boolean,
  isMacro: boolean,
): void {
  if (s.label !== undefined && s.label.name !== '')
    ctx.report('CS4004', s.label.span, { name: s.label.name, context });
  onStmt(s, ATOMIC_RULES, { ctx, context, first, isMacro });
}

/** Where a statement stands in an atomic step: the step's name in messages, and whether it is first. */
interface AtomicPlace {
  readonly ctx: CheckContext;
  readonly context: string;
  readonly first: boolean;
  readonly isMacro: boolean;
}

/** The rules apply to the statements nested in `s`, none of which is first in the step. */
function nestedRules(s: Stmt, { ctx, context, isMacro }: AtomicPlace): void {
  for (const p of stmtParts(s)) forEachNested(ctx, p.stmts, context, isMacro);
}

const ATOMIC_RULES: StmtCases<void, [AtomicPlace]> = {
  CallStmt: (s, { ctx, context, first }) => {
    const sym = ctx.symbols.get(s.callee);
    if (sym?.kind === 'procedure') ctx.report('CS4002', s.callee.span, { context });
    else if (
      sym?.kind === 'macro' &&
      !first &&
      startsBlocking(ctx, sym.decl as MacroDecl, new Set())
    )
      ctx.report('CS4005', s.callee.span, { context });
  },
  AwaitStmt: (s, { ctx, context, first }) => {
    if (!first) ctx.report('CS4005', s.span, { context });
  },
  WhileStmt: (s, { ctx, context, isMacro }) => {
    ctx.report('CS4003', s.span, { context });
    atomicRules(ctx, s.body, context, isMacro);
  },
  ForStmt: (s, { ctx, context, isMacro }) => {
    parallelUpdate(ctx, s, context);
    forEachNested(ctx, s.body.stmts, context, isMacro);
  },
  // A nested `atomic` is the same step; its own first statement may block only if it is first.
  AtomicStmt: (s, { ctx, context, first, isMacro }) =>
    s.body.stmts.forEach((x, i) => atomicStmt(ctx, x, context, first && i === 0, isMacro)),
  FaultStmt: (s, { ctx, context, first, isMacro }) => {
    atomicStmt(ctx, s.body, context, first, isMacro);
    forEachNested(ctx, s.handler.stmts, context, isMacro);
  },
  AssignStmt: nestedRules,
  AnyAssignStmt: nestedRules,
  AssertStmt: nestedRules,
  SkipStmt: nestedRules,
  IfStmt: nestedRules,
  EitherStmt: nestedRules,
  ReturnStmt: nestedRules,
  CloneStmt: nestedRules,
  ExitStmt: nestedRules,
  BreakStmt: nestedRules,
  ContinueStmt: nestedRules,
  ErrorStmt: nestedRules,
};

function forEachNested(
  ctx: CheckContext,
  stmts: readonly Stmt[],
  context: string,
  isMacro: boolean,
): void {
  for (const s of stmts) atomicStmt(ctx, s, context, false, isMacro);
}

/** True when a macro's first statement blocks (an `await`, or a call to such a macro). */
function startsBlocking(ctx: CheckContext, m: MacroDecl, seen: Set<MacroDecl>): boolean {
  if (seen.has(m)) return false;
  seen.add(m);
  const s = m.body.stmts[0];
  if (s === undefined) return false;
  if (s.kind === 'AwaitStmt') return true;
  if (s.kind === 'AtomicStmt' && s.body.stmts[0]?.kind === 'AwaitStmt') return true;
  if (s.kind === 'CallStmt') {
    const sym = ctx.symbols.get(s.callee);
    if (sym?.kind === 'macro') return startsBlocking(ctx, sym.decl as MacroDecl, seen);
  }
  return false;
}

/** Every assignment in the loop body must write `x[v]...` for the loop variable `v`. */
function parallelUpdate(
  ctx: CheckContext,
  loop: Extract<Stmt, { kind: 'ForStmt' }>,
  context: string,
): void {
  const binder = ctx.declared.get(loop.binder);
  forEachStmt(loop.body, (s) => {
    const target =
      s.kind === 'AssignStmt' || s.kind === 'AnyAssignStmt'
        ? s.target
        : s.kind === 'CallStmt' || s.kind === 'CloneStmt'
          ? s.target
          : undefined;
    if (target === undefined) return;
    if (!indexedBy(ctx, target, binder))
      ctx.report('CS4006', target.span, { context, binder: loop.binder.name });
  });
}

function indexedBy(ctx: CheckContext, target: Expr, binder: SymbolInfo | undefined): boolean {
  const u = unparen(target);
  if (u.kind === 'IndexExpr') {
    const idx = unparen(u.index);
    if (idx.kind === 'NameExpr' && binder !== undefined && ctx.symbols.get(idx) === binder)
      return true;
    return indexedBy(ctx, u.base, binder);
  }
  if (u.kind === 'FieldExpr' || u.kind === 'ArrowExpr') return indexedBy(ctx, u.base, binder);
  return false;
}

// --- control flow ------------------------------------------------------------------------------

const always = (): boolean => true;
const never = (): boolean => false;

const LEAVES: StmtCases<boolean> = {
  ReturnStmt: always,
  ExitStmt: always,
  BreakStmt: always,
  ContinueStmt: always,
  IfStmt: (s) =>
    s.else !== undefined &&
    blockLeaves(s.then) &&
    (s.else.kind === 'Block' ? blockLeaves(s.else) : leaves(s.else)),
  EitherStmt: (s) => s.branches.length > 0 && s.branches.every(blockLeaves),
  WhileStmt: (s) => {
    // `while true` ends only through `return` or `exit`, neither of which reaches the next step.
    // A `break` out of it (not out of a loop nested in it) reaches the next step after all.
    const c = unparen(s.cond);
    return c.kind === 'BoolLit' && c.value && !breaksOut(s.body.stmts);
  },
  AtomicStmt: (s) => blockLeaves(s.body),
  FaultStmt: (s) => leaves(s.body) && blockLeaves(s.handler),
  AssignStmt: never,
  AnyAssignStmt: never,
  AwaitStmt: never,
  AssertStmt: never,
  SkipStmt: never,
  ForStmt: never,
  CallStmt: never,
  CloneStmt: never,
  ErrorStmt: never,
};

/** True when control never moves past `s` to the next statement of its block. */
export function leaves(s: Stmt): boolean {
  return onStmt(s, LEAVES);
}

/** True when a `break` in `stmts` leaves the loop whose body they are (a nested loop's own breaks do not). */
function breaksOut(stmts: readonly Stmt[]): boolean {
  return stmts.some((s) => {
    if (s.kind === 'BreakStmt') return true;
    if (s.kind === 'WhileStmt' || s.kind === 'ForStmt') return false;
    return stmtParts(s).some((p) => breaksOut(p.stmts));
  });
}

/** True when no path through the block reaches its end. */
function blockLeaves(b: Block): boolean {
  return b.stmts.some(leaves);
}

function unreachable(ctx: CheckContext, stmts: readonly Stmt[]): void {
  const i = stmts.findIndex(leaves);
  const next = i >= 0 ? stmts[i + 1] : undefined;
  if (next !== undefined) ctx.report('CS4012', stepSpan(next), {});
  for (const s of stmts) for (const p of stmtParts(s)) unreachable(ctx, p.stmts);
}

function fallThrough(ctx: CheckContext, p: ProcedureDecl): void {
  if (p.returnType === undefined || blockLeaves(p.body)) return;
  const t = ctx.types.get(p.returnType);
  ctx.report('CS4010', p.name.span, {
    name: p.name.name,
    type: t !== undefined ? typeToString(t) : '?',
  });
}

// --- recursion ---------------------------------------------------------------------------------

interface CallEdge {
  readonly to: string;
  readonly at: Ident;
}

/**
 * Procedures and macros may not call themselves, directly or through others: the model keeps one
 * frame per procedure per thread, and a macro is inlined. One diagnostic per cycle, at the call
 * that leaves its first member (in declaration order).
 */
function recursion(ctx: CheckContext): void {
  const nodes: string[] = [];
  const kinds = new Map<string, 'procedure' | 'macro'>();
  const edges = new Map<string, CallEdge[]>();
  const units: BodyUnit[] = ctx.bodies.filter(
    (u) => u.decl.kind === 'ProcedureDecl' || u.decl.kind === 'MacroDecl',
  );
  for (const u of units) {
    const name = u.decl.name.name;
    if (!kinds.has(name)) {
      nodes.push(name);
      kinds.set(name, u.decl.kind === 'ProcedureDecl' ? 'procedure' : 'macro');
    }
    const out = edges.get(name) ?? [];
    edges.set(name, out);
    forEachStmt((u.decl as ProcedureDecl | MacroDecl).body, (s) => {
      if (s.kind !== 'CallStmt') return;
      const sym = ctx.symbols.get(s.callee);
      if (sym?.kind === 'procedure' || sym?.kind === 'macro')
        out.push({ to: sym.name, at: s.callee });
    });
  }
  const reported = new Set<string>();
  for (const start of nodes) {
    if (reported.has(start)) continue;
    const path = cycleFrom(start, edges);
    if (path === undefined) continue;
    for (const e of path) reported.add(e.to);
    reported.add(start);
    const cycle = [start, ...path.map((e) => e.to)].join(' -> ');
    const [leaving] = path;
    const kind = kinds.get(start);
    if (leaving === undefined || kind === undefined) continue;
    ctx.report('CS4007', leaving.at.span, { kind, name: start, cycle });
  }
}

/** The shortest call path from `start` back to itself (breadth-first, edges in source order). */
function cycleFrom(
  start: string,
  edges: ReadonlyMap<string, readonly CallEdge[]>,
): CallEdge[] | undefined {
  const prev = new Map<string, { from: string; edge: CallEdge }>();
  const queue = [start];
  const seen = new Set<string>();
  for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
    for (const e of edges.get(n) ?? []) {
      if (e.to === start) {
        const path: CallEdge[] = [e];
        for (let p = prev.get(n); p !== undefined; p = prev.get(p.from)) path.unshift(p.edge);
        return path;
      }
      if (!seen.has(e.to)) {
        seen.add(e.to);
        prev.set(e.to, { from: n, edge: e });
        queue.push(e.to);
      }
    }
  }
  return undefined;
}
