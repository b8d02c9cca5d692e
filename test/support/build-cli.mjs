// Jest's globalSetup: the tests that run the CLI as a user does (`node bin/credspec.js`) need
// dist/ to be the compiled form of today's src/. It is built once per jest run, here, and only
// when some source file is newer than what it compiles to (or a tsconfig is newer than dist/),
// so a run after an unchanged tree starts at once and a run after an edit never tests old code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The folders tsconfig.build.json compiles, each to dist/<folder>. */
const SOURCES = ['grammar', 'src', 'bench', 'scripts'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function sourcesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Why dist/ must be built again, or undefined when every source is older than its output. */
function staleReason() {
  let oldestOutput = Infinity;
  for (const source of SOURCES.flatMap((s) => sourcesUnder(join(ROOT, s)))) {
    const output = join(ROOT, 'dist', relative(ROOT, source).replace(/\.tsx?$/, '.js'));
    if (!existsSync(output)) return `${relative(ROOT, output)} is missing`;
    const built = statSync(output).mtimeMs;
    if (statSync(source).mtimeMs > built) return `${relative(ROOT, source)} changed since the last build`;
    oldestOutput = Math.min(oldestOutput, built);
  }
  const config = CONFIGS.find((c) => statSync(join(ROOT, c)).mtimeMs > oldestOutput);
  return config === undefined ? undefined : `${config} changed since the last build`;
}

export default function buildCli() {
  const reason = staleReason();
  if (reason === undefined) return;
  process.stderr.write(`\nbuilding dist/ (${reason}): tsc -p tsconfig.build.json\n`);
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`npm run build failed, so the tests that run bin/credspec.js cannot start:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
