// DSL expressions to TLA+ expressions under an environment: which names are bound, which thread
// `self` is, the symbolic state of the step so far (values assigned earlier in an atomic step),
// and where frame-liveness checks go. Also resolves assignment targets to a variable and a path.
// Reports what it cannot lower; never throws on bad input.

import type { Expr, TypeExpr } from '../syntax/ast.js';
import type { TlaExceptClause, TlaExpr } from '../tla/tla-ast.js';
import {
  INTERNAL_NAMES,
  PC_DONE,
  PC_EXITED,
  PC_EXITING,
  PC_UNBORN,
  frameVarName,
  liveVarName,
  tlaIdent,
  uniqueName,
} from '../tla/names.js';
import type { LocalVar, LowerContext, OwnerInfo } from './context.js';
import { findLabel } from './variants.js';
import {
  FALSE,
  TRUE,
  and,
  apply,
  bin,
  builtin,
  dot,
  eq,
  except,
  fcnApp,
  ite,
  name,
  not,
  num,
  or,
  setEnum,
  str,
  tuple,
} from './tla-build.js';
import { childExprs } from '../syntax/visit.js';
import { elementType, fieldType } from './types.js';

/** Values assigned so far in the current step, by TLA+ variable (absent: unchanged). */
export interface SymState {
  readonly values: ReadonlyMap<string, TlaExpr>;
}

/** A bound DSL name: an expression (quantifier variable, def parameter) or a loop variable. */
export type BoundRef =
  | { readonly kind: 'expr'; readonly expr: TlaExpr; readonly type?: TypeExpr | undefined }
  | { readonly kind: 'loopVar'; readonly variable: string; readonly type?: TypeExpr | undefined };

/** A macro argument: substituted as an expression, evaluated where the parameter is used. */
export interface MacroArg {
  readonly expr: Expr;
  readonly env: Env;
}

export interface Env {
  readonly owner: OwnerInfo | undefined;
  /** `self`: the action parameter; undefined in properties and defs. */
  readonly self: TlaExpr | undefined;
  readonly bound: ReadonlyMap<string, BoundRef>;
  readonly macroArgs: ReadonlyMap<string, MacroArg>;
  /** TLA+ bound variable names in scope, so a new one never shadows. */
  readonly boundNames: ReadonlySet<string>;
  readonly state: SymState | undefined;
  /** Inside `e'` of an action property: variables read as next values. */
  readonly primed: boolean;
  /** Where `p->x` liveness conditions go (each must hold for the step to be well defined). */
  readonly checks: TlaExpr[] | undefined;
  /** Value-returning macro calls whose body the step has already run: the call's result. */
  readonly results?: ReadonlyMap<Expr, TlaExpr>;
}

/** An environment for properties, consts and state-free defs: no thread, no state. */
export function topEnv(): Env {
  return {
    owner: undefined,
    self: undefined,
    bound: new Map(),
    macroArgs: new Map(),
    boundNames: new Set(),
    state: undefined,
    primed: false,
    checks: undefined,
  };
}

/** The current value of a TLA+ variable in this environment. */
export function readVar(env: Env, variable: string): TlaExpr {
  if (env.primed) return { kind: 'TlaPrimed', name: variable };
  return env.state?.values.get(variable) ?? name(variable);
}

/** A fresh bound-variable name based on `base`, not clashing with module names or enclosing binders. */
export function freshBound(ctx: LowerContext, env: Env, base: string): { name: string; env: Env } {
  const taken = new Set<string>([...ctx.taken, ...env.boundNames]);
  const n = uniqueName(tlaIdent(base), taken);
  const boundNames = new Set(env.boundNames);
  boundNames.add(n);
  return { name: n, env: { ...env, boundNames } };
}

type Resolved =
  | { kind: 'bound'; ref: BoundRef }
  | { kind: 'macroArg'; arg: MacroArg }
  | { kind: 'local'; v: LocalVar }
  | { kind: 'global'; tla: string; scope: 'shared' | 'thread'; type: TypeExpr }
  | { kind: 'const'; tla: string }
  | { kind: 'param'; tla: string }
  | { kind: 'enum'; value: string }
  | { kind: 'group'; tla: string }
  | { kind: 'thread' }
  | { kind: 'def' }
  | { kind: 'typeSet' };

