// The step plan of each process and reachable procedure, made before any action is lowered: the
// name of every step, the pc value after it, the first steps of nested blocks, the hidden
// variables of `for` loops and every procedure call site (returns dispatch on them). Takes the
// lowering context; fills its label tables and returns one OwnerPlan per owner, in order.

import type { Block, Stmt } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import {
  faultStepName,
  frameVarName,
  generatedLabel,
  loopNextStepName,
  loopSetVarName,
  stepName,
  uniqueName,
} from '../tla/names.js';
import { type StmtCases, onStmt } from '../syntax/visit.js';
import type { LowerContext, OwnerInfo } from './context.js';
import { calledMacro, calledProcedure } from './resolve-name.js';

export interface LoopPlan {
  readonly binderVar: string;
  readonly setVar: string;
  readonly nextName: string;
  readonly mode: 'snapshot' | 'live';
}

export interface PlannedStep {
  /** Action name and pc value. */
  readonly name: string;
  /** The DSL step name (label or generated). */
  readonly label: string;
  readonly generated: boolean;
  /** The statement after variant overrides. */
  readonly stmt: Stmt;
  /** pc value after the step (the next statement, or the enclosing construct's continuation). */
  readonly next: string;
  /** First step of each nested block: if-chain branches then else; while/for body; either branches. */
  readonly branchFirsts: readonly string[];
  /** Loop variables in scope: DSL name -> TLA+ variable. */
  readonly loopVars: ReadonlyMap<string, { variable: string }>;
  readonly loop?: LoopPlan;
  /** For a fault point: the name of its failure action. */
  readonly failName?: string;
  /**
   * The `for` loops around the step, innermost first: a step that moves to one's exit left it
   * through `break`, and puts its loop variable and hidden set back as the loop's own exit does.
   */
  readonly forExits?: readonly ForExit[];
}

/** What leaving a `for` loop resets. */
export interface ForExit {
  readonly exit: string;
  readonly binderVar: string;
  readonly setVar: string;
}

/** Where `break` and `continue` in the innermost enclosing loop lead. */
interface LoopTargets {
  readonly breakTo: string;
  readonly continueTo: string;
}

/** `break` and `continue` are not steps: they name where the step reaching them goes. */
function isLoopExit(s: Stmt): boolean {
  return s.kind === 'BreakStmt' || s.kind === 'ContinueStmt';
}

export interface OwnerPlan {
  readonly owner: OwnerInfo;
  readonly steps: readonly PlannedStep[];
  /** pc value a thread (or call) starts at. */
  readonly first: string;
  /** The implicit return step of a procedure whose body can end without `return`. */
  readonly implicitReturn: { readonly name: string; readonly span: Span } | undefined;
  /** Hidden frame variables of loops: binder (initially None) and set (initially {}). */
  readonly loopVarsDeclared: readonly {
    readonly variable: string;
    readonly dsl: string;
    readonly kind: 'binder' | 'set';
    readonly span: Span;
  }[];
  readonly hasExit: boolean;
  /** Procedures called from this owner's steps, in source order. */
  readonly calls: readonly string[];
}

function elseChain(s: Extract<Stmt, { kind: 'IfStmt' }>): {
  conds: Extract<Stmt, { kind: 'IfStmt' }>[];
  elseBlock: Block | undefined;
} {
  const conds = [s];
  let cur = s;
  while (cur.else !== undefined && cur.else.kind === 'IfStmt') {
    cur = cur.else;
    conds.push(cur);
  }
  return { conds, elseBlock: cur.else?.kind === 'Block' ? cur.else : undefined };
}

const noBlocks = (): Block[] => [];

/**
 * The blocks nested in a statement whose statements are steps of their own: an `if` chain's
 * branches (the chain flattened), a loop's body, `either`'s branches. An `atomic` body and a
 * fault point's statements run inside the one step.
 */
