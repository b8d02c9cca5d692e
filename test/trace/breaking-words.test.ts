// The breaking state in the spec's words: each false part and operand is the spec's own text at
// the expression's span, bound names by their DSL names, in every format a user reads (text,
// lkml, the check report, JUnit, the viewer, JSON). On test/trace/fixtures/releasers.cred,
// whose invariants are broken in different shapes (a count over `at`, a def, a thread's copy
// under a quantifier, a multi-line expression with a comment), each checked alone on the
// embedded engine.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { runCase } from '../../src/driver/run-case.js';
import { selectProperties } from '../../src/driver/property-selection.js';
import { formatViolation } from '../../src/driver/report-text.js';
import { buildJunitReport } from '../../src/cli/reports/junit.js';
import { renderView } from '../../src/cli/viewer/render-view.js';
import { applyKey, initialState } from '../../src/cli/viewer/viewer-state.js';
import { buildCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import type { VariantResult } from '../../src/result/result-file.js';
import { formatTrace } from '../../src/trace/formats/format-trace.js';
import { texts, viewOf } from '../viewer/helpers.js';

const ROOT = resolve(process.cwd());
const SPEC = 'test/trace/fixtures/releasers.cred';
/** What the emitted module calls things, which no user-facing text may show. */
const TLA_WORDS = /Worker_release|pc\[|Cardinality|\\in|\\A|\\E|\/\\|\\\/|Done"|"Worker_/;

/** The base case of the fixture with only `property` checked, as `check --property` runs it. */
async function checkedAlone(property: string, spec = SPEC): Promise<VariantResult> {
  const program = loadSpec(spec, { cwd: ROOT, env: process.env });
  const c = ciCases(program).find((x) => x.variant === 'base');
  if (c === undefined) throw new Error('no base case');
  const b = buildCase(checkProgram(program), c, 'credspec test');
  if (!b.ok) throw new Error('the fixture does not build');
  const selected = selectProperties(b.built, {
    names: property === '' ? [] : [property],
    safetyOnly: false,
  });
  if (!selected.ok) throw new Error(`no property ${property}`);
  return runCase(selected.built, spec, {
    engine: 'embedded',
    cwd: ROOT,
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'credspec-words-')) },
  });
}

/** The breaking-state block of the text trace. */
function block(r: VariantResult): string[] {
  const text = formatTrace(r, 'text').trimEnd().split('\n');
  return text.slice(text.findIndex((l) => l.startsWith('breaking state:')));
}

const results = new Map<string, VariantResult>();
const NAMES = ['one_releasing', 'none_busy', 'all_idle', 'nobody_changed'];

beforeAll(async () => {
  for (const n of NAMES) results.set(n, await checkedAlone(n));
  results.set('out_of_range', await checkedAlone('', 'test/trace/fixtures/out-of-range.cred'));
}, 120_000);

const result = (n: string): VariantResult => {
  const r = results.get(n);
  if (r === undefined) throw new Error(`${n} was not checked`);
  return r;
};

describe('each false part is the text the spec wrote', () => {
  test('a count over at(): the set comprehension as written, not the pc test it lowers to', () => {
    expect(result('one_releasing').verdict).toBe('violated');
    expect(block(result('one_releasing'))).toEqual([
      'breaking state: state 4, where one_releasing is false',
      '  false: card({ t in Worker | at(t, release) }) <= 1',
      '         card({ t in Worker | at(t, release) }) is 2',
      '  what one_releasing reads:',
      '    worker1.at = Worker.release',
      '    worker2.at = Worker.release',
    ]);
  });
  test("a def's call stays a call; a thread's copies are named by thread", () => {
    expect(block(result('none_busy'))).toEqual([
      'breaking state: state 2, where none_busy is false',
      '  false: card(busy_ones()) < 2',
      '         card(busy_ones()) is 2',
      '  what none_busy reads:',
      '    worker1.phase = busy',
      '    worker2.phase = busy',
    ]);
  });
  test("a quantifier's witness by its DSL name; a bound name is not repeated as an operand", () => {
    expect(block(result('all_idle'))).toEqual([
      'breaking state: state 1, where all_idle is false',
      '  false: phase[w] == idle   (where w = worker1)',
      '         phase[w] is busy',
      '  false: w in changed   (where w = worker1)',
      '         changed is {}',
      '  what all_idle reads:',
      '    worker1.phase = busy',
      '    worker2.phase = idle',
      '    changed = {}',
    ]);
  });
  test('an expression over several lines is shown on one, its comment left out', () => {
    expect(block(result('nobody_changed'))).toEqual([
      'breaking state: state 2, where nobody_changed is false',
      '  false: changed == {}',
      '         changed is {worker1}',
      '  false: changed == {}',
      '         changed is {worker1}',
      '  what nobody_changed reads:',
      '    changed = {worker1}',
    ]);
  });

  test('a built-in check: the copy out of its range, by the name the spec declares', () => {
    expect(block(result('out_of_range'))).toEqual([
      'breaking state: state 2, where out_of_range is false',
      '  false: n[t] within its declared type   (where t = w1)',
      '         n[t] is 2',
      '  what out_of_range reads:',
      '    w1.n = 2',
      '    w2.n = 0',
    ]);
  });
});

describe('no format shows the emitted TLA+', () => {
  test('text, lkml, mermaid, json, the check report and the JUnit body', () => {
    for (const n of NAMES) {
      const r = result(n);
      const junit = buildJunitReport([{ ...r, expected: { verdict: 'holds', property: null } }]);
      for (const shown of [
        formatTrace(r, 'text'),
        formatTrace(r, 'lkml'),
        formatTrace(r, 'mermaid'),
        JSON.stringify(r.breakingState),
        formatViolation(r),
        junit,
      ]) {
        expect(shown).toMatch(/breaking state|"falseParts"/);
        expect(shown).not.toMatch(TLA_WORDS);
      }
      expect(junit).toContain(`false: ${r.breakingState?.falseParts[0]?.expression}`);
    }
  });
  test('the viewer at the last step', () => {
    const r = result('one_releasing');
    const view = viewOf(r);
    const end = applyKey(view, initialState(), { name: 'char', char: 'G' });
    const screen = texts(renderView(view, end, { columns: 100, rows: 30 }));
    const top = screen.findIndex((l) => l.startsWith('── state after step 4 '));
    expect(screen.slice(top + 1, top + 4).map((l) => l.trimEnd())).toEqual([
      'breaking state: state 4, where one_releasing is false',
      '  false: card({ t in Worker | at(t, release) }) <= 1',
      '         card({ t in Worker | at(t, release) }) is 2',
    ]);
    expect(screen.join('\n')).not.toMatch(TLA_WORDS);
  });
});
