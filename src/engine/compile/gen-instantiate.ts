// Generates the body of `instantiate`: the constants and constant-level getters, then Init, the
// actions, the state predicates, the properties, fairness and symmetry, and the
// ExecutableModule that assembles them, picking what the configuration selects.

import type { CodeBlockWriter } from 'ts-morph';
import type { TlaModule } from '../../tla/tla-ast.js';
import { writeActions, writeInit } from './gen-actions.js';
import { writeFairness } from './gen-fairness.js';
import { checkable, writeProperties, writeStatePredicates } from './gen-properties.js';
import { lit } from './gen-types.js';
import { type ModuleGen, moduleGen } from './module-gen.js';
import { permutationArguments } from '../evaluation/symmetry.js';

/** The body of `instantiate`: constants, Init, actions, predicates, properties, fairness, symmetry. */
export function writeInstantiate(module: TlaModule, out: CodeBlockWriter): void {
  const mg = moduleGen(module);
  const { g, need } = mg;
  const roles = module.roles;
  // The main code first, into its own writer: it discovers the constant-level definitions
  // whose getters must be declared before anything runs.
  const w = g.writer();
  writeInit(mg, w);
  const actionInfos = writeActions(mg, w);
  const checks = checkable(mg);
  writeStatePredicates(mg, checks, w);

  // The vars tuple as a function of a state (action properties and fairness compare it),
  // declared ahead of the main code (they are first needed inside object literals).
  const varsFns = new Set<string>();
  const pre = g.writer();
  const varsOf = (vars: string): string => {
    const fn = `varsOf_${vars}`;
    if (!varsFns.has(vars)) {
      varsFns.add(vars);
      pre.writeLine(
        `const ${fn} = (cur: State): Value => ${g.val({ kind: 'TlaName', name: vars }, g.rootEnv(vars)).c};`,
      );
    }
    return fn;
  };
  writeProperties(mg, checks, varsOf, w);

  const specDef = need(roles.spec, 'specification');
  w.write('function readFairness(): FairnessInstance[]').block(() => {
    w.writeLine('const fairness: FairnessInstance[] = [];');
    writeFairness(g, module, specDef.body, g.rootEnv(roles.spec), [], roles.spec, w, varsOf);
    w.writeLine('return fairness;');
  });
  writeSymmetry(mg, w);
  writeAssembly(mg, actionInfos, w);

  for (const c of module.constants)
    out.writeLine(`const ${g.constName(c.name)}: Value = rt.constant(constants, ${lit(c.name)});`);
  const getters = writeConstantGetters(mg);
  for (const [key, name] of g.recordShapes)
    out.writeLine(`const ${name} = rt.recordShape(${key});`);
  out.write(getters.toString());
  out.write(pre.toString());
  out.write(w.toString());
}

