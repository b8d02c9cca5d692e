// `credspec check` on a violation, in process: the trace names threads, spec lines and changed
// variables, and the result file matches its schema and keeps the TLA+ view of each step whole.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { LOCKED, lockedWorkspace } from './locked-spec.js';
import { schemaValidator } from '../support/schemas.js';

const scratch = scratchDirs();
const workspace = () => lockedWorkspace(scratch);

describe('credspec check', () => {
  test('a violation: exit 1, the trace names threads, spec lines and changed variables', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['racy'], param: [], json: 'r.json' },
        io,
      ),
    ).toBe(1);
    const out = io.out();
    expect(out).toContain('racy: violates one_inside');
    // The take steps only bring the threads to the race, so the text folds them; the racy
    // variant's take is the override, so the folded line and the JSON step point at its line.
    expect(out).toMatch(/worker\d: 1 step folded \(line 17\)/);
    expect(out).toMatch(/worker\d {2}specs\/locked\.cred:10:3 {2}Worker\.bump/);
    expect(out).toMatch(/count: 0 -> 1/);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const validate = schemaValidator('result');
    expect(validate(result) ? [] : validate.errors).toEqual([]);
    const r = result.results[0];
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('one_inside');
    expect(r.propertyLocation).toMatchObject({ file: 'specs/locked.cred', line: 20, column: 1 });
    expect(r.trace[0].step).toBe('init');
    expect(r.trace[1]).toMatchObject({
      essential: false,
      location: { file: 'specs/locked.cred', line: 17, column: 30 },
    });
    for (const step of r.trace.slice(1)) {
      expect(step.location.file).toBe('specs/locked.cred');
      // Every step points at the line that holds its statement.
      const line = LOCKED.split('\n')[step.location.line - 1]?.replace(/\s+/g, ' ');
      expect(line).toContain(step.source);
    }
    expect(Object.keys(r.trace.at(-1).state)).toEqual(expect.arrayContaining(['count', 'locked']));
    // The spec's view of each step hides the module's internals; its TLA+ view (for ITF) has them whole.
    expect(
      JSON.stringify(r.trace.map(({ tla: _tla, ...spec }: { tla: unknown }) => spec)),
    ).not.toMatch(/"pc"|Worker_take/);
    expect(r.trace.at(-1).tla).toMatchObject({
      action: 'Worker_bump',
      params: { self: { '#mv': 'worker2' } },
      state: { count: 2, locked: false },
    });
    expect(Object.keys(r.trace.at(-1).tla.state)).toContain('pc');
  });
});
