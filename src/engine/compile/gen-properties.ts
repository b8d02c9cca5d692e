// Generates what configurations check: the state predicates (invariants and covers) and the
// properties, `[][A]_vars` ones as action predicates and the others as temporal forms.
// Configurations may name any state predicate or property, not only the ones roles list.

import type { CodeBlockWriter } from 'ts-morph';
import type { TlaBoxAction, TlaDef, TlaExpr } from '../../tla/tla-ast.js';
import { readConjuncts } from './gen-reads.js';
import { levelOf, resolveZeroArg } from './gen-levels.js';
import { writeTemporal } from './gen-temporal.js';
import { lit } from './gen-types.js';
import type { ModuleGen } from './module-gen.js';

/** The definitions a configuration may check, with their level. */
export interface Checkable {
  readonly defs: readonly TlaDef[];
  readonly levels: ReadonlyMap<string, 'state' | 'action' | 'temporal'>;
}

/** Zero-argument definitions other than the roles Init, Next, Spec, vars and the actions. */
export function checkable({ g, module }: ModuleGen): Checkable {
  const roles = module.roles;
  const defs = module.defs.filter(
    (d) =>
      d.params.length === 0 &&
      ![roles.init, roles.next, roles.spec, roles.vars].includes(d.name) &&
      !roles.actions.some((a) => a.def === d.name),
  );
  return { defs, levels: new Map(defs.map((d) => [d.name, levelOf(d.body, g)])) };
}

/** `statePredicates`: invariants and covers (the message says which, as the interpreter's does). */
export function writeStatePredicates(mg: ModuleGen, c: Checkable, w: CodeBlockWriter): void {
  const { g, module } = mg;
  const predicateNames = unique([
    ...module.roles.invariants,
    ...module.roles.covers,
    ...c.defs.filter((d) => c.levels.get(d.name) === 'state').map((d) => d.name),
  ]);
  w.write('const statePredicates: Record<string, (kind: string) => StatePredicate> =').block(() => {
    for (const name of predicateNames) {
      const def = mg.need(name, 'invariant');
      const code = g.val(def.body, g.rootEnv(name)).c;
      w.write(`${lit(name)}: (kind: string): StatePredicate => (`).block(() => {
        w.writeLine(`name: ${lit(name)},`);
        writeParts(mg, name, def.body, w);
        w.write('holds(cur: State): boolean').block(() => {
          w.write('try').block(() => {
            w.writeLine(`const v: Value = ${code};`);
            w.writeLine(
              `if (typeof v !== 'boolean') throw new rt.EvalError(\`The \${kind} ${name} evaluated to the non-boolean \${rt.formatValue(v)}.\`, ${lit(name)});`,
            );
            w.writeLine('return v;');
          });
          w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(name)});`));
        });
      });
      w.write('),').newLine();
    }
  });
  w.write(';').newLine();
}

/**
 * `parts` of a state predicate: its conjuncts with the variables each reads (gen-reads.ts). A
 * part returns its conjunct's value unchecked; the search takes only `true` as holding and
 * otherwise evaluates `holds`, which gives the verdict and any error as before.
 */
function writeParts(mg: ModuleGen, name: string, body: TlaExpr, w: CodeBlockWriter): void {
  const { g } = mg;
  const parts = readConjuncts(body, g);
  if (parts === undefined) return;
  w.write('parts:').write(' [').newLine();
  for (const part of parts) {
    const code = g.val(part.expr, g.rootEnv(name)).c;
    w.writeLine(
      `{ reads: [${part.reads.join(', ')}], holds: (cur: State): boolean => (${code}) === true },`,
    );
  }
  w.writeLine('],');
}

/** `properties`: each property by name, built when picked. */
export function writeProperties(
  mg: ModuleGen,
  c: Checkable,
  varsOf: (vars: string) => string,
  w: CodeBlockWriter,
): void {
  const { g, module } = mg;
  const propertyNames = unique([
    ...module.roles.actionProperties,
    ...module.roles.temporalProperties,
    ...c.defs.filter((d) => c.levels.get(d.name) === 'temporal').map((d) => d.name),
  ]);
  w.write(
    'const properties: Record<string, () => { kind: "action"; p: { name: string; holds(s: State, t: State): boolean } } | { kind: "temporal"; p: TemporalProperty }> =',
  ).block(() => {
    for (const name of propertyNames) {
      const def = mg.need(name, 'property');
      const body = resolveZeroArg(def.body, g);
      if (body.kind === 'TlaBoxAction') writeActionProperty(mg, name, body, varsOf, w);
      else {
        w.write(`${lit(name)}: () =>`).block(() => {
          w.writeLine('const instances: { label: string; form: TemporalForm }[] = [];');
          w.write('try').block(() =>
            writeTemporal(g, name, def.body, g.rootEnv(name), lit(name), w),
          );
          w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(name)});`));
          w.writeLine(`return { kind: "temporal", p: { name: ${lit(name)}, instances } };`);
        });
        w.write(',').newLine();
      }
    }
  });
  w.write(';').newLine();
}

/** `[][A]_vars`: every step is an A step or leaves vars unchanged. */
function writeActionProperty(
  { g }: ModuleGen,
  name: string,
  body: TlaBoxAction,
  varsOf: (vars: string) => string,
  w: CodeBlockWriter,
): void {
  const f = varsOf(body.vars);
  const env = g.rootEnv(name);
  const a = g.val(body.action, env).c;
  w.write(`${lit(name)}: () => (`).block(() => {
    w.writeLine('kind: "action",');
    w.write('p:').block(() => {
      w.writeLine(`name: ${lit(name)},`);
      w.write('holds(cur: State, t: State): boolean').block(() => {
        w.write('try').block(() => {
          for (let i = 0; i < g.nvars; i++)
            w.writeLine(`const ${g.nextName(i)}: Value | undefined = t[${i}];`);
          w.writeLine(`if (${a} === true) return true;`);
          w.writeLine(`return rt.valueEquals(${f}(cur), ${f}(t));`);
        });
        w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(name)});`));
      });
    });
  });
  w.write('),').newLine();
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
