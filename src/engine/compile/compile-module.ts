// Compiles a TlaModule into a TypeScript module (built with ts-morph) and its JavaScript, which
// implement the engine's ExecutableModule exactly as the interpreter does. Pure: same tree, same
// bytes; writes no files (load.ts does). The generated code imports nothing: it receives the
// runtime (runtime.ts) as an argument, so it loads from any folder.

import {
  Project,
  StructureKind,
  VariableDeclarationKind,
  ts,
  type CodeBlockWriter,
} from 'ts-morph';
import { at } from '../../source/checked-index.js';
import { printTla } from '../../tla/print.js';
import type { TlaDef, TlaExpr, TlaModule } from '../../tla/tla-ast.js';
import { CodeGen } from './gen-code.js';
import { CompileError, type Env, type K } from './gen-types.js';
import { actionGuard } from '../evaluation/action-guard.js';
import { splitAction } from '../evaluation/action-split.js';
import { fairnessStepParts } from '../evaluation/fairness-steps.js';
import { hashTlaText, headerLines } from './header.js';

export { CompileError } from './gen-types.js';

/** The generated module in both languages, and the hash of the TLA+ text it came from. */
export interface CompiledModule {
  readonly moduleName: string;
  readonly hash: string;
  readonly typescript: string;
  readonly javascript: string;
}

/**
 * Generates the module. `sourceText` is the TLA+ text the tree was printed as (its hash goes
 * in the header); by default the tree is printed here. Throws CompileError naming the
 * construct when the tree holds something outside the fragment.
 */
export function compileModule(
  module: TlaModule,
  options: { sourceText?: string } = {},
): CompiledModule {
  try {
    return compileUnguarded(module, options);
  } catch (e) {
    // Code generation and the TypeScript compiler recurse on the expression tree; a legal but
    // very deep expression (a long chain of `+`) exhausts the stack. The interpreter takes it.
    if (e instanceof RangeError)
      throw new CompileError(`module ${module.name} nests too deeply for the engine compiler`);
    throw e;
  }
}

function compileUnguarded(module: TlaModule, options: { sourceText?: string }): CompiledModule {
  // Generate first: a tree outside the fragment is refused here, by construct and definition.
  const instantiate = new CodeGen(module).writer();
  writeInstantiate(module, instantiate);
  const hash = hashTlaText(options.sourceText ?? printTla(module).text);
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const file = project.createSourceFile(`/${module.name}.ts`, {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        isTypeOnly: true,
        moduleSpecifier: 'credspec/engine-runtime',
        namedImports: [
          'CompiledRuntime',
          'CompiledSelection',
          'ExecutableModule',
          'FairnessInstance',
          'State',
          'StatePredicate',
          'SuccessorSink',
          'TemporalForm',
          'TemporalProperty',
          'Value',
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ['The TLA+ module this file was generated from.'],
        declarations: [{ name: 'moduleName', initializer: JSON.stringify(module.name) }],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ['Content hash of the TLA+ text this file was generated from.'],
        declarations: [{ name: 'sourceHash', initializer: JSON.stringify(hash) }],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'createModule',
        docs: [
          'Binds the runtime; the result instantiates the module for constant values and a configuration selection.',
        ],
        parameters: [{ name: 'rt', type: 'CompiledRuntime' }],
        returnType:
          '(constants: ReadonlyMap<string, Value>, selection?: CompiledSelection) => ExecutableModule',
        statements: (w) => {
          w.write(
            'return function instantiate(constants: ReadonlyMap<string, Value>, selection?: CompiledSelection): ExecutableModule',
          ).block(() => {
            w.write(instantiate.toString());
          });
          w.write(';');
        },
      },
    ],
  });
  const header = headerLines(module.name, hash)
    .map((l) => `// ${l}`)
    .join('\n');
  const typescript = `${header}\n\n${file.getFullText()}`;
  const out = ts.transpileModule(typescript, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      removeComments: false,
      sourceMap: false,
    },
    reportDiagnostics: false,
  });
  const javascript = out.outputText.startsWith(header)
    ? out.outputText
    : `${header}\n${out.outputText}`;
  return { moduleName: module.name, hash, typescript, javascript };
}

const lit = (s: string): string => JSON.stringify(s);

