// Lowering reports nothing a user could cause: the checker has. Given checker tables that do not
// match the tree (what a checker bug would hand over), lowering stops with its internal
// LoweringError (shown as CS9001) or still lowers; it never returns a diagnostic and never fails
// with an error of another kind.

import type { CheckedProgram } from '../../src/check/check.js';
import { Scope } from '../../src/check/scopes.js';
import { resolveCase } from '../../src/check/resolve-params.js';
import { instantiate, variantDecls } from '../../src/model/instance.js';
import { lowerSpec } from '../../src/model/lower.js';
import { LoweringError, inconsistent } from '../../src/model/lowering-error.js';
import { checkedOf } from './helpers.js';

const SPEC = `spec internal
param N: 1..3 = 2
const LIMIT = 3
enum Mode { idle, busy }
type Slot = { owner: Thread?, count: 0..3 }
shared var mode: Mode = idle
shared var slots: map<Mode, Slot> = [ m in Mode |-> { owner: none, count: 0 } ]
shared var pending: set<frame<work>> = {}
thread var done_count: 0..3 = 0
def busy_now(): bool = mode == busy
macro bump(k) { slots[k].count := (slots[k].count + 1) mod LIMIT }
procedure work(k: Mode) {
  var n: int = 0
  enter: pending := pending union {frame}
  loop: for t in snapshot {self} { n := n + 1 }
  leave: bump(k)
  pending := pending \\ {frame}
  return
}
process T[N] {
  pick: either { mode := busy } or { mode := idle }
  go: work(mode)
  count: if (busy_now()) { done_count := done_count + 1 }
}
invariant small: forall k in Mode: slots[k].count <= LIMIT
variant calm {
  override step T.pick: mode := idle
}
`;

/** What lowering does with a checked program: a model, a LoweringError, or anything else it returned or threw. */
function outcome(checked: CheckedProgram, variant: string): string {
  try {
    const r = resolveCase(variantDecls(checked, variant), [], inconsistent);
    if (!r.ok) return `diagnostics ${r.diagnostics.map((d) => d.code).join(', ')}`;
    lowerSpec(instantiate(variant, r.resolved));
    return 'lowered';
  } catch (err) {
    if (err instanceof LoweringError) return 'internal';
    return `other: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
}

describe('lowering fails only with an internal error', () => {
  const checked = checkedOf(SPEC);
  const corrupted: readonly (readonly [string, CheckedProgram])[] = [
    ['no symbols', { ...checked, symbols: new Map() }],
    ['no declarations', { ...checked, declarations: new Map() }],
    ['no types', { ...checked, types: new Map() }],
    ['no frames', { ...checked, frames: new Map() }],
    ['no variants', { ...checked, variants: new Map() }],
    ['no global names', { ...checked, globals: new Scope(undefined) }],
  ];

  test('the consistent program lowers, in every variant', () => {
    expect(outcome(checked, 'base')).toBe('lowered');
    expect(outcome(checked, 'calm')).toBe('lowered');
  });

  test.each(corrupted)('%s: never a diagnostic, never another error', (_, program) => {
    for (const variant of ['base', 'calm'])
      expect(['lowered', 'internal']).toContain(outcome(program, variant));
  });

  test('tables that miss what the tree refers to are the internal error', () => {
    const get = (what: string): CheckedProgram =>
      corrupted.find(([w]) => w === what)?.[1] ?? checked;
    expect(outcome(get('no symbols'), 'base')).toBe('internal');
    expect(outcome(get('no variants'), 'calm')).toBe('internal');
    expect(outcome(get('no global names'), 'calm')).toBe('internal');
  });
});
