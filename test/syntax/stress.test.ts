// Inputs built to break a recursive parser: deep nesting, long chains, a 2 MB line. Each must
// finish with a located diagnostic (or none) and never a stack overflow.

import { MAX_NESTING } from '../../grammar/lexer.js';
import { formatMessage } from '../../src/diagnostics/render.js';
import { parseSpec } from '../../src/syntax/parse.js';
import { allNodes, at } from './helpers.js';

function firstDiag(text: string): [string, string, string] | undefined {
  const d = parseSpec(text, 's.cred').diagnostics[0];
  return d === undefined ? undefined : [d.code, formatMessage(d.code, d.args), at(d.span)];
}

const DEEP = `nesting deeper than ${MAX_NESTING} levels; the rest of this file is not parsed`;

describe('nesting bound', () => {
  test('20,000 nested parentheses: one diagnostic at the first token past the limit', () => {
    const text = 'spec s\nconst X = ' + '('.repeat(20_000) + '1' + ')'.repeat(20_000) + '\n';
    expect(firstDiag(text)).toEqual(['CS1008', DEEP, `2:${11 + MAX_NESTING}`]);
    expect(parseSpec(text, 's.cred').diagnostics.length).toBe(1);
  });

  test('20,000 nested blocks', () => {
    const text = 'spec s\nprocess P[1] {\n' + 'if x {\n'.repeat(20_000) + '}\n'.repeat(20_001);
    expect(firstDiag(text)).toEqual(['CS1008', DEEP, `${2 + MAX_NESTING}:6`]);
  });

  test('20,000 nested braces, brackets and sequences mixed', () => {
    const text = 'spec s\nconst X = ' + '{[<<'.repeat(5_000) + '1' + '>>]}'.repeat(5_000);
    expect(firstDiag(text)?.[0]).toBe('CS1008');
  });

  test('20,000 prefix operators', () => {
    expect(firstDiag('spec s\nconst X = ' + 'not '.repeat(20_000) + 'x')?.[0]).toBe('CS1008');
    expect(firstDiag('spec s\nconst X = ' + '-'.repeat(20_000) + 'x')?.[0]).toBe('CS1008');
  });

  test('nesting right at the limit parses', () => {
    const text = 'spec s\nconst X = ' + '('.repeat(MAX_NESTING) + '1' + ')'.repeat(MAX_NESTING);
    expect(parseSpec(text, 's.cred').diagnostics).toEqual([]);
  });

  test('brackets closed in between do not add up', () => {
    const text = 'spec s\nconst X = ' + '(1) + '.repeat(5_000) + '1';
    expect(parseSpec(text, 's.cred').diagnostics).toEqual([]);
  });

  test('thousands of nested conditionals give a diagnostic, not a crash', () => {
    const text = 'spec s\nconst X = ' + 'a ? '.repeat(20_000) + 'b' + ' : c'.repeat(20_000);
    const ds = parseSpec(text, 's.cred').diagnostics;
    expect(ds.length).toBeGreaterThan(0);
    expect(['CS1036', 'CS1008']).toContain(ds[0]!.code);
  });
});

describe('long flat inputs', () => {
  test('a 20,000-operand chain parses into a left-nested tree', () => {
    const r = parseSpec('spec s\nconst X = ' + '1 + '.repeat(20_000) + '1', 's.cred');
    expect(r.diagnostics).toEqual([]);
    expect(allNodes(r.ast).filter((n) => n.kind === 'BinaryExpr').length).toBe(20_000);
  });

  test('a 20,000-branch else-if chain', () => {
    const r = parseSpec(
      'spec s\nprocess P[1] { if a { skip }' + ' else if b { skip }'.repeat(20_000) + ' }',
      's.cred',
    );
    expect(r.diagnostics).toEqual([]);
    expect(allNodes(r.ast).filter((n) => n.kind === 'IfStmt').length).toBe(20_001);
  });

  test('a 2 MB string on one line', () => {
    const r = parseSpec('spec s\nconst X = "' + 'x'.repeat(2_000_000) + '"\n', 's.cred');
    expect(r.diagnostics).toEqual([]);
  });

  test('a 400 kB line of operators ending in an error is located at its end', () => {
    const text = 'spec s\nconst X = ' + '1 + '.repeat(100_000);
    expect(firstDiag(text)).toEqual([
      'CS1013',
      'expected an expression, found end of file',
      '2:400011',
    ]);
  });

  test('a 2 MB line of unknown characters is one diagnostic', () => {
    const ds = parseSpec('spec s\n' + '#'.repeat(2_000_000), 's.cred').diagnostics;
    expect(ds.map((d) => [d.code, at(d.span)])).toEqual([['CS1001', '2:1']]);
  });
});
