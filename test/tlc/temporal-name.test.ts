// Naming the violated temporal property when the config has several: recorded `-tool` runs of
// current TLC (which lists the violated properties) and TLC 1.7.4 (which names none), read to a
// CheckResult and named on TLC's lasso by the embedded engine's evaluation, which must give
// the property the embedded search reports. Also the lasso evaluation itself, form by form.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import {
  firstViolatedTemporal,
  lassoViolatesForm,
} from '../../src/engine/search/lasso-property.js';
import type {
  ExecutableModule,
  State,
  TemporalForm,
} from '../../src/engine/evaluation/module-api.js';
import type { BuiltCase } from '../../src/emit/build-case.js';
import type { CheckResult } from '../../src/result/check-result.js';
import { temporalName } from '../../src/tlc/interpret-messages.js';
import { readActionParameters, readConfigProperties } from '../../src/tlc/module-facts.js';
import { nameTemporalViolation } from '../../src/tlc/name-temporal.js';
import { readToolOutput } from '../../src/tlc/read-tool-output.js';
import { readPlainOutput } from '../../src/tlc/read-plain-output.js';
import { toCheckResult } from '../../src/tlc/to-check-result.js';
import { builtOf } from './small-specs.js';

const here = dirname(fileURLToPath(import.meta.url));
const RECORDED = join(here, 'recorded-runs');

function executableOf(built: BuiltCase): ExecutableModule {
  return interpretModule(built.emitted.module, built.emitted.config);
}

function recorded(name: string, jar: '2x' | '174'): CheckResult {
  const built = builtOf(name);
  const text = readFileSync(join(RECORDED, `${name}-${jar}.tool.out`), 'utf8');
  const exit = Number(readFileSync(join(RECORDED, `${name}-${jar}.exitcode`), 'utf8'));
  return toCheckResult(readToolOutput(text), exit, {
    actionParameters: readActionParameters(built.tlaText),
    properties: readConfigProperties(built.cfgText),
    moduleName: built.emitted.module.name,
  });
}

describe('recorded TLC runs with two temporal properties', () => {
  const cases: [string, '2x' | '174', string | null, string][] = [
    // spec, jar, what the reader alone names, what the lasso and the embedded engine name
    ['tp', '2x', 'p1', 'p1'],
    ['tp', '174', null, 'p1'],
    ['tplater', '2x', 'p2', 'p2'],
    ['tplater', '174', null, 'p2'],
    ['tpswap', '2x', 'p2', 'p2'],
    ['tpswap', '174', null, 'p2'],
  ];
  test.each(cases)(
    '%s with TLC %s: the reader names %s, the lasso names %s, as the embedded engine does',
    async (name, jar, read, named) => {
      const built = builtOf(name);
      const result = recorded(name, jar);
      expect(result.verdict).toBe('violated');
      expect(result.property).toBe(read);
      // A two-state behaviour that stutters in n = 1.
      expect(result.trace).toHaveLength(2);
      expect(result.stuttering).toBe(true);

      const exe = executableOf(built);
      const judged = await nameTemporalViolation(result, readConfigProperties(built.cfgText), (l) =>
        firstViolatedTemporal(exe, l.trace, l),
      );
      expect(judged.property).toBe(named);
      expect({ ...judged, property: null }).toEqual({ ...result, property: null });

      const embedded = await explore(exe, built.emitted.config);
      expect([embedded.verdict, embedded.property]).toEqual(['violated', named]);
    },
  );

  test('without a judge, or with one that cannot tell, the result is unchanged', async () => {
    const result = recorded('tp', '174');
    expect(await nameTemporalViolation(result, ['p1', 'p2'], undefined)).toBe(result);
    expect(await nameTemporalViolation(result, ['p1', 'p2'], () => null)).toBe(result);
  });

  test('a result that is no temporal counterexample is never judged', async () => {
    const result = recorded('tp', '2x');
    const judge = (): string => 'p2';
    expect(
      await nameTemporalViolation(
        { ...result, verdict: 'deadlock', property: null },
        ['p1', 'p2'],
        judge,
      ),
    ).toMatchObject({ property: null });
    expect(
      await nameTemporalViolation(
        { ...result, stuttering: false, loopsBackTo: null },
        ['p1', 'p2'],
        judge,
      ),
    ).toMatchObject({ property: 'p1' });
    expect(
      await nameTemporalViolation({ ...result, property: 'NoLostUpdate' }, ['p1', 'p2'], judge),
    ).toMatchObject({ property: 'NoLostUpdate' });
    // One PROPERTY: TLC named it.
    expect(await nameTemporalViolation(result, ['p1'], judge)).toMatchObject({ property: 'p1' });
  });
});

