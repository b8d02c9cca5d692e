// Turns TLA+ expressions of the tree into TypeScript code over the runtime (runtime.ts):
// value expressions become expression text, actions become straight-line statements that
// enumerate successors the way the interpreter (eval.ts) does, guards tested before anything
// is built. Pure: takes the module's tables, writes into a ts-morph CodeBlockWriter, no files.

import type { CodeBlockWriter } from 'ts-morph';
import { at } from '../../source/checked-index.js';
import type { TlaCase, TlaExpr, TlaJunction, TlaQuant } from '../../tla/tla-ast.js';
import { isConstantLevel } from '../evaluation/constant-level.js';
import { plainGuardConjuncts } from '../evaluation/plain-guards.js';
import { lit, type Assigned, type Env, type K, type St } from './gen-types.js';
import { ValueCodeGen } from './gen-value.js';

/** The instances of a `\A` in an action: their array's JS name, the body's scope, the binder. */
interface ForallInstances {
  readonly t: string;
  readonly env: Env;
  bindAt(w: CodeBlockWriter, i: string): void;
}

/** Code generation for one module: values (gen-value.ts) and the actions of this file. */
export class CodeGen extends ValueCodeGen {
  /**
   * Emits an action formula: conjuncts left to right, disjuncts in order, `\E` and `x' \in S`
   * over the set's canonical order, `\A` as the conjunction of its instances (`forall`), IF/CASE
   * branching on the condition, definitions expanded;
   * `k` is emitted once per way the formula can be satisfied.
   */
  act(e: TlaExpr, env: Env, st: St, k: K, w: CodeBlockWriter): void {
    switch (e.kind) {
      case 'TlaJunction':
        return this.actJunction(e, env, st, k, w);
      case 'TlaBinary': {
        if (e.op === '=' || e.op === '\\in') {
          const j = this.assignTarget(e.left, env);
          if (j !== undefined) return this.assign(j, e.op, e.right, env, st, k, w);
        }
        break;
      }
      case 'TlaUnchanged':
        return this.unchanged(this.unchangedIndices(e.variables, env), 0, st, k, w);
      case 'TlaQuant':
        if (e.quantifier === '\\A') return this.forall(e.variables, e.set, e.body, env, st, k, w);
        return this.actExists(e, env, st, k, w);
      case 'TlaIf': {
        const c = this.bool(this.val(e.cond, env), 'The condition of IF');
        this.branching(st, k, w, (w2, kk) => {
          w2.write(`if (${c})`).block(() => this.act(e.then, env, st, kk, w2));
          w2.write('else').block(() => this.act(e.else, env, st, kk, w2));
        });
        return;
      }
      case 'TlaCase':
        return this.actCase(e, env, st, k, w);
      case 'TlaLet': {
        w.write('').block(() => {
          const env2 = this.letDefs(e.defs, env, w);
          this.act(e.body, env2, st, k, w);
        });
        return;
      }
      case 'TlaApply':
        return this.apply(e.op, e.args, env, (body, env2) => this.act(body, env2, st, k, w));
      case 'TlaName': {
        const expanded = this.namedAction(e.name, env);
        if (expanded !== undefined) return this.act(expanded.body, expanded.env, st, k, w);
        break;
      }
      default:
        break;
    }
    // A guard: tested before anything after it is built.
    const g = this.bool(this.val(e, env), 'A conjunct of an action');
    w.write(`if (${g})`).block(() => k.emit(w, st));
  }

  /** Conjuncts chained left to right; disjuncts as branches to the same continuation. */
  private actJunction(e: TlaJunction, env: Env, st: St, k: K, w: CodeBlockWriter): void {
    if (e.op === '/\\') {
      const chain = (i: number): K =>
        i === e.items.length
          ? k
          : {
              cheap: false,
              emit: (w2, s2) => this.act(at(e.items, i, 'a conjunct'), env, s2, chain(i + 1), w2),
            };
      const [first] = e.items;
      if (first === undefined) k.emit(w, st);
      else this.act(first, env, st, chain(1), w);
      return;
    }
    const [only, ...others] = e.items;
    if (only === undefined) return;
    if (others.length === 0) return this.act(only, env, st, k, w);
    this.branching(st, k, w, (w2, kk) => {
      for (const it of e.items) this.act(it, env, st, kk, w2);
    });
  }