const STEP_BLOCKS: StmtCases<Block[]> = {
  IfStmt: (s) => {
    const { conds, elseBlock } = elseChain(s);
    return [...conds.map((c) => c.then), ...(elseBlock !== undefined ? [elseBlock] : [])];
  },
  WhileStmt: (s) => [s.body],
  ForStmt: (s) => [s.body],
  EitherStmt: (s) => [...s.branches],
  AssignStmt: noBlocks,
  AnyAssignStmt: noBlocks,
  AwaitStmt: noBlocks,
  AssertStmt: noBlocks,
  SkipStmt: noBlocks,
  AtomicStmt: noBlocks,
  CallStmt: noBlocks,
  ReturnStmt: noBlocks,
  CloneStmt: noBlocks,
  ExitStmt: noBlocks,
  FaultStmt: noBlocks,
  BreakStmt: noBlocks,
  ContinueStmt: noBlocks,
  ErrorStmt: noBlocks,
};

/** The blocks whose statements are steps of their own, nested directly in statement `s`. */
export function childBlocks(s: Stmt): Block[] {
  return onStmt(s, STEP_BLOCKS);
}

/** The conditions of an if / else-if chain, in order. */
export function ifConditions(s: Extract<Stmt, { kind: 'IfStmt' }>): {
  conds: Extract<Stmt, { kind: 'IfStmt' }>[];
  hasElse: boolean;
} {
  const c = elseChain(s);
  return { conds: c.conds, hasElse: c.elseBlock !== undefined };
}

const goesOn = (): boolean => true;

/** Whether control can go on past a block ending with the statement. */
const ENDS_OPEN: StmtCases<boolean> = {
  ReturnStmt: () => false,
  ExitStmt: () => false,
  // Only inside a loop, and a loop's end is never the end of the body.
  BreakStmt: goesOn,
  ContinueStmt: goesOn,
  IfStmt: (s) => {
    const { conds, elseBlock } = elseChain(s);
    if (elseBlock === undefined) return true;
    return conds.some((c) => fallsThrough(c.then.stmts)) || fallsThrough(elseBlock.stmts);
  },
  EitherStmt: (s) => s.branches.some((b) => fallsThrough(b.stmts)),
  AssignStmt: goesOn,
  AnyAssignStmt: goesOn,
  AwaitStmt: goesOn,
  AssertStmt: goesOn,
  SkipStmt: goesOn,
  WhileStmt: goesOn,
  ForStmt: goesOn,
  AtomicStmt: goesOn,
  CallStmt: goesOn,
  CloneStmt: goesOn,
  FaultStmt: goesOn,
  ErrorStmt: goesOn,
};

function fallsThrough(stmts: readonly Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  return last === undefined || onStmt(last, ENDS_OPEN);
}

/** Whether a statement can run `exit`, looking into its steps' blocks and the macros it calls. */
type ExitTest = (s: Stmt, ctx: LowerContext, seenMacros: Set<string>) => boolean;

const inSteps: ExitTest = (s, ctx, seenMacros) =>
  childBlocks(s).some((b) => containsExit(b.stmts, ctx, seenMacros));

const RUNS_EXIT: StmtCases<boolean, [LowerContext, Set<string>]> = {
  ExitStmt: () => true,
  AtomicStmt: (s, ctx, seenMacros) => containsExit(s.body.stmts, ctx, seenMacros),
  FaultStmt: (s, ctx, seenMacros) => containsExit([s.body, ...s.handler.stmts], ctx, seenMacros),
  CallStmt: (s, ctx, seenMacros) => {
    const m = calledMacro(ctx, s.callee);
    if (m === undefined || seenMacros.has(m.name.name)) return false;
    seenMacros.add(m.name.name);
    return containsExit(m.body.stmts, ctx, seenMacros);
  },
  IfStmt: inSteps,
  WhileStmt: inSteps,
  ForStmt: inSteps,
  EitherStmt: inSteps,
  AssignStmt: inSteps,
  AnyAssignStmt: inSteps,
  AwaitStmt: inSteps,
  AssertStmt: inSteps,
  SkipStmt: inSteps,
  ReturnStmt: inSteps,
  CloneStmt: inSteps,
  BreakStmt: inSteps,
  ContinueStmt: inSteps,
  ErrorStmt: inSteps,
};

function containsExit(
  stmts: readonly Stmt[],
  ctx: LowerContext,
  seenMacros: Set<string> = new Set(),
): boolean {
  return stmts.some((s) => onStmt(s, RUNS_EXIT, ctx, seenMacros));
}

