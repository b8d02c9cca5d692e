// What every part of the generated `instantiate` needs: the code generator, the module's
// definitions by name, and the loops a `\A` over a property or fairness conjunct becomes.

import type { CodeBlockWriter } from 'ts-morph';
import type { TlaDef, TlaModule, TlaQuant } from '../../tla/tla-ast.js';
import { CodeGen } from './gen-code.js';
import { CompileError, type Env, lit } from './gen-types.js';

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

/**
 * Writes `\A x, y \in S : body` as one block of nested loops over the elements of S, which must
 * be a set (else `notSet`, an EvalError in `definition`). `body` writes the innermost statement,
 * given the scope with each variable bound and the JS names of the variables, in order.
 */
export function writeBoundLoops(
  g: CodeGen,
  e: TlaQuant,
  env: Env,
  notSet: { readonly message: string; readonly definition: string },
  w: CodeBlockWriter,
  body: (inner: Env, names: readonly string[]) => void,
): void {
  const s = g.fresh('s');
  w.write('').block(() => {
    w.writeLine(`const ${s}: Value = ${g.val(e.set, env).c};`);
    w.writeLine(
      `if (!(${s} instanceof rt.SetValue)) throw new rt.EvalError(${lit(notSet.message)}, ${lit(notSet.definition)});`,
    );
    let inner = env;
    const names = e.variables.map((v) => {
      const b = g.fresh(`b_${v}`);
      inner = g.withName(inner, v, { kind: 'js', code: b, t: 'any' });
      return b;
    });
    const loops = (i: number): void => {
      if (i === names.length) {
        body(inner, names);
        return;
      }
      w.write(`for (const ${names[i]} of ${s}.elems)`).block(() => loops(i + 1));
    };
    loops(0);
  });
}