/**
 * What a name denotes here: the checker's symbol says which declaration; the environment says
 * what that declaration holds in this step (a bound value, a macro argument, a frame variable).
 */
function lookup(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'NameExpr' }>): Resolved {
  const n = e.name.name;
  const sym = ctx.checked.symbols.get(e);
  const missing = (): never =>
    ctx.inconsistent(
      e.span,
      `\`${n}\` (${sym === undefined ? 'unresolved' : sym.kind}) has no value where it is used`,
    );
  switch (sym?.kind) {
    case 'binder':
    case 'defParam':
    case 'procParam':
    case 'frameVar': {
      // Parameters and locals of a called procedure are bound to the call's values while its frame is set up.
      const b = env.bound.get(n);
      if (b !== undefined) return { kind: 'bound', ref: b };
      const l =
        sym.kind === 'binder' || sym.kind === 'defParam' ? undefined : env.owner?.vars.get(n);
      return l !== undefined ? { kind: 'local', v: l } : missing();
    }
    case 'macroParam': {
      const m = env.macroArgs.get(n);
      return m !== undefined ? { kind: 'macroArg', arg: m } : missing();
    }
    case 'sharedVar':
    case 'threadVar': {
      const g = ctx.globals.get(n);
      return g !== undefined ? { kind: 'global', ...g } : missing();
    }
    case 'const':
      return { kind: 'const', tla: ctx.defNames.get(n) ?? tlaIdent(n) };
    case 'param':
      return { kind: 'param', tla: tlaIdent(n) };
    case 'enumMember':
      return { kind: 'enum', value: n };
    case 'process': {
      const grp = ctx.groupConstants.get(n);
      return grp !== undefined ? { kind: 'group', tla: grp } : missing();
    }
    case 'builtinType':
      return n === 'Thread' ? { kind: 'thread' } : { kind: 'typeSet' };
    case 'enum':
      return { kind: 'typeSet' };
    case 'def':
      return { kind: 'def' };
    default:
      return missing();
  }
}

/** The environment a macro argument is evaluated in: its own names, the current state and sinks. */
function argEnv(arg: MacroArg, env: Env): Env {
  return {
    ...arg.env,
    state: env.state,
    checks: env.checks,
    primed: env.primed,
    boundNames: new Set([...arg.env.boundNames, ...env.boundNames]),
  };
}

function selfOf(ctx: LowerContext, env: Env, at: Expr): TlaExpr {
  if (env.self !== undefined) return env.self;
  return ctx.inconsistent(at.span, '`self` outside a process or procedure (CS2003)');
}

/** The declared type of an expression, where names and declarations tell it. */
export function staticType(ctx: LowerContext, env: Env, e: Expr): TypeExpr | undefined {
  switch (e.kind) {
    case 'ParenExpr':
      return staticType(ctx, env, e.inner);
    case 'NameExpr': {
      const r = lookup(ctx, env, e);
      if (r.kind === 'bound') return r.ref.type;
      if (r.kind === 'macroArg') return staticType(ctx, argEnv(r.arg, env), r.arg.expr);
      if (r.kind === 'local') return r.v.type;
      if (r.kind === 'global') return r.type;
      if (r.kind === 'param')
        return ctx.table.params.find((p) => p.name.name === e.name.name)?.type;
      return undefined;
    }
    case 'IndexExpr': {
      if (e.base.kind === 'NameExpr') {
        const r = lookup(ctx, env, e.base);
        if (r.kind === 'global' && r.scope === 'thread') return r.type;
      }
      return elementType(ctx, staticType(ctx, env, e.base));
    }
    case 'FieldExpr':
      return fieldType(ctx, staticType(ctx, env, e.base), e.field.name);
    case 'ArrowExpr': {
      const p = arrowProcedure(ctx, env, e);
      return p === undefined ? undefined : procVarType(ctx, p, e.field.name);
    }
    case 'CallExpr':
      return ctx.table.defs.get(e.callee.name)?.returnType;
    default:
      return undefined;
  }
}

