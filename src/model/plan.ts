// The step plan of each process and reachable procedure, made before any action is lowered: the
// name of every step, the pc value after it, the first steps of nested blocks, the hidden
// variables of `for` loops and every procedure call site (returns dispatch on them). Takes the
// lowering context; fills its label tables and returns one OwnerPlan per owner, in order.

import type { Block, Stmt, TypeExpr } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import { faultStepName, frameVarName, generatedLabel, loopNextStepName, loopSetVarName, stepName, uniqueName } from '../tla/names.js';
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
  readonly loopVarsDeclared: readonly { readonly variable: string; readonly dsl: string; readonly kind: 'binder' | 'set'; readonly span: Span }[];
  readonly hasExit: boolean;
  /** Procedures called from this owner's steps, in source order. */
  readonly calls: readonly string[];
}

function elseChain(s: Extract<Stmt, { kind: 'IfStmt' }>): { conds: Extract<Stmt, { kind: 'IfStmt' }>[]; elseBlock: Block | undefined } {
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
export function ifConditions(s: Extract<Stmt, { kind: 'IfStmt' }>): { conds: Extract<Stmt, { kind: 'IfStmt' }>[]; hasElse: boolean } {
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

function containsExit(stmts: readonly Stmt[], ctx: LowerContext, seenMacros: Set<string> = new Set()): boolean {
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

/** Plans one owner's body. `end` is the pc value after the body (Done, or the implicit return). */
export function planOwner(ctx: LowerContext, owner: OwnerInfo, body: Block, end: string, implicitReturn: OwnerPlan['implicitReturn']): OwnerPlan {
  const overrides = ctx.table.stepOverrides.get(owner.name);
  const effective = (s: Stmt): Stmt => {
    const label = s.label?.name;
    return label !== undefined && overrides?.has(label) ? overrides.get(label)! : s;
  };
  const labelOf = (orig: Stmt, eff: Stmt): string | undefined => orig.label?.name ?? eff.label?.name;

  // Pass 1: names. Unlabelled steps get <owner>_<line>, plus _<col> when a line holds two.
  const all: { orig: Stmt; eff: Stmt }[] = [];
  const collect = (b: Block): void => {
    for (const s of b.stmts) {
      const eff = effective(s);
      if (isLoopExit(eff)) continue;
      all.push({ orig: s, eff });
      childBlocks(eff).forEach(collect);
    }
  };
  collect(body);
  const perLine = new Map<number, number>();
  for (const { orig, eff } of all) {
    if (labelOf(orig, eff) === undefined) perLine.set(eff.span.start.line, (perLine.get(eff.span.start.line) ?? 0) + 1);
  }
  const names = new Map<Stmt, { name: string; label: string; generated: boolean }>();
  for (const { orig, eff } of all) {
    const l = labelOf(orig, eff);
    if (l !== undefined) {
      names.set(eff, { name: uniqueName(stepName(owner.name, l), ctx.taken), label: l, generated: false });
    } else {
      const line = eff.span.start.line;
      const g = generatedLabel(owner.name, line, (perLine.get(line) ?? 0) > 1 ? eff.span.start.column : undefined);
      names.set(eff, { name: uniqueName(g, ctx.taken), label: g, generated: true });
    }
  }

  const steps: PlannedStep[] = [];
  const loopVarsDeclared: OwnerPlan['loopVarsDeclared'][number][] = [];
  const calls: string[] = [];
  const labels = ctx.labels.get(owner.name) ?? new Map<string, string[]>();
  ctx.labels.set(owner.name, labels);
  const pcValues: string[] = [];
  const addLabel = (label: string, pc: string): void => {
    labels.set(label, [...(labels.get(label) ?? []), pc]);
    pcValues.push(pc);
  };

  // The pc value control reaches at statement `s`: its step, or for `break`/`continue` the
  // place it jumps to (outside any loop the checker has reported it; it then falls through).
  const entryOf = (s: Stmt, cont: string, targets: LoopTargets | undefined): string => {
    const eff = effective(s);
    if (eff.kind === 'BreakStmt') return targets?.breakTo ?? cont;
    if (eff.kind === 'ContinueStmt') return targets?.continueTo ?? cont;
    return names.get(eff)!.name;
  };
  let targets: LoopTargets | undefined;
  let forExits: ForExit[] = [];
  const firstOf = (b: Block, cont: string): string => (b.stmts.length === 0 ? cont : entryOf(b.stmts[0]!, cont, targets));
  const binderNames = new Map<string, string>();
  const inLoop = (t: LoopTargets, exit: ForExit | undefined, body: () => void): void => {
    const saved = targets;
    const savedExits = forExits;
    targets = t;
    if (exit !== undefined) forExits = [exit, ...forExits];
    body();
    targets = saved;
    forExits = savedExits;
  };

  const walk = (b: Block, cont: string, loopVars: Map<string, { variable: string; type: TypeExpr | undefined }>): void => {
    b.stmts.forEach((orig, i) => {
      const s = effective(orig);
      if (isLoopExit(s)) return;
      const n = names.get(s)!;
      const next = i + 1 < b.stmts.length ? entryOf(b.stmts[i + 1]!, cont, targets) : cont;
      addLabel(n.label, n.name);
      let loop: LoopPlan | undefined;
      let failName: string | undefined;
      let branchFirsts: string[] = [];
      const exits = forExits;
      const planned = (): PlannedStep => ({
        name: n.name, label: n.label, generated: n.generated, stmt: s, next, branchFirsts, loopVars: new Map(loopVars),
        ...(loop ? { loop } : {}), ...(failName ? { failName } : {}), ...(exits.length > 0 ? { forExits: exits } : {}),
      });
      switch (s.kind) {
        case 'IfStmt': {
          const blocks = childBlocks(s);
          const { hasElse } = ifConditions(s);
          branchFirsts = [...blocks.map((blk) => firstOf(blk, next)), ...(hasElse ? [] : [next])];
          steps.push(planned());
          blocks.forEach((blk) => walk(blk, next, loopVars));
          break;
        }
        case 'WhileStmt':
          inLoop({ breakTo: next, continueTo: n.name }, undefined, () => {
            branchFirsts = [firstOf(s.body, n.name)];
          });
          steps.push(planned());
          inLoop({ breakTo: next, continueTo: n.name }, undefined, () => walk(s.body, n.name, loopVars));
          break;
        case 'EitherStmt':
          branchFirsts = s.branches.map((blk) => firstOf(blk, next));
          steps.push(planned());
          s.branches.forEach((blk) => walk(blk, next, loopVars));
          break;
        case 'ForStmt': {
          const nextName = uniqueName(loopNextStepName(n.name), ctx.taken);
          addLabel(n.label, nextName);
          const dsl = s.binder.name;
          // Sibling loops over the same binder share its variable; a nested one shadowing it gets its own.
          let binderVar = binderNames.get(dsl);
          if (binderVar === undefined || loopVars.has(dsl)) {
            binderVar = uniqueName(frameVarName(owner.name, dsl), ctx.taken);
            binderNames.set(dsl, binderVar);
            loopVarsDeclared.push({ variable: binderVar, dsl, kind: 'binder', span: s.binder.span });
          }
          const setVar = uniqueName(loopSetVarName(n.name, s.mode), ctx.taken);
          loopVarsDeclared.push({ variable: setVar, dsl: `${n.label} (${s.mode === 'snapshot' ? 'to visit' : 'visited'})`, kind: 'set', span: s.span });
          loop = { binderVar, setVar, nextName, mode: s.mode, binderType: undefined };
          const forTargets: LoopTargets = { breakTo: next, continueTo: nextName };
          const exit: ForExit = { exit: next, binderVar, setVar };
          inLoop(forTargets, exit, () => {
            branchFirsts = [firstOf(s.body, nextName)];
          });
          steps.push(planned());
          const inner = new Map(loopVars);
          inner.set(dsl, { variable: binderVar, type: undefined });
          inLoop(forTargets, exit, () => walk(s.body, nextName, inner));
          break;
        }
        case 'FaultStmt':
          failName = uniqueName(faultStepName(n.name), ctx.taken);
          steps.push(planned());
          break;
        case 'CallStmt':
          steps.push(planned());
          if (ctx.table.procedures.has(s.callee.name)) {
            calls.push(s.callee.name);
            ctx.callSites.push({ site: n.name, caller: owner, callee: s.callee.name, target: s.target, continuation: next, loopVars: new Map(loopVars) });
          }
          break;
        default:
          steps.push(planned());
      }
    });
  };
  walk(body, end, new Map());
  if (implicitReturn !== undefined) pcValues.push(implicitReturn.name);
  ctx.ownerSteps.set(owner.name, pcValues);
  return {
    owner,
    steps,
    first: firstOf(body, end),
    implicitReturn,
    loopVarsDeclared,
    hasExit: containsExit(all.map((a) => a.eff), ctx),
    calls,
  };
}

/** Whether a procedure body needs an implicit return step. */
export function needsImplicitReturn(body: Block): boolean {
  return fallsThrough(body.stmts);
}
