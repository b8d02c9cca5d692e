// One TLC run for the bench, in a process of its own: checks a module and config the embedded
// run wrote (bench/engine-run.mjs --write-module) through credspec's TLC runner from dist/,
// with the given workers, and prints one JSON line. The heap is the caller's setting, passed in
// JAVA_TOOL_OPTIONS. Writes nothing but TLC's own work folder.
//
//   node bench/tlc-run.mjs <module.tla> <module.cfg> <workers|auto>

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { runTlc } = await import(join(root, 'dist', 'src', 'tlc', 'run.js'));
const [module, config, workersArg] = process.argv.slice(2);
const workers = workersArg === 'auto' ? 'auto' : Number(workersArg ?? 1);
const started = process.hrtime.bigint();
const r = await runTlc({
  module,
  config,
  workers,
  env: process.env,
  timeoutSeconds: Number(process.env.BENCH_TIMEOUT ?? 1800),
});
process.stdout.write(
  `${JSON.stringify({
    ok: r.verdict !== 'error',
    verdict: r.verdict,
    distinct: r.stats.distinctStates,
    generated: r.stats.statesGenerated,
    depth: r.stats.depth,
    searchSeconds: r.stats.seconds,
    totalSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    ...(r.error ? { message: r.error.message } : {}),
    ...(r.inconclusive ? { inconclusive: r.inconclusive.reason } : {}),
  })}\n`,
);
