// Random integer and boolean TLA+ expressions with their values, for checking that printed
// parentheses keep the tree's meaning (TLC evaluates the text; the tree's value is known here).
// Takes a fast-check seed; returns trees and values; evaluates with TLC's integer rules.

import fc from 'fast-check';
import type { TlaBinaryOp, TlaExpr } from '../../src/tla/tla-ast.js';

type Env = ReadonlyMap<string, number>;
type Val = number | boolean;

/** The value of an int/bool tree under TLC's rules (\div and % round towards minus infinity). */
export function evalSmall(e: TlaExpr, env: Env = new Map()): Val {
  switch (e.kind) {
    case 'TlaNum':
    case 'TlaBool':
      return e.value;
    case 'TlaName':
      return env.get(e.name)!;
    case 'TlaUnary':
      return e.op === '~' ? !evalSmall(e.operand, env) : -(evalSmall(e.operand, env) as number);
    case 'TlaJunction':
      return e.op === '/\\'
        ? e.items.every((i) => evalSmall(i, env))
        : e.items.some((i) => evalSmall(i, env));
    case 'TlaIf':
      return evalSmall(e.cond, env) ? evalSmall(e.then, env) : evalSmall(e.else, env);
    case 'TlaQuant': {
      const set = setOf(e.set);
      const test = (v: number) =>
        evalSmall(e.body, new Map(env).set(e.variables[0]!, v)) as boolean;
      return e.quantifier === '\\E' ? set.some(test) : set.every(test);
    }
    case 'TlaBinary': {
      const a = evalSmall(e.left, env);
      const b = evalSmall(e.right, env);
      const x = a as number;
      const y = b as number;
      const ops: Partial<Record<TlaBinaryOp, () => Val>> = {
        '+': () => x + y,
        '-': () => x - y,
        '*': () => x * y,
        '\\div': () => Math.floor(x / y),
        '%': () => ((x % y) + y) % y,
        '<': () => x < y,
        '<=': () => x <= y,
        '>': () => x > y,
        '>=': () => x >= y,
        '=': () => a === b,
        '#': () => a !== b,
        '=>': () => !a || (b as boolean),
        '<=>': () => a === b,
      };
      return ops[e.op]!();
    }
    default:
      throw new Error(`evalSmall: ${e.kind}`);
  }
}

function setOf(e: TlaExpr): number[] {
  if (
    e.kind !== 'TlaBinary' ||
    e.op !== '..' ||
    e.left.kind !== 'TlaNum' ||
    e.right.kind !== 'TlaNum'
  )
    throw new Error('evalSmall: set');
  const out: number[] = [];
  for (let i = e.left.value; i <= e.right.value; i++) out.push(i);
  return out;
}

const bin =
  (op: TlaBinaryOp) =>
  ([left, right]: [TlaExpr, TlaExpr]): TlaExpr => ({ kind: 'TlaBinary', op, left, right });

/** Arbitrary int and bool trees over arithmetic, comparison, logic, IF and \E/\A over 0..2. */
export function smallExprArbitraries(vars: readonly string[]): {
  int: fc.Arbitrary<TlaExpr>;
  bool: fc.Arbitrary<TlaExpr>;
} {
  const { int, bool } = fc.letrec<{ int: TlaExpr; bool: TlaExpr }>((tie) => {
    const i = tie('int');
    const b = tie('bool');
    const leafInt = fc.oneof(
      fc.integer({ min: -3, max: 5 }).map((value): TlaExpr => ({ kind: 'TlaNum', value })),
      ...(vars.length > 0
        ? [fc.constantFrom(...vars).map((name): TlaExpr => ({ kind: 'TlaName', name }))]
        : []),
    );
    const divisor = fc
      .integer({ min: 1, max: 4 })
      .map((value): TlaExpr => ({ kind: 'TlaNum', value }));
    return {
      int: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leafInt,
        fc.tuple(i, i).map(bin('+')),
        fc.tuple(i, i).map(bin('-')),
        fc.tuple(i, i).map(bin('*')),
        fc.tuple(i, divisor).map(bin('\\div')),
        fc.tuple(i, divisor).map(bin('%')),
        i.map((operand): TlaExpr => ({ kind: 'TlaUnary', op: '-', operand })),
        fc
          .tuple(b, i, i)
          .map(([cond, then, els]): TlaExpr => ({ kind: 'TlaIf', cond, then, else: els })),
      ),
      bool: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.boolean().map((value): TlaExpr => ({ kind: 'TlaBool', value })),
        fc.tuple(i, i).map(bin('<')),
        fc.tuple(i, i).map(bin('<=')),
        fc.tuple(i, i).map(bin('=')),
        fc.tuple(i, i).map(bin('#')),
        fc.tuple(b, b).map(bin('=')),
        fc.tuple(b, b).map(bin('=>')),
        fc.tuple(b, b).map(bin('<=>')),
        b.map((operand): TlaExpr => ({ kind: 'TlaUnary', op: '~', operand })),
        fc
          .array(b, { minLength: 2, maxLength: 3 })
          .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '/\\', items })),
        fc
          .array(b, { minLength: 2, maxLength: 3 })
          .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '\\/', items })),
        fc.tuple(fc.constantFrom<'\\E' | '\\A'>('\\E', '\\A'), b).map(
          ([quantifier, body]): TlaExpr => ({
            kind: 'TlaQuant',
            quantifier,
            variables: ['q'],
            set: {
              kind: 'TlaBinary',
              op: '..',
              left: { kind: 'TlaNum', value: 0 },
              right: { kind: 'TlaNum', value: 2 },
            },
            body: {
              kind: 'TlaJunction',
              op: '/\\',
              items: [
                body,
                {
                  kind: 'TlaBinary',
                  op: '<=',
                  left: { kind: 'TlaName', name: 'q' },
                  right: { kind: 'TlaNum', value: 2 },
                },
              ],
            },
          }),
        ),
      ),
    };
  });
  return { int, bool };
}
