// One embedded-engine run for the bench, in a process of its own so its memory is its own:
// loads a spec from the built package (dist/), builds one case, makes it executable (the
// interpreter, or the compiled module when src/engine/compile offers it), explores it, and
// prints one JSON line. Writes only the compiled module's cache folder it is given.
//
//   node bench/engine-run.mjs <spec> <variant> <interpreted|compiled> <cacheDir> [NAME=value ...]

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
const [spec, variant, kind, cacheDir, ...paramArgs] = process.argv.slice(2);

const { loadProgram } = await import(join(dist, 'syntax', 'load.js'));
const { checkProgram } = await import(join(dist, 'check', 'check.js'));
const { checkCases } = await import(join(dist, 'pipeline', 'cases.js'));
const { buildCase } = await import(join(dist, 'pipeline', 'build-case.js'));
const { interpretModule } = await import(join(dist, 'engine', 'interpret.js'));
const { explore } = await import(join(dist, 'engine', 'explore.js'));

function out(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

const started = process.hrtime.bigint();
const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
const span = { file: '<bench>', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
const params = paramArgs.map((p) => {
  const i = p.indexOf('=');
  return { name: p.slice(0, i), value: p.slice(i + 1), span };
});
const readFile = (p) => {
  try {
    return readFileSync(resolve(process.cwd(), p));
  } catch (e) {
    return e;
  }
};
const program = loadProgram(spec, { readFile, preludeDir: join(root, 'prelude') });
const checked = checkProgram(program);
if ([...program.diagnostics, ...checked.diagnostics].some((d) => d.severity === 'error')) {
  out({ ok: false, message: `${spec} has errors` });
  process.exit(0);
}
const planned = checkCases(program, { variants: [variant], params });
if (planned.diagnostics.length > 0 || planned.cases.length !== 1) {
  out({ ok: false, message: `no case ${variant} in ${spec}` });
  process.exit(0);
}
const built = buildCase(program, planned.cases[0], 'credspec bench');
if (!built.ok) {
  out({ ok: false, message: `the case does not build: ${built.diagnostics.map((d) => d.code).join(', ')}` });
  process.exit(0);
}
const { module, config } = built.built.emitted;

let executable;
let compileSeconds = 0;
if (kind === 'compiled') {
  let loadCompiled;
  let constantBindings;
  try {
    ({ loadCompiled } = await import(join(dist, 'engine', 'compile', 'load.js')));
    ({ constantBindings } = await import(join(dist, 'engine', 'constants.js')));
  } catch {
    out({ ok: false, message: 'this build has no compiled engine path' });
    process.exit(0);
  }
  const t0 = seconds();
  try {
    const loaded = await loadCompiled(built.built.tlaText, join(cacheDir, 'beside'), cacheDir, module);
    executable = loaded.factory(constantBindings(config), config);
  } catch (e) {
    out({ ok: false, message: `the module does not compile: ${e.message}` });
    process.exit(0);
  }
  compileSeconds = seconds() - t0;
} else {
  executable = interpretModule(module, config);
}

const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 1048576);
const t1 = seconds();
const r = await explore(executable, config, { timeoutSeconds: Number(process.env.BENCH_TIMEOUT ?? 1800) });
const searchSeconds = seconds() - t1;
out({
  ok: true,
  module: module.name,
  verdict: r.verdict,
  distinct: r.stats.distinctStates,
  generated: r.stats.statesGenerated,
  depth: r.stats.depth,
  searchSeconds,
  compileSeconds,
  totalSeconds: seconds(),
  heapLimitMb,
  ...(r.inconclusive ? { inconclusive: r.inconclusive.reason } : {}),
});
