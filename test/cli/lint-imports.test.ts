// `credspec lint` follows imports of the prelude and of files, and each problem found there names
// the file it is in.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFolder } from './lint-folder.js';

const folder = lintFolder();
const { write, lint } = folder;

describe('credspec lint', () => {
  test('imports of the prelude and of files are followed; their problems name their own file', async () => {
    writeFileSync(join(folder.prelude, 'kernel.cred'), 'spec kernel\nconst K = #\n');
    write('lib/types.cred', 'spec types\nconst T = (\n');
    write(
      'main.cred',
      'spec main\nimport kernel\nimport "lib/types.cred"\nimport "missing.cred"\n',
    );
    const r = await lint('lint', 'main.cred');
    expect(r.err).toBe('');
    expect(r.code).toBe(2);
    expect(r.out.split('\n').filter((l) => l.includes(': error '))).toEqual([
      '<prelude>/kernel.cred:2:11: error CS1001: unexpected character `#`',
      '<prelude>/kernel.cred:3:1: error CS1013: expected an expression, found end of file',
      'lib/types.cred:3:1: error CS1013: expected an expression, found end of file',
      'main.cred:4:1: error CS8001: cannot read missing.cred: no such file',
    ]);
  });
});
