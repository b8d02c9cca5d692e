/**
 * One entry per engine: every file outside src/engine (the driver that runs a case, the CLI,
 * the language server) reaches the embedded engine only through src/engine/index.ts, never a
 * file inside it, so what the engine does behind `runEmbedded` can change without them noticing.
 */
import { describe, expect, it } from '@jest/globals';
import { importGraph } from './import-graph.js';

const ENTRY = 'src/engine/index.ts';

const graph = importGraph(process.cwd(), ['src']);

/** `file imports target` for each file outside src/engine that imports an engine file other than the entry. */
function reachesInside(files: typeof graph): string[] {
  return [...files]
    .filter(([file]) => !file.startsWith('src/engine/'))
    .flatMap(([file, targets]) =>
      targets
        .filter((t) => t.startsWith('src/engine/') && t !== ENTRY)
        .map((t) => `${file} imports ${t}`),
    );
}

describe('embedded engine entry', () => {
  it('finds an import of an engine file other than the entry', () => {
    const files = new Map([
      ['src/cli/a.ts', ['src/engine/search/explore.ts', ENTRY]],
      ['src/lsp/b.ts', ['src/engine/evaluation/eval.ts']],
      ['src/engine/search/c.ts', ['src/engine/evaluation/eval.ts']],
    ]);
    expect(reachesInside(files)).toEqual([
      'src/cli/a.ts imports src/engine/search/explore.ts',
      'src/lsp/b.ts imports src/engine/evaluation/eval.ts',
    ]);
  });

  it('is the only engine file imported from outside the engine', () => {
    expect(graph.get('src/driver/run-case.ts')).toContain(ENTRY);
    expect(reachesInside(graph)).toEqual([]);
  });
});
