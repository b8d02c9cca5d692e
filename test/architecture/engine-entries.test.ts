/**
 * One entry per engine: the CLI runs TLC through src/tlc/index.ts and never reaches into the
 * runner's other files, so those can change without the CLI noticing. A new import of any other
 * src/tlc file from src/cli fails here, naming the file and what it imports.
 */
import { describe, expect, it } from '@jest/globals';
import { importGraph } from './import-graph.js';

const TLC_ENTRY = 'src/tlc/index.ts';

const graph = importGraph(process.cwd(), ['src']);

/** `from -> to` for every import of a src/tlc file other than its entry from a src/cli file. */
function pastTheEntry(files: ReadonlyMap<string, readonly string[]>): string[] {
  return [...files].flatMap(([from, targets]) =>
    from.startsWith('src/cli/')
      ? targets
          .filter((to) => to.startsWith('src/tlc/') && to !== TLC_ENTRY)
          .map((to) => `${from} -> ${to}`)
      : [],
  );
}

describe('engine entries', () => {
  it('sees the CLI run TLC through the entry', () => {
    expect(graph.get('src/cli/run-case.ts')).toContain(TLC_ENTRY);
  });

  it('finds an import that goes past the entry', () => {
    const files = new Map([
      ['src/cli/x.ts', ['src/tlc/index.ts', 'src/tlc/run.ts']],
      ['src/tlc/index.ts', ['src/tlc/run.ts']],
    ]);
    expect(pastTheEntry(files)).toEqual(['src/cli/x.ts -> src/tlc/run.ts']);
  });

  it('has no src/cli file importing a src/tlc file other than the entry', () => {
    expect(pastTheEntry(graph)).toEqual([]);
  });
});
