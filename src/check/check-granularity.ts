// Granularity (docs/language.md, "Granularity"): a folded step, an `atomic` block or a call of a
// spec's own macro, does several kernel operations as one model step. When it writes shared
// state and touches at least one more shared location, and a step another thread can run also
// touches what it writes (the same element: `x[self]` of two threads never meet) with no lock
// both hold, the model hides the interleavings the kernel has between those operations. Judged
// per variant (a variant that removes the other step or the sharing does not warn), with the
// locks a procedure's every caller holds. Reports CS4103, a warning, once per folded step,
// unless a `// folded "reason"` comment above the step says why the fold is right.

import type { Expr, MacroDecl, ProcedureDecl, ProcessDecl, Stmt } from '../syntax/ast.js';
import type { CheckContext } from './context.js';
import { PRELUDE_DISPLAY_DIR } from '../syntax/load.js';
import { type Access, AccessCollector, isPrivate, mayAlias } from './step-accesses.js';
import { Allocations, type StepAssign } from './alloc-indices.js';
import { foldReason } from './fold-reason.js';
import { heldLocksBySteps } from './held-locks.js';
import { childExprs, onStmt, type StmtCases, unparen } from '../syntax/visit.js';
import { type VariantBodies, variantBodies } from './variant-bodies.js';
import { formatLocation } from '../source/span.js';

type Owner = ProcessDecl | ProcedureDecl;

/** One step of a body: what it touches, the locks held whenever it runs, whether it is folded. */
interface StepInfo {
  readonly owner: Owner;
  readonly stmt: Stmt;
  readonly name: string;
  readonly accesses: readonly Access[];
  readonly assigns: readonly StepAssign[];
  readonly held: ReadonlySet<string>;
  readonly folded: boolean;
}

/** A race found for a folded step: what it writes, the other step, and in which variant. */
interface Race {
  readonly f: StepInfo;
  readonly location: string;
  readonly other: StepInfo;
  readonly variant: string | undefined;
}

/** Warns about every folded step that races with another thread's step on what it writes. */
export function checkGranularity(ctx: CheckContext): void {
  const preludeMacros = new Set<MacroDecl>();
  for (const { decl, file } of ctx.bodies) {
    if (decl.kind === 'MacroDecl' && isPreludeFile(file.path)) preludeMacros.add(decl);
  }
  // Keyed by the step's place: base and the variants share most steps; the first race found is reported.
  const races = new Map<string, Race>();
  for (const view of variantBodies(ctx)) {
    ctx.guard('granularity', undefined, () => {
      const steps = stepsOf(ctx, view, preludeMacros);
      const allocs = new Allocations(steps.map((s) => s.assigns));
      for (const f of steps) {
        const key = formatLocation(f.stmt.label?.span ?? f.stmt.span);
        if (!f.folded || races.has(key)) continue;
        const race = judge(f, steps, allocs);
        if (race !== undefined) races.set(key, { ...race, variant: view.variant });
      }
    });
  }
  for (const r of races.values())
    if (foldReason(ctx.program, r.f.stmt) === undefined) report(ctx, r);
}

/** Every step of a variant's bodies, each procedure's steps holding what all its calls hold. */
function stepsOf(
  ctx: CheckContext,
  view: VariantBodies,
  prelude: ReadonlySet<MacroDecl>,
): StepInfo[] {
  const collector = new AccessCollector(ctx, view.macros);
  const steps: StepInfo[] = [];
  for (const [{ decl }, held] of lockedBodies(ctx, view)) {
    for (const [stmt, locks] of held) {
      const { accesses, assigns } = collector.placedStep(stmt);
      steps.push({
        owner: decl,
        stmt,
        name: `${decl.name.name}.${stmt.label?.name ?? `${decl.name.name}_${stmt.span.start.line}`}`,
        accesses,
        assigns,
        held: locks,
        folded: isFolded(ctx, stmt, prelude),
      });
    }
  }
  return steps;
}

type Held = ReadonlySet<string>;
type Body = VariantBodies['bodies'][number];

/**
 * Each body's steps with their held locks. A procedure starts with the locks held at every one
 * of its calls (none when it has no call): found by iterating from "unknown" (a procedure none
 * of whose callers is known yet is left out of the meet) until the entries no longer change.
 */
function lockedBodies(ctx: CheckContext, view: VariantBodies): Map<Body, ReadonlyMap<Stmt, Held>> {
  const entry = new Map<string, Held>();
  let result = new Map<Body, ReadonlyMap<Stmt, Held>>();
  for (let round = 0; round <= view.bodies.length; round++) {
    result = new Map();
    const calls = new Map<string, Held>();
    for (const b of view.bodies) {
      const start = b.decl.kind === 'ProcessDecl' ? new Set<string>() : entry.get(b.decl.name.name);
      if (start === undefined) continue;
      const held = heldLocksBySteps(b.body, start);
      result.set(b, held);
      for (const [s, h] of held) {
        const callee = procedureCalled(ctx, s);
        if (callee === undefined) continue;
        const seen = calls.get(callee);
        calls.set(callee, seen === undefined ? h : new Set([...seen].filter((k) => h.has(k))));
      }
    }
    if (sameEntries(entry, calls)) break;
    entry.clear();
    for (const [k, v] of calls) entry.set(k, v);
  }
  // Procedures no call reaches still have steps, run with no lock.
  for (const b of view.bodies) if (!result.has(b)) result.set(b, heldLocksBySteps(b.body));
  return result;
}

