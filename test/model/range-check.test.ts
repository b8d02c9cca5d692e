// The built-in check `out_of_range`: a state where a variable holds an integer outside its
// declared range (anywhere inside its value) violates it, on the embedded engine and on TLC
// (live when a jar is here). Checks the verdict, the trace's last state and the emitted text.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText, lowerText } from './helpers.js';
import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcOutputOn } from '../support/tlc-on-text.js';
import { toTla } from '../../src/emit/from-model.js';
import { printTla } from '../../src/tla/print.js';
import { mapTrace } from '../../src/trace/map-trace.js';
import { rangeSuspects } from '../../src/trace/range-suspects.js';
import { formatViolation } from '../../src/cli/report-text.js';
import { sourceMapText } from '../../src/emit/source-map.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VariantResult } from '../../src/result/result-file.js';

const b16 = `spec b16
shared var n: 0..1 = 0
process W[2] {
  s: n := n + 1
}
`;

/** The range sits in a map's values; the map is a thread variable's field. */
const nested = `spec nested
type Box<T> = { count: T, ok: bool }
shared var tally: map<Thread, 0..2> = [t in Thread |-> 0]
thread var box: Box<0..1> = { count: 0, ok: true }
process P[2] {
  a: tally := tally with [self] = tally[self] + 1
  b: tally := tally with [self] = tally[self] + 1
  c: box := box with { count: box.count + 1 }
  d: box := box with { count: box.count + 1 }
}
`;

/** Every kind of place a range can sit in, all staying inside: holds. */
const inside = `spec inside
param MAX: 0..5 = 2
const TOP = MAX + 1
type Pair<A> = { first: A, second: A }
shared var s: set<1..TOP> = {}
shared var q: seq<0..MAX> = <<>>
shared var o: 0..MAX? = none
shared var p: Pair<0..1> = { first: 0, second: 1 }
thread var c: 0..MAX = 0
procedure bump(k: 0..MAX) {
  var local: 0..MAX = k
  go: c := local
}
process P[2] {
  var mine: 0..3 = 3
  a: s := s union { TOP }
  b: if len(q) < 2 { q := append(q, MAX) }
  e: o := MAX
  f: bump(MAX)
  h: p := p with { first: 1 }
  i: mine := 2
}
`;

async function check(text: string): Promise<Awaited<ReturnType<typeof explore>>> {
  const e = emitText(text);
  return explore(interpretModule(e.module, e.config), e.config);
}

describe('out_of_range', () => {
  test('two increments of a 0..1 counter violate it; the trace ends at n = 2', async () => {
    const r = await check(b16);
    expect([r.verdict, r.property]).toEqual(['violated', 'out_of_range']);
    const last = r.trace![r.trace!.length - 1]!;
    expect(last.state['n']).toBe(2);
    expect(r.trace!.length).toBe(3);
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
    const tally = r.trace![r.trace!.length - 1]!.state['tally'] as { '#map': [unknown, number][] };
    expect(tally['#map'].some(([, v]) => v === 2)).toBe(true);
  });

  test('a record field inside a generic alias of a thread variable leaving 0..1 violates it', async () => {
    const r = await check(nested);
    expect([r.verdict, r.property]).toEqual(['violated', 'out_of_range']);
    const box = r.trace![r.trace!.length - 1]!.state['box'] as {
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

  test("bounds are the case's parameter values: 0..MAX violates with MAX = 1 and holds with MAX = 2", async () => {
    const text =
      'spec par\nparam MAX: 0..5 = 1\nprocess P[1] {\n  var mine: 0..MAX = 0\n  g: mine := 2\n}\n';
    const span = {
      file: 'cli',
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 0, line: 1, column: 1 },
    };
    const run = async (
      params: { name: string; value: string; span: typeof span }[],
    ): Promise<[string, string | null, string]> => {
      const e = toTla(lowerText(text, 'base', params), { generatedBy: 'credspec test' });
      const r = await explore(interpretModule(e.module, e.config), e.config);
      return [
        r.verdict,
        r.property,
        printTla(e.module)
          .text.split('\n')
          .find((l) => l.startsWith('out_of_range'))!,
      ];
    };
    const line = 'out_of_range == \\A t \\in DOMAIN P_mine : P_mine[t] \\in 0..MAX';
    expect(await run([])).toEqual(['violated', 'out_of_range', line]);
    expect(await run([{ name: 'MAX', value: '2', span }])).toEqual(['holds', null, line]);
  });

  test('the trace names the variable that left its range and its declaration', async () => {
    const text =
      'spec multi\nthread var c: 0..1 = 0\nshared var m: 0..5 = 0\nprocess W[2] {\n  s: atomic {\n    c := c + 1\n    m := m + 1\n  }\n  t: c := c + 1\n}\n';
    const e = emitText(text);
    const r = await explore(interpretModule(e.module, e.config), e.config);
    const steps = mapTrace(r, e.sourceMap)!.steps;
    const named = rangeSuspects(e.sourceMap, steps).map((s) => [s.name, s.value, s.location?.line]);
    expect(named).toEqual([['w1.c', 2, 2]]);
    const b = emitText(b16);
    const rb = await explore(interpretModule(b.module, b.config), b.config);
    expect(
      rangeSuspects(b.sourceMap, mapTrace(rb, b.sourceMap)!.steps).map((s) => [
        s.name,
        s.value,
        s.location?.line,
        s.location?.column,
      ]),
    ).toEqual([['n', 2, 2, 1]]);
  });

  test('check and ci print the variable, its value and its declaration under the verdict', async () => {
    const b = emitText(b16);
    const rb = await explore(interpretModule(b.module, b.config), b.config);
    const dir = mkdtempSync(join(tmpdir(), 'credspec-range-'));
    try {
      writeFileSync(join(dir, 'B16_base.map.json'), sourceMapText(b.sourceMap));
      const result: VariantResult = {
        spec: 'test.cred',
        variant: 'base',
        params: {},
        engine: 'embedded',
        module: join(dir, 'B16_base.tla'),
        config: join(dir, 'B16_base.cfg'),
        verdict: 'violated',
        property: 'out_of_range',
        expected: null,
        stats: {
          distinctStates: rb.stats.distinctStates,
          statesGenerated: rb.stats.statesGenerated,
          depth: rb.stats.depth,
          seconds: 0,
        },
        trace: mapTrace(rb, b.sourceMap)!.steps,
        loopsBackTo: null,
      };
      expect(formatViolation(result).split('\n')[0]).toBe(
        '  n = 2 is outside the range declared at test.cred:2:1',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
