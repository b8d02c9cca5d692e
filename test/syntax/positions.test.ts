// Lines and columns under CRLF, tabs and a BOM, and the caret lines that render them: a tab is
// one column, a CRLF one line break, a BOM is not part of the text.

import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { decodeSource } from '../../src/syntax/decode.js';
import { LineMap } from '../../src/source/line-map.js';
import { parseSpec } from '../../src/syntax/parse.js';
import { at, declsOf } from './helpers.js';

function constValueAt(text: string): string {
  const r = parseSpec(text, 't.cred');
  expect(r.diagnostics).toEqual([]);
  const d = r.ast.decls[0]!;
  if (d.kind !== 'ConstDecl') throw new Error('const expected');
  return at(d.value.span);
}

describe('positions', () => {
  test('LF, CRLF and lone CR give the same lines and columns', () => {
    expect(constValueAt('spec t\n\nconst X =   7\n')).toBe('3:13');
    expect(constValueAt('spec t\r\n\r\nconst X =   7\r\n')).toBe('3:13');
    expect(constValueAt('spec t\r\rconst X =   7\r')).toBe('3:13');
  });

  test('a tab is one column', () => {
    expect(constValueAt('spec t\n\tconst X =\t\t7\n')).toBe('2:13');
  });

  test('a BOM is dropped: the header is at 1:1 and offsets count from after it', () => {
    const r = parseSpec('\uFEFFspec t\nconst X = 7\n', 't.cred');
    expect(r.diagnostics).toEqual([]);
    expect(at(r.ast.name.span)).toBe('1:6');
    expect(r.ast.name.span.start.offset).toBe(5);
    expect(r.text.startsWith('spec')).toBe(true);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('spec t\n')]);
    expect(decodeSource(bytes, 't.cred').text).toBe('spec t\n');
  });

  test('end positions are exclusive and on the right line', () => {
    const [d] = declsOf('const LONG_NAME = 1');
    expect(d!.kind === 'ConstDecl' && [d.name.span.start.column, d.name.span.end.column]).toEqual([
      7, 16,
    ]);
  });

  test('line map clamps offsets and returns lines without their break', () => {
    const m = new LineMap('a\r\nbc\n');
    expect(m.lineCount).toBe(3);
    expect(m.lineText(1)).toBe('a');
    expect(m.lineText(2)).toBe('bc');
    expect(m.lineText(3)).toBe('');
    expect(m.positionAt(999)).toEqual({ offset: 6, line: 3, column: 1 });
    expect(m.positionAt(-5)).toEqual({ offset: 0, line: 1, column: 1 });
  });
});

describe('rendering', () => {
  test('header, source line and carets; tabs are kept so the carets line up', () => {
    const text = 'spec t\nprocess P[1] {\n\t\tx := (1 + 2\n\t\tproc\n}\n';
    const r = parseSpec(text, 'specs/a.cred');
    expect(r.diagnostics.length).toBe(1);
    expect(renderDiagnostic(r.diagnostics[0]!, { source: () => text })).toBe(
      [
        'specs/a.cred:4:3: error CS1003: expected `)` to close the parenthesis opened at 3:8, found `proc`',
        '  4 | \t\tproc',
        '    | \t\t^^^^',
      ].join('\n'),
    );
  });

  test('hint and related notes follow the carets; no colour unless asked', () => {
    const text = 'spec t\nconst X = 1\n';
    const d = {
      ...parseSpec('spec t\nconst X = #\n', 'a.cred').diagnostics[0]!,
      hint: 'remove it',
      related: [{ span: new LineMap(text).span('a.cred', 0, 4), note: 'the header is here' }],
    };
    const plain = renderDiagnostic(d, { source: () => 'spec t\nconst X = #\n' });
    expect(plain.split('\n')).toEqual([
      'a.cred:2:11: error CS1001: unexpected character `#`',
      '  2 | const X = #',
      '    |           ^',
      '  hint: remove it',
      '  note: a.cred:1:1: the header is here',
    ]);
    expect(plain).not.toContain('\u001b[');
    expect(renderDiagnostic(d, { color: true, source: () => 'spec t\nconst X = #\n' })).toContain(
      '\u001b[',
    );
  });

  test('a diagnostic at the end of the file puts its caret after the last character', () => {
    const text = 'spec t\nconst X = (1';
    const d = parseSpec(text, 'a.cred').diagnostics[0]!;
    expect(
      renderDiagnostic(d, { source: () => text })
        .split('\n')
        .slice(1),
    ).toEqual(['  2 | const X = (1', '    |             ^']);
  });

  test('a 2 MB line is cut around the caret', () => {
    const text = 'spec t\nconst X = "' + 'x'.repeat(2_000_000) + '" #';
    const d = parseSpec(text, 'a.cred').diagnostics[0]!;
    const lines = renderDiagnostic(d, { source: () => text }).split('\n');
    expect(lines[0]).toBe(`a.cred:2:${2_000_014}: error CS1001: unexpected character \`#\``);
    expect(lines[1]!.length).toBeLessThan(300);
    expect(lines[1]!.endsWith('#')).toBe(true);
    expect(lines[2]!.endsWith('^')).toBe(true);
    expect(lines[1]!.length).toBe(lines[2]!.length);
  });
});
