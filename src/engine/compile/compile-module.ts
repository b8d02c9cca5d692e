// Compiles a TlaModule into a TypeScript module (built with ts-morph) and its JavaScript, which
// implement the engine's ExecutableModule exactly as the interpreter does. Pure: same tree, same
// bytes; writes no files (load.ts does). The generated code imports nothing: it receives the
// runtime (runtime.ts) as an argument, so it loads from any folder.

import {
  Project,
  StructureKind,
  type StatementStructures,
  VariableDeclarationKind,
  ts,
} from 'ts-morph';
import { printTla } from '../../tla/print.js';
import type { TlaModule } from '../../tla/tla-ast.js';
import { CodeGen } from './gen-code.js';
import { CompileError } from './gen-types.js';
import { writeInstantiate } from './gen-instantiate.js';
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
    statements: moduleStatements(module.name, hash, instantiate.toString()),
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

/** The generated file: its runtime types, its name and source hash, and `createModule`. */
function moduleStatements(
  moduleName: string,
  hash: string,
  instantiate: string,
): StatementStructures[] {
  return [
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
        'SymmetryGroup',
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
      declarations: [{ name: 'moduleName', initializer: JSON.stringify(moduleName) }],
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
          w.write(instantiate);
        });
        w.write(';');
      },
    },
  ];
}