function procedureCalled(ctx: CheckContext, s: Stmt): string | undefined {
  if (s.kind !== 'CallStmt') return undefined;
  const sym = ctx.symbols.get(s.callee);
  return sym?.kind === 'procedure' ? sym.name : undefined;
}

function sameEntries(a: ReadonlyMap<string, Held>, b: ReadonlyMap<string, Held>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || w.size !== v.size || [...v].some((x) => !w.has(x))) return false;
  }
  return true;
}

/** The prelude's files: `<prelude>/kernel.cred` as the loader names them (`prelude/...` in tests). */
function isPreludeFile(path: string): boolean {
  return path.startsWith(`${PRELUDE_DISPLAY_DIR}/`) || /^prelude[\\/][^\\/]+\.cred$/.test(path);
}

/** The first write of `f` (by its text) that a step of another thread may touch with no common lock. */
function judge(
  f: StepInfo,
  steps: readonly StepInfo[],
  allocs: Allocations,
): Omit<Race, 'variant'> | undefined {
  // Another step first: a step racing with its own copy on another thread says less.
  const others = [...steps.filter((g) => g !== f), f].filter((g) => otherThread(f, g));
  const meet = (a: Access, g: StepInfo): boolean =>
    g.accesses.some((b) =>
      mayAlias({ access: a, assigns: f.assigns }, { access: b, assigns: g.assigns }, allocs),
    );
  const shared = new Set(
    f.accesses.filter((a) => !isPrivate(a) || others.some((g) => meet(a, g))).map((a) => a.key),
  );
  if (shared.size < 2) return undefined;
  const writes = f.accesses
    .filter((a) => a.write && shared.has(a.key))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  for (const w of writes) {
    const g = others.find((o) => meet(w, o) && !commonLock(f.held, o.held));
    if (g !== undefined) return { f, location: w.text, other: g };
  }
  return undefined;
}

function report(ctx: CheckContext, { f, location, other, variant }: Race): void {
  const where = variant === undefined ? '' : ` (in variant \`${variant}\`)`;
  ctx.report(
    'CS4103',
    f.stmt.label?.span ?? f.stmt.span,
    { step: f.name, location, other: other.name },
    {
      hint: 'split the step where the kernel lets other threads in, or hold a lock both steps take; where the fold is right, say why above the step with `// folded "reason"`',
      related: [
        {
          span: other.stmt.label?.span ?? other.stmt.span,
          note: `step \`${other.name}\` touches it here${where}`,
        },
      ],
    },
  );
}

/** Whether `g` can run on another thread than `f` (or on another thread of f's own group). */
function otherThread(f: StepInfo, g: StepInfo): boolean {
  if (f.owner !== g.owner || f.owner.kind === 'ProcedureDecl') return true;
  const count = unparen(f.owner.count);
  return f.owner.spare !== undefined || count.kind !== 'IntLit' || count.value !== 1;
}

function commonLock(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const k of a) if (b.has(k)) return true;
  return false;
}

/** An `atomic` block, or a step that calls a macro of the spec's own (prelude macros are one kernel operation each). */
function isFolded(ctx: CheckContext, s: Stmt, prelude: ReadonlySet<MacroDecl>): boolean {
  const specMacro = (e: Expr): boolean => {
    const u = unparen(e);
    if (u.kind === 'CallExpr') {
      const d = ctx.symbols.get(u.callee)?.decl;
      if (d?.kind === 'MacroDecl' && !prelude.has(d)) return true;
    }
    return childExprs(u).some(specMacro);
  };
  return onStmt(s, {
    ...NOT_FOLDED,
    AtomicStmt: () => true,
    CallStmt: (c) => {
      const d = ctx.symbols.get(c.callee)?.decl;
      return d?.kind === 'MacroDecl' && !prelude.has(d);
    },
    IfStmt: (c) => specMacro(c.cond),
    WhileStmt: (c) => specMacro(c.cond),
    AwaitStmt: (c) => specMacro(c.cond),
    FaultStmt: (c) => isFolded(ctx, c.body, prelude),
  } satisfies StmtCases<boolean>);
}

const no = (): boolean => false;

const NOT_FOLDED: StmtCases<boolean> = {
  AssignStmt: no,
  AnyAssignStmt: no,
  AwaitStmt: no,
  AssertStmt: no,
  SkipStmt: no,
  IfStmt: no,
  WhileStmt: no,
  ForStmt: no,
  EitherStmt: no,
  AtomicStmt: no,
  CallStmt: no,
  ReturnStmt: no,
  CloneStmt: no,
  ExitStmt: no,
  FaultStmt: no,
  BreakStmt: no,
  ContinueStmt: no,
  ErrorStmt: no,
};
