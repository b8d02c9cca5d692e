// `forall t in S:` before a temporal form quantifies the whole form (docs/language.md, section 6):
// `forall t in Taker: (n == 0) leadsto got[t]` is `\A t \in Taker : (n = 0 ~> got[t])`, so `t`
// is known on both sides of `leadsto`. Checked on the emitted module, on the embedded engine
// (holds, and a violation named by its instance) and, when a live TLC is here, on TLC.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText } from '../model/helpers.js';
import { hasLiveTlc, LIVE_TLC_SKIPPED, tlcOutputOn } from '../support/tlc-on-text.js';
import { check, message, show } from './helpers.js';

/** Takers wait for `n == 0`; `Z` clears it (fair or not, as asked), then each taker gets its item. */
function spec(property: string, zFair = true): string {
  return `spec fl
shared var n: 0..3 = 1
shared var got: map<Taker, bool> = [ t in Taker |-> false ]
fair process Taker[2] {
  a: await n == 0
  b: got[self] := true
}
${zFair ? 'fair ' : ''}process Z[1] {
  z: n := 0
}
${property}
`;
}

const LEADSTO = 'property prog: forall t in Taker: (n == 0) leadsto got[t]';
const EVENTUALLY = 'property prog: forall t in Taker: eventually got[t]';
const ALWAYS_EVENTUALLY = 'property prog: forall t in Taker: always eventually got[t]';
const NESTED =
  'property prog: forall t in Taker: forall u in Z: eventually (got[t] && n == 0 && u in Z)';

async function embedded(text: string): Promise<{ verdict: string; property: string | null }> {
  const e = emitText(text);
  const r = await explore(interpretModule(e.module, e.config), e.config);
  return { verdict: r.verdict, property: r.property };
}

describe('a quantifier before a temporal form', () => {
  test.each([LEADSTO, EVENTUALLY, ALWAYS_EVENTUALLY, NESTED])('%s checks clean', (p) => {
    expect(
      check(spec(p))
        .diagnostics.filter((d) => d.severity === 'error')
        .map(show),
    ).toEqual([]);
  });

  test('quantifies the whole leadsto in the emitted module', () => {
    expect(emitText(spec(LEADSTO)).tla).toContain('prog == \\A t \\in Taker : n = 0 ~> got[t]');
  });

  test('quantifies eventually and always eventually', () => {
    expect(emitText(spec(EVENTUALLY)).tla).toContain('prog == \\A t \\in Taker : <>got[t]');
    expect(emitText(spec(ALWAYS_EVENTUALLY)).tla).toContain(
      'prog == \\A t \\in Taker : []<>got[t]',
    );
  });

  test.each([LEADSTO, EVENTUALLY, ALWAYS_EVENTUALLY, NESTED])(
    'the embedded engine finds that %s holds',
    async (p) => {
      expect(await embedded(spec(p))).toEqual({ verdict: 'holds', property: null });
    },
  );

  test('the embedded engine finds the violation when Z may stop forever', async () => {
    expect(await embedded(spec(EVENTUALLY, false))).toEqual({
      verdict: 'violated',
      property: 'prog',
    });
  });

  test('a parenthesised quantifier still ends at its parenthesis', () => {
    const r = check(spec('property prog: (forall t in Taker: got[t]) leadsto got[t]'));
    const d = r.diagnostics.find((x) => x.code === 'CS2001');
    expect(
      d === undefined
        ? undefined
        : { line: d.span.start.line, column: d.span.start.column, message: message(d) },
    ).toEqual({
      line: 11,
      column: 56,
      message: 'unknown name `t`',
    });
  });

  test('exists before a temporal form is refused, located', () => {
    const r = check(spec('property prog: exists t in Taker: eventually got[t]'));
    const d = r.diagnostics.find((x) => x.code === 'CS6005');
    expect(
      d === undefined
        ? undefined
        : { line: d.span.start.line, column: d.span.start.column, message: message(d) },
    ).toEqual({
      line: 11,
      column: 16,
      message:
        'property `prog`: a quantifier before `eventually`, `always` or `leadsto` must be `forall`',
    });
  });

  (hasLiveTlc ? test : test.skip)(
    `TLC accepts the emitted module and agrees: holds, then violated${LIVE_TLC_SKIPPED}`,
    () => {
      const ok = tlcOutputOn(spec(LEADSTO));
      expect(ok).toContain('Model checking completed. No error has been found.');
      const bad = tlcOutputOn(spec(EVENTUALLY, false));
      expect(bad).toContain('Temporal property prog was violated.');
    },
    120_000,
  );
});
