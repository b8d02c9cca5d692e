import {
  app,
  bin,
  caseOf,
  choose,
  def,
  eq,
  exists,
  forall,
  ite,
  letIn,
  not,
  set,
  str,
} from './tla-builders.js';

import { evalExpr } from './eval-expr.js';

describe('values of expressions', () => {
  test('quantifiers, CHOOSE, IF, CASE, LET, operators with arguments', () => {
    expect(evalExpr(forall(['a', 'b'], set(1, 2), bin('<=', bin('+', 'a', 'b'), 4)))).toBe('TRUE');
    expect(evalExpr(exists('a', set(1, 2), eq('a', 3)))).toBe('FALSE');
    expect(evalExpr(choose('a', bin('..', 1, 9), bin('>', bin('*', 'a', 'a'), 10)))).toBe('4');
    expect(evalExpr(ite(bin('>', 1, 2), str('y'), str('n')))).toBe('"n"');
    expect(
      evalExpr(
        caseOf(
          [
            [false, 1],
            [true, 2],
          ],
          3,
        ),
      ),
    ).toBe('2');
    expect(evalExpr(caseOf([[false, 1]], 3))).toBe('3');
    expect(
      evalExpr(
        letIn(
          [
            ['a', 2],
            ['b', bin('*', 'a', 3)],
          ],
          bin('+', 'a', 'b'),
        ),
      ),
    ).toBe('8');
    expect(evalExpr(app('Twice', 21), [def('Twice', ['n'], bin('*', 'n', 2))])).toBe('42');
    expect(evalExpr(bin('%', -3, 5))).toBe('2');
    expect(evalExpr(bin('\\div', -3, 2))).toBe('-2');
    expect(evalExpr(not(bin('=>', true, false)))).toBe('TRUE');
  });
});
