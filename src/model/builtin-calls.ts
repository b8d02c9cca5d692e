// The built-in functions of the language (`card`, `len`, `head`, `tail`, `append` and the thread
// tests `done`, `exiting`, `unborn`, `alive`, `at`, `in_call`) as TLA+. Takes a call the checker
// resolved to a built-in and how to lower its arguments; undefined for a built-in it does not know.

import type { Expr } from '../syntax/ast.js';
import { at as item } from '../source/checked-index.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, PC_DONE, PC_EXITED, PC_EXITING, PC_UNBORN } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { type Env, freshBound, readVar } from './env.js';
import { FALSE, TRUE, bin, builtin, eq, fcnApp, name, num, or, setEnum, str } from './tla-build.js';
import { findLabel } from './variants.js';

type CallExpr = Extract<Expr, { kind: 'CallExpr' }>;

/** The built-ins that read a thread's control state: a def calling one reads state. */
export const THREAD_TESTS: readonly string[] = [
  'done',
  'alive',
  'exiting',
  'unborn',
  'at',
  'in_call',
];

/** pc of thread `t` in this environment. */
function pcOf(env: Env, t: TlaExpr): TlaExpr {
  return fcnApp(readVar(env, INTERNAL_NAMES.pc), t);
}

/**
 * A call of a built-in as TLA+, or undefined when `e` calls no built-in. `low` lowers an argument
 * in the caller's environment. A call with the wrong number of arguments is an internal error.
 */
export function lowerBuiltinCall(
  ctx: LowerContext,
  env: Env,
  e: CallExpr,
  low: (x: Expr) => TlaExpr,
): TlaExpr | undefined {
  const n = e.callee.name;
  const args = (): TlaExpr[] => e.args.map(low);
  const thread = (): TlaExpr => low(item(e.args, 0, `the thread argument of \`${n}\``));
  switch (n) {
    case 'card':
      ctx.usesFiniteSets = true;
      return arity(ctx, e, 1) ? builtin('Cardinality', args()) : num(0);
    case 'len':
      ctx.usesSequences = true;
      return arity(ctx, e, 1) ? builtin('Len', args()) : num(0);
    case 'head':
      ctx.usesSequences = true;
      return arity(ctx, e, 1) ? builtin('Head', args()) : TRUE;
    case 'tail':
      ctx.usesSequences = true;
      return arity(ctx, e, 1) ? builtin('Tail', args()) : TRUE;
    case 'append':
      ctx.usesSequences = true;
      return arity(ctx, e, 2) ? builtin('Append', args()) : TRUE;
    case 'done':
      return arity(ctx, e, 1) ? eq(pcOf(env, thread()), str(PC_DONE)) : FALSE;
    case 'exiting':
      return arity(ctx, e, 1) ? eq(pcOf(env, thread()), str(PC_EXITING)) : FALSE;
    case 'unborn':
      // A spare slot no `clone` has used yet: the one state `clone` can take (an exited slot is not free).
      return arity(ctx, e, 1) ? eq(pcOf(env, thread()), str(PC_UNBORN)) : FALSE;
    case 'alive':
      return arity(ctx, e, 1)
        ? bin('\\notin', pcOf(env, thread()), setEnum([str(PC_UNBORN), str(PC_EXITED)]))
        : FALSE;
    case 'at':
      return arity(ctx, e, 2)
        ? lowerAt(ctx, env, thread(), item(e.args, 1, 'label of `at`'))
        : FALSE;
    case 'in_call':
      return arity(ctx, e, 2)
        ? lowerInCall(ctx, env, thread(), item(e.args, 1, 'procedure of `in_call`'))
        : FALSE;
    default:
      return undefined;
  }
}

/** Whether `e` has `k` arguments; an internal error (the checker reports CS3002) when not. */
export function arity(ctx: LowerContext, e: CallExpr, k: number): boolean {
  if (e.args.length === k) return true;
  return ctx.inconsistent(
    e.span,
    `\`${e.callee.name}\` called with ${e.args.length} arguments, not ${k} (CS3002)`,
  );
}

/** pc values of steps labelled as `at`'s second argument says (`label` or `owner.label`). */
function lowerAt(ctx: LowerContext, env: Env, t: TlaExpr, a: Expr): TlaExpr {
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
  const [only] = values;
  if (only === undefined) return unreachedLabel(ctx, a, owner, label);
  const pc = pcOf(env, t);
  return values.length === 1 ? eq(pc, str(only)) : bin('\\in', pc, setEnum(values.map(str)));
}

/** `at` a label no planned step has: a label of a procedure no thread calls is never reached. */
function unreachedLabel(
  ctx: LowerContext,
  a: Expr,
  owner: string | undefined,
  label: string,
): TlaExpr {
  const declared =
    [...ctx.table.procedures.values()].some(
      (p) => (owner === undefined || p.name.name === owner) && findLabel(p.body, label),
    ) ||
    ctx.table.processes.some(
      (p) => (owner === undefined || p.name.name === owner) && findLabel(p.body, label),
    );
  if (!declared)
    return ctx.inconsistent(
      a.span,
      `no step labelled \`${owner !== undefined ? `${owner}.${label}` : label}\` (CS2009)`,
    );
  return FALSE;
}

function lowerInCall(ctx: LowerContext, env: Env, t: TlaExpr, a: Expr): TlaExpr {
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