/** The body of `instantiate`: constants, Init, actions, predicates, properties, fairness, symmetry. */
function writeInstantiate(module: TlaModule, out: CodeBlockWriter): void {
  const g = new CodeGen(module);
  const roles = module.roles;
  const defs = new Map(module.defs.map((d) => [d.name, d]));
  const need = (name: string, what: string): TlaDef => {
    const d = defs.get(name);
    if (d === undefined)
      throw new CompileError(`The ${what} ${name} is not defined in module ${module.name}.`);
    return d;
  };
  const definedNames = `[${module.defs.map((d) => lit(d.name)).join(', ')}]`;
  const missingVar = (part: string) => (v: string) =>
    `new rt.EvalError(${lit(`Successor state is not completely specified by action ${part} of the next-state relation. The following variable is not assigned: ${v}.`)}, ${lit(part)})`;

  // The main code first, into its own writer: it discovers the constant-level definitions
  // whose getters must be declared before anything runs.
  const w = g.writer();

  // --- Init
  const initDef = need(roles.init, 'initial predicate');
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

  // --- Actions, in roles.actions order; each split into the parts TLC names steps after.
  const actionInfos: string[] = [];
  roles.actions.forEach((ref, ai) => {
    const def = need(ref.def, 'action');
    const params = `P_${ai}`;
    if (ref.param !== undefined) {
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
    } else {
      w.writeLine(`const ${params}: readonly Value[] = [];`);
    }
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
          w.write('catch (err)').block(() =>
            w.writeLine(`throw rt.named(err, ${lit(part.name)});`),
          );
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
    actionInfos.push(
      `{ name: ${lit(def.name)}, paramName: ${ref.param === undefined ? 'undefined' : lit(ref.param.name)}, paramValues: ${params}, subActions: [${parts.map((p) => lit(p.name)).join(', ')}]${guardText(actionGuard(module, ref))} }`,
    );
  });
  w.writeLine(
    `const successorFns = [${roles.actions.map((_, ai) => `successors_${ai}`).join(', ')}];`,
  );

  // --- State predicates: invariants and covers (the message says which, as the interpreter's does).
  // Configurations may name any state predicate or property, not only the ones roles list.
  const candidates = module.defs.filter(
    (d) =>
      d.params.length === 0 &&
      ![roles.init, roles.next, roles.spec, roles.vars].includes(d.name) &&
      !roles.actions.some((a) => a.def === d.name),
  );
  const levels = new Map(candidates.map((d) => [d.name, levelOf(d.body, g)]));
  const predicateNames = unique([
    ...roles.invariants,
    ...roles.covers,
    ...candidates.filter((d) => levels.get(d.name) === 'state').map((d) => d.name),
  ]);
  w.write('const statePredicates: Record<string, (kind: string) => StatePredicate> =').block(() => {
    for (const name of predicateNames) {
      const def = need(name, 'invariant');
      const code = g.val(def.body, g.rootEnv(name)).c;
      w.write(`${lit(name)}: (kind: string): StatePredicate => (`).block(() => {
        w.writeLine(`name: ${lit(name)},`);
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

  // --- The vars tuple as a function of a state (action properties and fairness compare it).
  // Declared ahead of the main code (they are first needed inside object literals).
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

  // --- Properties: [][A]_vars ones become action predicates, the others temporal forms.
  const propertyNames = unique([
    ...roles.actionProperties,
    ...roles.temporalProperties,
    ...candidates.filter((d) => levels.get(d.name) === 'temporal').map((d) => d.name),
  ]);
  w.write(
    'const properties: Record<string, () => { kind: "action"; p: { name: string; holds(s: State, t: State): boolean } } | { kind: "temporal"; p: TemporalProperty }> =',
  ).block(() => {
    for (const name of propertyNames) {
      const def = need(name, 'property');
      const body = resolveZeroArg(def.body, g);
      if (body.kind === 'TlaBoxAction') {
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
      } else {
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

  // --- Fairness of Spec.
  const specDef = need(roles.spec, 'specification');
  w.write('function readFairness(): FairnessInstance[]').block(() => {
    w.writeLine('const fairness: FairnessInstance[] = [];');
    writeFairness(g, module, specDef.body, g.rootEnv(roles.spec), [], roles.spec, w, varsOf);
    w.writeLine('return fairness;');
  });

  // --- Symmetry.
  w.write('function readSymmetry(): ReadonlyMap<Value, Value>[]').block(() => {
    if (roles.symmetry === undefined) {
      w.writeLine('return [];');
      return;
    }
    const def = need(roles.symmetry, 'symmetry set');
    w.write('try').block(() =>
      w.writeLine(
        `return rt.permutationsOf(${g.val(def.body, g.rootEnv(def.name)).c}, ${lit(def.name)});`,
      ),
    );
    w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(def.name)});`));
  });

  // --- Assemble, picking what the configuration selects (the roles by default).
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
    w.writeLine('symmetry: sel.symmetry === undefined ? undefined : (readSymmetry() as never),');
  });
  w.write(';').newLine();

  // Constants, then the getters of constant-level definitions (found while generating, and
  // while generating each other), then the main code.
  for (const c of module.constants)
    out.writeLine(`const ${g.constName(c.name)}: Value = rt.constant(constants, ${lit(c.name)});`);
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
  for (const [key, name] of g.recordShapes)
    out.writeLine(`const ${name} = rt.recordShape(${key});`);
  out.write(getters.toString());
  out.write(pre.toString());
  out.write(w.toString());
}

/**
 * What a definition can serve as: a state predicate, a temporal formula (or `[][A]_vars`),
 * or an action (mentions primes); definitions it uses count as part of it.
 */
function levelOf(e: TlaExpr, g: CodeGen): 'state' | 'action' | 'temporal' {
  let level: 'state' | 'action' | 'temporal' = 'state';
  const seen = new Set<string>();
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const i of x) visit(i);
      return;
    }
    const n = x as TlaExpr;
    // ENABLED A is a state predicate whatever A mentions.
    if (n.kind === 'TlaUnary' && n.op === 'ENABLED') return;
    if (
      n.kind === 'TlaTemporal' ||
      n.kind === 'TlaBoxAction' ||
      n.kind === 'TlaFairness' ||
      (n.kind === 'TlaBinary' && n.op === '~>')
    )
      level = 'temporal';
    else if ((n.kind === 'TlaPrimed' || n.kind === 'TlaUnchanged') && level === 'state')
      level = 'action';
    const ref = n.kind === 'TlaApply' ? n.op : n.kind === 'TlaName' ? n.name : undefined;
    if (ref !== undefined && !seen.has(ref)) {
      seen.add(ref);
      const d = g.tables.defs.get(ref);
      if (d !== undefined) visit(d.body);
    }
    for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
  };
  visit(e);
  return level;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** Follows zero-argument definition names to the expression they stand for (as the interpreter does). */
function resolveZeroArg(e: TlaExpr, g: CodeGen): TlaExpr {
  let x = e;
  for (let guard = 0; guard < 100; guard++) {
    if (
      x.kind === 'TlaName' &&
      !g.tables.variableIndex.has(x.name) &&
      !g.tables.constants.has(x.name)
    ) {
      const d = g.tables.defs.get(x.name);
      if (d !== undefined && d.params.length === 0) {
        x = d.body;
        continue;
      }
    }
    return x;
  }
  return x;
}

/** A state predicate of a temporal property as an arrow function. */
function temporalPredicate(g: CodeGen, name: string, e: TlaExpr, env: Env): string {
  const code = g.val(e, env).c;
  const w = g.writer();
  w.write('(cur: State): boolean =>').block(() => {
    w.write('try').block(() => {
      w.writeLine(`const v: Value = ${code};`);
      w.writeLine(
        `if (typeof v !== 'boolean') throw new rt.EvalError(\`The property ${name} has a non-boolean state predicate: \${rt.formatValue(v)}.\`, ${lit(name)});`,
      );
      w.writeLine('return v;');
    });
    w.write('catch (err)').block(() => w.writeLine(`throw rt.named(err, ${lit(name)});`));
  });
  return w.toString().trim();
}

/**
 * Emits the statements that fill `instances` for a temporal property: conjunctions, `\A` over
 * constant sets (one instance per value, labelled `Name(v)`), applications with constant
 * arguments, and the forms <>P, []P, []<>P, <>[]P, P ~> Q.
 */
function writeTemporal(
  g: CodeGen,
  name: string,
  e0: TlaExpr,
  env: Env,
  label: string,
  w: CodeBlockWriter,
): void {
  const e = resolveZeroArg(e0, g);
  const push = (form: string): void =>
    void w.writeLine(`instances.push({ label: ${label}, form: ${form} });`);
  if (e.kind === 'TlaJunction' && e.op === '/\\') {
    for (const it of e.items) writeTemporal(g, name, it, env, label, w);
    return;
  }
  if (e.kind === 'TlaApply') {
    const def = g.tables.defs.get(e.op);
    if (def === undefined) throw new CompileError(`Unknown operator ${e.op} in property ${name}.`);
    let env2 = g.rootEnv(name);
    w.write('').block(() => {
      def.params.forEach((p, i) => {
        const v = g.fresh(`arg_${p}`);
        w.writeLine(
          `const ${v}: Value = ${g.val(at(e.args, i, `an argument of ${e.op}`), env).c};`,
        );
        env2 = g.withName(env2, p, { kind: 'js', code: v, t: 'any' });
      });
      writeTemporal(g, name, def.body, env2, label, w);
    });
    return;
  }
  if (e.kind === 'TlaQuant' && e.quantifier === '\\A') {
    const s = g.fresh('s');
    w.write('').block(() => {
      w.writeLine(`const ${s}: Value = ${g.val(e.set, env).c};`);
      w.writeLine(
        `if (!(${s} instanceof rt.SetValue)) throw new rt.EvalError(${lit(`The bound set in property ${name} is not a set.`)}, ${lit(name)});`,
      );
      let env2 = env;
      const vs = e.variables.map((v) => {
        const b = g.fresh(`b_${v}`);
        env2 = g.withName(env2, v, { kind: 'js', code: b, t: 'any' });
        return b;
      });
      const loops = (i: number): void => {
        if (i === vs.length) {
          writeTemporal(
            g,
            name,
            e.body,
            env2,
            `${label} + "(" + [${vs.join(', ')}].map(rt.formatValue).join(", ") + ")"`,
            w,
          );
          return;
        }
        w.write(`for (const ${vs[i]} of ${s}.elems)`).block(() => loops(i + 1));
      };
      loops(0);
    });
    return;
  }
  if (e.kind === 'TlaBinary' && e.op === '~>') {
    push(
      `{ kind: "leads-to", p: ${temporalPredicate(g, name, e.left, env)}, q: ${temporalPredicate(g, name, e.right, env)} }`,
    );
    return;
  }
  if (e.kind === 'TlaTemporal') {
    const inner = resolveZeroArg(e.operand, g);
    if (e.op === '<>' && inner.kind === 'TlaTemporal' && inner.op === '[]')
      push(`{ kind: "eventually-always", p: ${temporalPredicate(g, name, inner.operand, env)} }`);
    else if (e.op === '[]' && inner.kind === 'TlaTemporal' && inner.op === '<>')
      push(`{ kind: "always-eventually", p: ${temporalPredicate(g, name, inner.operand, env)} }`);
    else if (e.op === '<>')
      push(`{ kind: "eventually", p: ${temporalPredicate(g, name, e.operand, env)} }`);
    else push(`{ kind: "always", p: ${temporalPredicate(g, name, e.operand, env)} }`);
    return;
  }
  w.writeLine(
    `throw new rt.EvalError(${lit(`The property ${name} is not one of the temporal forms <>P, []P, []<>P, <>[]P, P ~> Q.`)}, ${lit(name)});`,
  );
}

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
function writeFairness(
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
    const s = g.fresh('s');
    w.write('').block(() => {
      w.writeLine(`const ${s}: Value = ${g.val(e.set, env).c};`);
      w.writeLine(
        `if (!(${s} instanceof rt.SetValue)) throw new rt.EvalError(${lit('A fairness quantifier does not range over a set.')}, ${lit(spec)});`,
      );
      let env2 = env;
      const b2 = [...binds];
      const vs = e.variables.map((v) => {
        const b = g.fresh(`b_${v}`);
        env2 = g.withName(env2, v, { kind: 'js', code: b, t: 'any' });
        b2.push({ name: v, js: b });
        return b;
      });
      const loops = (i: number): void => {
        if (i === vs.length) {
          writeFairness(g, module, e.body, env2, b2, spec, w, varsOf);
          return;
        }
        w.write(`for (const ${vs[i]} of ${s}.elems)`).block(() => loops(i + 1));
      };
      loops(0);
    });
    return;
  }
  if (e.kind !== 'TlaFairness') return;
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

function guardText(guard: { variable: number; label: string } | undefined): string {
  return guard === undefined
    ? ''
    : `, guard: { variable: ${guard.variable}, label: ${lit(guard.label)} }`;
}