  /** `\E` in an action: nested loops over the bound set, the body once per tuple. */
  private actExists(e: TlaQuant, env: Env, st: St, k: K, w: CodeBlockWriter): void {
    const s = this.fresh('s');
    w.writeLine(
      `const ${s} = rt.elems(${this.val(e.set, env).c}, ${lit('The bound set of \\E')});`,
    );
    const { vs, env: env2 } = this.bindAll(e.variables, env);
    const loops = (i: number): void => {
      if (i === vs.length) {
        this.act(e.body, env2, st, k, w);
        return;
      }
      w.write(`for (const ${vs[i]} of ${s})`).block(() => loops(i + 1));
    };
    w.write('').block(() => loops(0));
  }

  private actCase(e: TlaCase, env: Env, st: St, k: K, w: CodeBlockWriter): void {
    this.branching(st, k, w, (w2, kk) => {
      e.arms.forEach((arm, i) => {
        const c = this.bool(this.val(arm.cond, env), 'A CASE guard');
        w2.write(`${i === 0 ? '' : 'else '}if (${c})`).block(() =>
          this.act(arm.value, env, st, kk, w2),
        );
      });
      w2.write('else').block(() => {
        if (e.other === undefined)
          w2.writeLine(
            `rt.fail(${lit('Attempted to evaluate a CASE with no arm enabled and no OTHER.')});`,
          );
        else this.act(e.other, env, st, kk, w2);
      });
    });
  }

  /**
   * What a name used as an action expands to: an operator argument passed by name, or a
   * state-level definition; undefined when the name is tested as a guard.
   */
  private namedAction(name: string, env: Env): { body: TlaExpr; env: Env } | undefined {
    const b = env.names.get(name);
    if (b !== undefined && b.kind === 'byname') return { body: b.expr, env: b.env };
    if (b !== undefined || this.tables.variableIndex.has(name) || this.tables.constants.has(name))
      return undefined;
    const def = this.tables.defs.get(name);
    if (def !== undefined && def.params.length === 0 && !isConstantLevel(def.body, this.tables))
      return { body: def.body, env: this.rootEnv(env.def, env.init) };
    return undefined;
  }

  /**
   * `\A x \in S : P` in an action, as TLC treats it there: the instances of P conjoined in
   * `forallInstances` order, each free to assign primed variables and to branch (a true
   * disjunction counts once per true disjunct). A body of guards only is a plain loop.
   */
  private forall(
    variables: readonly string[],
    setExpr: TlaExpr,
    body: TlaExpr,
    env: Env,
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    const t = this.fresh('t');
    const { vs, env: env2 } = this.bindAll(variables, env);
    const inst: ForallInstances = {
      t,
      env: env2,
      bindAt: (w2, i) => vs.forEach((v, j) => w2.writeLine(`const ${v} = ${t}[${i}]![${j}]!;`)),
    };
    const guards = this.plainGuards(body, env2);
    w.write('').block(() => {
      w.writeLine(
        `const ${t} = rt.forallInstances(rt.elems(${this.val(setExpr, env).c}, ${lit('The bound set of \\A')}), ${vs.length});`,
      );
      if (guards !== undefined) this.forallGuards(inst, guards, st, k, w);
      else this.forallConjoined(inst, body, st, k, w);
    });
  }

