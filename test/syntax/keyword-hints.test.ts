// A misspelt keyword gets "did you mean" with the keyword, at the misspelt word, wherever it
// stands: a declaration, a statement, an expression. The keywords come from the lexer's list.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYWORD_WORDS } from '../../grammar/tokens.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { keywordFor } from '../../src/syntax/keyword-hints.js';
import { parseSpec } from '../../src/syntax/parse.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-kw-'));
  mkdirSync(join(dir, '.prelude'));
  writeFileSync(
    join(dir, '.prelude', 'kernel.cred'),
    'spec kernel\nshared var kernel_ticks: 0..3 = 0\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The diagnostic header lines of `credspec lint`, each followed by its hint line if any. */
async function lintHeadersAndHints(text: string): Promise<{ code: number; lines: string[] }> {
  writeFileSync(join(dir, 'a.cred'), text);
  const io = memoryIo({ cwd: dir, env: { CREDSPEC_PRELUDE: join(dir, '.prelude') } });
  const code = await runCli(['lint', 'a.cred'], io);
  return {
    code,
    lines: io
      .out()
      .split('\n')
      .filter((l) => /^a\.cred:\d+:\d+: /.test(l) || l.startsWith('  hint: ')),
  };
}

describe('misspelt keywords', () => {
  test('declaration: `procss Worker[2] {` suggests `process` at 3:1', async () => {
    const r = await lintHeadersAndHints(
      'spec a\nshared var x: 0..3 = 0\nprocss Worker[2] {\n  s: x := 1\n}\n',
    );
    expect(r.code).toBe(2);
    expect(r.lines.slice(0, 2)).toEqual([
      'a.cred:3:1: error CS1011: expected a declaration, found `procss`',
      '  hint: did you mean `process`?',
    ]);
  });

  test('declaration: `invarant` after a process suggests `invariant` at its own line and column', async () => {
    const r = await lintHeadersAndHints(
      'spec a\nshared var x: 0..3 = 0\nprocess P[1] {\n  s: x := 1\n}\n  invarant small: x <= 3\n',
    );
    expect(r.lines.slice(0, 2)).toEqual([
      'a.cred:6:3: error CS1011: expected a declaration, found `invarant`',
      '  hint: did you mean `invariant`?',
    ]);
  });

  test('statements: `whille` and `awiat` suggest `while` and `await` at the word', async () => {
    const r = await lintHeadersAndHints(
      'spec a\nshared var x: 0..3 = 0\nprocess P[1] {\n  s: whille x < 2 { x := x + 1 }\n}\nprocess Q[1] {\n\ta: awiat x == 2\n}\n',
    );
    const hinted = r.lines
      .filter((_, i) => r.lines[i + 1]?.startsWith('  hint:'))
      .map((l) => l.replace(/: error .*/, ''));
    expect(hinted).toEqual(['a.cred:4:6', 'a.cred:7:5']);
    expect(r.lines.filter((l) => l.startsWith('  hint:'))).toEqual([
      '  hint: did you mean `while`?',
      '  hint: did you mean `await`?',
    ]);
  });

  test('expressions: `flase` (an unknown name) and `andd` (an operator) suggest `false` and `and`; a name in scope wins', async () => {
    const r = await lintHeadersAndHints(
      'spec a\nshared var x: bool = false\nshared var flags: bool = false\nprocess P[1] {\n  s: x := flase\n  u: x := flage\n  t: x := x andd true\n}\n',
    );
    expect(r.lines.slice(1, 7)).toEqual([
      'a.cred:5:11: error CS2001: unknown name `flase`',
      '  hint: did you mean `false`?',
      'a.cred:6:11: error CS2001: unknown name `flage`',
      '  hint: did you mean `flags`?',
      'a.cred:7:13: error CS1023: this expression is not a statement: only a procedure or macro call can stand alone',
      '  hint: did you mean `and`?',
    ]);
  });

  test('a name of one or two letters gets no keyword hint (`i` is a name far more often than `if`)', () => {
    expect([keywordFor('i'), keywordFor('fo'), keywordFor('procss')]).toEqual([
      undefined,
      undefined,
      'process',
    ]);
  });

  test('every keyword of the lexer is suggested for itself with a letter doubled', () => {
    const missed = KEYWORD_WORDS.filter((w) => keywordFor(w + w[w.length - 1]) !== w);
    expect(missed).toEqual([]);
  });

  test('the parser hints every keyword at the top level: `Xx name` for each keyword X', () => {
    const missed: string[] = [];
    for (const w of KEYWORD_WORDS) {
      const typo = w + w[w.length - 1];
      const parsed = parseSpec(`spec a\n${typo} q\n`, 'a.cred');
      const d = parsed.diagnostics.find(
        (x) => x.span.start.line === 2 && x.span.start.column === 1,
      );
      if (d?.hint !== `did you mean \`${w}\`?`)
        missed.push(`${typo}: ${d?.code ?? 'no diagnostic at 2:1'} ${d?.hint ?? ''}`);
    }
    expect(missed).toEqual([]);
  });
});
