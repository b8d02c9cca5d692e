// The properties of a model (the spec's invariants, action properties, covers and temporal
// properties, then the built-in checks steps asked for) and its fairness clauses (per thread of
// each fair group, its procedures' steps included, and of each fair procedure).

import type { TemporalPropertyDecl } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import {
  FRAME_USE_AFTER_RETURN,
  INTERNAL_NAMES,
  threadActionName,
  uniqueName,
} from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { PropertyDecl } from './decls.js';
import type { FairnessClause, ModelProperty } from './ir.js';
import type { Actions } from './lower-actions.js';
import { type Env, bindOne, topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import type { Owners } from './lower-owners.js';
import { TRUE, bin, name, str } from './tla-build.js';

/** The spec's properties under their TLA+ names, then the built-in ones. */
export function lowerProperties(
  ctx: LowerContext,
  propNames: ReadonlyMap<string, string>,
): ModelProperty[] {
  const properties = ctx.table.properties.map((pr) =>
    lowerProperty(
      ctx,
      pr,
      propNames.get(pr.name.name) ??
        ctx.inconsistent(pr.name.span, `no TLA+ name for property \`${pr.name.name}\``),
    ),
  );
  properties.push(...ctx.builtinProperties);
  if (ctx.usesFrameCheck) {
    properties.push({
      name: uniqueName(FRAME_USE_AFTER_RETURN, ctx.taken),
      dslName: FRAME_USE_AFTER_RETURN,
      kind: 'builtin',
      body: bin('#', name(INTERNAL_NAMES.failure), str(FRAME_USE_AFTER_RETURN)),
      span: undefined,
    });
  }
  return properties;
}

function lowerProperty(ctx: LowerContext, pr: PropertyDecl, tla: string): ModelProperty {
  const env = topEnv();
  switch (pr.kind) {
    case 'InvariantDecl':
      return {
        name: tla,
        dslName: pr.name.name,
        kind: 'invariant',
        body: lowerExpr(ctx, env, pr.expr),
        span: pr.span,
      };
    case 'CoverDecl':
      return {
        name: tla,
        dslName: pr.name.name,
        kind: 'cover',
        body: lowerExpr(ctx, env, pr.expr),
        span: pr.span,
        ...(pr.unreachable === undefined
          ? {}
          : { unreachable: { reason: pr.unreachable.reason, span: pr.unreachable.span } }),
      };
    case 'ActionPropertyDecl':
      return {
        name: tla,
        dslName: pr.name.name,
        kind: 'action',
        body: {
          kind: 'TlaBoxAction',
          action: lowerExpr(ctx, env, pr.expr),
          vars: INTERNAL_NAMES.vars,
        },
        span: pr.span,
      };
    case 'TemporalPropertyDecl':
      return {
        name: tla,
        dslName: pr.name.name,
        kind: 'temporal',
        body: lowerTemporal(ctx, pr),
        span: pr.span,
      };
  }
}

/** `forall t in S:` before the form quantifies the whole formula: `\A t \in S : (P ~> Q)`. */
function lowerTemporal(ctx: LowerContext, pr: TemporalPropertyDecl): TlaExpr {
  let env: Env = topEnv();
  const quants: { variables: string[]; set: TlaExpr }[] = [];
  for (const q of pr.quantifiers ?? []) {
    const set = lowerExpr(ctx, env, q.set);
    const variables: string[] = [];
    for (const b of q.binders) {
      const f = bindOne(ctx, env, b.name);
      variables.push(f.name);
      env = f.env;
    }
    quants.push({ variables, set });
  }
  const l = lowerExpr(ctx, env, pr.left);
  let body: TlaExpr;
  switch (pr.op) {
    case 'eventually':
      body = { kind: 'TlaTemporal', op: '<>', operand: l };
      break;
    case 'always_eventually':
      body = {
        kind: 'TlaTemporal',
        op: '[]',
        operand: { kind: 'TlaTemporal', op: '<>', operand: l },
      };
      break;
    case 'eventually_always':
      body = {
        kind: 'TlaTemporal',
        op: '<>',
        operand: { kind: 'TlaTemporal', op: '[]', operand: l },
      };
      break;
    case 'leadsto':
      body = bin('~>', l, pr.right ? lowerExpr(ctx, env, pr.right) : TRUE);
      break;
  }
  for (const q of quants.reverse())
    body = { kind: 'TlaQuant', quantifier: '\\A', variables: q.variables, set: q.set, body };
  return body;
}

/** The actions a group's threads take: their own, then those of every procedure they can call. */
export function groupActionNames(owners: Owners, actions: Actions, group: string): string[] {
  return [
    ...(actions.groupActions.get(group) ?? []),
    ...[...(owners.reach.get(group) ?? [])].flatMap((pn) => actions.procActions.get(pn) ?? []),
  ];
}

/** Fairness per thread of fair groups (their procedures' steps included) and of fair procedures. */
export function lowerFairness(
  ctx: LowerContext,
  owners: Owners,
  actions: Actions,
): FairnessClause[] {
  const fairness: FairnessClause[] = [];
  for (const g of owners.groups) {
    if (g.decl.fairness === 'none') continue;
    const gn = g.decl.name.name;
    const strong = g.decl.fairness === 'strong';
    fairness.push({
      strength: strong ? 'SF' : 'WF',
      actionDef: uniqueName(threadActionName(gn), ctx.taken),
      actions: groupActionNames(owners, actions, gn),
      threads: name(g.constant),
      what: `${strong ? 'strong' : 'weak'} fairness of process ${gn}`,
    });
  }
  for (const [pn, owner] of ctx.procedureOwners) {
    const decl = ctx.table.procedures.get(pn);
    if (decl === undefined || decl.fairness === 'none') continue;
    fairness.push({
      strength: decl.fairness === 'strong' ? 'SF' : 'WF',
      actionDef: uniqueName(threadActionName(pn), ctx.taken),
      actions: [...(actions.procActions.get(pn) ?? [])],
      threads: owner.threads,
      what: `${decl.fairness} fairness of procedure ${pn}`,
    });
  }
  return fairness;
}