/** A statement's step name, DSL label, and whether the label was generated. */
interface StepName {
  readonly name: string;
  readonly label: string;
  readonly generated: boolean;
}

/** A statement as written and as it runs in this variant (a step override replaces it). */
interface EffectiveStmt {
  readonly orig: Stmt;
  readonly eff: Stmt;
}

type LoopVars = Map<string, { variable: string }>;

/** Plans one owner's body. `end` is the pc value after the body (Done, or the implicit return). */
export function planOwner(
  ctx: LowerContext,
  owner: OwnerInfo,
  body: Block,
  end: string,
  implicitReturn: OwnerPlan['implicitReturn'],
): OwnerPlan {
  const planner = new OwnerPlanner(ctx, owner, body);
  planner.walk(body, end, new Map());
  if (implicitReturn !== undefined) planner.pcValues.push(implicitReturn.name);
  ctx.ownerSteps.set(owner.name, planner.pcValues);
  return {
    owner,
    steps: planner.steps,
    first: planner.firstOf(body, end),
    implicitReturn,
    loopVarsDeclared: planner.loopVarsDeclared,
    hasExit: containsExit(
      planner.all.map((a) => a.eff),
      ctx,
    ),
    calls: planner.calls,
  };
}

/** The statements of a body, with each one's effective form (variant step overrides applied). */
function effectiveStmts(body: Block, effective: (s: Stmt) => Stmt): EffectiveStmt[] {
  const all: EffectiveStmt[] = [];
  const collect = (b: Block): void => {
    for (const s of b.stmts) {
      const eff = effective(s);
      if (isLoopExit(eff)) continue;
      all.push({ orig: s, eff });
      childBlocks(eff).forEach(collect);
    }
  };
  collect(body);
  return all;
}

/** Step names in body order. Unlabelled steps get <owner>_<line>, plus _<col> when a line holds two. */
function stepNames(
  ctx: LowerContext,
  owner: string,
  all: readonly EffectiveStmt[],
): Map<Stmt, StepName> {
  const labelOf = (orig: Stmt, eff: Stmt): string | undefined =>
    orig.label?.name ?? eff.label?.name;
  const perLine = new Map<number, number>();
  for (const { orig, eff } of all) {
    if (labelOf(orig, eff) === undefined)
      perLine.set(eff.span.start.line, (perLine.get(eff.span.start.line) ?? 0) + 1);
  }
  const names = new Map<Stmt, StepName>();
  for (const { orig, eff } of all) {
    const l = labelOf(orig, eff);
    if (l !== undefined) {
      names.set(eff, {
        name: uniqueName(stepName(owner, l), ctx.taken),
        label: l,
        generated: false,
      });
    } else {
      const line = eff.span.start.line;
      const g = generatedLabel(
        owner,
        line,
        (perLine.get(line) ?? 0) > 1 ? eff.span.start.column : undefined,
      );
      names.set(eff, { name: uniqueName(g, ctx.taken), label: g, generated: true });
    }
  }
  return names;
}

/**
 * The walk that plans one owner's steps: names first (all of them, so a jump forward knows its
 * target), then each statement in order with the loop it sits in. Names are taken from
 * `ctx.taken` in this order; changing it changes the emitted module.
 */
class OwnerPlanner {
  readonly steps: PlannedStep[] = [];
  readonly loopVarsDeclared: OwnerPlan['loopVarsDeclared'][number][] = [];
  readonly calls: string[] = [];
  readonly pcValues: string[] = [];
  readonly all: readonly EffectiveStmt[];
  private readonly overrides: ReadonlyMap<string, Stmt> | undefined;
  private readonly names: ReadonlyMap<Stmt, StepName>;
  private readonly labels: Map<string, string[]>;
  /** Binder variables by DSL name: sibling loops over the same binder share one. */
  private readonly binderNames = new Map<string, string>();
  private targets: LoopTargets | undefined;
  private forExits: ForExit[] = [];