describe("reading 2116's names", () => {
  test.each([
    ['Temporal property p2 was violated.', ['p1', 'p2'], 'p2'],
    ['Temporal properties p1 and p2 were violated.', ['p1', 'p2'], 'p1'],
    ['Temporal properties p2 and p1 were violated.', ['p1', 'p2'], 'p1'],
    ['Temporal properties c, b and a were violated.', ['b', 'c', 'a'], 'b'],
    ['Temporal properties were violated.', ['p1', 'p2'], null],
    ['Temporal properties were violated.', ['only'], 'only'],
  ] as const)('%s with PROPERTY %j names %s', (line, properties, name) => {
    expect(temporalName(line, properties)).toBe(name);
  });
});

test("plain output's list of violated properties is read like -tool output's", () => {
  const text = [
    'Error: Temporal properties p2 and p1 were violated.',
    '',
    'Error: The following behavior constitutes a counter-example:',
    '',
    'State 1: <Initial predicate>',
    '/\\ n = 0',
    '/\\ pc = (w1 :> "W_s")',
    '',
    'State 2: <W_s(w1) line 22, col 5 to line 24, col 41 of module Tp_base>',
    '/\\ n = 1',
    '/\\ pc = (w1 :> "Done")',
    '',
    'State 3: Stuttering',
  ].join('\n');
  const r = toCheckResult(readPlainOutput(text), 13, { properties: ['p1', 'p2'] });
  expect([r.verdict, r.property, r.trace?.length, r.stuttering]).toEqual([
    'violated',
    'p1',
    2,
    true,
  ]);
});

describe('one property on one lasso', () => {
  // States are one integer; P is "x = 1", Q is "x = 2".
  const P = (s: State): boolean => Number(s[0] as unknown) === 1;
  const Q = (s: State): boolean => Number(s[0] as unknown) === 2;
  const lasso = (xs: number[], loopStart: number) => ({
    states: xs.map((x) => [x] as unknown as State),
    loopStart,
  });
  const form = (kind: TemporalForm['kind']): TemporalForm =>
    kind === 'leads-to' ? { kind, p: P, q: Q } : ({ kind, p: P } as TemporalForm);

  test.each([
    // form, states, loop start, violated?
    ['eventually', [0, 0], 1, true],
    ['eventually', [0, 1], 1, false],
    ['always', [1, 1, 0], 1, true],
    ['always', [1, 1], 0, false],
    ['always-eventually', [1, 0], 1, true], // 1 only in the prefix
    ['always-eventually', [0, 1, 0], 1, false],
    ['eventually-always', [1, 0, 1], 1, true], // 0 recurs in the cycle
    ['eventually-always', [0, 1], 1, false],
    ['leads-to', [1, 0], 1, true],
    ['leads-to', [1, 2, 0], 2, false], // answered in the prefix
    ['leads-to', [0, 1, 0], 1, true], // P in the cycle, never answered
    ['leads-to', [0, 1, 2], 1, false], // answered in the cycle
  ] as const)('%s on %j looping back to %d: violated %s', (kind, xs, loopStart, violated) => {
    expect(lassoViolatesForm(form(kind), lasso([...xs], loopStart))).toBe(violated);
  });

  test('a trace that neither loops nor stutters, or misses a variable, names nothing', () => {
    const exe = executableOf(builtOf('tp'));
    const trace = recorded('tp', '2x').trace!;
    expect(firstViolatedTemporal(exe, trace, { loopsBackTo: null, stuttering: false })).toBeNull();
    expect(
      firstViolatedTemporal(exe, [{ action: null, state: { n: 1 } }], {
        loopsBackTo: null,
        stuttering: true,
      }),
    ).toBeNull();
    expect(firstViolatedTemporal(exe, trace, { loopsBackTo: null, stuttering: true })).toBe('p1');
    expect(firstViolatedTemporal(exe, trace, { loopsBackTo: null, stuttering: true }, ['p2'])).toBe(
      'p2',
    );
  });
});