function procVarType(ctx: LowerContext, p: string, f: string): TypeExpr | undefined {
  const decl = ctx.table.procedures.get(p);
  if (decl === undefined) return undefined;
  return (
    decl.params.find((x) => x.name.name === f)?.type ??
    decl.locals.find((x) => x.name.name === f)?.type
  );
}

/** Which procedure's frame `base->f` reaches: the owner of the frame variable the checker bound `f` to. */
export function arrowProcedure(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'ArrowExpr' }>,
): string | undefined {
  if (e.base.kind === 'FrameExpr' && env.owner?.kind === 'procedure') return env.owner.name;
  const owner = ctx.checked.symbols.get(e.field)?.owner;
  return owner?.kind === 'ProcedureDecl' ? owner.name.name : undefined;
}

/** `p_x[base]`, recording the liveness condition of the frame when `p` frames can outlive their call. */
function arrowAccess(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'ArrowExpr' }>,
): { variable: string; index: TlaExpr } | undefined {
  const p = arrowProcedure(ctx, env, e);
  if (
    p === undefined ||
    (procVarType(ctx, p, e.field.name) === undefined &&
      !ctx.table.procedures.get(p)?.params.some((x) => x.name.name === e.field.name))
  ) {
    return ctx.inconsistent(
      e.field.span,
      `\`->${e.field.name}\` names no field of a frame (CS3007)`,
    );
  }
  const index = lowerExpr(ctx, env, e.base);
  if (ctx.liveProcedures.has(p) && env.checks !== undefined && !env.primed) {
    // A stored reference to a returned call is p's tombstone (src/model/frame-identity.ts);
    // `p_live` is not defined there, so the tombstone test comes first.
    const live = fcnApp(readVar(env, liveVarName(p)), index);
    const stored = ctx.storedFrames.get(p);
    env.checks.push(stored === undefined ? live : and(bin('#', index, name(stored.dead)), live));
  }
  return { variable: frameVarName(p, e.field.name), index };
}

/** Lowers a DSL expression. */
export function lowerExpr(ctx: LowerContext, env: Env, e: Expr): TlaExpr {
  const low = (x: Expr): TlaExpr => lowerExpr(ctx, env, x);
  switch (e.kind) {
    case 'IntLit':
      return num(e.value);
    case 'BoolLit':
      return e.value ? TRUE : FALSE;
    case 'StringLit':
      return str(e.value);
    case 'NoneLit':
      return name(INTERNAL_NAMES.none);
    case 'SelfExpr':
      return selfOf(ctx, env, e);
    case 'FrameExpr':
      if (env.owner?.kind !== 'procedure')
        return ctx.inconsistent(e.span, '`frame` outside a procedure (CS2004)');
      return selfOf(ctx, env, e);
    case 'ParenExpr':
      return low(e.inner);
    case 'ErrorExpr':
      return TRUE;
    case 'NameExpr':
      return lowerName(ctx, env, e);
    case 'IndexExpr':
      return lowerIndex(ctx, env, e);
    case 'FieldExpr':
      return dot(low(e.base), e.field.name);
    case 'ArrowExpr': {
      const a = arrowAccess(ctx, env, e);
      return a === undefined ? TRUE : fcnApp(readVar(env, a.variable), a.index);
    }
    case 'PrimedExpr':
      return lowerExpr(ctx, { ...env, primed: true }, e.base);
    case 'UnaryExpr':
      return e.op === '!'
        ? not(low(e.operand))
        : { kind: 'TlaUnary', op: '-', operand: low(e.operand) };
    case 'BinaryExpr':
      return lowerBinary(ctx, env, e);
    case 'CondExpr':
      return ite(low(e.cond), low(e.then), low(e.else));
    case 'SetLit':
      return setEnum(e.elements.map(low));
    case 'SeqLit':
      return tuple(e.elements.map(low));
    case 'RecordLit':
      return {
        kind: 'TlaRecord',
        fields: e.fields.map((f) => ({ name: f.name.name, value: low(f.value) })),
      };
    case 'RecordUpdate': {
      let v = low(e.base);
      for (const f of e.fields)
        v = except(v, [{ kind: 'field', field: f.name.name }], low(f.value));
      return v;
    }
    case 'MapUpdate':
      return except(low(e.base), [{ kind: 'index', index: low(e.key) }], low(e.value));
    case 'SetFilter':
    case 'SetMap':
    case 'MapComp':
    case 'QuantExpr':
      return lowerBinding(ctx, env, e);
    case 'CallExpr': {
      const result = env.results?.get(e);
      if (result !== undefined) return result;
      return lowerCall(ctx, env, e);
    }
  }
}

