// Loading a program: imports followed relative to the importing file, the prelude by name,
// missing and cyclic imports reported at the import, every file parsed once, ids unique.

import { formatMessage } from '../../src/diagnostics/render.js';
import { loadProgram } from '../../src/syntax/load.js';
import { allNodes, at } from './helpers.js';

function reader(
  files: Record<string, string | Uint8Array>,
): (p: string) => string | Uint8Array | Error {
  return (p) => {
    const f = files[p];
    if (f !== undefined) return f;
    return Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), {
      code: 'ENOENT',
    });
  };
}

function diags(program: ReturnType<typeof loadProgram>): string[] {
  return program.diagnostics.map(
    (d) => `${d.span.file}:${at(d.span)} ${d.code} ${formatMessage(d.code, d.args)}`,
  );
}

describe('loadProgram', () => {
  test('follows imports relative to the importing file and the prelude folder, root first', () => {
    const program = loadProgram('specs/main.cred', {
      preludeDir: '/opt/credspec/prelude',
      readFile: reader({
        'specs/main.cred': 'spec main\nimport kernel\nimport "lib/a.cred"\n',
        'specs/lib/a.cred': 'spec a\nimport "../common/b.cred"\nconst A = 1\n',
        'specs/common/b.cred': 'spec b\nconst B = 2\n',
        '/opt/credspec/prelude/kernel.cred': 'spec kernel\nconst K = 3\n',
      }),
    });
    expect(diags(program)).toEqual([]);
    expect(program.files.map((f) => f.path)).toEqual([
      'specs/main.cred',
      '<prelude>/kernel.cred',
      'specs/lib/a.cred',
      'specs/common/b.cred',
    ]);
    expect(program.root.path).toBe('specs/main.cred');
    const ids = program.files.flatMap((f) => allNodes(f.ast).map((n) => n.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a file imported twice is loaded once', () => {
    const program = loadProgram('m.cred', {
      preludeDir: 'p',
      readFile: reader({
        'm.cred': 'spec m\nimport "a.cred"\nimport "b.cred"\n',
        'a.cred': 'spec a\nimport "b.cred"\n',
        'b.cred': 'spec b\n',
      }),
    });
    expect(diags(program)).toEqual([]);
    expect(program.files.map((f) => f.path)).toEqual(['m.cred', 'a.cred', 'b.cred']);
  });

  test('a missing import is reported at the import with the path as resolved', () => {
    const program = loadProgram('m.cred', {
      preludeDir: 'p',
      readFile: reader({ 'm.cred': 'spec m\n\nimport "nope.cred"\nimport kernel\n' }),
    });
    expect(diags(program)).toEqual([
      'm.cred:3:1 CS8001 cannot read nope.cred: no such file',
      'm.cred:4:1 CS8001 cannot read <prelude>/kernel.cred: no such file',
    ]);
  });

  test('an import cycle is reported at the import that closes it', () => {
    const program = loadProgram('a.cred', {
      preludeDir: 'p',
      readFile: reader({
        'a.cred': 'spec a\nimport "b.cred"\n',
        'b.cred': 'spec b\nimport "c.cred"\n',
        'c.cred': 'spec c\n  import "a.cred"\n',
      }),
    });
    expect(diags(program)).toEqual([
      'c.cred:2:3 CS1037 import cycle: a.cred -> b.cred -> c.cred -> a.cred',
    ]);
    const self = loadProgram('s.cred', {
      preludeDir: 'p',
      readFile: reader({ 's.cred': 'spec s\nimport "./s.cred"\n' }),
    });
    expect(diags(self)).toEqual(['s.cred:2:1 CS1037 import cycle: s.cred -> s.cred']);
  });

  test('a missing root is one diagnostic and an empty program', () => {
    const program = loadProgram('gone.cred', { preludeDir: 'p', readFile: reader({}) });
    expect(diags(program)).toEqual(['gone.cred:1:1 CS8001 cannot read gone.cred: no such file']);
    expect(program.files.length).toBe(1);
    expect(program.root.ast.decls).toEqual([]);
  });

  test('syntax errors of imported files are reported in those files; bytes are decoded', () => {
    const program = loadProgram('m.cred', {
      preludeDir: 'p',
      readFile: reader({
        'm.cred': Buffer.from('\uFEFFspec m\nimport "x.cred"\n'),
        'x.cred': Buffer.from([0x73, 0x70, 0x65, 0x63, 0x20, 0x78, 0x0a, 0xff, 0x0a]),
      }),
    });
    expect(diags(program)).toEqual(['x.cred:2:1 CS1007 invalid UTF-8: byte 0xFF at byte offset 7']);
    expect(program.root.text.startsWith('spec m')).toBe(true);
  });
});
