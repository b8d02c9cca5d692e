// Granularity (docs/language.md, "Granularity"): a folded step, an `atomic` block or a call of a
// spec's own macro, does several kernel operations as one model step. When it writes shared
// state and touches at least one more shared location, and a step another thread can run also
// touches what it writes with no lock both hold, the model hides the interleavings the kernel
// has between those operations. Reports CS4103, a warning, once per folded step.

import type { Expr, MacroDecl, ProcedureDecl, ProcessDecl, Stmt } from '../syntax/ast.js';
import type { CheckContext } from './context.js';
import { PRELUDE_DISPLAY_DIR } from '../syntax/load.js';
import { type Access, AccessCollector } from './step-accesses.js';
import { heldLocksBySteps } from './held-locks.js';
import { childExprs, onStmt, type StmtCases, unparen } from '../syntax/visit.js';

type Owner = ProcessDecl | ProcedureDecl;

/** One step of a body: what it touches, the locks held whenever it runs, whether it is folded. */
interface StepInfo {
  readonly owner: Owner;
  readonly stmt: Stmt;
  readonly name: string;
  readonly accesses: readonly Access[];
  readonly held: ReadonlySet<string>;
  readonly folded: boolean;
}

/** Warns about every folded step that races with another thread's step on what it writes. */
export function checkGranularity(ctx: CheckContext): void {
  const preludeMacros = new Set<MacroDecl>();
  for (const { decl, file } of ctx.bodies) {
    if (decl.kind === 'MacroDecl' && isPreludeFile(file.path)) preludeMacros.add(decl);
  }
  const collector = new AccessCollector(ctx);
  const steps: StepInfo[] = [];
  for (const { decl, variant } of ctx.bodies) {
    // Variant overrides replace base declarations; the base program is what is judged here.
    if (variant !== undefined || (decl.kind !== 'ProcessDecl' && decl.kind !== 'ProcedureDecl'))
      continue;
    ctx.guard('granularity', decl, () => {
      for (const [stmt, held] of heldLocksBySteps(decl.body)) {
        steps.push({
          owner: decl,
          stmt,
          name: `${decl.name.name}.${stmt.label?.name ?? `${decl.name.name}_${stmt.span.start.line}`}`,
          accesses: collector.ofStep(stmt),
          held,
          folded: isFolded(ctx, stmt, preludeMacros),
        });
      }
    });
  }
  for (const f of steps) if (f.folded) judge(ctx, f, steps);
}

/** The prelude's files: `<prelude>/kernel.cred` as the loader names them (`prelude/...` in tests). */
function isPreludeFile(path: string): boolean {
  return path.startsWith(`${PRELUDE_DISPLAY_DIR}/`) || /^prelude[\\/][^\\/]+\.cred$/.test(path);
}

function judge(ctx: CheckContext, f: StepInfo, steps: readonly StepInfo[]): void {
  // Another step first: a step racing with its own copy on another thread says less.
  const others = [...steps.filter((g) => g !== f), f].filter((g) => otherThread(f, g));
  const shared = new Set(
    f.accesses
      .filter((a) => !a.own || others.some((g) => g.accesses.some((b) => conflicts(a, b))))
      .map((a) => a.key),
  );
  if (shared.size < 2) return;
  const writes = f.accesses
    .filter((a) => a.write && shared.has(a.key))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  for (const w of writes) {
    const g = others.find(
      (o) => o.accesses.some((b) => conflicts(w, b)) && !commonLock(f.held, o.held),
    );
    if (g === undefined) continue;
    const at = f.stmt.label?.span ?? f.stmt.span;
    ctx.report(
      'CS4103',
      at,
      { step: f.name, location: w.text, other: g.name },
      {
        hint: 'split the step where the kernel lets other threads in, or hold a lock both steps take',
        related: [
          { span: g.stmt.label?.span ?? g.stmt.span, note: `step \`${g.name}\` touches it here` },
        ],
      },
    );
    return;
  }
}

/** Whether `g` can run on another thread than `f` (or on another thread of f's own group). */
function otherThread(f: StepInfo, g: StepInfo): boolean {
  if (f.owner !== g.owner || f.owner.kind === 'ProcedureDecl') return true;
  const count = unparen(f.owner.count);
  return f.owner.spare !== undefined || count.kind !== 'IntLit' || count.value !== 1;
}

/** Two accesses of one location, unless both are a thread's own copy of a thread variable. */
function conflicts(a: Access, b: Access): boolean {
  return a.key === b.key && !(a.own && b.own);
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
