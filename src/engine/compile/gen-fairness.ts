// Generates the fairness of Spec: one FairnessInstance per WF/SF conjunct (per value of an
// enclosing `\A`), with its enabledness test, its step test and the steps it names.

import type { CodeBlockWriter } from 'ts-morph';
import { at } from '../../source/checked-index.js';
import type { TlaExpr, TlaFairness, TlaModule } from '../../tla/tla-ast.js';
import { fairnessStepParts } from '../evaluation/fairness-steps.js';
import type { CodeGen } from './gen-code.js';
import { resolveZeroArg } from './gen-levels.js';
import { type Env, type K, lit } from './gen-types.js';
import { writeBoundLoops } from './module-gen.js';

/**
 * The code of a fairness instance's argument list in its label, `(t1, t2)`: bound arguments by
 * value, other names as written, anything else as "…"; empty for an action without arguments.
 */
function fairnessArgText(action: TlaExpr, binds: readonly { name: string; js: string }[]): string {
  if (action.kind !== 'TlaApply') return '""';
  const args =
    action.args.length === 0
      ? '""'
      : action.args
          .map((a) => {
            const b = a.kind === 'TlaName' ? binds.find((x) => x.name === a.name) : undefined;
            if (b !== undefined)
              return `(typeof ${b.js} === "string" ? ${b.js} : rt.formatValue(${b.js}))`;
            return lit(a.kind === 'TlaName' ? a.name : '…');
          })
          .join(' + ", " + ');
  return `"(" + ${args} + ")"`;
}

/**
 * Emits the statements that fill `fairness` from Spec: `WF_vars(A)` / `SF_vars(A)` conjuncts,
 * `\A x \in S` expanded to one instance per value; Init and [][Next]_vars are skipped.
 */
export function writeFairness(
  g: CodeGen,
  module: TlaModule,
  e0: TlaExpr,
  env: Env,
  binds: readonly { name: string; js: string }[],
  spec: string,
  w: CodeBlockWriter,
  varsOf: (vars: string) => string,
): void {
  const e = resolveZeroArg(e0, g);
  if (e.kind === 'TlaJunction' && e.op === '/\\') {
    for (const it of e.items) writeFairness(g, module, it, env, binds, spec, w, varsOf);
    return;
  }
  if (e.kind === 'TlaQuant' && e.quantifier === '\\A') {
    const notSet = {
      message: 'A fairness quantifier does not range over a set.',
      definition: spec,
    };
    writeBoundLoops(g, e, env, notSet, w, (inner, names) => {
      const b2 = [
        ...binds,
        ...e.variables.map((name, i) => ({ name, js: at(names, i, 'a bound name') })),
      ];
      writeFairness(g, module, e.body, inner, b2, spec, w, varsOf);
    });
    return;
  }
  if (e.kind === 'TlaFairness') writeFairnessInstance(g, module, e, env, binds, w, varsOf);
}

/** `fairness.push({ strength, label, steps?, enabled, isStep })` for one WF/SF conjunct. */
function writeFairnessInstance(
  g: CodeGen,
  module: TlaModule,
  e: TlaFairness,
  env: Env,
  binds: readonly { name: string; js: string }[],
  w: CodeBlockWriter,
  varsOf: (vars: string) => string,
): void {
  const action = e.action;
  const defName =
    action.kind === 'TlaApply' ? action.op : action.kind === 'TlaName' ? action.name : 'fairness';
  const argText = fairnessArgText(action, binds);
  const actEnv: Env = { ...env, def: defName };
  const f = varsOf(e.vars);
  const stepCode = g.val(action, actEnv).c;
  w.write('fairness.push(').block(() => {
    w.writeLine(`strength: ${lit(e.strength)},`);
    w.writeLine(`label: ${lit(`${e.strength}_${e.vars}(${defName}`)} + ${argText} + ")",`);
    const parts = fairnessStepParts(
      module,
      e.vars,
      action,
      binds.map((b) => b.name),
    );
    if (parts !== undefined) {
      // The innermost binding of a name wins, as in the environment built above.
      const js = (name: string): string =>
        at(binds, binds.map((b) => b.name).lastIndexOf(name), 'a bound name of a fairness step').js;
      w.writeLine(
        `steps: [${parts.map((p) => `{ index: ${p.index}, param: ${p.arg === undefined ? 'undefined' : js(p.arg)} }`).join(', ')}],`,
      );
    }
    w.write('enabled(cur: State): boolean').block(() => {
      w.write('try').block(() => {
        g.declareNext(w);
        const k: K = {
          cheap: true,
          emit: (w2, st) => {
            const changed = st.map((a, i) =>
              a === 'u'
                ? 'true'
                : a === 'a'
                  ? `!rt.valueEquals(${g.nextName(i)}!, cur[${i}])`
                  : `${g.nextName(i)} === undefined || !rt.valueEquals(${g.nextName(i)}, cur[${i}])`,
            );
            if (changed.length > 0)
              w2.write(`if (${changed.join(' || ')})`).block(() => w2.writeLine('throw rt.FOUND;'));
          },
        };
        g.act(action, actEnv, g.emptyState(), k, w);
        w.writeLine('return false;');
      });
      w.write('catch (err)').block(() => {
        w.writeLine('if (err === rt.FOUND) return true;');
        w.writeLine(`throw rt.named(err, ${lit(defName)});`);
      });
    });
    w.write(',').newLine();
    w.write('isStep(cur: State, t: State): boolean').block(() => {
      w.write('try').block(() => {
        for (let i = 0; i < g.nvars; i++)
          w.writeLine(`const ${g.nextName(i)}: Value | undefined = t[${i}];`);
        w.writeLine(`if (${stepCode} !== true) return false;`);
        w.writeLine(`return !rt.valueEquals(${f}(cur), ${f}(t));`);
      });
      w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(defName)});`));
    });
  });
  w.write(');').newLine();
}
