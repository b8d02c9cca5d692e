// Unit tests of the lowering: pc successors, UNCHANGED lists, pruning of unused variables,
// variants, parameter sets and the diagnostics a user gets for what cannot be lowered.

import { readFileSync } from 'node:fs';
import type { ActTree, Model, ModelAction, ModelVariable } from '../../src/model/ir.js';
import { at } from '../../src/source/checked-index.js';
import { treeToExpr } from '../../src/emit/from-model.js';
import { printExpr } from '../../src/tla/print.js';
import { checkProgram } from '../../src/check/check.js';
import { variantDecls } from '../../src/model/instance.js';
import { LoweringError } from '../../src/model/lowering-error.js';
import { buildCase } from '../../src/emit/build-case.js';
import { checkedOf, emitText, lowerText, programOf, tryLower } from './helpers.js';
import { checkTlaModule } from '../../src/engine/search/explore.js';

const span = {
  file: 'cli',
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

function variable(m: Model, name: string): ModelVariable {
  const v = m.variables.find((x) => x.name === name);
  if (v === undefined) throw new Error(`no variable ${name}`);
  return v;
}

function action(m: Model, name: string): ModelAction {
  const a = m.actions.find((x) => x.name === name);
  if (a === undefined)
    throw new Error(`no action ${name}; have ${m.actions.map((x) => x.name).join(', ')}`);
  return a;
}

/** Every leaf of an action: its updated variables and the pc values it moves the thread to. */
function leaves(t: ActTree): { vars: string[]; pc: string[] }[] {
  switch (t.kind) {
    case 'leaf': {
      const pcu = t.updates.find((u) => u.variable === 'pc');
      const pcText = pcu === undefined ? [] : [printExpr(pcu.value)];
      return [{ vars: t.updates.map((u) => u.variable).sort(), pc: pcText }];
    }
    case 'guard':
    case 'exists':
      return leaves(t.body);
    case 'or':
      return t.branches.flatMap(leaves);
  }
}

const SEQ = `spec seq
shared var x: 0..3 = 0
shared var y: 0..3 = 0
shared var dead: bool = false
thread var tv: bool = false
thread var dead_thread: 0..1 = 0
process P[2] {
  a: x := 1
  b: if x > 0 { y := 1 } else { skip }
  c: while y < 2 { y := y + 1 }
  d: either { x := 0 } or { tv := true }
}
`;

describe('pc successors', () => {
  const m = lowerText(SEQ);
  test('a straight step moves to the next statement', () => {
    expect(leaves(action(m, 'P_a').body).map((l) => l.pc)).toEqual([
      ['[pc EXCEPT ![self] = "P_b"]'],
    ]);
  });
  test('an if test moves to the first step of the branch taken, or past the if', () => {
    expect(leaves(action(m, 'P_b').body)[0]?.pc[0]).toBe(
      '[pc EXCEPT ![self] = IF x > 0 THEN "P_9_17" ELSE "P_9_33"]',
    );
  });
  test('a while test enters the body or leaves, and the body returns to the test', () => {
    expect(leaves(action(m, 'P_c').body)[0]?.pc[0]).toBe(
      '[pc EXCEPT ![self] = IF y < 2 THEN "P_10" ELSE "P_d"]',
    );
    expect(leaves(action(m, 'P_10').body)[0]?.pc[0]).toBe('[pc EXCEPT ![self] = "P_c"]');
  });
  test('either is one choice step with one outcome per branch; the last steps finish the thread', () => {
    expect(leaves(action(m, 'P_d').body).map((l) => l.pc[0])).toEqual([
      '[pc EXCEPT ![self] = "P_11_15"]',
      '[pc EXCEPT ![self] = "P_11_29"]',
    ]);
    expect(leaves(action(m, 'P_11_15').body)[0]?.pc[0]).toBe('[pc EXCEPT ![self] = "Done"]');
  });
  test('actions are listed in source order, Terminating last', () => {
    expect(m.actions.map((a) => a.name)).toEqual([
      'P_a',
      'P_b',
      'P_9_17',
      'P_9_33',
      'P_c',
      'P_10',
      'P_d',
      'P_11_15',
      'P_11_29',
      'Terminating',
    ]);
  });
});

describe('UNCHANGED lists', () => {
  const m = lowerText(SEQ);
  const vars = m.variables.map((v) => v.name);
  test('each outcome primes what it changes and lists every other variable once in UNCHANGED', () => {
    for (const a of m.actions) {
      const text = printExpr(treeToExpr(a.body, vars));
      for (const part of text.split('\\/')) {
        const primed = [...part.matchAll(/(\w+)' =/g)].map((x) => x[1]);
        const un =
          /UNCHANGED << ([^>]*) >>/.exec(part)?.[1]?.split(', ') ??
          /UNCHANGED (\w+)/.exec(part)?.slice(1) ??
          [];
        if (primed.length === 0 && un.length === 0) continue;
        expect([...primed, ...un].sort()).toEqual([...vars].sort());
        expect(new Set([...primed, ...un]).size).toBe(vars.length);
      }
    }
  });
});

describe('unused variables', () => {
  test('variables no reachable code reads or writes are dropped; declaration order is kept', () => {
    const m = lowerText(SEQ);
    expect(m.variables.map((v) => v.name)).toEqual(['x', 'y', 'tv', 'pc']);
  });
  test('a clone copying a thread variable does not keep it alive', () => {
    const m = lowerText(`spec c
thread var used: bool = false
thread var copied_only: bool = false
process T[1] spare 1 {
  s: used := true
  k: clone T
}
`);
    expect(m.variables.map((v) => v.name)).toEqual(['used', 'pc']);
    const clone = action(m, 'T_k');
    expect(leaves(clone.body)[0]?.vars).toEqual(['pc', 'used']);
  });
  test('a procedure nothing calls contributes no action and no variable', () => {
    const m = lowerText(`spec p
shared var x: bool = false
procedure never() { var z: bool = false
  w: z := true }
process T[1] { s: x := true }
`);
    expect(m.actions.map((a) => a.name)).toEqual(['T_s', 'Terminating']);
    expect(m.variables.map((v) => v.name)).toEqual(['x', 'pc']);
  });
});

describe('atomic steps', () => {
  test('later statements read earlier writes; a merged if writes IF-THEN-ELSE', () => {
    const { tla } = emitText(`spec a
shared var a: 0..3 = 0
shared var b: 0..9 = 0
process T[1] { s: atomic { a := a + 1; b := a * 2; if b > 2 { a := 0 } } }
`);
    expect(tla).toContain("/\\ a' = (IF (a + 1) * 2 > 2 THEN 0 ELSE a + 1)");
    expect(tla).toContain("/\\ b' = (a + 1) * 2");
  });
  test('a parallel for over threads updates every element in one step', () => {
    const { tla } = emitText(`spec f
thread var cred: 0..2 = 0
process T[2] { s: atomic { for t in snapshot Thread { cred[t] := 2 } } }
`);
    expect(tla).toContain("cred' = [t \\in DOMAIN cred |-> IF t \\in Thread THEN 2 ELSE cred[t]]");
  });
});

describe('defs', () => {
  test('`x := f(y)` with a def f is an assignment; a state-free def stays an operator', () => {
    const m = lowerText(`spec d
shared var x: 0..3 = 0
def inc(n: 0..3): 0..3 = n + 1
process T[1] { s: x := inc(x) }
`);
    expect(printExpr(treeToExpr(action(m, 'T_s').body, ['x', 'pc']))).toContain("x' = inc(x)");
    expect(m.defs.map((d) => [d.name, d.params, printExpr(d.body)])).toEqual([
      ['inc', ['n'], 'n + 1'],
    ]);
  });
});

describe('threads and groups', () => {
  test('group members are lower-case name and index; spare slots follow and start unborn', () => {
    const m = lowerText(`spec g
shared var x: bool = false
process Caller[2] spare 1 { s: x := true
  k: clone Caller }
`);
    const c = m.constants.find((k) => k.name === 'Caller');
    expect(c?.value).toEqual({ kind: 'modelValues', names: ['caller1', 'caller2', 'caller3'] });
    expect(m.constants.find((k) => k.name === 'Caller_spare')?.value).toEqual({
      kind: 'modelValues',
      names: ['caller3'],
    });
    expect(printExpr(variable(m, 'pc').init)).toBe(
      '[t \\in Thread |-> IF t \\in Caller_spare THEN "Unborn" ELSE "Caller_s"]',
    );
  });
  test('exit goes to Exiting, and the group exit step to Exited', () => {
    const m = lowerText(`spec e
process T[1] { s: exit }
`);
    expect(leaves(action(m, 'T_s').body)[0]?.pc[0]).toBe('[pc EXCEPT ![self] = "Exiting"]');
    expect(printExpr(at(action(m, 'T_exit').guards, 0, 'the pc guard'))).toBe(
      'pc[self] = "Exiting"',
    );
    expect(leaves(action(m, 'T_exit').body)[0]?.pc[0]).toBe('[pc EXCEPT ![self] = "Exited"]');
  });
  test('runs when is conjoined to every action of the group', () => {
    const m = lowerText(`spec r
thread var stopped: bool = false
process T[1] runs when !stopped[self] { s: skip
  u: skip }
`);
    for (const n of ['T_s', 'T_u'])
      expect(action(m, n).guards.map(printExpr)).toEqual([`pc[self] = "${n}"`, '~stopped[self]']);
  });
});

describe('variants and parameters', () => {
  const V = `spec v
param N: 1..3 = 1
shared var x: 0..9 = 0
process T[N] { s: x := 1
  u: x := 2 }
variant bigger { param N = 2 }
variant other extends bigger { override step T.u: x := 3 }
`;
  test('a variant overriding a step replaces only that step; extends applies the chain', () => {
    const m = lowerText(V, 'other');
    expect(printExpr(treeToExpr(action(m, 'T_u').body, ['x', 'pc']))).toContain("x' = 3");
    expect(m.params).toEqual({ N: 2 });
    expect(m.moduleName).toBe('V_other');
  });
  test('an override from the expectation changes the group size, not the module', () => {
    const a = emitText(V, 'bigger');
    const m3 = lowerText(V, 'bigger', [{ name: 'N', value: '3', span }]);
    expect(m3.groups[0]?.members).toEqual(['t1', 't2', 't3']);
    expect(m3.paramOverrides).toEqual({ N: 3 });
    expect(a.module.name).toBe('V_bigger');
  });
  test('an unknown param and out-of-range values of a case are located diagnostics', () => {
    const r2 = tryLower(V, 'base', [{ name: 'M', value: '1', span }]);
    if (!r2.ok) expect(r2.diagnostics.map((d) => d.code)).toEqual(['CS5006']);
    else throw new Error('expected CS5006');
    const r3 = tryLower(V, 'base', [{ name: 'N', value: '7', span }]);
    if (!r3.ok)
      expect(r3.diagnostics.map((d) => [d.code, d.args.value, d.args.type])).toEqual([
        ['CS5007', '7', '1..3'],
      ]);
    else throw new Error('expected CS5007');
  });
});

describe('lowering reports nothing', () => {
  test('a variant the checked program does not declare is an internal error, not a diagnostic', () => {
    const text = 'spec s\nshared var x: bool = false\nprocess T[1] { s: x := true }\n';
    expect(() => tryLower(text, 'nope')).toThrow(LoweringError);
    expect(() => tryLower(text, 'nope')).toThrow('variant `nope` is not declared');
  });
  test('a program the checker refused is not lowered', () => {
    const checked = checkProgram(
      programOf(`spec s
shared var x: bool = false
process T[1] { s: x := y }
`),
    );
    expect(checked.diagnostics.map((d) => d.code)).toEqual(['CS2001']);
    expect(() => variantDecls(checked, 'base')).toThrow(LoweringError);
  });
  test('an inconsistent checked program is internal error CS9001 at the place lowering names, not a user diagnostic', () => {
    const checked = checkedOf(`spec s
shared var x: bool = false
process T[1] { s: x := !x }
`);
    // Tables that do not match the tree: what a checker bug would hand over.
    const r = buildCase(
      { ...checked, symbols: new Map() },
      { variant: 'base', overrides: [], expects: [] },
      'credspec test',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(
        r.diagnostics.map((d) => [d.code, d.args.phase, d.span.start.line, d.span.start.column]),
      ).toEqual([['CS9001', 'lowering', 3, 25]]);
      expect(String(r.diagnostics[0]?.args.detail)).toContain(
        '`x` (unresolved) has no value where it is used',
      );
    }
    const unknownVariant = buildCase(
      checked,
      { variant: 'nope', overrides: [], expects: [] },
      'credspec test',
    );
    expect(
      unknownVariant.ok ? [] : unknownVariant.diagnostics.map((d) => [d.code, d.args.phase]),
    ).toEqual([['CS9001', 'lowering']]);
  });
  test('a group size that a case makes negative is CS5010 at the count', () => {
    const text =
      'spec s\nparam N: 0..3 = 3\nshared var x: bool = false\nprocess T[N - 2] { s: x := true }\n';
    expect(lowerText(text).groups[0]?.members).toEqual(['t1']);
    const r = tryLower(text, 'base', [{ name: 'N', value: '1', span }]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(
        r.diagnostics.map((d) => [d.code, d.args.name, d.span.start.line, d.span.start.column]),
      ).toEqual([['CS5010', 'T (thread count)', 4, 11]]);
  });
  test('type names used as sets lower through what the checker resolved: `bool`, an enum', () => {
    const e = emitText(`spec s
enum Color { red, green }
shared var c: Color = red
shared var seen: map<bool, bool> = [ b in bool |-> false ]
process T[1] { s: c := any Color
  t: seen[true] := true }
`);
    expect(e.tla).toContain('\\E v \\in {"red", "green"} : /\\ c\' = v');
    expect(e.tla).toContain('[b \\in BOOLEAN |-> FALSE]');
  });
});

describe('properties', () => {
  test('symmetry with a temporal property is refused at the process', () => {
    const r = tryLower(`spec s
shared var x: bool = false
fair process T[2] symmetric { s: x := true }
property ev: eventually x
`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([
        ['CS6003', 3, 14],
      ]);
    }
  });
  test('fair groups get weak fairness over every action their threads take, procedures included', () => {
    const m = lowerText(`spec f
shared var x: bool = false
procedure p() { a: x := true }
fair process T[1] { s: p() }
property ev: eventually x
`);
    expect(m.fairness).toHaveLength(1);
    expect(m.fairness[0]?.strength).toBe('WF');
    expect(m.fairness[0]?.actions).toEqual(['T_s', 'p_a', 'p_return']);
  });
  test('an assert becomes an invariant named after its step and a failure value', () => {
    const m = lowerText(`spec a
shared var x: 0..2 = 0
process T[1] { chk: assert x == 0 }
`);
    const p = m.properties.find((x) => x.kind === 'assert');
    if (p === undefined) throw new Error('no assert property');
    expect([p.name, p.dslName, printExpr(p.body)]).toEqual([
      'Assert_T_chk',
      'chk',
      'failure # "Assert_T_chk"',
    ]);
    expect(printExpr(treeToExpr(action(m, 'T_chk').body, ['x', 'pc', 'failure']))).toContain(
      `failure' = (IF x = 0 THEN failure ELSE "Assert_T_chk")`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The constructs of the language issue: break/continue, value-returning macros, `self` in
// initial values, fresh thread variables, generic aliases. Each spec is lowered, emitted and
// checked by the embedded engine; counts derived by hand are said where they are asserted.

async function engineRun(
  text: string,
): Promise<{ verdict: string; property: string | null; distinct: number }> {
  const e = emitText(text);
  const r = await checkTlaModule(e.module, e.config);
  return { verdict: r.verdict, property: r.property, distinct: r.stats.distinctStates };
}

describe('break and continue', () => {
  const BREAK = `spec brk
shared var n: 0..3 = 0
process W[1] {
  loop: while true {
    if n == 3 { break }
    n := n + 1
  }
  after: skip
}
invariant bounded: n <= 3
`;

  test('`break` is no step: the `if` test moves straight past the loop', () => {
    const m = lowerText(BREAK);
    expect(m.actions.map((a) => a.label)).toEqual(['loop', 'W_5', 'W_6', 'after', 'Terminating']);
    expect(leaves(action(m, 'W_5').body)).toEqual([
      { vars: ['pc'], pc: ['[pc EXCEPT ![self] = IF n = 3 THEN "W_after" ELSE "W_6"]'] },
    ]);
  });

  test('the loop with `break` holds with 13 states: 4 tests, 4 ifs, 3 increments, after, Done', async () => {
    expect(await engineRun(BREAK)).toEqual({ verdict: 'holds', property: null, distinct: 13 });
  });

  test('`continue` goes to the next test of the loop: 16 states (5 tests, 4 increments, 4 ifs, 2 odd steps, Done)', async () => {
    const spec = `spec cont
shared var n: 0..4 = 0
shared var odd: 0..2 = 0
process W[1] {
  loop: while n < 4 {
    n := n + 1
    if n mod 2 == 0 { continue }
    odd := odd + 1
  }
}
invariant counted: odd <= 2
`;
    const m = lowerText(spec);
    expect(leaves(action(m, 'W_7').body)[0]?.pc).toEqual([
      '[pc EXCEPT ![self] = IF n % 2 = 0 THEN "W_loop" ELSE "W_8"]',
    ]);
    expect(await engineRun(spec)).toEqual({ verdict: 'holds', property: null, distinct: 16 });
  });

  test('`break` out of a `for` puts the loop variable back to None, as the loop end does', async () => {
    const spec = `spec forbrk
shared var seen: 0..3 = 0
process W[1] {
  walk: for v in snapshot { 1, 2, 3 } {
    if v == 2 { break }
    seen := seen + 1
  }
  after: assert seen <= 2
}
`;
    const m = lowerText(spec);
    const test5 = printExpr(
      treeToExpr(
        action(m, 'W_5').body,
        m.variables.map((v) => v.name),
      ),
    );
    expect(test5).toContain(
      'W_v\' = [W_v EXCEPT ![self] = IF (IF W_v[self] = 2 THEN "W_after" ELSE "W_6") = "W_after" THEN None ELSE W_v[self]]',
    );
    // By hand: the start; 8 tests, 4 increments and 4 iteration choices over the orders of
    // {1, 2, 3} that reach 2; then `after` and Done with 0, 1 or 2 increments (3 + 3), the loop
    // variable None and the set {} in each: 1 + 8 + 4 + 4 + 3 + 3.
    expect(await engineRun(spec)).toEqual({ verdict: 'holds', property: null, distinct: 23 });
  });

  test('`continue` in a `for` goes to the next iteration choice', () => {
    const m = lowerText(`spec forcont
shared var seen: 0..3 = 0
process W[1] {
  walk: for v in live { 1, 2 } {
    if v == 2 { continue }
    seen := seen + 1
  }
}
`);
    expect(leaves(action(m, 'W_5').body)[0]?.pc).toEqual([
      '[pc EXCEPT ![self] = IF W_v[self] = 2 THEN "W_walk_next" ELSE "W_6"]',
    ]);
  });
});

describe('value-returning macros', () => {
  const DEC = `spec mac
shared var n: 0..2 = 2
shared var finished: bool = false
macro dec_and_test(v): bool {
  v := v - 1
  return v == 0
}
process W[2] {
  put: if dec_and_test(n) { finished := true }
}
invariant one_completes: finished => n == 0
`;

  test('`if m(args)` is one step: the body, then the test on the state it left', () => {
    const m = lowerText(DEC);
    expect(m.actions.map((a) => a.label)).toEqual(['put', 'W_9', 'Terminating']);
    const text = printExpr(
      treeToExpr(
        action(m, 'W_put').body,
        m.variables.map((v) => v.name),
      ),
    );
    expect(text).toContain('n - 1 = 0');
    expect(text).toContain("n' = n - 1");
  });

  test('decrement-and-test by two threads holds with 6 states (both orders, one completion)', async () => {
    expect(await engineRun(DEC)).toEqual({ verdict: 'holds', property: null, distinct: 6 });
  });

  test('`x := m(args)`, `while m(args)` and `await m(args)` run the body in the same step', async () => {
    const spec = `spec forms
shared var l: Thread? = none
shared var n: 0..3 = 3
shared var last: 0..3 = 3
shared var owners: 0..2 = 0
macro trylock(x): bool {
  if x == none { x := self }
  return x == self
}
macro dec(v): int {
  v := v - 1
  return v
}
process W[2] {
  take: await trylock(l)
  count: owners := owners + 1
  drop: atomic { owners := owners - 1; l := none }
  get: last := dec(n)
}
invariant exclusive: owners <= 1
invariant counted: last >= 1
`;
    const m = lowerText(spec);
    expect(m.actions.filter((a) => a.owner !== undefined).map((a) => a.label)).toEqual([
      'take',
      'count',
      'drop',
      'get',
    ]);
    const r = await engineRun(spec);
    expect([r.verdict, r.property]).toEqual(['holds', null]);
    const spin = `spec spin
shared var l: Thread? = none
macro trylock(x): bool {
  if x == none { x := self }
  return x == self
}
process W[1] {
  spin: while !trylock(l) { skip }
  out: l := none
}
`;
    expect(lowerText(spin).actions.map((a) => a.label)).toEqual([
      'spin',
      'W_8',
      'out',
      'Terminating',
    ]);
    expect(await engineRun(spin)).toEqual({ verdict: 'holds', property: null, distinct: 3 });
  });
});

describe('self in initial values and fresh thread variables', () => {
  test("each thread's initial value binds `self` to that thread (thread and process variables)", async () => {
    const spec = `spec selfinit
thread var slot: 0..1 = (self in B ? 1 : 0)
process A[2] {
  var me: Thread = self
  a: assert me == self && slot == 0
}
process B[1] {
  b: assert slot == 1
}
`;
    const m = lowerText(spec);
    expect(printExpr(variable(m, 'slot').init)).toBe(
      '[t \\in Thread |-> IF t \\in B THEN 1 ELSE 0]',
    );
    // Three threads, one step each: 2^3 pc combinations.
    expect(await engineRun(spec)).toEqual({ verdict: 'holds', property: null, distinct: 8 });
  });

  const FRESH = `spec freshvars
thread var gen: 0..2 = 0
fresh thread var pending: 0..2 = 1
fresh thread var owner: Thread? = self
process Parent[1] {
  bump: atomic { gen := 2; pending := 2 }
  spawn: clone Child
}
process Child[0] spare 1 {
  look: assert gen == 2 && pending == 1 && owner == self
}
`;

  test('a clone copies ordinary thread variables and starts fresh ones at their initial value', async () => {
    const m = lowerText(FRESH);
    const spawn = printExpr(
      treeToExpr(
        action(m, 'Parent_spawn').body,
        m.variables.map((v) => v.name),
      ),
    );
    expect(spawn).toContain("gen' = [gen EXCEPT ![child] = gen[self]]");
    expect(spawn).toContain("pending' = [pending EXCEPT ![child] = 1]");
    expect(spawn).toContain("owner' = [owner EXCEPT ![child] = child]");
    // bump, spawn, child's look, both done.
    expect(await engineRun(FRESH)).toEqual({ verdict: 'holds', property: null, distinct: 4 });
  });

  test('without `fresh` the child inherits and the assertion fails', async () => {
    const r = await engineRun(FRESH.replace('fresh thread var pending', 'thread var pending'));
    expect([r.verdict, r.property]).toEqual(['violated', 'Assert_Child_look']);
  });
});

describe('generic type aliases', () => {
  test('an instantiated alias gives defaults, element types and checks like the type it stands for', async () => {
    const spec = `spec generic
type Pair<A, B> = { first: A, second: B }
type Queue<T> = seq<T>
shared var p: Pair<0..2, bool>
shared var q: Queue<Pair<0..2, bool>> = <<>>
process W[1] {
  a: p := { first: 2, second: true }
  b: q := append(q, p)
}
invariant small: len(q) <= 1 && (len(q) == 1 => head(q).first == 2)
`;
    const m = lowerText(spec);
    expect(printExpr(variable(m, 'p').init)).toBe('[first |-> 0, second |-> FALSE]');
    expect(await engineRun(spec)).toEqual({ verdict: 'holds', property: null, distinct: 3 });
  });
});

describe('the golden specs of the new constructs under the embedded engine', () => {
  // TLC (tla2tools.jar) finds the same: 69, 79 and 5 distinct states, no error.
  test.each([
    ['loop-exits', 69],
    ['macro-results', 79],
    ['fresh-generic', 5],
  ] as const)('%s holds with %i distinct states', async (c, distinct) => {
    const text = readFileSync(new URL(`../golden/${c}/${c}.cred`, import.meta.url), 'utf8');
    expect(await engineRun(text)).toEqual({ verdict: 'holds', property: null, distinct });
  });

  test('a value-returning macro called as a bare statement runs its body and drops the value', async () => {
    const spec = `spec bare
shared var n: 0..2 = 2
macro dec(v): int {
  v := v - 1
  return v
}
process W[1] {
  once: dec(n)
}
invariant one: n >= 1
`;
    const m = lowerText(spec);
    expect(leaves(action(m, 'W_once').body)).toEqual([
      { vars: ['n', 'pc'], pc: ['[pc EXCEPT ![self] = "Done"]'] },
    ]);
    expect(await engineRun(spec)).toEqual({ verdict: 'holds', property: null, distinct: 2 });
  });
});

describe('unborn(t)', () => {
  // Two spare slots, three attempts: a cloner that tests for a free slot first never blocks on the
  // third; one that does not blocks in `clone` forever once both slots are used.
  const spec = (guarded: boolean): string => `spec unb
shared var made: 0..3 = 0
shared var tries: 0..3 = 0
process G[1] spare 2 {
  s: skip
}
fair process P[1] {
  loop: while tries < 3 {
    t: tries := tries + 1
    ${guarded ? 'f: if exists c in G: unborn(c) {' : 'f: if true {'}
      c: clone G
      m: made := made + 1
    }
  }
}
invariant bounded: made <= 2
`;

  test("lowers to the unborn marker of the thread's pc", () => {
    expect(emitText(spec(true)).tla).toContain('\\E c \\in G : pc[c] = "Unborn"');
  });

  test('a cloner that waits for a free slot does not deadlock; one that does not, does', async () => {
    expect((await engineRun(spec(true))).verdict).toBe('holds');
    expect((await engineRun(spec(false))).verdict).toBe('deadlock');
  });
});

describe("primed elements: x[t]' and x'[t]", () => {
  test('both forms check and emit the same TLA+, for a thread variable and for a map', () => {
    const text = `spec pr
thread var c: 0..3 = 0
shared var m: map<Thread, 0..3> = [ t in Thread |-> 0 ]
process W[2] {
  s: c := 1
  u: m[self] := 1
}
action after: forall t in Thread: c[t]' >= c[t] && m[t]' >= m[t]
action before: forall t in Thread: c'[t] >= c[t] && m'[t] >= m[t]
`;
    const tla = emitText(text).tla;
    expect(tla).toContain("after == [][\\A t \\in Thread : c'[t] >= c[t] /\\ m'[t] >= m[t]]_vars");
    expect(tla).toContain("before == [][\\A t \\in Thread : c'[t] >= c[t] /\\ m'[t] >= m[t]]_vars");
  });
});