/** `x[i]`. A thread variable indexed by a thread reads that thread's copy, whatever its type
 * (docs/language.md, "Whose copy"): an element of one's own map is `x[self][k]`. */
function lowerIndex(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'IndexExpr' }>): TlaExpr {
  if (e.base.kind === 'NameExpr') {
    const r = lookup(ctx, env, e.base);
    if (r.kind === 'global' && r.scope === 'thread')
      return fcnApp(readVar(env, r.tla), lowerExpr(ctx, env, e.index));
  }
  return fcnApp(lowerExpr(ctx, env, e.base), lowerExpr(ctx, env, e.index));
}

/** The forms that bind names over a set: filters, set and map comprehensions, quantifiers. */
function lowerBinding(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'SetFilter' | 'SetMap' | 'MapComp' | 'QuantExpr' }>,
): TlaExpr {
  const set = lowerExpr(ctx, env, e.set);
  if (e.kind === 'QuantExpr') {
    let inner = env;
    const vars: string[] = [];
    for (const b of e.binders) {
      const f = bindOne(ctx, inner, b.name);
      vars.push(f.name);
      inner = f.env;
    }
    return {
      kind: 'TlaQuant',
      quantifier: e.quantifier === 'forall' ? '\\A' : '\\E',
      variables: vars,
      set,
      body: lowerExpr(ctx, inner, e.body),
    };
  }
  const f = bindOne(ctx, env, e.binder.name);
  switch (e.kind) {
    case 'SetFilter':
      return { kind: 'TlaSetFilter', variable: f.name, set, pred: lowerExpr(ctx, f.env, e.pred) };
    case 'SetMap':
      return { kind: 'TlaSetMap', expr: lowerExpr(ctx, f.env, e.expr), variable: f.name, set };
    case 'MapComp':
      return { kind: 'TlaFcn', variable: f.name, set, body: lowerExpr(ctx, f.env, e.value) };
  }
}

/** Binds DSL name `dsl` to a fresh TLA+ bound variable. */
export function bindOne(
  ctx: LowerContext,
  env: Env,
  dsl: string,
  type?: TypeExpr,
): { name: string; env: Env } {
  const f = freshBound(ctx, env, dsl);
  const bound = new Map(f.env.bound);
  bound.set(dsl, { kind: 'expr', expr: name(f.name), type });
  return { name: f.name, env: { ...f.env, bound } };
}

function lowerName(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'NameExpr' }>): TlaExpr {
  const n = e.name.name;
  if (n === '') return TRUE;
  const r = lookup(ctx, env, e);
  switch (r.kind) {
    case 'bound':
      return r.ref.kind === 'expr'
        ? r.ref.expr
        : fcnApp(readVar(env, r.ref.variable), selfOf(ctx, env, e));
    case 'macroArg':
      return lowerExpr(ctx, argEnv(r.arg, env), r.arg.expr);
    case 'local':
      return fcnApp(readVar(env, r.v.tla), selfOf(ctx, env, e));
    case 'global':
      if (r.scope === 'shared') return readVar(env, r.tla);
      // Without a thread (a property), a thread variable is the whole function over threads.
      return env.self === undefined ? readVar(env, r.tla) : fcnApp(readVar(env, r.tla), env.self);
    case 'const':
      ensureDef(ctx, n);
      return name(r.tla);
    case 'param':
      return name(r.tla);
    case 'enum':
      return str(r.value);
    case 'group':
      return name(r.tla);
    case 'thread':
      return name(INTERNAL_NAMES.thread);
    case 'def':
      // A def without parameters may be named without `()`.
      return lowerCall(ctx, env, {
        kind: 'CallExpr',
        id: e.id,
        span: e.span,
        callee: e.name,
        args: [],
      });
    case 'typeSet':
      return typeAsSet(ctx, e);
  }
}

