// The vim files load without an error in `vim -es` (vim's own exit status says so), detect a
// .cred file, and highlight a shipped spec's keywords, comments and strings by the right groups.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDirs } from '../support/scratch-dirs.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const hasVim = spawnSync('vim', ['--version']).status === 0;
const NO_VIM = hasVim ? '' : ' (skipped: no vim on this machine)';
const scratch = scratchDirs();

/** The syntax group at each (line, column) of `file`, as vim reports it; vim's exit status too. */
function groupsIn(
  file: string,
  places: readonly (readonly [number, number])[],
): { status: number | null; filetype: string; groups: string[] } {
  const out = join(scratch('credspec-vim-'), 'out.txt');
  const probe = [
    `let s:out = [&filetype]`,
    ...places.map(([line, col]) => `call add(s:out, synIDattr(synID(${line}, ${col}, 1), 'name'))`),
    `call writefile(s:out, '${out}')`,
  ];
  const script = join(scratch('credspec-vim-'), 'probe.vim');
  writeFileSync(script, probe.join('\n') + '\n');
  const r = spawnSync(
    'vim',
    [
      '-es',
      '-N',
      '-u',
      'NONE',
      '-i',
      'NONE',
      '-c',
      `set rtp^=${join(REPO, 'editors', 'vim')}`,
      '-c',
      'filetype plugin on',
      '-c',
      'syntax on',
      '-c',
      `edit ${file}`,
      '-c',
      `source ${script}`,
      '-c',
      'qall!',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  const [filetype = '', ...groups] = readFileSync(out, 'utf8').split('\n');
  return { status: r.status, filetype, groups: groups.slice(0, places.length) };
}

/** 1-based line and column of the first occurrence of `needle` in `text`, `into` characters on. */
function placeOf(text: string, needle: string, into = 0): [number, number] {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in the spec`);
  const before = text.slice(0, offset).split('\n');
  return [before.length, (before.at(-1)?.length ?? 0) + 1 + into];
}

(hasVim ? test : test.skip)(
  `vim loads the credspec syntax without errors and highlights a shipped spec${NO_VIM}`,
  () => {
    const file = join(REPO, 'specs', 'exectime.cred');
    const text = readFileSync(file, 'utf8');
    const { status, filetype, groups } = groupsIn(file, [
      placeOf(text, 'spec exectime'),
      placeOf(text, '/** Threads'),
      placeOf(text, '// Exec-time'),
      placeOf(text, 'param SIBLINGS'),
      placeOf(text, 'union Sibling'),
      placeOf(text, '= false', 2),
    ]);
    expect(status).toBe(0);
    expect(filetype).toBe('credspec');
    expect(groups).toEqual([
      'credspecDeclaration',
      'credspecDocComment',
      'credspecLineComment',
      'credspecDeclaration',
      'credspecOperatorWord',
      'credspecConstant',
    ]);
  },
);
