// The step plan of each process and reachable procedure, made before any action is lowered: the
// name of every step, the pc value after it, the first steps of nested blocks, the hidden
// variables of `for` loops and every procedure call site (returns dispatch on them). Takes the
// lowering context; fills its label tables and returns one OwnerPlan per owner, in order.

import type { Block, Stmt, TypeExpr } from '../syntax/ast.js';
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
import type { LowerContext, OwnerInfo } from './context.js';

export interface LoopPlan {
  readonly binderVar: string;
  readonly setVar: string;
  readonly nextName: string;
  readonly mode: 'snapshot' | 'live';
  readonly binderType: TypeExpr | undefined;
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
  readonly loopVars: ReadonlyMap<string, { variable: string; type: TypeExpr | undefined }>;
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

/** The blocks whose statements are steps of their own, nested directly in statement `s`. */
export function childBlocks(s: Stmt): Block[] {
  switch (s.kind) {
    case 'IfStmt': {
      const { conds, elseBlock } = elseChain(s);
      return [...conds.map((c) => c.then), ...(elseBlock !== undefined ? [elseBlock] : [])];
    }
    case 'WhileStmt':
    case 'ForStmt':
      return [s.body];
    case 'EitherStmt':
      return [...s.branches];
    default:
      return [];
  }
}

/** The conditions of an if / else-if chain, in order. */
export function ifConditions(s: Extract<Stmt, { kind: 'IfStmt' }>): {
  conds: Extract<Stmt, { kind: 'IfStmt' }>[];
  hasElse: boolean;
} {
  const c = elseChain(s);
  return { conds: c.conds, hasElse: c.elseBlock !== undefined };
}

function fallsThrough(stmts: readonly Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (last === undefined) return true;
  switch (last.kind) {
    case 'ReturnStmt':
    case 'ExitStmt':
      return false;
    case 'BreakStmt':
    case 'ContinueStmt':
      // Only inside a loop, and a loop's end is never the end of the body.
      return true;
    case 'IfStmt': {
      const { conds, elseBlock } = elseChain(last);
      if (elseBlock === undefined) return true;
      return conds.some((c) => fallsThrough(c.then.stmts)) || fallsThrough(elseBlock.stmts);
    }
    case 'EitherStmt':
      return last.branches.some((b) => fallsThrough(b.stmts));
    default:
      return true;
  }
}

function containsExit(
  stmts: readonly Stmt[],
  ctx: LowerContext,
  seenMacros: Set<string> = new Set(),
): boolean {
  return stmts.some((s) => {
    switch (s.kind) {
      case 'ExitStmt':
        return true;
      case 'AtomicStmt':
        return containsExit(s.body.stmts, ctx, seenMacros);
      case 'FaultStmt':
        return containsExit([s.body, ...s.handler.stmts], ctx, seenMacros);
      case 'CallStmt': {
        const m = ctx.table.macros.get(s.callee.name);
        if (m === undefined || seenMacros.has(s.callee.name)) return false;
        seenMacros.add(s.callee.name);
        return containsExit(m.body.stmts, ctx, seenMacros);
      }
      default:
        return childBlocks(s).some((b) => containsExit(b.stmts, ctx, seenMacros));
    }
  });
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

type LoopVars = Map<string, { variable: string; type: TypeExpr | undefined }>;

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
    private readonly ctx: LowerContext,
    private readonly owner: OwnerInfo,
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
  private inLoop<T>(t: LoopTargets, exit: ForExit | undefined, body: () => T): T {
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
  private step(s: Stmt, next: string, loopVars: LoopVars): void {
    const n = this.nameOf(s);
    this.addLabel(n.label, n.name);
    const exits = this.forExits;
    const planned = (
      branchFirsts: readonly string[],
      extra: { loop?: LoopPlan; failName?: string } = {},
    ): PlannedStep => ({
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
    switch (s.kind) {
      case 'IfStmt': {
        const blocks = childBlocks(s);
        const { hasElse } = ifConditions(s);
        this.steps.push(
          planned([...blocks.map((blk) => this.firstOf(blk, next)), ...(hasElse ? [] : [next])]),
        );
        blocks.forEach((blk) => this.walk(blk, next, loopVars));
        break;
      }
      case 'WhileStmt': {
        const t: LoopTargets = { breakTo: next, continueTo: n.name };
        this.steps.push(planned(this.inLoop(t, undefined, () => [this.firstOf(s.body, n.name)])));
        this.inLoop(t, undefined, () => this.walk(s.body, n.name, loopVars));
        break;
      }
      case 'EitherStmt':
        this.steps.push(planned(s.branches.map((blk) => this.firstOf(blk, next))));
        s.branches.forEach((blk) => this.walk(blk, next, loopVars));
        break;
      case 'ForStmt':
        this.forStep(s, n, next, loopVars, planned);
        break;
      case 'FaultStmt':
        this.steps.push(
          planned([], { failName: uniqueName(faultStepName(n.name), this.ctx.taken) }),
        );
        break;
      case 'CallStmt':
        this.steps.push(planned([]));
        if (this.ctx.table.procedures.has(s.callee.name)) {
          this.calls.push(s.callee.name);
          this.ctx.callSites.push({
            site: n.name,
            caller: this.owner,
            callee: s.callee.name,
            target: s.target,
            continuation: next,
            loopVars: new Map(loopVars),
          });
        }
        break;
      default:
        this.steps.push(planned([]));
    }
  }

  /** A `for` step: its hidden binder and set variables, its next-element step, then its body. */
  private forStep(
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
    const loop: LoopPlan = { binderVar, setVar, nextName, mode: s.mode, binderType: undefined };
    const forTargets: LoopTargets = { breakTo: next, continueTo: nextName };
    const exit: ForExit = { exit: next, binderVar, setVar };
    this.steps.push(
      planned(
        this.inLoop(forTargets, exit, () => [this.firstOf(s.body, nextName)]),
        { loop },
      ),
    );
    const inner = new Map(loopVars);
    inner.set(dsl, { variable: binderVar, type: undefined });
    this.inLoop(forTargets, exit, () => this.walk(s.body, nextName, inner));
  }
}

/** Whether a procedure body needs an implicit return step. */
export function needsImplicitReturn(body: Block): boolean {
  return fallsThrough(body.stmts);
}
