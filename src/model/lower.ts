// The lowering: one instance of a checked program (a variant under one parameter set,
// src/model/instance.ts) becomes a Model (src/model/ir.ts). Threads, variables with initial
// values, one action per step, Terminating, fairness, properties; variables no reachable code
// reads or writes are dropped. Pure. Reports nothing: the checker has said what a user got
// wrong, so an input lowering cannot handle is a LoweringError (internal).

import { moduleName } from '../tla/names.js';
import { LowerContext } from './context.js';
import { collectStoredFrames } from './frame-identity.js';
import type { Instance } from './instance.js';
import type { Model } from './ir.js';
import { lowerActions } from './lower-actions.js';
import { lowerConstants, lowerGroups } from './lower-constants.js';
import { declareFrameVars, nameModule, planOwners } from './lower-owners.js';
import { lowerFairness, lowerProperties } from './lower-properties.js';
import { ensureDef } from './lower-expr.js';
import { lowerVariables } from './lower-variables.js';
import { prune } from './prune.js';

export interface LowerOptions {
  /**
   * A def of the spec to lower as a module definition even though nothing refers to it: an
   * expression typed at the viewer's prompt, evaluated with the module's own operators.
   */
  readonly probe?: string;
}

/** Lowers an instance to its Model; throws LoweringError when the instance is inconsistent. */
export function lowerSpec(instance: Instance, options: LowerOptions = {}): Model {
  const { table, params } = instance;
  const ctx = new LowerContext(instance.checked, table, params.values);
  // The order of these phases is the order module-level names are taken: it must stay fixed
  // for the emitted module to stay the same.
  const { groups, propNames } = nameModule(ctx, instance);
  const owners = planOwners(ctx, groups);
  declareFrameVars(ctx, owners);
  collectStoredFrames(ctx, [...owners.processPlans.values(), ...owners.procPlans.values()]);
  const actions = lowerActions(ctx, owners);
  const properties = lowerProperties(ctx, propNames);
  // Lowered before pruning looks at the definitions, which it does not keep alive.
  const probe =
    options.probe === undefined ? undefined : ctx.defs.get(ensureDef(ctx, options.probe));
  const fairness = lowerFairness(ctx, owners, actions);
  const variables = lowerVariables(ctx, owners);
  const kept = prune(ctx, owners, variables, actions.actions, properties);
  return {
    specName: table.specName,
    specFile: table.specFile,
    variant: instance.variant,
    moduleName: moduleName(table.specName, instance.variant),
    params: ctx.params,
    paramOverrides: params.overrides,
    constants: lowerConstants(ctx, owners, kept),
    defs: kept.defs,
    variables: kept.variables,
    groups: lowerGroups(ctx, owners, actions),
    actions: kept.actions,
    fairness,
    properties: kept.properties,
    symmetry: groups.some((g) => g.decl.symmetric),
    usesSequences: ctx.usesSequences,
    usesFiniteSets: ctx.usesFiniteSets,
    acceptedLockOrder: instance.checked.program.files.flatMap((f) =>
      f.ast.decls.flatMap((d) => (d.kind === 'LockOrderDecl' ? acceptedPairs(d.locks) : [])),
    ),
    exprTexts: ctx.exprTexts,
    ...(probe === undefined
      ? {}
      : {
          probe: {
            def: probe,
            defs: [...ctx.defs.values()],
            dropped: variables.filter((v) => !kept.variables.includes(v)),
          },
        }),
  };
}

/** `a < b < c` accepts every edge from a name to one after it: a -> b, a -> c, b -> c. */
function acceptedPairs(locks: readonly { readonly name: string }[]): [string, string][] {
  return locks.flatMap((a, i) => locks.slice(i + 1).map((b): [string, string] => [a.name, b.name]));
}
