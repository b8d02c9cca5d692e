// Evaluates TLA+ expressions of a case's emitted module in one given state, outside any search:
// what the reports read off a trace's last state (a deadlock's wait edges, the parts of a
// property that are false there). Pure; an expression the state cannot evaluate gives undefined.

import type { Model } from '../../model/ir.js';
import type { Emitted } from '../../emit/from-model.js';
import type { TlaState } from '../../result/tla-value.js';
import type { TlaDef, TlaExpr } from '../../tla/tla-ast.js';
import { constantBindings } from '../evaluation/constants.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { Unit, type ModuleTables, type Scope } from '../evaluation/eval-scope.js';
import { compileValue } from '../evaluation/eval.js';
import { fromTlaValue, type Value } from '../values/values.js';

/** What a state is evaluated against: the case's model and its emitted module. */
export interface EmittedCase {
  readonly model: Model;
  readonly emitted: Emitted;
}

/** Names bound around an expression (an action's `self`, a quantifier's variable). */
export type Bindings = ReadonlyMap<string, Value>;

/** A value, or the engine's words for why there is none. */
export type Attempt =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly error: string };

/** A definition to evaluate with besides the module's own. */
interface ExtraDef {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: TlaExpr;
}

/** Evaluates TLA+ expressions of the case's module in one state, with names bound to values. */
export class StateEval {
  private readonly tables: ModuleTables;
  private readonly state: Value[];

  /** `extra`: definitions the module does not keep (a module's own of the same name wins). */
  constructor(built: EmittedCase, state: TlaState, extra: readonly ExtraDef[] = []) {
    const module = built.emitted.module;
    const variables = module.variables.map((v) => v.name);
    this.tables = {
      variables,
      variableIndex: new Map(variables.map((v, i) => [v, i])),
      constants: constantBindings(built.emitted.config),
      defs: new Map<string, TlaDef>([
        ...extra.map((d): [string, TlaDef] => [
          d.name,
          { kind: 'TlaDef', ...d, comment: [], origin: undefined },
        ]),
        ...module.defs.map((d): [string, TlaDef] => [d.name, d]),
      ]),
      constantDefs: new Map(),
    };
    this.state = variables.map((v) => {
      const x = state[v];
      return x === undefined ? false : fromTlaValue(x);
    });
  }

  def(name: string): TlaDef | undefined {
    return this.tables.defs.get(name);
  }

  /** The value of `e`, or undefined when it cannot be evaluated here. */
  value(e: TlaExpr, bound: Bindings): Value | undefined {
    const r = this.attempt(e, bound);
    return r.ok ? r.value : undefined;
  }

  /** The value of `e`, or why it cannot be evaluated here. */
  attempt(e: TlaExpr, bound: Bindings): Attempt {
    try {
      const unit = new Unit(this.tables, 'waitsFor', false);
      let scope: Scope = unit.rootScope();
      const slots: [number, Value][] = [];
      for (const [name, v] of bound) {
        const slot = unit.newSlot();
        scope = scope.with(name, { kind: 'slot', slot });
        slots.push([slot, v]);
      }
      const f = compileValue(e, scope);
      const ctx = unit.makeCtx();
      ctx.cur = this.state;
      for (const [slot, v] of slots) ctx.locals[slot] = v;
      return { ok: true, value: f(ctx) };
    } catch (err) {
      if (err instanceof EvalError || err instanceof AssertFailure)
        return { ok: false, error: err.message };
      if (err instanceof RangeError) return { ok: false, error: 'too deep to evaluate' };
      throw err;
    }
  }
}
