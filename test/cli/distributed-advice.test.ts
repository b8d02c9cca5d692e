// The advice that points at TLC's distributed mode (after a limit on the embedded engine, when a
// distributed run refuses temporal properties, and in the docs) names real commands and flags:
// every `--flag` it prints is an option of the command it goes with in the command line, and
// every command line it prints is accepted by the parser as written.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { advice } from '../../src/engine/search/stop-result.js';
import { adviceForLimit } from '../../src/engine/search/simulate.js';
import type { InconclusiveReason } from '../../src/result/check-result.js';
import { temporalRefusal } from '../../src/tlc/distributed.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const REASONS: InconclusiveReason[] = [
  'memory',
  'timeout',
  'max-states',
  'interrupted',
  'simulation',
];
// What check passes as the user's command line: the spec quoted as a shell reads it back.
const USER_LINE = "credspec check 'odd dir/s p.cred' --variant v2 --param N=2 --engine embedded";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-advice-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd: dir, env: {} });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** The long options a command's --help lists (the option column only, not the descriptions). */
async function optionsOf(command: string[]): Promise<Set<string>> {
  const help = (await run([...command, '--help'])).out;
  const flags = help
    .split('\n')
    .flatMap((l) => /^\s+(?:-\w, )?(--[a-z][a-z-]*)/.exec(l)?.[1] ?? []);
  return new Set(flags);
}

function flagsIn(text: string): string[] {
  return [...new Set(text.match(/(?<![\w=-])--[a-z][a-z-]*/g) ?? [])];
}

/** Words of a command line as a POSIX shell splits it (single quotes only, which is what is printed). */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g))
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}

/** `credspec ...` command lines in a text: in backticks, or on a line of their own. */
function commandsIn(text: string): string[] {
  const quoted = [...text.matchAll(/`(credspec [^`]*)`/g)].map((m) => m[1]!);
  const own = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('credspec '));
  return [...quoted, ...own];
}

function allAdvice(): string[] {
  const counts = { distinct: 1200, queued: 80 };
  return [
    ...REASONS.map((r) => adviceForLimit(r, USER_LINE)),
    ...REASONS.map((r) =>
      advice(r, counts, { commandLine: USER_LINE, maxStates: 1000, timeoutSeconds: 30 }),
    ),
    ...REASONS.map((r) => advice(r, counts, {})),
    temporalRefusal(['ll_term']),
    temporalRefusal(['a', 'b']),
  ];
}

describe('distributed advice', () => {
  test('every flag the advice prints is an option of `credspec check`', async () => {
    const check = await optionsOf(['check']);
    expect(check.has('--distributed')).toBe(true);
    const unknown = allAdvice().flatMap((text) =>
      flagsIn(text)
        .filter((f) => !check.has(f))
        .map((f) => `${f} in: ${text.slice(0, 80)}`),
    );
    expect(unknown).toEqual([]);
  });

  test('a distributed run refused for temporal properties names the flag that leaves them out', () => {
    const text = temporalRefusal(['ll_term']);
    expect(text).toContain('ll_term');
    expect(flagsIn(text)).toEqual(
      expect.arrayContaining(['--safety-only', '--engine', '--distributed']),
    );
  });

  test('every command line the advice prints is accepted as written (only the missing spec is reported)', async () => {
    const commands = [...new Set(allAdvice().flatMap(commandsIn))];
    expect(commands.some((c) => c.includes('--engine tlc') && c.includes('--distributed'))).toBe(
      true,
    );
    const refused: string[] = [];
    for (const line of commands) {
      const [tool, ...argv] = shellSplit(line);
      expect(tool).toBe('credspec');
      const r = await run(argv);
      // The spec does not exist here, so a command the parser and the mode checks accept stops
      // at reading it; anything else is a command that fails as printed.
      if (
        !/cannot read odd dir\/s p\.cred/.test(r.err) ||
        /credspec: error:|go with|do not go together|add --engine/.test(r.err)
      )
        refused.push(`${line}\n  -> ${r.err.trim()}`);
    }
    expect(refused).toEqual([]);
  });

  test('a real run stopped at a limit prints commands that name the spec as a shell reads it back', async () => {
    mkdirSync(join(dir, 'odd dir'));
    writeFileSync(
      join(dir, 'odd dir', 's p.cred'),
      'spec s\nshared var x: 0..3 = 0\nprocess P[2] {\n  a: x := x + 1\n  b: x := x - 1\n}\ninvariant small: x <= 3\n',
    );
    const r = await run(['check', 'odd dir/s p.cred', '--max-states', '2']);
    expect(r.code).toBe(4);
    const commands = commandsIn(r.out);
    expect(commands).toContain("credspec check 'odd dir/s p.cred' --engine tlc --distributed");
    for (const line of commands)
      expect(shellSplit(line).slice(0, 3)).toEqual(['credspec', 'check', 'odd dir/s p.cred']);
  });

  test('the distributed commands in the README and docs use only real flags', async () => {
    const check = await optionsOf(['check']);
    const worker = await optionsOf(['tlc', 'worker']);
    const wrong: string[] = [];
    for (const page of ['README.md', 'docs/cli.md', 'docs/scaling.md']) {
      const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const isWorker = /credspec tlc worker/.test(line);
        const isCheck =
          /credspec check\b/.test(line) && /--distributed/.test(line + (lines[i + 1] ?? ''));
        if (!isWorker && !isCheck) return;
        // A command continued with `\` runs on to the next lines.
        let text = line;
        for (let j = i; lines[j]?.trimEnd().endsWith('\\') && j + 1 < lines.length; j++)
          text += ' ' + lines[j + 1];
        const known = isWorker ? worker : check;
        for (const f of flagsIn(text.replace(/#.*$/, '')))
          if (!known.has(f)) wrong.push(`${page}:${i + 1}: ${f}`);
      });
    }
    expect(wrong).toEqual([]);
  });
});
