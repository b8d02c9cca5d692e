// Colour at a terminal, decided once per run: the viewer opens with NO_COLOR as without it, only
// its colours go (bold, dim and the inverse current line stay); a diagnostic on a terminal's
// stderr is coloured while stdout goes to a file, and TERM=dumb takes the colour away.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, inTerminal, REPO } from './terminal.js';

/** An SGR sequence that sets a foreground colour (31 red … 36 cyan, as the viewer and diagnostics use). */
const COLOUR = /\u001b\[(?:[0-9;]*;)?3[1-6]m/;
const VIEW = `node ${CLI} trace test/fixtures/results/tsync-deadlock.json`;
const QUIT = { ready: 'DEADLOCK  step 0 of', type: 'q' };

test('NO_COLOR: the viewer still opens and quits, drawn without colours', async () => {
  const [coloured, code] = await inTerminal(VIEW, REPO, { keys: QUIT });
  expect(code).toBe(0);
  expect(coloured).toContain('\u001b[?1049h');
  expect(coloured).toMatch(COLOUR);
  const [plain, plainCode] = await inTerminal(VIEW, REPO, { env: { NO_COLOR: '1' }, keys: QUIT });
  expect(plainCode).toBe(0);
  expect(plain).toContain('\u001b[?1049h');
  expect(plain).toContain('DEADLOCK  step 0 of');
  expect(plain).not.toMatch(COLOUR);
  expect(plain).toContain('\u001b[7m');
}, 180_000);

test('diagnostics on a terminal stderr are coloured with stdout in a file; not with TERM=dumb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-colour-'));
  try {
    writeFileSync(join(dir, 'bad.cred'), 'process x {}\n');
    const [drawn, code] = await inTerminal(`node ${CLI} check bad.cred > out.txt`, dir);
    expect(code).toBe(2);
    expect(drawn).toContain('\u001b[31merror\u001b[39m');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('');
    const [dumb] = await inTerminal(`node ${CLI} check bad.cred`, dir, { env: { TERM: 'dumb' } });
    expect(dumb).toContain('error CS1009');
    expect(dumb).not.toMatch(COLOUR);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
