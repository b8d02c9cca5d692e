// Takes a module's action guards (`ActionInfo.guard`) and, per state, says which actions can
// have a successor, so a search (one worker or several) calls only those. Pure: reads the
// state, changes nothing in it; never skips when unsure.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import {
  functionIndex,
  functionValues,
  isFunction,
  valueEquals,
  type Value,
} from '../values/values.js';

/**
 * Per state: may action `a` have a successor? The distinct (variable, parameter) pairs the
 * guards read, each guarded action's pairs, and per state the string each pair holds
 * (undefined: not such a string, so the action must run).
 */
export class GuardSkip {
  private readonly slots: { readonly variable: number; readonly param: Value }[] = [];
  private readonly slotLabel: (string | undefined)[] = [];
  private readonly guardSlots: (Int32Array | undefined)[];
  private readonly labels: (string | undefined)[];

  constructor(private readonly module: ExecutableModule) {
    this.guardSlots = module.actions.map((a) => {
      const gd = a.guard;
      if (gd === undefined || a.paramName === undefined) return undefined;
      return Int32Array.from(
        a.paramValues.map((p) => {
          const known = this.slots.findIndex(
            (sl) => sl.variable === gd.variable && valueEquals(sl.param, p),
          );
          if (known >= 0) return known;
          this.slots.push({ variable: gd.variable, param: p });
          this.slotLabel.push(undefined);
          return this.slots.length - 1;
        }),
      );
    });
    this.labels = module.actions.map((a) => a.guard?.label);
  }

  /** Reads the guarded variables of `s`; call before `mayRun` for that state. */
  look(s: State): void {
    const sl = this.slotLabel;
    let k = 0;
    for (const { variable, param } of this.slots) {
      const v = s[variable];
      if (v === undefined) throw new Error(`internal error: the state has no variable ${variable}`);
      sl[k++] = guardValue(v, param);
    }
  }

  /** False only when no parameter of action `a` is at the action's label in the state looked at. */
  mayRun(a: number): boolean {
    const sl = this.guardSlots[a];
    if (sl === undefined) return true;
    const want = this.labels[a];
    for (const slot of sl) {
      const l = this.slotLabel[slot];
      if (l === undefined || l === want) return true;
    }
    return false;
  }

  get actions(): number {
    return this.module.actions.length;
  }
}

/** `f[p]` when f is a function with p in its domain and a string there; else undefined. */
function guardValue(f: Value, p: Value): string | undefined {
  if (!isFunction(f)) return undefined;
  const i = functionIndex(f, p);
  if (i < 0) return undefined;
  const v = functionValues(f)[i];
  return typeof v === 'string' ? v : undefined;
}