/** A type name the checker resolved as the set of its values: `bool`, an enum. */
function typeAsSet(ctx: LowerContext, e: Extract<Expr, { kind: 'NameExpr' }>): TlaExpr {
  const sym = ctx.checked.symbols.get(e);
  if (sym?.kind === 'builtinType' && sym.name === 'bool') return name('BOOLEAN');
  const en = sym?.kind === 'enum' ? ctx.table.enums.get(sym.name) : undefined;
  if (en !== undefined) return setEnum(en.members.map((m) => str(m.name)));
  return ctx.inconsistent(e.span, `\`${e.name.name}\` resolves to no value (CS2001, CS2005)`);
}

function lowerBinary(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'BinaryExpr' }>,
): TlaExpr {
  const l = lowerExpr(ctx, env, e.left);
  const r = lowerExpr(ctx, env, e.right);
  switch (e.op) {
    case '&&':
      return and(l, r);
    case '||':
      return or(l, r);
    case '==':
      return eq(l, r);
    case '!=':
      return bin('#', l, r);
    case '/':
      return bin('\\div', l, r);
    case 'mod':
      return bin('%', l, r);
    case 'in':
      return bin('\\in', l, r);
    case 'notin':
      return bin('\\notin', l, r);
    case 'subseteq':
      return bin('\\subseteq', l, r);
    case 'union':
      return bin('\\cup', l, r);
    case 'inter':
      return bin('\\cap', l, r);
    default:
      return bin(e.op, l, r);
  }
}

/** pc of thread `t` in this environment. */
function pcOf(env: Env, t: TlaExpr): TlaExpr {
  return fcnApp(readVar(env, INTERNAL_NAMES.pc), t);
}

function lowerCall(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'CallExpr' }>): TlaExpr {
  const n = e.callee.name;
  const args = (): TlaExpr[] => e.args.map((a) => lowerExpr(ctx, env, a));
  const arity = (k: number): boolean => {
    if (e.args.length === k) return true;
    return ctx.inconsistent(
      e.span,
      `\`${n}\` called with ${e.args.length} arguments, not ${k} (CS3002)`,
    );
  };
  switch (n) {
    case 'card':
      ctx.usesFiniteSets = true;
      return arity(1) ? builtin('Cardinality', args()) : num(0);
    case 'len':
      ctx.usesSequences = true;
      return arity(1) ? builtin('Len', args()) : num(0);
    case 'head':
      ctx.usesSequences = true;
      return arity(1) ? builtin('Head', args()) : TRUE;
    case 'tail':
      ctx.usesSequences = true;
      return arity(1) ? builtin('Tail', args()) : TRUE;
    case 'append':
      ctx.usesSequences = true;
      return arity(2) ? builtin('Append', args()) : TRUE;
    case 'done':
      return arity(1) ? eq(pcOf(env, lowerExpr(ctx, env, e.args[0]!)), str(PC_DONE)) : FALSE;
    case 'exiting':
      return arity(1) ? eq(pcOf(env, lowerExpr(ctx, env, e.args[0]!)), str(PC_EXITING)) : FALSE;
    case 'unborn':
      // A spare slot no `clone` has used yet: the one state `clone` can take (an exited slot is not free).
      return arity(1) ? eq(pcOf(env, lowerExpr(ctx, env, e.args[0]!)), str(PC_UNBORN)) : FALSE;
    case 'alive':
      return arity(1)
        ? bin(
            '\\notin',
            pcOf(env, lowerExpr(ctx, env, e.args[0]!)),
            setEnum([str(PC_UNBORN), str(PC_EXITED)]),
          )
        : FALSE;
    case 'at':
      return arity(2) ? lowerAt(ctx, env, e) : FALSE;
    case 'in_call':
      return arity(2) ? lowerInCall(ctx, env, e) : FALSE;
    default:
      break;
  }
  const def = ctx.table.defs.get(n);
  if (def === undefined) {
    return ctx.inconsistent(
      e.callee.span,
      `\`${n}\` called in an expression is not a def or built-in (CS2001, CS2005, CS3012)`,
    );
  }
  if (!arity(def.params.length)) return TRUE;
  const lowered = args();
  if (defReadsState(ctx, n)) {
    // A def that reads variables is inlined, so it sees the values assigned earlier in the step.
    const bound = new Map<string, BoundRef>();
    def.params.forEach((p, i) =>
      bound.set(p.name.name, { kind: 'expr', expr: lowered[i]!, type: p.type }),
    );
    return lowerExpr(
      ctx,
      { ...env, owner: undefined, self: undefined, bound, macroArgs: new Map() },
      def.body,
    );
  }
  const tla = ensureDef(ctx, n);
  return lowered.length === 0 ? name(tla) : apply(tla, lowered);
}

