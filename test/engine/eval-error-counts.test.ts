// States generated when a run ends in an evaluation error: the embedded engine counts as TLC
// does (recorded runs of current TLC and 1.7.4, and live TLC when TLA2TOOLS_JAR is set) for
// errors the checker cannot see, raised while an action computes a successor, at the first
// expansion and deeper. One documented difference is pinned: TLC keeps `S \cup T` unevaluated
// in the new state and fails only when fingerprinting it, after counting it (docs/tlc.md).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { hasLiveTlc, tlcOutputOn } from '../support/tlc-on-text.js';
import { SMALL_SPECS, builtOf } from '../tlc/small-specs.js';
import {
  action,
  and,
  app,
  at,
  bin,
  config,
  def,
  eq,
  exists,
  fcn,
  forall,
  inSet,
  module,
  or,
  pcIs,
  pcTo,
  primed,
  set,
  str,
  unchanged,
} from './tla-builders.js';

const RECORDED = join(dirname(fileURLToPath(import.meta.url)), '..', 'tlc', 'recorded-runs');

interface Counts {
  generated: number;
  distinct: number;
  queued: number;
  /** Null for TLC 1.7.4, which prints no depth after an error. */
  depth: number | null;
  traceLength: number;
}

/** TLC's final counts and the states of its trace, from its plain output. */
function tlcCounts(out: string): Counts {
  const s =
    /^(\d+) states generated, (\d+) distinct states found, (\d+) states left on queue\.$/m.exec(
      out,
    );
  if (s === null) throw new Error(`no statistics in TLC's output:\n${out}`);
  const d = /depth of the complete state graph search is (\d+)/.exec(out);
  return {
    generated: Number(s[1]),
    distinct: Number(s[2]),
    queued: Number(s[3]),
    depth: d ? Number(d[1]) : null,
    traceLength: (out.match(/^State \d+:/gm) ?? []).length,
  };
}

async function embeddedCounts(
  name: string,
): Promise<Counts & { verdict: string; message: string }> {
  const built = builtOf(name);
  const r = await explore(
    interpretModule(built.emitted.module, built.emitted.config),
    built.emitted.config,
  );
  return {
    verdict: r.verdict,
    message: r.error?.message ?? '',
    generated: r.stats.statesGenerated,
    distinct: r.stats.distinctStates,
    queued: r.stats.queued ?? 0,
    depth: r.stats.depth,
    traceLength: r.trace?.length ?? 0,
  };
}

function compared(e: Counts, t: Counts): [Counts, Counts] {
  return [{ ...e, depth: t.depth === null ? null : e.depth }, t];
}

describe('states generated at an evaluation error, against recorded TLC', () => {
  test.each([
    ['errinit', '2x', { generated: 1, distinct: 1, queued: 0, depth: 1, traceLength: 1 }],
    ['errinit', '174', { generated: 1, distinct: 1, queued: 0, depth: null, traceLength: 1 }],
    ['errdeep', '2x', { generated: 6, distinct: 5, queued: 1, depth: 3, traceLength: 3 }],
    ['errdeep', '174', { generated: 6, distinct: 5, queued: 1, depth: null, traceLength: 3 }],
  ] as const)('%s (TLC %s): %j, the embedded engine the same', async (name, jar, expected) => {
    const tlc = tlcCounts(readFileSync(join(RECORDED, `${name}-${jar}.plain.out`), 'utf8'));
    expect(tlc).toEqual(expected);
    const e = await embeddedCounts(name);
    expect(e.verdict).toBe('error');
    expect(e.message).toContain('not in the domain');
    const [mine, theirs] = compared(e, tlc);
    expect({ ...mine, verdict: undefined, message: undefined }).toEqual({
      ...theirs,
      verdict: undefined,
      message: undefined,
    });
  });
});

/** MacroType_base as emitted: `q' = q \cup {self}` with q a function, which TLC cannot enumerate. */
function macroType(): { module: ReturnType<typeof module>; config: ReturnType<typeof config> } {
  const vars = ['q', 'pc'];
  const m = module({
    name: 'MacroType_base',
    constants: ['W'],
    variables: vars,
    defs: [
      def('Thread', [], 'W'),
      def(
        'Init',
        [],
        and(eq('q', fcn('t', 'Thread', set())), eq('pc', fcn('t', 'Thread', str('W_s')))),
      ),
      def(
        'W_s',
        ['self'],
        and(pcIs('W_s'), eq(primed('q'), bin('\\cup', 'q', set('self'))), pcTo('Done')),
      ),
      def(
        'Terminating',
        [],
        and(
          forall(
            't',
            'Thread',
            inSet(at('pc', 't'), set(str('Done'), str('Unborn'), str('Exited'))),
          ),
          unchanged(...vars),
        ),
      ),
      def('Next', [], or(exists('self', 'W', app('W_s', 'self')), 'Terminating')),
      def('Spec', [], 'Init'),
    ],
    roles: {
      actions: [action('W_s', ['self', 'W']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return { module: m, config: config({ constants: { W: ['w1'] } }) };
}

describe('the one difference: an error TLC raises when fingerprinting', () => {
  test.each(['2x', '174'])(
    'TLC %s counts the successor it could not fingerprint; the embedded engine fails before it exists',
    async (jar) => {
      const out = readFileSync(join(RECORDED, `mt-${jar}.plain.out`), 'utf8');
      expect(out).toContain('are not both enumerable');
      const tlc = tlcCounts(out);
      const f = macroType();
      const r = await explore(interpretModule(f.module, f.config), f.config);
      expect(r.verdict).toBe('error');
      expect([tlc.generated, tlc.distinct]).toEqual([2, 1]);
      expect([r.stats.statesGenerated, r.stats.distinctStates]).toEqual([1, 1]);
    },
  );
});

(hasLiveTlc ? describe : describe.skip)(
  `states generated at an evaluation error, live TLC (${hasLiveTlc ? 'TLA2TOOLS_JAR' : 'skipped: no Java or no jar'})`,
  () => {
    test.each(['errinit', 'errdeep'])(
      '%s: the embedded engine counts what TLC counts',
      async (name) => {
        const tlc = tlcCounts(tlcOutputOn(SMALL_SPECS[name]!));
        const e = await embeddedCounts(name);
        const [mine, theirs] = compared(e, tlc);
        expect({ ...mine, verdict: undefined, message: undefined }).toEqual({
          ...theirs,
          verdict: undefined,
          message: undefined,
        });
      },
      60_000,
    );
  },
);
