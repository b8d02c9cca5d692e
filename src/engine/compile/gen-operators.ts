// The code of built-in and binary operators (gen-value.ts), one entry per operator over operand
// code already generated: same-typed integers and strings compare and add in plain JS, anything
// else calls the runtime (runtime.ts), which checks types as TLC does.

import { CompileError, lit, type Code, type Env, type Ty } from './gen-types.js';

/** The runtime function and result type of the built-ins, by operator. */
const builtins: ReadonlyMap<string, (a: readonly string[]) => Code> = new Map<
  string,
  (a: readonly string[]) => Code
>([
  ['Len', (a) => ({ c: `rt.len(${a[0]})`, t: 'int' })],
  ['Append', (a) => ({ c: `rt.append(${a[0]}, ${a[1]})`, t: 'any' })],
  ['Head', (a) => ({ c: `rt.head(${a[0]})`, t: 'any' })],
  ['Tail', (a) => ({ c: `rt.tail(${a[0]})`, t: 'any' })],
  ['Cardinality', (a) => ({ c: `rt.card(${a[0]})`, t: 'int' })],
  ['DOMAIN', (a) => ({ c: `rt.domain(${a[0]})`, t: 'any' })],
  ['SUBSET', (a) => ({ c: `rt.subset(${a[0]})`, t: 'any' })],
  ['Permutations', (a) => ({ c: `rt.perms(${a[0]})`, t: 'any' })],
  ['Assert', (a) => ({ c: `rt.assert(${a[0]}, () => ${a[1]})`, t: 'bool' })],
]);

/** The code of built-in `op` over its arguments' code. */
export function builtinCode(op: string, args: readonly string[], env: Env): Code {
  const f = builtins.get(op);
  if (f === undefined)
    throw new CompileError(
      `The built-in operator ${op} (in ${env.def}) is outside the fragment credspec emits.`,
    );
  return f(args);
}

/** Operators that always call the runtime: its function name and result type. */
const runtimeCalls: ReadonlyMap<string, readonly [string, Ty]> = new Map<
  string,
  readonly [string, Ty]
>([
  ['*', ['mul', 'int']],
  ['\\div', ['div', 'int']],
  ['%', ['mod', 'int']],
  ['<=>', ['equiv', 'bool']],
  ['\\in', ['in', 'bool']],
  ['\\notin', ['notin', 'bool']],
  ['\\subseteq', ['subseteq', 'bool']],
  ['\\cup', ['cup', 'any']],
  ['\\cap', ['cap', 'any']],
  ['\\', ['minus', 'any']],
  ['..', ['range', 'any']],
  ['\\o', ['concat', 'any']],
  [':>', ['single', 'any']],
  ['@@', ['merge', 'any']],
]);

/** Operators written in plain JS on two integers, else a runtime call: JS form, function, type. */
type FastPath = readonly [(l: string, r: string) => string, string, Ty];
const integerFastPaths: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['<', [(l, r) => `(${l} < ${r})`, 'lt', 'bool']],
  ['<=', [(l, r) => `(${l} <= ${r})`, 'le', 'bool']],
  ['>', [(l, r) => `(${l} > ${r})`, 'gt', 'bool']],
  ['>=', [(l, r) => `(${l} >= ${r})`, 'ge', 'bool']],
  ['+', [(l, r) => `rt.ci(${l} + ${r})`, 'add', 'int']],
  ['-', [(l, r) => `rt.ci(${l} - ${r})`, 'sub', 'int']],
]);

/**
 * `=` and `#`: same-kind values compare directly; a string literal on one side takes a short
 * path; anything else goes through TLC's equality rules.
 */
function equalityCode(op: string, l: Code, r: Code): Code {
  let c: string;
  if (
    (l.t === 'str' && r.t === 'str') ||
    (l.t === 'int' && r.t === 'int') ||
    (l.t === 'bool' && r.t === 'bool')
  )
    c = `(${l.c} === ${r.c})`;
  else if (r.t === 'str') c = `rt.eqs(${l.c}, ${r.c})`;
  else if (l.t === 'str') c = `rt.eqsl(${l.c}, ${r.c})`;
  else c = `rt.eq(${l.c}, ${r.c})`;
  return { c: op === '=' ? c : `!${c}`, t: 'bool' };
}

/** The code of `l op r` over the operands' code. */
export function binaryCode(op: string, l: Code, r: Code, env: Env): Code {
  if (op === '=' || op === '#') return equalityCode(op, l, r);
  const fast = integerFastPaths.get(op);
  if (fast !== undefined) {
    const [js, fn, t] = fast;
    return l.t === 'int' && r.t === 'int'
      ? { c: js(l.c, r.c), t }
      : { c: `rt.${fn}(${l.c}, ${r.c})`, t };
  }
  const call = runtimeCalls.get(op);
  if (call !== undefined) return { c: `rt.${call[0]}(${l.c}, ${r.c})`, t: call[1] };
  if (op === '=>') return { c: `rt.implies(${l.c}, () => ${r.c})`, t: 'bool' };
  if (op === '~>')
    return {
      c: `rt.fail(${lit('A temporal formula (~>) cannot be evaluated in a state.')})`,
      t: 'any',
    };
  throw new CompileError(
    `The operator ${op} (in ${env.def}) is outside the fragment credspec emits.`,
  );
}
