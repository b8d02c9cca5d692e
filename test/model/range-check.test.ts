// The built-in check `out_of_range`: a state where a variable holds an integer outside its
// declared range (anywhere inside its value) violates it, on the embedded engine and on TLC
// (live when a jar is here). Checks the verdict, the trace's last state and the emitted text.
// Bounds from parameters are in range-check-params.test.ts, what the trace and the report say in
// range-check-report.test.ts.

import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcOutputOn } from '../support/tlc-on-text.js';
import { emitText } from './helpers.js';
import { b16, check, inside, nested } from './range-specs.js';

describe('out_of_range', () => {
  test('two increments of a 0..1 counter violate it; the trace ends at n = 2', async () => {
    const r = await check(b16);
    expect([r.verdict, r.property]).toEqual(['violated', 'out_of_range']);
    expect(r.trace?.at(-1)?.state['n']).toBe(2);
    expect(r.trace?.length).toBe(3);
  });

  test('the emitted invariant: one conjunct per ranged variable, named in the comment, listed in the cfg', () => {
    const e = emitText(b16);
    expect(e.tla).toContain(
      '\\* built-in check out_of_range\n\\*   conjunct 1: n  test.cred:2:1\nout_of_range == n \\in 0..1\n',
    );
    expect(e.config.invariants).toEqual(['out_of_range']);
    const prop = e.sourceMap.properties.find((p) => p.name === 'out_of_range') as unknown as {
      variables: { dslName: string; location: { line: number; column: number } }[];
    };
    expect(prop.variables.map((v) => [v.dslName, v.location.line, v.location.column])).toEqual([
      ['n', 2, 1],
    ]);
  });

  test('a map value leaving 0..2 violates it; the last state holds the 3', async () => {
    const r = await check(nested.replace('0..2', '0..1'));
    expect([r.verdict, r.property]).toEqual(['violated', 'out_of_range']);
    const tally = r.trace?.at(-1)?.state['tally'] as { '#map': [unknown, number][] };
    expect(tally['#map'].some(([, v]) => v === 2)).toBe(true);
  });

  test('a record field inside a generic alias of a thread variable leaving 0..1 violates it', async () => {
    const r = await check(nested);
    expect([r.verdict, r.property]).toEqual(['violated', 'out_of_range']);
    const box = r.trace?.at(-1)?.state['box'] as {
      '#map': [unknown, { count: number }][];
    };
    expect(box['#map'].some(([, v]) => v.count === 2)).toBe(true);
    const e = emitText(nested);
    expect(e.tla).toContain(
      'out_of_range ==\n    /\\ \\A k \\in DOMAIN tally : tally[k] \\in 0..2\n    /\\ \\A t \\in DOMAIN box : box[t].count \\in 0..1\n',
    );
  });

  test('a spec whose values stay in their ranges holds; sets, sequences, optionals, records, frames and locals are covered', async () => {
    const r = await check(inside);
    expect(r.verdict).toBe('holds');
    const e = emitText(inside);
    const body = e.tla.slice(e.tla.indexOf('out_of_range ==')).replace(/\s+/g, ' ');
    expect(body).toContain('\\A x \\in s : x \\in 1..TOP');
    expect(body).toContain('\\A k \\in DOMAIN q : q[k] \\in 0..MAX');
    expect(body).toContain('\\/ o = None \\/ o \\in 0..MAX');
    expect(body).toContain('p.first \\in 0..1');
    expect(body).toContain('\\A t \\in DOMAIN c : c[t] \\in 0..MAX');
    expect(body).toContain('\\A t \\in DOMAIN bump_k : bump_k[t] \\in 0..MAX');
    expect(body).toContain('\\A t \\in DOMAIN P_mine : P_mine[t] \\in 0..3');
  });

  test('a module without ranged variables has no out_of_range', () => {
    const e = emitText(
      'spec plain\nshared var b: bool = false\nprocess P[1] {\n  s: b := true\n}\n',
    );
    expect(e.tla).not.toContain('out_of_range');
    expect(e.config.invariants).toEqual([]);
  });

  (hasLiveTlc ? test : test.skip)(
    `TLC reports the same invariant on the same module${LIVE_TLC_SKIPPED}`,
    () => {
      const out = tlcOutputOn(b16);
      expect(out).toContain('Error: Invariant out_of_range is violated.');
      expect(out).toMatch(/n = 2/);
    },
  );
});
