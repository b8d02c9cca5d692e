// What every part of the generated `instantiate` needs: the code generator and the module's
// definitions by name.

import type { TlaDef, TlaModule } from '../../tla/tla-ast.js';
import { CodeGen } from './gen-code.js';
import { CompileError } from './gen-types.js';

export interface ModuleGen {
  readonly g: CodeGen;
  readonly module: TlaModule;
  readonly defs: ReadonlyMap<string, TlaDef>;
  /** The definition `name`, or a CompileError saying which role (`what`) it was needed for. */
  need(name: string, what: string): TlaDef;
}

export function moduleGen(module: TlaModule): ModuleGen {
  const defs = new Map(module.defs.map((d) => [d.name, d]));
  return {
    g: new CodeGen(module),
    module,
    defs,
    need(name, what) {
      const d = defs.get(name);
      if (d === undefined)
        throw new CompileError(`The ${what} ${name} is not defined in module ${module.name}.`);
      return d;
    },
  };
}