  /** A body of guards only: a plain loop over the instances, stopping at the first false. */
  private forallGuards(
    inst: ForallInstances,
    guards: readonly TlaExpr[],
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    const ok = this.fresh('ok');
    const i = this.fresh('i');
    w.writeLine(`let ${ok} = true;`);
    w.write(`for (let ${i} = 0; ${i} < ${inst.t}.length && ${ok}; ${i}++)`).block(() => {
      inst.bindAt(w, i);
      for (const g of guards)
        w.write(
          `if (${ok} && !(${this.bool(this.val(g, inst.env), 'A conjunct of an action')}))`,
        ).block(() => void w.writeLine(`${ok} = false;`));
    });
    w.write(`if (${ok})`).block(() => k.emit(w, st));
  }

  /** A body that may assign or branch: a local function steps through the instances. */
  private forallConjoined(
    inst: ForallInstances,
    body: TlaExpr,
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    // Variables the body may assign are unknown inside the loop (an earlier instance may
    // have assigned them); a dry run finds them.
    const seen: St[] = [];
    const saved = this.counter;
    this.act(
      body,
      inst.env,
      st,
      { cheap: true, emit: (_w, s2) => void seen.push(s2) },
      this.writer(),
    );
    this.counter = saved;
    const inLoop: St = st.map((a, j) => (a === 'u' && seen.some((s2) => s2[j] !== 'u') ? '?' : a));
    const step = this.fresh('step');
    const i = this.fresh('i');
    w.write(`const ${step} = (${i}: number): void =>`).block(() => {
      w.write(`if (${i} === ${inst.t}.length)`).block(() => k.emit(w, inLoop));
      w.write('else').block(() => {
        inst.bindAt(w, i);
        this.act(
          body,
          inst.env,
          inLoop,
          { cheap: true, emit: (w2) => void w2.writeLine(`${step}(${i} + 1);`) },
          w,
        );
      });
    });
    w.write(';').newLine();
    w.writeLine(`${step}(0);`);
  }

  /** The conjuncts of `e` when `act` would only test them as guards; undefined when it can branch or assign. */
  private plainGuards(e: TlaExpr, env: Env): readonly TlaExpr[] | undefined {
    return plainGuardConjuncts(e, (left) => this.assignTarget(left, env) !== undefined);
  }

  /**
   * Emits code with several paths to `k`. A cheap `k` is written out on each path; otherwise
   * it becomes one local function, compiled for the assignment state the paths agree on
   * (variables some paths assign and others do not are checked at run time).
   */
  /**
   * Emits `unassigned` where variable j is known unassigned, `assigned` where it is known
   * assigned, and a run-time test choosing between them where the paths so far disagree.
   */
  private byAssignment(
    st: St,
    j: number,
    name: string,
    k: K,
    w: CodeBlockWriter,
    unassigned: (w: CodeBlockWriter, k: K) => void,
    assigned: (w: CodeBlockWriter, k: K) => void,
  ): void {
    if (st[j] === 'u') unassigned(w, k);
    else if (st[j] === 'a') assigned(w, k);
    else {
      this.branching(st, k, w, (w2, kk) => {
        w2.write(`if (${name} === undefined)`).block(() => unassigned(w2, kk));
        w2.write('else').block(() => assigned(w2, kk));
      });
    }
  }

  private branching(
    st: St,
    k: K,
    w: CodeBlockWriter,
    body: (w: CodeBlockWriter, k: K) => void,
  ): void {
    if (k.cheap) {
      body(w, k);
      return;
    }
    // Dry run to learn the states the paths reach k with; then the real emission.
    const seen: St[] = [];
    const saved = this.counter;
    body(this.writer(), { cheap: true, emit: (_w, s) => void seen.push(s) });
    this.counter = saved;
    const [firstSeen] = seen;
    if (firstSeen === undefined) {
      body(w, k);
      return;
    }
    const merged: Assigned[] = st.map((_, i) => {
      const first = at(firstSeen, i, 'a variable of a reached state');
      return seen.every((s) => s[i] === first) ? first : '?';
    });
    const fn = this.fresh('k');
    w.write(`const ${fn} = (): void =>`).block(() => k.emit(w, merged));
    w.write(';').newLine();
    body(w, { cheap: true, emit: (w2) => void w2.writeLine(`${fn}();`) });
  }

