// One embedded-engine run for the bench, in a process of its own so its memory is its own:
// loads a spec from the built package (dist/), builds one case, makes it executable (the
// interpreter, or the compiled module when src/engine/compile offers it), explores it, and
// prints one JSON line. Writes only the compiled module's cache folder it is given, and with
// --write-module the module and config it checked (for TLC to check the same ones).
//
//   node bench/engine-run.mjs <spec> <variant> <interpreted|compiled> <cacheDir> [NAME=value ...]
//        [--workers N] [--safety-only] [--write-module DIR]
//
// --safety-only drops the temporal properties from the configuration (invariants, action
// properties and deadlock stay): the parallel search checks liveness on one worker only.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
const [spec, variant, kind, cacheDir, ...rest] = process.argv.slice(2);
const paramArgs = [];
let workers = 1;
let safetyOnly = false;
let writeDir;
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--workers') workers = Number(rest[++i]);
  else if (rest[i] === '--safety-only') safetyOnly = true;
  else if (rest[i] === '--write-module') writeDir = rest[++i];
  else paramArgs.push(rest[i]);
}

const { loadProgram } = await import(join(dist, 'syntax', 'load.js'));
const { checkProgram } = await import(join(dist, 'check', 'check.js'));
const { checkCases } = await import(join(dist, 'emit', 'cases.js'));
const { buildCase } = await import(join(dist, 'emit', 'build-case.js'));
const { interpretModule } = await import(join(dist, 'engine', 'evaluation', 'interpret.js'));
const { explore } = await import(join(dist, 'engine', 'search', 'explore.js'));
const { exploreParallel } = await import(
  join(dist, 'engine', 'search', 'parallel', 'explore-parallel.js')
);
const { printCfg } = await import(join(dist, 'tla', 'cfg.js'));

function out(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

const started = process.hrtime.bigint();
const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
const span = {
  file: '<bench>',
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};
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
const built = buildCase(checked, planned.cases[0], 'credspec bench');
if (!built.ok) {
  out({
    ok: false,
    message: `the case does not build: ${built.diagnostics.map((d) => d.code).join(', ')}`,
  });
  process.exit(0);
}
const { module } = built.built.emitted;
let config = built.built.emitted.config;
if (safetyOnly) {
  const temporal = new Set(interpretModule(module, config).temporalProperties.map((p) => p.name));
  config = { ...config, properties: config.properties.filter((p) => !temporal.has(p)) };
}
if (writeDir !== undefined) {
  mkdirSync(writeDir, { recursive: true });
  writeFileSync(join(writeDir, `${module.name}.tla`), built.built.tlaText);
  writeFileSync(join(writeDir, `${module.name}.cfg`), printCfg(config));
}
let source = { kind: 'interpreted', module, config };

let executable;
let compileSeconds = 0;
if (kind === 'compiled') {
  let loadCompiled;
  let constantBindings;
  try {
    ({ loadCompiled } = await import(join(dist, 'engine', 'compile', 'load.js')));
    ({ constantBindings } = await import(join(dist, 'engine', 'evaluation', 'constants.js')));
  } catch {
    out({ ok: false, message: 'this build has no compiled engine path' });
    process.exit(0);
  }
  const t0 = seconds();
  try {
    const loaded = await loadCompiled(built.built.tlaText, module, {
      root: cacheDir,
      folder: 'compiled',
    });
    executable = loaded.factory(constantBindings(config), config);
    source = { kind: 'compiled', javascript: loaded.javascript, config };
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
const cpu1 = process.cpuUsage();
const limits = { timeoutSeconds: Number(process.env.BENCH_TIMEOUT ?? 1800) };
const r =
  workers > 1
    ? await exploreParallel(source, executable, config, {
        ...limits,
        workers,
        onNote: (m) => process.stderr.write(`${m}\n`),
      })
    : await explore(executable, config, limits);
const searchSeconds = seconds() - t1;
// CPU time of the search (this thread and the process's others): on a shared machine wall
// seconds measure the load as much as the engine, CPU seconds much less so.
const cpu = process.cpuUsage(cpu1);
const searchCpuSeconds = (cpu.user + cpu.system) / 1e6;
out({
  ok: true,
  module: module.name,
  workers,
  safetyOnly,
  verdict: r.verdict,
  distinct: r.stats.distinctStates,
  generated: r.stats.statesGenerated,
  depth: r.stats.depth,
  searchSeconds,
  searchCpuSeconds,
  compileSeconds,
  totalSeconds: seconds(),
  heapLimitMb,
  ...(r.stats.stateBytes === undefined ? {} : { stateBytes: r.stats.stateBytes }),
  ...(r.inconclusive ? { inconclusive: r.inconclusive.reason } : {}),
});
