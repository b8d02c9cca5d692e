/**
 * One entry per engine: what runs the engines (the driver that runs a case, the CLI, the
 * language server) runs TLC through src/tlc/index.ts and never reaches into the runner's other
 * files, so those can change without their callers noticing (the embedded engine shares TLC's
 * naming of temporal properties, and may). A new import of any other src/tlc file from outside
 * the two engines fails here, naming the file and what it imports.
 */
import { describe, expect, it } from '@jest/globals';
import { importGraph } from './import-graph.js';

const TLC_ENTRY = 'src/tlc/index.ts';

const graph = importGraph(process.cwd(), ['src']);

/** `from -> to` for every import of a src/tlc file other than its entry from outside the engines. */
function pastTheEntry(files: ReadonlyMap<string, readonly string[]>): string[] {
  return [...files].flatMap(([from, targets]) =>
    !from.startsWith('src/tlc/') && !from.startsWith('src/engine/')
      ? targets
          .filter((to) => to.startsWith('src/tlc/') && to !== TLC_ENTRY)
          .map((to) => `${from} -> ${to}`)
      : [],
  );
}

describe('engine entries', () => {
  it('sees the driver run TLC through the entry', () => {
    expect(graph.get('src/driver/run-case.ts')).toContain(TLC_ENTRY);
  });

  it('finds an import that goes past the entry', () => {
    const files = new Map([
      ['src/cli/x.ts', ['src/tlc/index.ts', 'src/tlc/run.ts']],
      ['src/tlc/index.ts', ['src/tlc/run.ts']],
    ]);
    expect(pastTheEntry(files)).toEqual(['src/cli/x.ts -> src/tlc/run.ts']);
  });

  it('has no file outside the engines importing a src/tlc file other than the entry', () => {
    expect(pastTheEntry(graph)).toEqual([]);
  });
});
