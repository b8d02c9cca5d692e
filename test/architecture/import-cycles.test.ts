/**
 * Phases run one way: no folder of src/ or grammar/ imports a folder that (directly or through
 * others) imports it, and no file does either. A new cycle fails here with the files or folders
 * that form it.
 */
import { describe, expect, it } from '@jest/globals';
import { cycles, folderGraph, importGraph } from './import-graph.js';

const graph = importGraph(process.cwd(), ['src', 'grammar']);

const key = (cycle: readonly string[]): string => cycle.join(' <-> ');

describe('import cycles', () => {
  it('reads every source file and finds imports between them', () => {
    expect(graph.get('src/syntax/parse.ts')).toContain('grammar/parser.ts');
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });

  it('counts a folder cycle made of files that form no cycle', () => {
    const files = new Map([
      ['a/x.ts', ['b/y.ts']],
      ['b/y.ts', ['a/z.ts']],
      ['a/z.ts', []],
    ]);
    expect(cycles(files)).toEqual([]);
    expect(cycles(folderGraph(files))).toEqual([['a', 'b']]);
  });

  it('has no folder cycle and no file cycle', () => {
    expect([...cycles(folderGraph(graph)), ...cycles(graph)].map(key)).toEqual([]);
  });
});
