// The essential steps a violation needs through control and through writes of an unchanged
// value, on the purpose-built specs in test/fixtures/essential/ (their comments give the
// reasoning), checked in process as a user runs `credspec check`; which steps are essential
// was worked out by hand. S-5, the seccomp clone race, is in essential-control.full.test.ts.

import { essentialChecks } from './essential-control-check.js';

const check = essentialChecks();

const FLAG = 'test/fixtures/essential/flag-guard.cred';

describe('essential steps through control', () => {
  test('an await on a flag another thread raises: the raise and the await are essential', async () => {
    const c = await check(FLAG, ['base']);
    expect(c.verdict).toBe('violated use');
    expect(c.steps).toEqual([
      '  setter1 Setter.s_tick',
      '* setter1 Setter.fill',
      '* setter1 Setter.raise',
      '  waiter1 Waiter.w_tick',
      '* waiter1 Waiter.wait',
      '* waiter1 Waiter.use',
    ]);
    expect(c.out).toContain('7 states, 0 preemptions, 4 essential;');
  });

  test('an `if` testing a flag another thread raises: the raise and the test are essential', async () => {
    const c = await check(FLAG, ['tested']);
    expect(c.verdict).toBe('violated look');
    expect(c.steps.filter((s) => s.startsWith('*'))).toEqual([
      '* setter1 Setter.fill',
      '* setter1 Setter.raise',
      '* waiter1 Waiter.wait',
      '* waiter1 Waiter.look',
    ]);
  });

  test('a copy that writes the value its variable already had is the write the check reads', async () => {
    const c = await check('test/fixtures/essential/stale-copy.cred', []);
    expect(c.verdict).toBe('violated check');
    expect(c.steps).toEqual([
      '* copier1 Copier.copy',
      '  writer1 Writer.w_note',
      '* writer1 Writer.bump',
      '  copier1 Copier.c_note',
      '* copier1 Copier.check',
    ]);
  });
});