  private assignTarget(left: TlaExpr, env: Env): number | undefined {
    if (left.kind === 'TlaPrimed' && !env.init) return this.tables.variableIndex.get(left.name);
    if (left.kind === 'TlaName' && env.init && env.names.get(left.name) === undefined)
      return this.tables.variableIndex.get(left.name);
    return undefined;
  }

  private assign(
    j: number,
    op: '=' | '\\in',
    right: TlaExpr,
    env: Env,
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    const n = this.nextName(j);
    const r = this.val(right, env);
    const set = (s: St, v: Assigned): St => s.map((x, i) => (i === j ? v : x));
    if (op === '=') {
      const v = this.fresh('v');
      w.write('').block(() => {
        w.writeLine(`const ${v}: Value = ${r.c};`);
        const unassigned = (w2: CodeBlockWriter, kk: K): void => {
          w2.writeLine(`${n} = ${v};`);
          kk.emit(w2, set(st, 'a'));
          w2.writeLine(`${n} = undefined;`);
        };
        const compare = (w2: CodeBlockWriter, kk: K): void => {
          w2.write(`if (rt.eq(${n}!, ${v}))`).block(() => kk.emit(w2, set(st, 'a')));
        };
        this.byAssignment(st, j, n, k, w, unassigned, compare);
      });
      return;
    }
    const s = this.fresh('s');
    w.write('').block(() => {
      w.writeLine(`const ${s} = rt.elems(${r.c}, ${lit('The right side of \\in')});`);
      const unassigned = (w2: CodeBlockWriter, kk: K): void => {
        w2.write(`for (let i = 0; i < ${s}.length; i++)`).block(() => {
          w2.writeLine(`${n} = ${s}[i];`);
          kk.emit(w2, set(st, 'a'));
        });
        w2.writeLine(`${n} = undefined;`);
      };
      const member = (w2: CodeBlockWriter, kk: K): void => {
        w2.write(`if (${s}.some((x) => rt.valueEquals(x, ${n}!)))`).block(() =>
          kk.emit(w2, set(st, 'a')),
        );
      };
      this.byAssignment(st, j, n, k, w, unassigned, member);
    });
  }

  private unchanged(idx: readonly number[], i: number, st: St, k: K, w: CodeBlockWriter): void {
    const j = idx[i];
    if (j === undefined) {
      k.emit(w, st);
      return;
    }
    const n = this.nextName(j);
    const set = (v: Assigned): St => st.map((x, q) => (q === j ? v : x));
    const unassigned = (w2: CodeBlockWriter, kk: K): void => {
      w2.writeLine(`${n} = cur[${j}];`);
      this.unchanged(idx, i + 1, set('a'), kk, w2);
      w2.writeLine(`${n} = undefined;`);
    };
    const compare = (w2: CodeBlockWriter, kk: K): void => {
      w2.write(`if (rt.valueEquals(${n}!, cur[${j}]))`).block(() =>
        this.unchanged(idx, i + 1, set('a'), kk, w2),
      );
    };
    this.byAssignment(st, j, n, k, w, unassigned, compare);
  }

  /**
   * The final continuation of an action or Init: every variable must be assigned (statically
   * known ones are not tested again), then `onComplete` runs with the state array.
   */
  complete(missing: (variable: string) => string, onComplete: (w: CodeBlockWriter) => void): K {
    return {
      cheap: true,
      emit: (w, st) => {
        for (let i = 0; i < this.nvars; i++) {
          const msg = missing(at(this.tables.variables, i, 'a state variable'));
          if (st[i] === 'u') w.writeLine(`throw ${msg};`);
          else if (st[i] === '?')
            w.writeLine(`if (${this.nextName(i)} === undefined) throw ${msg};`);
        }
        if (!st.includes('u')) onComplete(w);
      },
    };
  }
}
