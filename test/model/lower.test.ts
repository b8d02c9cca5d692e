// Unit tests of the lowering: pc successors, UNCHANGED lists, pruning of unused variables,
// variants, parameter sets and the diagnostics a user gets for what cannot be lowered.

import type { ActTree, Model, ModelAction } from '../../src/model/ir.js';
import { treeToExpr } from '../../src/tla/from-model.js';
import { printExpr } from '../../src/tla/print.js';
import { emitText, lowerText, tryLower } from './helpers.js';

const span = { file: 'cli', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

function action(m: Model, name: string): ModelAction {
  const a = m.actions.find((x) => x.name === name);
  if (a === undefined) throw new Error(`no action ${name}; have ${m.actions.map((x) => x.name).join(', ')}`);
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
    expect(leaves(action(m, 'P_a').body).map((l) => l.pc)).toEqual([['[pc EXCEPT ![self] = "P_b"]']]);
  });
  test('an if test moves to the first step of the branch taken, or past the if', () => {
    expect(leaves(action(m, 'P_b').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = IF x > 0 THEN "P_9_17" ELSE "P_9_33"]');
  });
  test('a while test enters the body or leaves, and the body returns to the test', () => {
    expect(leaves(action(m, 'P_c').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = IF y < 2 THEN "P_10" ELSE "P_d"]');
    expect(leaves(action(m, 'P_10').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = "P_c"]');
  });
  test('either is one choice step with one outcome per branch; the last steps finish the thread', () => {
    expect(leaves(action(m, 'P_d').body).map((l) => l.pc[0])).toEqual(['[pc EXCEPT ![self] = "P_11_15"]', '[pc EXCEPT ![self] = "P_11_29"]']);
    expect(leaves(action(m, 'P_11_15').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = "Done"]');
  });
  test('actions are listed in source order, Terminating last', () => {
    expect(m.actions.map((a) => a.name)).toEqual(['P_a', 'P_b', 'P_9_17', 'P_9_33', 'P_c', 'P_10', 'P_d', 'P_11_15', 'P_11_29', 'Terminating']);
  });
});

describe('UNCHANGED lists', () => {
  const m = lowerText(SEQ);
  const vars = m.variables.map((v) => v.name);
  test('each outcome primes what it changes and lists every other variable once in UNCHANGED', () => {
    for (const a of m.actions) {
      const text = printExpr(treeToExpr(a.body, vars));
      for (const part of text.split('\\/')) {
        const primed = [...part.matchAll(/(\w+)' =/g)].map((x) => x[1]!);
        const un = /UNCHANGED << ([^>]*) >>/.exec(part)?.[1]?.split(', ') ?? /UNCHANGED (\w+)/.exec(part)?.slice(1) ?? [];
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
    expect(leaves(clone.body)[0]!.vars).toEqual(['pc', 'used']);
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
    expect(m.defs.map((d) => [d.name, d.params, printExpr(d.body)])).toEqual([['inc', ['n'], 'n + 1']]);
  });
});

describe('threads and groups', () => {
  test('group members are lower-case name and index; spare slots follow and start unborn', () => {
    const m = lowerText(`spec g
shared var x: bool = false
process Caller[2] spare 1 { s: x := true
  k: clone Caller }
`);
    const c = m.constants.find((k) => k.name === 'Caller')!;
    expect(c.value).toEqual({ kind: 'modelValues', names: ['caller1', 'caller2', 'caller3'] });
    expect(m.constants.find((k) => k.name === 'Caller_spare')!.value).toEqual({ kind: 'modelValues', names: ['caller3'] });
    expect(printExpr(m.variables.find((v) => v.name === 'pc')!.init)).toBe('[t \\in Thread |-> IF t \\in Caller_spare THEN "Unborn" ELSE "Caller_s"]');
  });
  test('exit goes to Exiting, and the group exit step to Exited', () => {
    const m = lowerText(`spec e
process T[1] { s: exit }
`);
    expect(leaves(action(m, 'T_s').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = "Exiting"]');
    expect(printExpr(action(m, 'T_exit').guards[0]!)).toBe('pc[self] = "Exiting"');
    expect(leaves(action(m, 'T_exit').body)[0]!.pc[0]).toBe('[pc EXCEPT ![self] = "Exited"]');
  });
  test('runs when is conjoined to every action of the group', () => {
    const m = lowerText(`spec r
thread var stopped: bool = false
process T[1] runs when !stopped[self] { s: skip
  u: skip }
`);
    for (const n of ['T_s', 'T_u']) expect(action(m, n).guards.map(printExpr)).toEqual([`pc[self] = "${n}"`, '~stopped[self]']);
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
    expect(m3.groups[0]!.members).toEqual(['t1', 't2', 't3']);
    expect(m3.paramOverrides).toEqual({ N: 3 });
    expect(a.module.name).toBe('V_bigger');
  });
  test('unknown variant, unknown param and out-of-range values are located diagnostics', () => {
    const r1 = tryLower(V, 'nope');
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.diagnostics.map((d) => d.code)).toEqual(['CS5001']);
    const r2 = tryLower(V, 'base', [{ name: 'M', value: '1', span }]);
    if (!r2.ok) expect(r2.diagnostics.map((d) => d.code)).toEqual(['CS5006']);
    else throw new Error('expected CS5006');
    const r3 = tryLower(V, 'base', [{ name: 'N', value: '7', span }]);
    if (!r3.ok) expect(r3.diagnostics.map((d) => [d.code, d.args.value])).toEqual([['CS5007', '7']]);
    else throw new Error('expected CS5007');
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
      expect(r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([['CS6003', 3, 14]]);
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
    expect(m.fairness[0]!.strength).toBe('WF');
    expect(m.fairness[0]!.actions).toEqual(['T_s', 'p_a', 'p_return']);
  });
  test('an assert becomes an invariant named after its step and a failure value', () => {
    const m = lowerText(`spec a
shared var x: 0..2 = 0
process T[1] { chk: assert x == 0 }
`);
    const p = m.properties.find((x) => x.kind === 'assert')!;
    expect([p.name, p.dslName, printExpr(p.body)]).toEqual(['Assert_T_chk', 'chk', 'failure # "Assert_T_chk"']);
    expect(printExpr(treeToExpr(action(m, 'T_chk').body, ['x', 'pc', 'failure']))).toContain(`failure' = (IF x = 0 THEN failure ELSE "Assert_T_chk")`);
  });
});
