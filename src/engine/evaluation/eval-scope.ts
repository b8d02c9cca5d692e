// The compile-time world of the closure compiler (eval.ts): the mutable context compiled code
// runs against, the lexical scope names are resolved in, and the module's tables.

import type { TlaDef } from '../../tla/tla-ast.js';
import type { Value } from '../values/values.js';

/** A slot of the next state that no conjunct has assigned yet. */
export type Slot = Value | undefined;

/**
 * The mutable evaluation context of one compiled unit (an action, an invariant, Init...).
 * `cur` is the current state; `next` the successor being built (or the given successor when
 * an action is evaluated as a predicate); `locals` holds bound variables by slot.
 */
export class Ctx {
  cur: readonly Value[] = [];
  next: Slot[];
  locals: (Value | undefined)[] = [];
  constructor(nvars: number) {
    this.next = new Array<Slot>(nvars).fill(undefined);
  }
}

/** The value bound in `slot`: compiled code reads a slot only inside the binder that fills it. */
export function slotValue(ctx: Ctx, slot: number): Value {
  const v = ctx.locals[slot];
  if (v === undefined)
    throw new Error(`internal error: local slot ${slot} read before it is bound`);
  return v;
}

/** A compiled value expression. */
export type ValueFn = (ctx: Ctx) => Value;
/** A continuation of an action: called once per way the conjuncts so far can be satisfied. */
export type Cont = (ctx: Ctx) => void;

/** What a name means where it is used. */
export type Binding =
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'lazy'; readonly slot: number; readonly fn: ValueFn } // LET definition, evaluated once on first use
  | {
      readonly kind: 'byname';
      readonly fn: ValueFn;
      readonly act: ((k: Cont) => Cont) | undefined;
    }; // operator argument

/** Lexical scope: bound names, then the module's variables, constants and definitions. */
export class Scope {
  constructor(
    readonly unit: Unit,
    private readonly names: ReadonlyMap<string, Binding>,
    readonly at: number | undefined,
  ) {}

  lookup(name: string): Binding | undefined {
    return this.names.get(name);
  }

  with(name: string, b: Binding): Scope {
    const m = new Map(this.names);
    m.set(name, b);
    return new Scope(this.unit, m, this.at);
  }

  withAt(slot: number): Scope {
    return new Scope(this.unit, this.names, slot);
  }
}

/** A compilation unit: the module's tables plus the slot counter of one Ctx. */
export class Unit {
  nslots = 0;
  constructor(
    readonly mod: ModuleTables,
    /** The definition this unit evaluates, for error messages. */
    readonly defName: string,
    /** In Init, unprimed variables are the ones being assigned. */
    readonly initMode: boolean,
  ) {}

  newSlot(): number {
    return this.nslots++;
  }

  /** A context sized for this unit (call after compiling). */
  makeCtx(): Ctx {
    const c = new Ctx(this.mod.variables.length);
    c.locals = new Array<Value | undefined>(this.nslots).fill(undefined);
    return c;
  }

  rootScope(): Scope {
    return new Scope(this, new Map(), undefined);
  }
}

/** The module-level names: variables by index, constant values, definitions by name. */
export interface ModuleTables {
  readonly variables: readonly string[];
  readonly variableIndex: ReadonlyMap<string, number>;
  readonly constants: ReadonlyMap<string, Value>;
  readonly defs: ReadonlyMap<string, TlaDef>;
  /** Memoised values of zero-argument constant-level definitions. */
  readonly constantDefs: Map<string, Value>;
}
