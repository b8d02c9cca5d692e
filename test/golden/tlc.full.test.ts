// The golden modules run under TLC, the reference: every one must parse, check without error
// and reach the recorded number of distinct states. Skipped (saying so) where Java or
// tla2tools.jar is missing; the jar comes from TLA2TOOLS_JAR or ../shared/tlc/.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasLiveTlc, tlcJar as jar, tlcOutputOn } from '../support/tlc-on-text.js';

const here = dirname(fileURLToPath(import.meta.url));
const runnable = hasLiveTlc;
const SKIPPED = runnable ? '' : ` (skipped: no java or no tla2tools.jar at ${jar})`;
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** case folder, config file (module name is its prefix before `__`), distinct states TLC finds. */
const RUNS: readonly [string, string, number][] = [
  ['spinlock-counter', 'SpinlockCounter_base', 12],
  ['spinlock-counter', 'SpinlockCounter_base__THREADS_3', 32],
  ['atomic-block', 'AtomicBlock_base', 29],
  ['control-flow', 'ControlFlow_base', 1778],
  ['procedure-frame', 'ProcedureFrame_base', 9],
  ['fault-point', 'FaultPoint_base', 25],
  ['fault-point', 'FaultPoint_base__FAULTS_false', 9],
  ['clone-exit', 'CloneExit_base', 9],
  ['variant-step', 'VariantStep_fixed', 3],
  ['properties-fairness', 'PropertiesFairness_base', 10],
  ['symmetry', 'SymmetryDemo_base', 10],
  ['loop-exits', 'LoopExits_base', 69],
  ['macro-results', 'MacroResults_base', 79],
  ['fresh-generic', 'FreshGeneric_base', 5],
];

(runnable ? describe : describe.skip)(`golden modules under TLC${SKIPPED}`, () => {
  test.each(RUNS)('%s %s', (c, cfg, distinct) => {
    const module = cfg.replace(/__.*$/s, '');
    const src = join(here, c, 'expected', '_', c);
    const dir = mkdtempSync(join(tmpdir(), 'credspec-tlc-'));
    let out: string;
    try {
      copyFileSync(join(src, `${module}.tla`), join(dir, `${module}.tla`));
      copyFileSync(join(src, `${cfg}.cfg`), join(dir, `${module}.cfg`));
      out = execFileSync(
        'java',
        [
          '-XX:+UseParallelGC',
          '-XX:-UsePerfData',
          '-cp',
          jar,
          'tlc2.TLC',
          '-workers',
          '1',
          '-nowarning',
          '-metadir',
          join(dir, 'states'),
          module,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out).toContain('Model checking completed. No error has been found.');
    expect(out).toMatch(new RegExp(`\\b${distinct} distinct states found`));
  });
});

const runSpec = tlcOutputOn;

(runnable ? describe : describe.skip)(`built-in checks under TLC${SKIPPED}`, () => {
  test('a failed assert violates the invariant named after its step, after that step', () => {
    const out = runSpec(`spec v
shared var x: 0..2 = 0
process T[1] { inc: x := 1
  chk: assert x == 0 }
`);
    expect(out).toContain('Error: Invariant Assert_T_chk is violated.');
    expect(out).toMatch(/State 3: <T_chk\(t1\)/);
  });
  test('writing a returned frame violates frame_use_after_return', () => {
    const out = runSpec(`spec v
shared var ref: frame<owner>? = none
procedure owner() {
  var v: bool = false
  keep: ref := frame
  leave: return
}
process A[1] { a: owner()
  b: ref->v := true }
`);
    expect(out).toContain('Error: Invariant frame_use_after_return is violated.');
    expect(out).toMatch(/<A_b\(a1\)/);
  });
});