  constructor(
    readonly ctx: LowerContext,
    readonly owner: OwnerInfo,
    body: Block,
  ) {
    this.overrides = ctx.table.stepOverrides.get(owner.name);
    this.all = effectiveStmts(body, (s) => this.effective(s));
    this.names = stepNames(ctx, owner.name, this.all);
    this.labels = ctx.labels.get(owner.name) ?? new Map<string, string[]>();
    ctx.labels.set(owner.name, this.labels);
  }

  private effective(s: Stmt): Stmt {
    const label = s.label?.name;
    const o = label !== undefined ? this.overrides?.get(label) : undefined;
    return o ?? s;
  }

  private nameOf(s: Stmt): StepName {
    const n = this.names.get(s);
    if (n === undefined)
      return this.ctx.inconsistent(s.span, 'a statement the step plan did not name');
    return n;
  }

  private addLabel(label: string, pc: string): void {
    this.labels.set(label, [...(this.labels.get(label) ?? []), pc]);
    this.pcValues.push(pc);
  }

  /**
   * The pc value control reaches at statement `s`: its step, or for `break`/`continue` the
   * place it jumps to (outside any loop the checker has reported it; it then falls through).
   */
  private entryOf(s: Stmt, cont: string): string {
    const eff = this.effective(s);
    if (eff.kind === 'BreakStmt') return this.targets?.breakTo ?? cont;
    if (eff.kind === 'ContinueStmt') return this.targets?.continueTo ?? cont;
    return this.nameOf(eff).name;
  }

  firstOf(b: Block, cont: string): string {
    const s = b.stmts[0];
    return s === undefined ? cont : this.entryOf(s, cont);
  }

  /** Runs `body` with `t` as the innermost loop's targets and `exit` as its exit, if a `for`. */
  inLoop<T>(t: LoopTargets, exit: ForExit | undefined, body: () => T): T {
    const saved = this.targets;
    const savedExits = this.forExits;
    this.targets = t;
    if (exit !== undefined) this.forExits = [exit, ...this.forExits];
    const r = body();
    this.targets = saved;
    this.forExits = savedExits;
    return r;
  }

  walk(b: Block, cont: string, loopVars: LoopVars): void {
    b.stmts.forEach((orig, i) => {
      const s = this.effective(orig);
      if (isLoopExit(s)) return;
      const after = b.stmts[i + 1];
      const next = after !== undefined ? this.entryOf(after, cont) : cont;
      this.step(s, next, loopVars);
    });
  }

  /** Plans statement `s` (its step, then the steps of its nested blocks); `next` is where it goes after. */
  step(s: Stmt, next: string, loopVars: LoopVars): void {
    const n = this.nameOf(s);
    this.addLabel(n.label, n.name);
    const exits = this.forExits;
    const planned: PlanSite['planned'] = (branchFirsts, extra = {}) => ({
      name: n.name,
      label: n.label,
      generated: n.generated,
      stmt: s,
      next,
      branchFirsts,
      loopVars: new Map(loopVars),
      ...(extra.loop ? { loop: extra.loop } : {}),
      ...(extra.failName ? { failName: extra.failName } : {}),
      ...(exits.length > 0 ? { forExits: exits } : {}),
    });
    onStmt(s, PLAN_STEP, this, { name: n, next, loopVars, planned });
  }

