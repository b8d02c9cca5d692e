/**
 * The command line is the top layer: no source outside src/cli imports a file under it. What
 * the CLI and the language server (or a sweep) both need, reading a spec file and running one
 * case, lives below both (src/source, src/driver), so the server never loads the CLI and the
 * CLI's commands can change without the server noticing.
 */
import { describe, expect, it } from '@jest/globals';
import { type ImportGraph, importGraph } from './import-graph.js';

const graph = importGraph(process.cwd(), ['src']);

/** `file imports target` for each file outside src/cli that imports a file under src/cli. */
function intoCli(files: ImportGraph): string[] {
  return [...files]
    .filter(([file]) => !file.startsWith('src/cli/'))
    .flatMap(([file, targets]) =>
      targets.filter((t) => t.startsWith('src/cli/')).map((t) => `${file} imports ${t}`),
    );
}

describe('layers', () => {
  it('finds an import into the CLI from below it, and none from inside it', () => {
    const files = new Map([
      ['src/lsp/a.ts', ['src/cli/run-specs.ts', 'src/driver/run-case.ts']],
      ['src/cli/commands/b.ts', ['src/cli/io.ts', 'src/lsp/server.ts']],
    ]);
    expect(intoCli(files)).toEqual(['src/lsp/a.ts imports src/cli/run-specs.ts']);
  });

  it('sees the language server and the CLI share the driver and the spec reader', () => {
    expect(graph.get('src/lsp/code-lens.ts')).toContain('src/driver/run-case.ts');
    expect(graph.get('src/lsp/workspace.ts')).toContain('src/source/read-spec-file.ts');
    expect(graph.get('src/cli/run-specs.ts')).toContain('src/driver/run-case.ts');
  });

  it('has no file outside src/cli importing one under it (src/lsp included)', () => {
    expect(intoCli(graph)).toEqual([]);
  });
});
