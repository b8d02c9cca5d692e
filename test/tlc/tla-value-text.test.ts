// TLA+ value text as TLC prints it, read into TlaValue: every form TLC uses, wrapped values,
// action arguments, and text that is not a value (reported with its offset, never thrown).
import { describe, expect, test } from '@jest/globals';
import { parseTlaArgumentsText, parseTlaValueText } from '../../src/tlc/tla-value-text.js';
import { readActionLabel, readPrintedState } from '../../src/tlc/read-trace-state.js';
import { readActionParameters, readConfigProperties } from '../../src/tlc/module-facts.js';

const ok = (text: string) => {
  const r = parseTlaValueText(text);
  if (!r.ok) throw new Error(`${r.error} at ${r.offset}`);
  return r.value;
};
const mv = (name: string) => ({ '#mv': name });

describe('TLA+ value text', () => {
  test('scalars', () => {
    expect(ok('0')).toBe(0);
    expect(ok('-2')).toBe(-2);
    expect(ok('TRUE')).toBe(true);
    expect(ok('FALSE')).toBe(false);
    expect(ok('"load"')).toBe('load');
    expect(ok('"s\\"q\\\\n"')).toBe('s"q\\n');
    expect(ok('"tab\\there"')).toBe('tab\there');
    expect(ok('t1')).toEqual(mv('t1'));
    expect(ok('NoThread')).toEqual(mv('NoThread'));
    expect(ok('123456789012345678901234567890')).toEqual({
      '#bigint': '123456789012345678901234567890',
    });
  });

  test('sets, sequences, records, functions, intervals', () => {
    expect(ok('{}')).toEqual({ '#set': [] });
    expect(ok('{t1, t2}')).toEqual({ '#set': [mv('t1'), mv('t2')] });
    expect(ok('{{}, {1}, {1, 2}}')).toEqual({
      '#set': [{ '#set': [] }, { '#set': [1] }, { '#set': [1, 2] }],
    });
    expect(ok('<<>>')).toEqual([]);
    expect(ok('<< >>')).toEqual([]);
    expect(ok('<<1, -2, TRUE, {}, <<>>>>')).toEqual([1, -2, true, { '#set': [] }, []]);
    expect(ok('[tmp |-> 0, stores |-> 0]')).toEqual({ tmp: 0, stores: 0 });
    expect(ok('[f |-> [g |-> {a}], h |-> (a :> 1)]')).toEqual({
      f: { g: { '#set': [mv('a')] } },
      h: { '#map': [[mv('a'), 1]] },
    });
    expect(ok('(t1 :> "load" @@ t2 :> "store")')).toEqual({
      '#map': [
        [mv('t1'), 'load'],
        [mv('t2'), 'store'],
      ],
    });
    expect(ok('(2 :> 2 @@ 5 :> 5)')).toEqual({
      '#map': [
        [2, 2],
        [5, 5],
      ],
    });
    expect(ok('1..3')).toEqual({ '#set': [1, 2, 3] });
    expect(ok('{<<2>>}')).toEqual({ '#set': [[2]] });
  });

  test('a value wrapped over lines, as TLC prints long functions', () => {
    const text =
      '( t1 :> [tmp |-> 0, stores |-> 0] @@\n  t2 :> [tmp |-> 0, stores |-> 1] @@\n  t3 :> <<[owner |-> t1, rule |-> "deny_write"]>> )';
    expect(ok(text)).toEqual({
      '#map': [
        [mv('t1'), { tmp: 0, stores: 0 }],
        [mv('t2'), { tmp: 0, stores: 1 }],
        [mv('t3'), [{ owner: mv('t1'), rule: 'deny_write' }]],
      ],
    });
  });

  test('text that is not a value is reported with where reading stopped', () => {
    for (const bad of ['', '{1, 2', '[a |-> ]', '"open', '(t1 :> 1', '1 2', '@@']) {
      const r = parseTlaValueText(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.offset).toBeGreaterThanOrEqual(0);
    }
  });

  test('action arguments', () => {
    expect(parseTlaArgumentsText('(t1)')).toEqual({ ok: true, values: [mv('t1')] });
    expect(parseTlaArgumentsText('(t1, <<1, 2>>, "x")')).toEqual({
      ok: true,
      values: [mv('t1'), [1, 2], 'x'],
    });
  });
});

describe('trace state text', () => {
  test("an action label with arguments, and 1.7.4's without", () => {
    expect(
      readActionLabel('<A_load(t1) line 21, col 5 to line 24, col 45 of module RacyCounter>'),
    ).toEqual({
      ok: true,
      value: {
        name: 'A_load',
        args: [mv('t1')],
        range: { module: 'RacyCounter', beginLine: 21, beginColumn: 5, endLine: 24, endColumn: 45 },
      },
    });
    const old = readActionLabel('<A_ncs line 18, col 5 to line 20, col 33 of module Spinlock>');
    expect(old.ok && old.value.name).toBe('A_ncs');
    expect(old.ok && old.value.args).toEqual([]);
  });

  test('a state of a module with one variable (no conjunction) and a variable named like a field', () => {
    const r = readPrintedState('3: <Next line 5, col 9 to line 5, col 18 of module V>\nx = 2\n');
    expect(r).toMatchObject({
      ok: true,
      value: { number: 3, action: { name: 'Next' }, state: { x: 2 } },
    });
    const p = readPrintedState('1: <Initial predicate>\n/\\ problem = 1\n/\\ ok = FALSE\n');
    expect(p).toEqual({
      ok: true,
      value: { number: 1, action: null, state: { problem: 1, ok: false } },
    });
  });

  test('an unreadable value is a problem, not an exception', () => {
    const r = readPrintedState('2: <A line 1, col 1 to line 1, col 2 of module M>\n/\\ x = {1,\n');
    expect(r.ok).toBe(false);
  });
});

describe('module facts', () => {
  test('action parameter names and config properties', () => {
    const names = readActionParameters(
      'A_load(self) ==\n  x\nSend(from, to) == TRUE\nInit == TRUE\n',
    );
    expect(names.get('A_load')).toEqual(['self']);
    expect(names.get('Send')).toEqual(['from', 'to']);
    expect(names.has('Init')).toBe(false);
    expect(
      readConfigProperties(
        'SPECIFICATION Spec\nINVARIANT TypeOK\nPROPERTY StarvationFree\nPROPERTIES A B \\* comment\nCONSTANT N = 3\n',
      ),
    ).toEqual(['StarvationFree', 'A', 'B']);
  });
});
