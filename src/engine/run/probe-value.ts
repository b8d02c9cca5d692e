// The value of an expression a user typed at one state of a recorded trace (the viewer's `=`
// prompt). The expression was checked and lowered as a def of the case's module (the model's
// probe, src/model/lower.ts); here the engine's evaluator reads it on the state, with the
// module's operators and every definition the lowering made. One semantics: the same values and
// operators a check uses. Pure.

import type { DslValue } from '../../result/result-file.js';
import type { TlaState, TlaValue } from '../../result/tla-value.js';
import type { ModelDef } from '../../model/ir.js';
import { walkTla } from '../../model/tla-build.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import { toDslValue } from '../../trace/map-trace.js';
import { fromTlaValue, toTlaValue } from '../values/values.js';
import { type EmittedCase, StateEval } from './state-eval.js';

/** What the prompt shows: the value, or why there is none. */
export type Evaluation =
  | { readonly ok: true; readonly value: DslValue }
  | { readonly ok: false; readonly error: string };

/** The names `e` refers to, through the definitions in `defs` it uses. */
function namesRead(
  e: TlaExpr,
  defs: ReadonlyMap<string, ModelDef>,
  out = new Set<string>(),
): Set<string> {
  walkTla(e, (x) => {
    const n = x.kind === 'TlaName' ? x.name : x.kind === 'TlaApply' ? x.op : undefined;
    if (n === undefined || out.has(n)) return;
    out.add(n);
    const def = defs.get(n);
    if (def !== undefined) namesRead(def.body, defs, out);
  });
  return out;
}

/**
 * The value of `built`'s probe def at `state` (the module's variables), in the result file's
 * value form; `args` are the def's arguments (a thread's `self` and locals, at the viewer's prompt).
 */
export function probeValue(
  built: EmittedCase,
  state: TlaState,
  args: readonly TlaValue[] = [],
): Evaluation {
  const probe = built.model.probe;
  if (probe === undefined) return { ok: false, error: 'no expression was lowered' };
  const missing = built.emitted.module.variables.find((v) => state[v.name] === undefined);
  if (missing !== undefined)
    return { ok: false, error: `the recorded state has no ${missing.name}: is the result stale?` };
  const read = namesRead(probe.def.body, new Map(probe.defs.map((d) => [d.name, d])));
  const gone = probe.dropped.find((v) => read.has(v.name));
  if (gone !== undefined)
    return { ok: false, error: `no step reads or writes ${gone.dslName}, so no state holds it` };
  if (args.length !== probe.def.params.length)
    return {
      ok: false,
      error: `the expression takes ${probe.def.params.length} values, not ${args.length}`,
    };
  const bound = new Map(probe.def.params.map((p, i) => [p, fromTlaValue(args[i] as TlaValue)]));
  const got = new StateEval(built, state, probe.defs).attempt(probe.def.body, bound);
  return got.ok ? { ok: true, value: toDslValue(toTlaValue(got.value)) } : got;
}