/** pc values of steps labelled as `at`'s second argument says (`label` or `owner.label`). */
function lowerAt(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'CallExpr' }>): TlaExpr {
  const t = lowerExpr(ctx, env, e.args[0]!);
  const a = e.args[1]!;
  let owner: string | undefined;
  let label: string | undefined;
  if (a.kind === 'NameExpr') label = a.name.name;
  else if (a.kind === 'FieldExpr' && a.base.kind === 'NameExpr') {
    owner = a.base.name.name;
    label = a.field.name;
  }
  if (label === undefined) return ctx.inconsistent(a.span, '`at` without a step label (CS2009)');
  const values: string[] = [];
  const owners =
    owner !== undefined
      ? [owner]
      : env.owner !== undefined && ctx.labels.get(env.owner.name)?.has(label)
        ? [env.owner.name]
        : [...ctx.labels.keys()];
  for (const o of owners) values.push(...(ctx.labels.get(o)?.get(label) ?? []));
  if (values.length === 0) {
    // A label of a procedure no thread calls: the thread is never there.
    const declared =
      [...ctx.table.procedures.values()].some(
        (p) => (owner === undefined || p.name.name === owner) && findLabel(p.body, label!),
      ) ||
      ctx.table.processes.some(
        (p) => (owner === undefined || p.name.name === owner) && findLabel(p.body, label!),
      );
    if (!declared)
      return ctx.inconsistent(
        a.span,
        `no step labelled \`${owner !== undefined ? `${owner}.${label}` : label}\` (CS2009)`,
      );
    return FALSE;
  }
  const pc = pcOf(env, t);
  return values.length === 1 ? eq(pc, str(values[0]!)) : bin('\\in', pc, setEnum(values.map(str)));
}

function lowerInCall(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'CallExpr' }>): TlaExpr {
  const t = lowerExpr(ctx, env, e.args[0]!);
  const a = e.args[1]!;
  const p = a.kind === 'NameExpr' ? a.name.name : '';
  if (!ctx.table.procedures.has(p))
    return ctx.inconsistent(a.span, `\`in_call\` of \`${p}\`, not a procedure (CS2005)`);
  const steps = ctx.ownerSteps.get(p);
  if (steps === undefined) return FALSE;
  const inBody = bin('\\in', pcOf(env, t), setEnum(steps.map(str)));
  const sites = ctx.callSites
    .filter((s) => s.caller.name === p && s.caller.kind === 'procedure')
    .map((s) => s.site);
  if (sites.length === 0) return inBody;
  const f = freshBound(ctx, env, 'i');
  const stackT = fcnApp(readVar(env, INTERNAL_NAMES.stack), t);
  const below: TlaExpr = {
    kind: 'TlaQuant',
    quantifier: '\\E',
    variables: [f.name],
    set: builtin('DOMAIN', [stackT]),
    body: bin('\\in', fcnApp(stackT, name(f.name)), setEnum(sites.map(str))),
  };
  return or(inBody, below);
}

/** Whether def `n` reads a variable or a thread's control state (then it is inlined, not an operator). */
export function defReadsState(
  ctx: LowerContext,
  n: string,
  seen: Set<string> = new Set(),
): boolean {
  const known = ctx.stateReadingDefs.get(n);
  if (known !== undefined) return known;
  const def = ctx.table.defs.get(n);
  if (def === undefined || seen.has(n)) return false;
  seen.add(n);
  let reads = false;
  const visit = (x: Expr): void => {
    if (reads) return;
    const sym = x.kind === 'NameExpr' ? ctx.checked.symbols.get(x) : undefined;
    if (sym?.kind === 'sharedVar' || sym?.kind === 'threadVar') reads = true;
    if (x.kind === 'CallExpr') {
      if (['done', 'alive', 'exiting', 'unborn', 'at', 'in_call'].includes(x.callee.name))
        reads = true;
      else if (ctx.table.defs.has(x.callee.name) && defReadsState(ctx, x.callee.name, seen))
        reads = true;
    }
    if (sym?.kind === 'def' && defReadsState(ctx, sym.name, seen)) reads = true;
    for (const c of childExprs(x)) visit(c);
  };
  visit(def.body);
  ctx.stateReadingDefs.set(n, reads);
  return reads;
}

