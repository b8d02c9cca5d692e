// A second, independent client of the language server: Neovim's built-in LSP client, started by
// the snippet the README gives (editors/vim/lua/credspec.lua), opens a shipped spec with an
// error typed into it and must report what `credspec lint` reports. Skipped by name where there
// is no nvim, or no `credspec lsp` command in this build.

import { spawnSync } from 'node:child_process';
import { copyFileSync, appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDirs } from '../support/scratch-dirs.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'bin', 'credspec.js');
const scratch = scratchDirs();

const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const hasLsp = /^\s+lsp\b/m.test(
  spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout ?? '',
);
const SKIPPED = !hasNvim
  ? ' (skipped: no nvim on this machine)'
  : !hasLsp
    ? ' (skipped: this build has no `credspec lsp` command)'
    : '';

interface Found {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The diagnostics Neovim shows for `file` once the server has published some (30 s at most). */
function neovimDiagnostics(file: string): Found[] {
  const dir = scratch('credspec-nvim-');
  const out = join(dir, 'diagnostics.json');
  const probe = join(dir, 'probe.lua');
  writeFileSync(
    probe,
    `
vim.opt.runtimepath:prepend(${JSON.stringify(join(REPO, 'editors', 'vim'))})
require('credspec').setup({ cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(CLI)}, 'lsp', '--stdio' } })
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(file)}))
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, {
    code = d.code or lsp.code,
    line = d.lnum + 1,
    column = d.col + 1,
    severity = d.severity == vim.diagnostic.severity.ERROR and 'error' or 'warning',
    message = d.message,
  })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, ${JSON.stringify(out)})
vim.cmd('qall!')
`,
  );
  const r = spawnSync(
    'nvim',
    ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${probe}`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (r.status !== 0) throw new Error(`nvim failed: ${r.stderr}`);
  return (JSON.parse(readFileSync(out, 'utf8')) as Found[]).sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
}

(hasNvim && hasLsp ? test : test.skip)(
  `Neovim's LSP client shows a shipped spec's diagnostics as lint does${SKIPPED}`,
  () => {
    const file = join(scratch('credspec-nvim-spec-'), 'seccomp-tsync.cred');
    copyFileSync(join(REPO, 'specs', 'seccomp-tsync.cred'), file);
    appendFileSync(file, '\ninvariant broken: undefined_name == 1\n');
    const lint = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', file], {
      encoding: 'utf8',
    });
    const expected = (JSON.parse(lint.stdout) as { diagnostics: Found[] }).diagnostics;
    expect(expected.map((d) => d.code)).toContain('CS2001');
    const shown = neovimDiagnostics(file);
    expect(
      shown.map(({ code, line, column, severity }) => ({ code, line, column, severity })),
    ).toEqual(
      expected.map(({ code, line, column, severity }) => ({ code, line, column, severity })),
    );
    shown.forEach((d, i) => expect(d.message).toContain(expected[i]?.message));
  },
);
