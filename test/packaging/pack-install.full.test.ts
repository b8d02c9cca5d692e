// The package as a user gets it: `npm pack` (of dist/ as built by jest's globalSetup), then
// `npm install <tarball>` into an empty folder, then `credspec lint`, `check`, `trace` and `ci`
// run from that folder's node_modules/.bin on a copy of a shipped spec. Also what the tarball
// holds: the LICENSE, docs/ (every relative link of README.md and docs/ resolves inside the
// package), no source maps and no benchmark code. The install is tried from npm's cache alone
// (`--offline`), then with the registry; when neither works the test is skipped, saying why.

import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'credspec-pack-'));
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' };

function npm(args: string[], cwd: string): { ok: boolean; out: string } {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: npmEnv, timeout: 600_000 });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Packs the repository and installs the tarball into an empty folder; the folder, or why not. */
function packAndInstall(): { app: string; tarball: string } | { why: string } {
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
  if (!packed.ok) return { why: `npm pack failed: ${packed.out.slice(-400)}` };
  const name = (JSON.parse(packed.out.slice(packed.out.indexOf('['))) as { filename: string }[])[0]
    ?.filename;
  if (name === undefined) return { why: 'npm pack named no tarball' };
  const tarball = join(work, name);
  const app = join(work, 'app');
  rmSync(app, { recursive: true, force: true });
  const install = (mode: string) => {
    rmSync(join(app, 'node_modules'), { recursive: true, force: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    return npm(['install', mode, '--no-package-lock', tarball], app);
  };
  mkdirSync(app, { recursive: true });
  const offline = install('--offline');
  if (offline.ok) return { app, tarball };
  const online = install('--prefer-offline');
  if (online.ok) return { app, tarball };
  return {
    why: `the tarball's dependencies are neither in npm's cache nor reachable: ${online.out.split('\n').find((l) => /ERR/.test(l)) ?? 'npm install failed'}`,
  };
}

const installed = packAndInstall();
const title = (what: string): string =>
  'app' in installed ? what : `${what} (skipped: ${installed.why})`;
const whenInstalled = 'app' in installed ? test : test.skip;
afterAll(() => rmSync(work, { recursive: true, force: true }));

function credspec(
  args: string[],
  cwd: string,
): { code: number | null; stdout: string; stderr: string } {
  const app = 'app' in installed ? installed.app : '';
  const r = spawnSync(join(app, 'node_modules', '.bin', 'credspec'), args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, XDG_CACHE_HOME: join(cwd, '.cache') },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

whenInstalled(
  title('the tarball holds the LICENSE and docs, no maps and no bench code; links resolve'),
  () => {
    if (!('app' in installed)) return;
    const pkg = join(installed.app, 'node_modules', 'credspec');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const shipped = files(pkg).map((f) => f.slice(pkg.length + 1));
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 The credspec authors\n/,
    );
    expect(shipped.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(
      shipped.filter((f) => f.startsWith('dist/bench') || f.startsWith('dist/scripts')),
    ).toEqual([]);
    expect(shipped).toContain('docs/cli.md');
    const pages = [
      'README.md',
      ...shipped.filter((f) => f.startsWith('docs/') && f.endsWith('.md')),
    ];
    const broken = pages.flatMap((page) =>
      [...readFileSync(join(pkg, page), 'utf8').matchAll(/\]\(([^)#\s]+)[)#]/g)]
        .map((m) => m[1] ?? '')
        .filter((link) => !/^[a-z]+:/.test(link))
        .filter((link) => !existsSync(join(pkg, dirname(page), link)))
        .map((link) => `${page}: ${link}`),
    );
    expect(broken).toEqual([]);
  },
);

whenInstalled(
  title('lint, check, trace and ci run from the installed package'),
  () => {
    if (!('app' in installed)) return;
    const specs = join(installed.app, 'specs');
    mkdirSync(specs, { recursive: true });
    copyFileSync(join(REPO, 'specs', 'seccomp-tsync.cred'), join(specs, 'seccomp-tsync.cred'));
    const lint = credspec(['lint', 'specs'], installed.app);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^1 file, 0 errors, \d+ warnings?\n$/m);
    const check = credspec(
      [
        'check',
        'specs/seccomp-tsync.cred',
        '--variant',
        'force_add',
        '--param',
        'OWN_FILTER=true',
        '--json',
        'r.json',
      ],
      installed.app,
    );
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'specs/seccomp-tsync.cred force_add (OWN_FILTER=true): violates sc_cover',
    );
    const trace = credspec(['trace', 'r.json', '--format', 'text'], installed.app);
    expect(trace.code).toBe(0);
    expect(trace.stdout).toContain('sc_cover');
    const ci = credspec(['ci', 'specs'], installed.app);
    expect(ci.code).toBe(0);
    expect(ci.stdout).toMatch(
      /\n18 checks: 18 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 5 marked unreachable\n$/,
    );
  },
  900_000,
);
