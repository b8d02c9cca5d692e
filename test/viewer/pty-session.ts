// Shared by the pseudo-terminal tests: a process in a real pty (@lydell/node-pty) whose screen
// is the text after the last full redraw with ANSI stripped; keys, resize, exit code.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from './helpers.js';

const require = createRequire(join(REPO, 'package.json'));
const pty = require('@lydell/node-pty') as typeof import('@lydell/node-pty');

/** `credspec trace` as installed (dist/, built by jest's globalSetup): `[...TRACE, <its arguments>]`. */
export const TRACE = [join(REPO, 'bin', 'credspec.js'), 'trace'];
const CLEAR = '\u001b[2J';
export const ESC = '\u001b';

/** Text without ANSI escapes and carriage returns. */
export function strip(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\u001b\][^\u0007]*\u0007/g, '')
    .replace(/\r/g, '');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A process in a pseudo-terminal of the given size, run from the repository root. */
export class Session {
  output = '';
  exitCode: number | null = null;
  private readonly proc: import('@lydell/node-pty').IPty;
  private readonly exited: Promise<number>;

  /** `argv` is what follows `node`: `bin/credspec.js ...` (`[...TRACE, ...]` for the trace command). */
  constructor(argv: string[], cols: number, rows: number) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== 'CI' && k !== 'NO_COLOR' && !k.startsWith('JEST')) env[k] = v;
    env.TERM = 'xterm-256color';
    this.proc = pty.spawn(process.execPath, argv, { cols, rows, cwd: REPO, env });
    this.proc.onData((d) => {
      this.output += d;
    });
    this.exited = new Promise((res) =>
      this.proc.onExit(({ exitCode }) => res((this.exitCode = exitCode))),
    );
  }

  /** The text of the last full frame drawn. */
  screen(): string[] {
    const frames = this.output.split(CLEAR);
    return strip(frames[frames.length - 1]!).split('\n');
  }

  /**
   * Waits until the screen satisfies `ok` and stays the same for 50 ms (a frame can arrive in
   * several chunks on a loaded machine: its first lines before its last), or fails after
   * `tries` × 50 ms (15 s by default: a viewer starting beside other test files on two cores can
   * take several seconds to draw its first frame).
   */
  async waitFor(ok: (screen: string[]) => boolean, what: string, tries = 300): Promise<string[]> {
    for (let i = 0; i < tries; i++) {
      const seen = this.screen();
      if (ok(seen)) {
        await sleep(50);
        const settled = this.screen();
        if (settled.join('\n') === seen.join('\n')) return settled;
        continue;
      }
      await sleep(50);
    }
    throw new Error(`screen never showed ${what}:\n${this.screen().join('\n')}`);
  }

  async key(data: string, ok: (screen: string[]) => boolean, what: string): Promise<string[]> {
    this.proc.write(data);
    return this.waitFor(ok, what);
  }

  kill(): void {
    this.proc.kill();
  }

  resize(cols: number, rows: number): void {
    this.proc.resize(cols, rows);
  }

  write(data: string): void {
    this.proc.write(data);
  }

  async exit(): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((res) => (timer = setTimeout(() => res(-1), 10000)));
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (code === -1) this.proc.kill();
    return code;
  }

  /** After quitting: the cursor was shown again and the alternate screen left. */
  restoredTerminal(): boolean {
    const tail = this.output.slice(this.output.lastIndexOf(`${ESC}[?25l`));
    return (
      tail.includes(`${ESC}[?25h`) &&
      this.output.lastIndexOf(`${ESC}[?1049l`) > this.output.lastIndexOf(`${ESC}[?1049h`)
    );
  }
}
