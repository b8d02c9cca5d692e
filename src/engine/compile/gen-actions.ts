// Generates the initial states and the successor functions: one per action of roles.actions,
// each split into the parts TLC names steps after.

import type { CodeBlockWriter } from 'ts-morph';
import type { TlaActionRef, TlaDef, TlaExpr } from '../../tla/tla-ast.js';
import { actionGuard } from '../evaluation/action-guard.js';
import { splitAction } from '../evaluation/action-split.js';
import { type Env, type K, lit } from './gen-types.js';
import type { ModuleGen } from './module-gen.js';

/** `initialStates(sink)`: every state the initial predicate allows. */
export function writeInit({ g, module, need }: ModuleGen, w: CodeBlockWriter): void {
  const initDef = need(module.roles.init, 'initial predicate');
  w.write('function initialStates(sink: (s: State) => void): void').block(() => {
    w.write('try').block(() => {
      g.declareNext(w);
      const k = g.complete(
        (v) =>
          `new rt.EvalError(${lit(`The initial predicate does not assign the variable ${v}.`)}, ${lit(initDef.name)})`,
        (w2) => w2.writeLine(`sink(${g.nextArray()});`),
      );
      g.act(initDef.body, g.rootEnv(initDef.name, true), g.emptyState(), k, w);
    });
    w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(initDef.name)});`));
  });
}

/**
 * The successor functions `successors_<i>` and their table `successorFns`, in roles.actions
 * order; returns the code of each action's ActionInfo.
 */
export function writeActions(mg: ModuleGen, w: CodeBlockWriter): string[] {
  const actions = mg.module.roles.actions;
  const infos = actions.map((ref, ai) => writeAction(mg, ref, ai, w));
  w.writeLine(`const successorFns = [${actions.map((_, ai) => `successors_${ai}`).join(', ')}];`);
  return infos;
}

function writeAction(mg: ModuleGen, ref: TlaActionRef, ai: number, w: CodeBlockWriter): string {
  const { g, module, defs } = mg;
  const def = mg.need(ref.def, 'action');
  const params = `P_${ai}`;
  writeParamValues(mg, ref, def, params, w);
  const call: TlaExpr =
    ref.param === undefined
      ? { kind: 'TlaName', name: def.name }
      : { kind: 'TlaApply', op: def.name, args: [{ kind: 'TlaName', name: ref.param.name }] };
  const parts = splitAction(call, defs);
  w.write(`function successors_${ai}(cur: State, sink: SuccessorSink): number`).block(() => {
    w.writeLine('let count = 0;');
    const body = (param: string): void => {
      let env: Env = g.rootEnv(def.name);
      if (ref.param !== undefined)
        env = g.withName(env, ref.param.name, { kind: 'js', code: 'p', t: 'any' });
      parts.forEach((part, sub) => {
        w.write('try').block(() => {
          g.declareNext(w);
          const k: K = g.complete(missingVar(part.name), (w2) => {
            w2.writeLine('count++;');
            w2.writeLine(`sink(${g.nextArray()}, ${ai}, ${param}, ${sub});`);
          });
          g.act(part.expr, { ...env, def: part.name }, g.emptyState(), k, w);
        });
        w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(part.name)});`));
      });
    };
    if (ref.param !== undefined) {
      w.write(`for (let pi = 0; pi < ${params}.length; pi++)`).block(() => {
        w.writeLine(`const p: Value = ${params}[pi]!;`);
        body('p');
      });
    } else body('undefined');
    w.writeLine('return count;');
  });
  return `{ name: ${lit(def.name)}, paramName: ${ref.param === undefined ? 'undefined' : lit(ref.param.name)}, paramValues: ${params}, subActions: [${parts.map((p) => lit(p.name)).join(', ')}]${guardText(actionGuard(module, ref))} }`;
}

/** `P_<i>`: the values of the action's parameter (none for an action without one). */
function writeParamValues(
  { g }: ModuleGen,
  ref: TlaActionRef,
  def: TlaDef,
  params: string,
  w: CodeBlockWriter,
): void {
  if (ref.param === undefined) {
    w.writeLine(`const ${params}: readonly Value[] = [];`);
    return;
  }
  const set = g.val(ref.param.set, g.rootEnv(def.name)).c;
  w.write(`const ${params}: readonly Value[] = ((): readonly Value[] =>`).block(() => {
    w.write('try').block(() => {
      w.writeLine(`const sv: Value = ${set};`);
      w.writeLine(
        `if (!(sv instanceof rt.SetValue)) throw new rt.EvalError(\`The parameter set of ${def.name} is not a set: \${rt.formatValue(sv)}.\`, ${lit(def.name)});`,
      );
      w.writeLine('return sv.elems;');
    });
    w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(def.name)});`));
  });
  w.write(')();').newLine();
}

function missingVar(part: string): (v: string) => string {
  return (v) =>
    `new rt.EvalError(${lit(`Successor state is not completely specified by action ${part} of the next-state relation. The following variable is not assigned: ${v}.`)}, ${lit(part)})`;
}

function guardText(guard: { variable: number; label: string } | undefined): string {
  return guard === undefined
    ? ''
    : `, guard: { variable: ${guard.variable}, label: ${lit(guard.label)} }`;
}