  /** A `for` step: its hidden binder and set variables, its next-element step, then its body. */
  forStep(
    s: Extract<Stmt, { kind: 'ForStmt' }>,
    n: StepName,
    next: string,
    loopVars: LoopVars,
    planned: (branchFirsts: readonly string[], extra: { loop: LoopPlan }) => PlannedStep,
  ): void {
    const nextName = uniqueName(loopNextStepName(n.name), this.ctx.taken);
    this.addLabel(n.label, nextName);
    const dsl = s.binder.name;
    // Sibling loops over the same binder share its variable; a nested one shadowing it gets its own.
    let binderVar = this.binderNames.get(dsl);
    if (binderVar === undefined || loopVars.has(dsl)) {
      binderVar = uniqueName(frameVarName(this.owner.name, dsl), this.ctx.taken);
      this.binderNames.set(dsl, binderVar);
      this.loopVarsDeclared.push({ variable: binderVar, dsl, kind: 'binder', span: s.binder.span });
    }
    const setVar = uniqueName(loopSetVarName(n.name, s.mode), this.ctx.taken);
    this.loopVarsDeclared.push({
      variable: setVar,
      dsl: `${n.label} (${s.mode === 'snapshot' ? 'to visit' : 'visited'})`,
      kind: 'set',
      span: s.span,
    });
    const loop: LoopPlan = { binderVar, setVar, nextName, mode: s.mode };
    const forTargets: LoopTargets = { breakTo: next, continueTo: nextName };
    const exit: ForExit = { exit: next, binderVar, setVar };
    this.steps.push(
      planned(
        this.inLoop(forTargets, exit, () => [this.firstOf(s.body, nextName)]),
        { loop },
      ),
    );
    const inner = new Map(loopVars);
    inner.set(dsl, { variable: binderVar });
    this.inLoop(forTargets, exit, () => this.walk(s.body, nextName, inner));
  }
}

/** Where a statement being planned sits: its name, where control goes after it, the loops around it. */
interface PlanSite {
  readonly name: StepName;
  readonly next: string;
  readonly loopVars: LoopVars;
  /** The statement's step, given the first steps of its nested blocks. */
  readonly planned: (
    branchFirsts: readonly string[],
    extra?: { loop?: LoopPlan; failName?: string },
  ) => PlannedStep;
}

/** A statement that is one step with no steps nested in it. */
const oneStep = (_s: Stmt, planner: OwnerPlanner, site: PlanSite): void => {
  planner.steps.push(site.planned([]));
};

/** How each statement is planned: its step, then the steps of its nested blocks. */
const PLAN_STEP: StmtCases<void, [OwnerPlanner, PlanSite]> = {
  IfStmt: (s, planner, { next, loopVars, planned }) => {
    const blocks = childBlocks(s);
    const { hasElse } = ifConditions(s);
    planner.steps.push(
      planned([...blocks.map((blk) => planner.firstOf(blk, next)), ...(hasElse ? [] : [next])]),
    );
    blocks.forEach((blk) => planner.walk(blk, next, loopVars));
  },
  WhileStmt: (s, planner, { name, next, loopVars, planned }) => {
    const t: LoopTargets = { breakTo: next, continueTo: name.name };
    planner.steps.push(
      planned(planner.inLoop(t, undefined, () => [planner.firstOf(s.body, name.name)])),
    );
    planner.inLoop(t, undefined, () => planner.walk(s.body, name.name, loopVars));
  },
  EitherStmt: (s, planner, { next, loopVars, planned }) => {
    planner.steps.push(planned(s.branches.map((blk) => planner.firstOf(blk, next))));
    s.branches.forEach((blk) => planner.walk(blk, next, loopVars));
  },
  ForStmt: (s, planner, { name, next, loopVars, planned }) =>
    planner.forStep(s, name, next, loopVars, planned),
  FaultStmt: (_s, planner, { name, planned }) => {
    planner.steps.push(
      planned([], { failName: uniqueName(faultStepName(name.name), planner.ctx.taken) }),
    );
  },
  CallStmt: (s, planner, { name, next, loopVars, planned }) => {
    planner.steps.push(planned([]));
    const p = calledProcedure(planner.ctx, s.callee);
    if (p === undefined) return;
    planner.calls.push(p.name.name);
    planner.ctx.callSites.push({
      site: name.name,
      caller: planner.owner,
      callee: p.name.name,
      target: s.target,
      continuation: next,
      loopVars: new Map(loopVars),
    });
  },
  AssignStmt: oneStep,
  AnyAssignStmt: oneStep,
  AwaitStmt: oneStep,
  AssertStmt: oneStep,
  SkipStmt: oneStep,
  AtomicStmt: oneStep,
  ReturnStmt: oneStep,
  CloneStmt: oneStep,
  ExitStmt: oneStep,
  BreakStmt: oneStep,
  ContinueStmt: oneStep,
  ErrorStmt: oneStep,
};

/** Whether a procedure body needs an implicit return step. */
export function needsImplicitReturn(body: Block): boolean {
  return fallsThrough(body.stmts);
}
