// Printed modules against the real SANY and TLC (tla2tools.jar from TLA2TOOLS_JAR): every test
// module parses, TLC's reported action spans equal `lines`, and TLC evaluates randomly built
// expressions to the values their trees mean (so the parentheses are right). Skipped without a jar.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { printCfg, printTla } from '../../src/tla/print.js';
import type { TlaDef, TlaExpr, TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import {
  and,
  app,
  apply,
  bin,
  bool as boolLit,
  def,
  dot,
  eq,
  except,
  exists,
  fcn,
  forall,
  moduleOf,
  nm,
  not,
  num,
  or,
  primed,
  racyCounter,
  racyCounterConfig,
  rec,
  setOf,
  str,
  tuple,
  unchanged,
} from './print-builders.js';
import { evalSmall, smallExprArbitraries } from './print-random.js';

const jar = process.env.TLA2TOOLS_JAR;
const haveJar = jar !== undefined && jar !== '' && existsSync(jar);
const suite = haveJar ? describe : describe.skip;
const title = haveJar
  ? 'SANY and TLC on printed modules'
  : 'SANY and TLC on printed modules (skipped: TLA2TOOLS_JAR is not set)';

let dir = '';
beforeAll(() => {
  if (haveJar) dir = mkdtempSync(join(tmpdir(), 'credspec-print-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function write(module: TlaModule, config?: TlcConfig): string {
  writeFileSync(join(dir, `${module.name}.tla`), printTla(module).text);
  if (config !== undefined) writeFileSync(join(dir, `${module.name}.cfg`), printCfg(config));
  return module.name;
}

function sany(name: string): { status: number | null; output: string } {
  const r = spawnSync('java', ['-cp', jar!, 'tla2sany.SANY', '-error-codes', `${name}.tla`], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, output: r.stdout + r.stderr };
}

function tlc(name: string): { status: number | null; output: string } {
  const meta = join(dir, `meta-${name}`);
  const r = spawnSync(
    'java',
    [
      '-XX:+UseParallelGC',
      '-cp',
      jar!,
      'tlc2.TLC',
      '-workers',
      '1',
      '-metadir',
      meta,
      '-noGenerateSpecTE',
      '-config',
      `${name}.cfg`,
      `${name}.tla`,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return { status: r.status, output: r.stdout + r.stderr };
}

/** `<A_load(t1) line 21, col 5 to line 24, col 45 of module M>` -> name and span, in trace order. */
function actionSpans(
  output: string,
): { name: string; span: { line: number; column: number; endLine: number; endColumn: number } }[] {
  const re = /<(\w+)(?:\([^)]*\))? line (\d+), col (\d+) to line (\d+), col (\d+) of module \w+>/g;
  return [...output.matchAll(re)].map((m) => ({
    name: m[1]!,
    span: { line: +m[2]!, column: +m[3]!, endLine: +m[4]!, endColumn: +m[5]! },
  }));
}

const x = nm('x');
const S = nm('S');

/** `Exprs`: one conjunct per expression kind of the fragment, each TRUE, over the variable `f`. */
function exprsDef(f: TlaExpr): TlaDef {
  return def(
    'Exprs',
    [],
    and(
      eq(
        {
          kind: 'TlaSetFilter',
          variable: 'n',
          set: bin('..', num(1), num(5)),
          pred: eq(bin('%', nm('n'), num(2)), num(0)),
        },
        setOf(num(2), num(4)),
      ),
      eq(
        {
          kind: 'TlaSetMap',
          expr: bin('*', nm('n'), num(2)),
          variable: 'n',
          set: setOf(num(1), num(2)),
        },
        setOf(num(2), num(4)),
      ),
      eq(
        {
          kind: 'TlaChoose',
          variable: 'n',
          set: bin('..', num(1), num(3)),
          pred: bin('>', nm('n'), num(2)),
        },
        num(3),
      ),
      eq(
        {
          kind: 'TlaLet',
          defs: [
            { name: 'a', value: num(1) },
            { name: 'b', value: bin('+', nm('a'), num(1)) },
          ],
          body: bin('*', nm('a'), nm('b')),
        },
        num(2),
      ),
      bin('\\subseteq', { kind: 'TlaBuiltin', op: 'DOMAIN', args: [f] }, S),
      bin('\\in', setOf(), { kind: 'TlaBuiltin', op: 'SUBSET', args: [S] }),
      eq({ kind: 'TlaBuiltin', op: 'Cardinality', args: [setOf(num(1), num(2))] }, num(2)),
      eq(
        { kind: 'TlaBuiltin', op: 'Head', args: [bin('\\o', tuple(num(1)), tuple(num(2)))] },
        num(1),
      ),
      eq(
        {
          kind: 'TlaBuiltin',
          op: 'Len',
          args: [{ kind: 'TlaBuiltin', op: 'Tail', args: [tuple(num(1), num(2))] }],
        },
        num(1),
      ),
      eq(
        app(bin('@@', bin(':>', num(1), str('a')), bin(':>', num(2), str('b\n"q"'))), num(2)),
        str('b\n"q"'),
      ),
      bin('\\notin', nm('None'), bin('\\cap', S, bin('\\', S, setOf()))),
      eq(dot(rec(['a', num(1)]), 'a'), num(1)),
      bin('<=>', boolLit(true), not(boolLit(false))),
      { kind: 'TlaBuiltin', op: 'Assert', args: [boolLit(true), str('never')] },
    ),
  );
}

/** Every expression kind, in definitions SANY must accept (not run by TLC). */
function everyConstruct(): TlaModule {
  const f = nm('f');
  return moduleOf('EveryConstruct', {
    header: ['Every construct of the emitted fragment.'],
    constants: ['S', 'None'],
    variables: ['x', 'f'],
    defs: [
      def('Init', [], and(eq(x, num(0)), eq(f, fcn('s', S, rec(['a', num(0)], ['b', tuple()]))))),
      def(
        'Step',
        ['self'],
        and(
          bin('\\in', nm('self'), S),
          {
            kind: 'TlaCase',
            arms: [
              { cond: bin('>', x, num(2)), value: eq(primed('x'), num(0)) },
              { cond: bin('<=', x, num(2)), value: eq(primed('x'), bin('+', x, num(1))) },
            ],
            other: undefined,
          },
          eq(
            primed('f'),
            except(f, {
              path: [
                { kind: 'index', index: nm('self') },
                { kind: 'field', field: 'b' },
              ],
              value: { kind: 'TlaBuiltin', op: 'Append', args: [{ kind: 'TlaAt' }, x] },
            }),
          ),
        ),
        ['A step with a CASE and a nested EXCEPT.'],
      ),
      def(
        'Other',
        [],
        or(
          and(bin('=', x, num(7)), unchanged('x', 'f')),
          exists(['s', 't'], S, and(not(eq(nm('s'), nm('t'))), unchanged('vars'))),
        ),
      ),
      def('Next', [], or(exists(['self'], S, apply('Step', nm('self'))), apply('Other'))),
      def(
        'Spec',
        [],
        and(
          apply('Init'),
          { kind: 'TlaBoxAction', action: apply('Next'), vars: 'vars' },
          forall(['self'], S, {
            kind: 'TlaFairness',
            strength: 'SF',
            vars: 'vars',
            action: apply('Step', nm('self')),
          }),
        ),
      ),
      exprsDef(f),
      def('Perms', [], { kind: 'TlaBuiltin', op: 'Permutations', args: [S] }),
      def('Live', [], {
        kind: 'TlaTemporal',
        op: '[]',
        operand: { kind: 'TlaTemporal', op: '<>', operand: eq(x, num(0)) },
      }),
      def('Settles', [], {
        kind: 'TlaTemporal',
        op: '<>',
        operand: { kind: 'TlaTemporal', op: '[]', operand: bin('<=', x, num(3)) },
      }),
      def('Leads', [], bin('~>', eq(x, num(1)), eq(x, num(2)))),
      def(
        'CanStep',
        [],
        exists(['self'], S, {
          kind: 'TlaUnary',
          op: 'ENABLED',
          operand: apply('Step', nm('self')),
        }),
      ),
      def('Monotone', [], {
        kind: 'TlaBoxAction',
        action: bin('=>', bin('<', x, num(3)), bin('>=', primed('x'), x)),
        vars: 'vars',
      }),
    ],
  });
}

/** Actions TLC splits (disjuncts, an \E body); the shortest violation is 0 -Jump/2-> 5 -Jump/1-> 15 -Pick-> 20. */
function splitModule(): TlaModule {
  return moduleOf('SplitSpans', {
    variables: ['x'],
    defs: [
      def('Init', [], eq(x, num(0))),
      def(
        'Jump',
        [],
        or(
          and(bin('>', x, num(0)), bin('<', x, num(10)), eq(primed('x'), bin('+', x, num(10)))),
          and(eq(x, num(0)), eq(primed('x'), num(5))),
        ),
      ),
      def(
        'Pick',
        [],
        exists(['v'], setOf(num(20), num(30)), and(eq(x, num(15)), eq(primed('x'), nm('v')))),
      ),
      def('Next', [], or(apply('Jump'), apply('Pick'))),
      def(
        'Spec',
        [],
        and(apply('Init'), { kind: 'TlaBoxAction', action: apply('Next'), vars: 'vars' }),
      ),
      def('Small', [], bin('<', x, num(20))),
    ],
  });
}

/** Binds each quantifier to a fresh name (SANY refuses to re-declare a bound name in scope). */
function freshBound(
  e: TlaExpr,
  counter: { n: number } = { n: 0 },
  rename: ReadonlyMap<string, string> = new Map(),
): TlaExpr {
  const r = (c: TlaExpr) => freshBound(c, counter, rename);
  switch (e.kind) {
    case 'TlaName':
      return { kind: 'TlaName', name: rename.get(e.name) ?? e.name };
    case 'TlaQuant': {
      const fresh = `q${++counter.n}`;
      return {
        ...e,
        variables: [fresh],
        body: freshBound(e.body, counter, new Map(rename).set(e.variables[0]!, fresh)),
      };
    }
    case 'TlaUnary':
      return { ...e, operand: r(e.operand) };
    case 'TlaBinary':
      return { ...e, left: r(e.left), right: r(e.right) };
    case 'TlaJunction':
      return { ...e, items: e.items.map(r) };
    case 'TlaIf':
      return { ...e, cond: r(e.cond), then: r(e.then), else: r(e.else) };
    default:
      return e;
  }
}

function randomChecks(): TlaExpr[] {
  const { int, bool } = smallExprArbitraries(['x']);
  const env = new Map([['x', 2]]);
  const ints = fc.sample(int, { seed: 20261127, numRuns: 120 }).map((e) => freshBound(e));
  const bools = fc.sample(bool, { seed: 42, numRuns: 120 }).map((e) => freshBound(e));
  // As operands of `=` (parentheses) and, for booleans, as bare junction items (bullet layout).
  return [
    ...ints.map((e) => eq(e, num(evalSmall(e, env) as number))),
    ...bools.map((e) => (evalSmall(e, env) ? e : not(e))),
  ];
}

suite(title, () => {
  test('SANY parses every printed test module', () => {
    const modules: TlaModule[] = [racyCounter(), everyConstruct(), splitModule()];
    for (const m of modules) {
      const name = write(m);
      const r = sany(name);
      expect({ name, status: r.status, errors: r.status === 0 ? '' : r.output }).toEqual({
        name,
        status: 0,
        errors: '',
      });
    }
  });

  test('TLC reports the action spans `lines` gives (RacyCounter, invariant violated)', () => {
    const m = racyCounter();
    const { lines } = printTla(m);
    const r = tlc(write(m, racyCounterConfig));
    expect(r.output).toContain('Invariant NoLostUpdate is violated');
    const steps = actionSpans(r.output);
    expect(steps.map((s) => s.name)).toEqual(['A_load', 'A_load', 'A_store', 'A_store']);
    for (const s of steps) expect(s.span).toEqual(lines.get(s.name));
  });

  test('TLC reports split actions with the piece spans `lines` gives', () => {
    const m = splitModule();
    const { lines } = printTla(m);
    const r = tlc(
      write(m, {
        constants: [],
        specification: 'Spec',
        invariants: ['Small'],
        properties: [],
        symmetry: undefined,
        checkDeadlock: false,
      }),
    );
    expect(r.output).toContain('Invariant Small is violated');
    const steps = actionSpans(r.output);
    expect(steps).toEqual([
      { name: 'Jump', span: lines.get('Jump/2') },
      { name: 'Jump', span: lines.get('Jump/1') },
      { name: 'Pick', span: lines.get('Pick/1') },
    ]);
  });

  test('TLC evaluates 240 random printed expressions to the values of their trees', () => {
    const checks = randomChecks();
    const m = moduleOf('PrecedenceChecks', {
      variables: ['x'],
      defs: [
        def('Init', [], eq(x, num(2))),
        def('Next', [], unchanged('x')),
        def(
          'Spec',
          [],
          and(apply('Init'), { kind: 'TlaBoxAction', action: apply('Next'), vars: 'vars' }),
        ),
        ...checks.map((c, i) => def(`Check${i}`, [], c)),
      ],
    });
    const r = tlc(
      write(m, {
        constants: [],
        specification: 'Spec',
        invariants: checks.map((_, i) => `Check${i}`),
        properties: [],
        symmetry: undefined,
        checkDeadlock: false,
      }),
    );
    expect(r.output).not.toMatch(/is violated|Error/);
    expect(r.output).toContain('Model checking completed. No error has been found.');
  });
});
