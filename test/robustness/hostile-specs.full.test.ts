// Hostile and careless specs, run through the built CLI as a user runs it: each ends with its
// exit code and a located message of the expected class, never a stack trace, never a hang,
// and never shows the contents of a file that is not a spec. The corpus is
// test/robustness/corpus/specs/; special files (a FIFO, symlinks, a huge file) are made here.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'credspec.js');
const CORPUS = join(ROOT, 'test', 'robustness', 'corpus');

interface Run {
  code: number | null;
  out: string;
}

let work: string;
let cache: string;

/** Runs the CLI in the corpus copy; a run that hangs is killed and fails its test. */
function cli(
  args: readonly string[],
  env: Record<string, string> = {},
  limitMs = 60_000,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: join(work, 'specs'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: work,
        XDG_CACHE_HOME: cache,
        SECRET_MARKER: 'hostile-7f3a',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function noStackTrace(r: Run): void {
  expect(r.out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|RangeError|Maximum call stack|CS9001/);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build`.');
  work = mkdtempSync(join(tmpdir(), 'credspec-hostile-'));
  cache = join(work, 'cache');
  cpSync(CORPUS, work, { recursive: true });
  const specs = join(work, 'specs');
  execFileSync('mkfifo', [join(specs, 'fifo.cred')]);
  execFileSync('mkfifo', [join(specs, 'helpers', 'pipe.cred')]);
  symlinkSync(join(work, 'outside.cred'), join(specs, 'link-out.cred'));
  symlinkSync('/proc/self/environ', join(specs, 'environ.cred'));
  writeFileSync(join(specs, 'huge.cred'), 'spec huge\n');
  truncateSync(join(specs, 'huge.cred'), 5 * 1024 * 1024);
  const importing = (name: string, target: string): void =>
    writeFileSync(
      join(specs, `${name}.cred`),
      `spec ${name}\nimport "${target}"\nshared var c: 0..3 = 0\nprocess P[1] { s: c := 1 }\ninvariant i: c <= 1\n`,
    );
  importing('import_fifo', 'helpers/pipe.cred');
  importing('import_link_out', 'link-out.cred');
  importing('import_environ_link', 'environ.cred');
  importing('import_huge', 'huge.cred');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** [spec, code, message class, where the message points] for specs `lint` must reject. */
const REJECTED: readonly (readonly [string, number, RegExp])[] = [
  [
    'import-environ.cred',
    2,
    /^import-environ\.cred:2:1: error CS8001: cannot read \/proc\/self\/environ: it is not a `\.cred` file/m,
  ],
  [
    'import-passwd.cred',
    2,
    /^import-passwd\.cred:2:1: error CS8001: cannot read \/etc\/passwd: it is not a `\.cred` file/m,
  ],
  [
    'import-zero.cred',
    2,
    /^import-zero\.cred:2:1: error CS8001: cannot read \/dev\/zero: it is not a `\.cred` file/m,
  ],
  [
    'import-directory.cred',
    2,
    /^import-directory\.cred:2:1: error CS8001: cannot read helpers: it is not a `\.cred` file/m,
  ],
  [
    'import-outside.cred',
    2,
    /^import-outside\.cred:2:1: error CS8001: cannot read \.\.\/outside\.cred: it is outside the importing spec's folder/m,
  ],
  [
    'import_link_out.cred',
    2,
    /^import_link_out\.cred:2:1: error CS8001: cannot read link-out\.cred: it is outside/m,
  ],
  [
    'import_environ_link.cred',
    2,
    /^import_environ_link\.cred:2:1: error CS8001: cannot read environ\.cred: it is not a `\.cred` file/m,
  ],
  [
    'import_fifo.cred',
    2,
    /^import_fifo\.cred:2:1: error CS8001: cannot read helpers\/pipe\.cred: it is not a regular file/m,
  ],
  [
    'import_huge.cred',
    2,
    /^import_huge\.cred:2:1: error CS8001: cannot read huge\.cred: it is larger than 4 MiB/m,
  ],
  [
    'fifo.cred',
    2,
    /^fifo\.cred:1:1: error CS8001: cannot read fifo\.cred: it is not a regular file/m,
  ],
  [
    'huge.cred',
    2,
    /^huge\.cred:1:1: error CS8001: cannot read huge\.cred: it is larger than 4 MiB/m,
  ],
  [
    'not-a-spec.tla',
    2,
    /^not-a-spec\.tla:1:1: error CS8001: cannot read not-a-spec\.tla: it is not a `\.cred` file \(credspec reads `\.cred` specs only\)/m,
  ],
  [
    '/dev/zero',
    2,
    /^\/dev\/zero:1:1: error CS8001: cannot read \/dev\/zero: it is not a `\.cred` file/m,
  ],
  [
    '/etc/passwd',
    2,
    /^\/etc\/passwd:1:1: error CS8001: cannot read \/etc\/passwd: it is not a `\.cred` file/m,
  ],
  [
    'no-process.cred',
    2,
    /^no-process\.cred:1:6: error CS5021: spec `no_process` declares no process/m,
  ],
  [
    'too-many-threads.cred',
    2,
    /^too-many-threads\.cred:4:16: error CS5023: the processes may have 100000000 threads in all; credspec checks at most 64/m,
  ],
  [
    'too-deep.cred',
    2,
    /^too-deep\.cred:3:\d+: error CS1042: expression nested deeper than 1100 levels/m,
  ],
];

describe('hostile specs: lint and check reject them, located, with exit 2', () => {
  test.each(REJECTED)('lint %s', async (spec, code, message) => {
    const r = await cli(['lint', spec]);
    expect(r.code).toBe(code);
    expect(r.out).toMatch(message);
    // One message, not a parse of someone else's file.
    expect(r.out.match(/error CS/g)?.length).toBe(1);
    expect(r.out).not.toMatch(/hostile-7f3a|root:x:0:0/);
    noStackTrace(r);
  });

  test.each(REJECTED)('check %s', async (spec, code, message) => {
    const r = await cli(['check', spec]);
    expect(r.code).toBe(code);
    expect(r.out).toMatch(message);
    expect(r.out).not.toMatch(/hostile-7f3a|root:x:0:0/);
    noStackTrace(r);
  });

  test('an --import-path folder lets an import outside the spec folder in', async () => {
    const r = await cli(['lint', '--import-path', '..', 'import-outside.cred']);
    expect(r.out).not.toMatch(/CS8001/);
    expect(r.out).toMatch(/1 file, 0 errors/);
    expect(r.code).toBe(0);
  });

  test('emit refuses an import of /etc/passwd the same way', async () => {
    const r = await cli(['emit', '--out', join(work, 'out'), 'import-passwd.cred']);
    expect(r.code).toBe(2);
    // emit names a spec by its path from the project folder, the one holding the output root.
    expect(r.out).toMatch(/^specs\/import-passwd\.cred:2:1: error CS8001/m);
    expect(r.out).not.toMatch(/root:x:0:0/);
  });
});

describe('zero threads: a warning in lint and beside the verdict of check', () => {
  test('lint warns, exit 0', async () => {
    const r = await cli(['lint', 'zero-threads.cred']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^zero-threads\.cred:4:16: warning CS5022: no process has a thread with the default params/m,
    );
  });

  test('check says so before its holds', async () => {
    const r = await cli(['check', 'zero-threads.cred']);
    expect(r.out).toMatch(/warning CS5022[\s\S]*zero-threads\.cred base: holds/);
  });
});

/** Long legal specs: [spec, verdict line, exit code]. */
const LONG: readonly (readonly [string, RegExp, number])[] = [
  ['conjunction-1000.cred', /^conjunction-1000\.cred base: holds {2}\(4 distinct states/m, 0],
  ['disjunction-1000.cred', /^disjunction-1000\.cred base: violates small/m, 1],
  ['else-if-500.cred', /^else-if-500\.cred base: violates never8 {2}\(2 distinct states/m, 1],
];

describe('long legal specs check on both engines and emit', () => {
  test.each(LONG)('lint %s is clean', async (spec) => {
    const r = await cli(['lint', spec]);
    expect(r.out).toMatch(/1 file, 0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });

  test.each(LONG)('check %s (compiled engine)', async (spec, verdict, code) => {
    const r = await cli(['check', spec]);
    noStackTrace(r);
    expect(r.out).toMatch(verdict);
    expect(r.code).toBe(code);
  });

  test.each(LONG)('check %s (interpreter)', async (spec, verdict, code) => {
    const r = await cli(['check', spec], { CREDSPEC_INTERPRET: '1' });
    noStackTrace(r);
    expect(r.out).toMatch(verdict);
    expect(r.code).toBe(code);
  });

  test.each(LONG)('emit %s', async (spec) => {
    const r = await cli(['emit', '--out', join(work, 'generated'), spec]);
    noStackTrace(r);
    expect(r.out).toMatch(/file\(s\) written/);
    expect(r.code).toBe(0);
  });
});