/** `readSymmetry()`: the group of the roles' symmetry set, if any. */
function writeSymmetry({ g, module, need }: ModuleGen, w: CodeBlockWriter): void {
  const symmetry = module.roles.symmetry;
  w.write('function readSymmetry(): SymmetryGroup | undefined').block(() => {
    if (symmetry === undefined) {
      w.writeLine('return undefined;');
      return;
    }
    const def = need(symmetry, 'symmetry set');
    const args = permutationArguments(def.body);
    const read =
      args === undefined
        ? `rt.symmetryOf(${g.val(def.body, g.rootEnv(def.name)).c}, ${lit(def.name)})`
        : `rt.symmetryOfPermutations([${args.map((a) => g.val(a, g.rootEnv(def.name)).c).join(', ')}], ${lit(def.name)})`;
    w.write('try').block(() => w.writeLine(`return ${read};`));
    w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(def.name)});`));
  });
}

/** Returns the ExecutableModule, picking what the configuration selects (the roles by default). */
function writeAssembly({ g, module }: ModuleGen, actionInfos: string[], w: CodeBlockWriter): void {
  const roles = module.roles;
  const definedNames = `[${module.defs.map((d) => lit(d.name)).join(', ')}]`;
  const sel = {
    specification: lit(roles.spec),
    invariants: `[${roles.invariants.map(lit).join(', ')}]`,
    properties: `[${[...roles.actionProperties, ...roles.temporalProperties].map(lit).join(', ')}]`,
    symmetry: roles.symmetry === undefined ? 'undefined' : lit(roles.symmetry),
  };
  w.writeLine(
    `const sel: CompiledSelection = selection ?? { specification: ${sel.specification}, invariants: ${sel.invariants}, properties: ${sel.properties}, symmetry: ${sel.symmetry} };`,
  );
  w.writeLine(`const defined: readonly string[] = ${definedNames};`);
  w.writeLine(
    `if (sel.specification !== ${lit(roles.spec)}) throw new rt.EvalError(\`The specification \${sel.specification} was not compiled into module ${module.name}: its roles name ${roles.spec}.\`);`,
  );
  w.writeLine(
    `if (sel.symmetry !== undefined && sel.symmetry !== ${sel.symmetry}) throw new rt.EvalError(\`The symmetry set \${sel.symmetry} was not compiled into module ${module.name}.\`, sel.symmetry);`,
  );
  w.writeLine(
    `const picked = sel.properties.map((n) => rt.pick(properties, n, "property", ${lit(module.name)}, defined)());`,
  );
  const term =
    roles.terminating === undefined
      ? -1
      : roles.actions.findIndex((a) => a.def === roles.terminating);
  w.write('return').block(() => {
    w.writeLine(`name: ${lit(module.name)},`);
    w.writeLine(`variables: [${g.tables.variables.map(lit).join(', ')}],`);
    w.writeLine('initialStates,');
    w.writeLine(`actions: [${actionInfos.join(', ')}],`);
    w.writeLine(
      'successors: (actionIndex: number, s: State, sink: SuccessorSink): number => successorFns[actionIndex]!(s, sink),',
    );
    w.writeLine(`terminating: ${term < 0 ? 'undefined' : term},`);
    w.writeLine(
      `invariants: sel.invariants.map((n) => rt.pick(statePredicates, n, "invariant", ${lit(module.name)}, defined)("invariant")),`,
    );
    w.writeLine('actionProperties: picked.flatMap((p) => (p.kind === "action" ? [p.p] : [])),');
    w.writeLine('temporalProperties: picked.flatMap((p) => (p.kind === "temporal" ? [p.p] : [])),');
    w.writeLine('fairness: readFairness(),');
    w.writeLine(
      `covers: [${roles.covers.map((n) => `statePredicates[${lit(n)}]!("cover")`).join(', ')}],`,
    );
    w.writeLine('symmetry: sel.symmetry === undefined ? undefined : readSymmetry(),');
  });
  w.write(';').newLine();
}

/**
 * The memoized getters of constant-level definitions, found while generating the main code and
 * while generating each other (so this runs until no new one turns up).
 */
function writeConstantGetters({ g, defs }: ModuleGen): CodeBlockWriter {
  const getters = g.writer();
  const done = new Set<string>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const [name, fn] of [...g.constantDefs]) {
      if (done.has(name)) continue;
      done.add(name);
      progress = true;
      const def = defs.get(name);
      if (def === undefined)
        throw new Error(`internal error: constant-level definition ${name} is not in the module`);
      const code = g.val(def.body, g.rootEnv(name)).c;
      getters.writeLine(`let m_${fn}: Value | undefined;`);
      getters.write(`function ${fn}(): Value`).block(() => {
        getters.write(`if (m_${fn} === undefined)`).block(() => {
          getters.write('try').block(() => getters.writeLine(`m_${fn} = ${code};`));
          getters
            .write('catch (err)')
            .block(() => getters.writeLine(`throw rt.named(err, ${lit(name)});`));
        });
        getters.writeLine(`return m_${fn};`);
      });
    }
  }
  return getters;
}