/** Lowers const or state-free def `n` once, as a module definition; returns its TLA+ name. */
export function ensureDef(ctx: LowerContext, n: string): string {
  const tla = ctx.defNames.get(n) ?? tlaIdent(n);
  if (ctx.defs.has(tla) || ctx.defsInProgress.has(tla)) return tla;
  ctx.defsInProgress.add(tla);
  const c = ctx.table.consts.get(n);
  if (c !== undefined) {
    ctx.defs.set(tla, {
      name: tla,
      params: [],
      body: lowerExpr(ctx, topEnv(), c.value),
      span: c.span,
      what: `const ${n}`,
    });
  } else {
    const d = ctx.table.defs.get(n);
    if (d !== undefined) {
      let env = topEnv();
      const params: string[] = [];
      for (const p of d.params) {
        const f = freshBound(ctx, env, p.name.name);
        const bound = new Map(f.env.bound);
        bound.set(p.name.name, { kind: 'expr', expr: name(f.name), type: p.type });
        env = { ...f.env, bound };
        params.push(f.name);
      }
      ctx.defs.set(tla, {
        name: tla,
        params,
        body: lowerExpr(ctx, env, d.body),
        span: d.span,
        what: `def ${n}`,
      });
    }
  }
  ctx.defsInProgress.delete(tla);
  return tla;
}

/** The assignable location a target expression denotes. */
export interface Lvalue {
  readonly variable: string;
  readonly path: readonly TlaExceptClause['path'][number][];
}

/** Resolves an assignment target; reports CS3003 when it is not assignable. */
export function resolveLvalue(ctx: LowerContext, env: Env, e: Expr): Lvalue | undefined {
  switch (e.kind) {
    case 'ParenExpr':
      return resolveLvalue(ctx, env, e.inner);
    case 'NameExpr': {
      const r = lookup(ctx, env, e);
      if (r.kind === 'macroArg') return resolveLvalue(ctx, argEnv(r.arg, env), r.arg.expr);
      if (r.kind === 'local')
        return { variable: r.v.tla, path: [{ kind: 'index', index: selfOf(ctx, env, e) }] };
      if (r.kind === 'global') {
        return r.scope === 'shared'
          ? { variable: r.tla, path: [] }
          : { variable: r.tla, path: [{ kind: 'index', index: selfOf(ctx, env, e) }] };
      }
      return ctx.inconsistent(
        e.span,
        `assignment to \`${e.name.name}\`, not a variable (CS2001, CS3003)`,
      );
    }
    case 'IndexExpr': {
      const index = lowerExpr(ctx, env, e.index);
      if (e.base.kind === 'NameExpr') {
        const r = lookup(ctx, env, e.base);
        if (r.kind === 'global' && r.scope === 'thread')
          return { variable: r.tla, path: [{ kind: 'index', index }] };
      }
      const base = resolveLvalue(ctx, env, e.base);
      return base === undefined
        ? undefined
        : { variable: base.variable, path: [...base.path, { kind: 'index', index }] };
    }
    case 'FieldExpr': {
      const base = resolveLvalue(ctx, env, e.base);
      return base === undefined
        ? undefined
        : { variable: base.variable, path: [...base.path, { kind: 'field', field: e.field.name }] };
    }
    case 'ArrowExpr': {
      const a = arrowAccess(ctx, env, e);
      return a === undefined
        ? undefined
        : { variable: a.variable, path: [{ kind: 'index', index: a.index }] };
    }
    default:
      return ctx.inconsistent(
        e.span,
        'assignment to an expression that is not a variable, element, field or frame field (CS3003)',
      );
  }
}
