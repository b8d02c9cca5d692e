// Generates temporal properties: the statements that fill a property's `instances` with the
// forms the liveness checker judges, and the state predicates inside them.

import type { CodeBlockWriter } from 'ts-morph';
import { at } from '../../source/checked-index.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
import type { CodeGen } from './gen-code.js';
import { resolveZeroArg } from './gen-levels.js';
import { CompileError, type Env, lit } from './gen-types.js';
import { writeBoundLoops } from './module-gen.js';

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
export function writeTemporal(
  g: CodeGen,
  name: string,
  e0: TlaExpr,
  env: Env,
  label: string,
  w: CodeBlockWriter,
): void {
  const e = resolveZeroArg(e0, g);
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
    const notSet = { message: `The bound set in property ${name} is not a set.`, definition: name };
    writeBoundLoops(g, e, env, notSet, w, (inner, names) =>
      writeTemporal(
        g,
        name,
        e.body,
        inner,
        `${label} + "(" + [${names.join(', ')}].map(rt.formatValue).join(", ") + ")"`,
        w,
      ),
    );
    return;
  }
  const form = formCode(g, name, e, env);
  if (form !== undefined) {
    w.writeLine(`instances.push({ label: ${label}, form: ${form} });`);
    return;
  }
  w.writeLine(
    `throw new rt.EvalError(${lit(`The property ${name} is not one of the temporal forms <>P, []P, []<>P, <>[]P, P ~> Q.`)}, ${lit(name)});`,
  );
}

/** The TemporalForm of `e` (<>P, []P, []<>P, <>[]P or P ~> Q), undefined for any other formula. */
function formCode(g: CodeGen, name: string, e: TlaExpr, env: Env): string | undefined {
  if (e.kind === 'TlaBinary' && e.op === '~>')
    return `{ kind: "leads-to", p: ${temporalPredicate(g, name, e.left, env)}, q: ${temporalPredicate(g, name, e.right, env)} }`;
  if (e.kind !== 'TlaTemporal') return undefined;
  const inner = resolveZeroArg(e.operand, g);
  if (e.op === '<>' && inner.kind === 'TlaTemporal' && inner.op === '[]')
    return `{ kind: "eventually-always", p: ${temporalPredicate(g, name, inner.operand, env)} }`;
  if (e.op === '[]' && inner.kind === 'TlaTemporal' && inner.op === '<>')
    return `{ kind: "always-eventually", p: ${temporalPredicate(g, name, inner.operand, env)} }`;
  if (e.op === '<>')
    return `{ kind: "eventually", p: ${temporalPredicate(g, name, e.operand, env)} }`;
  return `{ kind: "always", p: ${temporalPredicate(g, name, e.operand, env)} }`;
}
