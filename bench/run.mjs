// `npm run bench`: measures the embedded engine against TLC on every spec in specs/ and prints
// markdown tables (ratios come from this one run; nothing here asserts a time). Takes the
// built package (dist/; `npm run build` first) and bench/big-params.json (the parameter set per
// spec that reaches 10^6 states); runs the CLI as a user would, one process per measurement.
//
//   node bench/run.mjs [--only <text>] [--no-tlc] [--no-big] [--no-defaults] [--no-protocol]
//                      [--timeout <s>] [--million] [--workers <n>]
//
// The protocol of ../shared/design/PERFORMANCE.md (bench/protocol.cred, and with symmetric
// threads bench/protocol-symmetric.cred) and, with --million, the 10^6-state models
// (bench/big-params.json "million"; tens of minutes with TLC) are compared on their safety part
// (temporal properties dropped, the same module and config for both checkers): the compiled
// embedded engine with 1 worker (and n for --million; default: every core) against TLC with 1
// worker at its default heap and at a heap sized to the model. When `credspec check` has
// `--por`, each table adds a run with it and the state reduction it gives.
//
// Peak memory is the largest resident set of the measured process tree (GNU time's %M); where
// /usr/bin/time is missing it is left blank.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
const bin = join(root, 'bin', 'credspec.js');
if (!existsSync(join(dist, 'cli', 'commands', 'main.js'))) {
  process.stderr.write(
    'bench: dist/ is not built; run `npm run build` first (`npm run bench` does).\n',
  );
  process.exit(2);
}
const { credFilesUnder } = await import(join(dist, 'cli', 'spec-inputs.js'));
const { prepareTlc } = await import(join(dist, 'tlc', 'run.js'));

const options = (() => {
  const o = {
    only: undefined,
    tlc: true,
    big: true,
    defaults: true,
    timeout: 1800,
    million: false,
    protocol: true,
    workers: cpus().length,
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') o.only = argv[++i];
    else if (a === '--no-tlc') o.tlc = false;
    else if (a === '--no-big') o.big = false;
    else if (a === '--no-defaults') o.defaults = false;
    else if (a === '--timeout') o.timeout = Number(argv[++i]);
    else if (a === '--million') o.million = true;
    else if (a === '--no-protocol') o.protocol = false;
    else if (a === '--workers') o.workers = Number(argv[++i]);
    else {
      process.stderr.write(`bench: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  return o;
})();

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CORES = cpus().length;
const work = mkdtempSync(join(tmpdir(), 'credspec-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
let serial = 0;
// Partial-order reduction is an option of newer builds: measured only where the CLI offers it.
const porSupported = execFileSync(process.execPath, [bin, 'check', '--help'], {
  encoding: 'utf8',
}).includes('--por');

/** Runs a command to the end; wall seconds, peak RSS (KiB) of the process tree, output. */
function measure(cmd, args, env = process.env) {
  const rssFile = join(work, `rss-${serial++}`);
  const [file, argv] =
    TIME === undefined ? [cmd, args] : [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]];
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let peakKb = null;
      try {
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        peakKb = Number(lines[lines.length - 1]) || null;
      } catch {
        // no /usr/bin/time
      }
      resolvePromise({ wall, peakKb, stdout, stderr, code });
    });
  });
}

/** `credspec check` on a spec (a variant and parameters, or all variants at their defaults); the result file's rows. */
async function cliCheck(
  spec,
  { variant, params = [], engine = 'embedded', workers, heapMb, extra = [] } = {},
) {
  const json = join(work, `result-${serial++}.json`);
  const args = [bin, 'check', spec, '--json', json, '--timeout', String(options.timeout)];
  if (variant !== undefined) args.push('--variant', variant);
  for (const p of params) args.push('--param', p);
  if (engine === 'tlc') args.push('--engine', 'tlc', '--workers', String(workers ?? 1));
  else if (workers !== undefined) args.push('--workers', String(workers));
  args.push(...extra);
  const env = { ...process.env };
  if (heapMb !== undefined)
    env.JAVA_TOOL_OPTIONS = `${env.JAVA_TOOL_OPTIONS ?? ''} -Xmx${heapMb}m`.trim();
  const m = await measure(process.execPath, args, env);
  let rows = [];
  try {
    rows = JSON.parse(readFileSync(json, 'utf8')).results;
  } catch {
    // no result file: the problem is on stderr
  }
  const distinct = rows.reduce((n, r) => n + r.stats.distinctStates, 0);
  const searchSeconds = rows.reduce((n, r) => n + r.stats.seconds, 0);
  const verdicts = [...new Set(rows.map((r) => r.verdict))].join('/');
  const problem =
    rows.length === 0 ? (m.stderr.trim().split('\n')[0] ?? `exit ${m.code}`) : undefined;
  return { ...m, rows, distinct, searchSeconds, verdicts, problem };
}

/** The compiled engine path, measured in its own process (compile time reported apart). */
async function compiledRun(spec, variant, params) {
  const m = await measure(
    process.execPath,
    [
      join(root, 'bench', 'engine-run.mjs'),
      spec,
      variant,
      'compiled',
      join(work, 'compiled-cache'),
      ...params,
    ],
    { ...process.env, BENCH_TIMEOUT: String(options.timeout) },
  );
  const line = m.stdout.trim().split('\n').pop() ?? '';
  let r;
  try {
    r = JSON.parse(line);
  } catch {
    r = { ok: false, message: m.stderr.trim().split('\n').pop() ?? 'no output' };
  }
  return { ...m, r };
}

/** A heap for TLC sized to the model: 256 MiB plus 256 bytes a state, at least 512 MiB. */
function sizedHeapMb(distinct) {
  return Math.max(512, 256 + Math.ceil((distinct * 256) / 1048576 / 64) * 64);
}

const fmt = {
  n: (x) => (x === null || x === undefined ? '' : Math.round(x).toLocaleString('en-US')),
  s: (x) => (x === null || x === undefined ? '' : x.toFixed(x < 10 ? 2 : 1)),
  mb: (kb) => (kb === null || kb === undefined ? '' : `${Math.round(kb / 1024)} MB`),
  bps: (kb, n) =>
    kb === null || !n ? '' : `${Math.round((kb * 1024) / n).toLocaleString('en-US')}`,
  x: (r) => (r === null || !Number.isFinite(r) ? '' : `${r.toFixed(2)}×`),
};

function table(header, rows) {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function say(text = '') {
  process.stdout.write(`${text}\n`);
}

say('# credspec benchmark');
say();
say(
  `Node ${process.version}, ${CORES} cores (${cpus()[0]?.model ?? 'unknown CPU'}); peak memory ${TIME ? 'from GNU time (largest RSS of the process tree)' : 'not measured (no /usr/bin/time)'}.`,
);

// --- lint (the front end), when its benchmark is built
const lintJs = join(root, 'dist', 'bench', 'lint.js');
say();
say('## lint');
say();
if (existsSync(lintJs)) {
  const m = await measure(process.execPath, [lintJs]);
  say(m.stdout.trim() !== '' ? m.stdout.trim() : `(no output; exit ${m.code}) ${m.stderr.trim()}`);
} else {
  say(
    'dist/bench/lint.js is not built (bench/lint.ts missing, or `tsc -p bench/tsconfig.json` not run): lint not measured.',
  );
}

// --- TLC availability
let tlc = undefined;
if (options.tlc) {
  const setup = await prepareTlc({ env: process.env });
  tlc = setup.ok ? setup : undefined;
  say();
  say(
    setup.ok
      ? `TLC: ${setup.probe.versionLine} (${setup.jar.path}), Java ${setup.java.major}.`
      : `TLC not measured: ${setup.message}`,
  );
}

const specs = credFilesUnder(join(root, 'specs'), 'specs').filter(
  (s) => options.only === undefined || s.includes(options.only),
);

// --- every spec end to end, all variants at their defaults
if (options.defaults) {
  say();
  say('## Every variant at its defaults, end to end (`credspec check <spec>`)');
  say();
  say(
    'Seconds are wall time of the whole command (Node or JVM start included), all variants in one run. TLC 1 worker runs with its default heap and with a heap sized to the model; TLC with every core with its default heap.',
  );
  say();
  const rows = [];
  for (const spec of specs) {
    const e = await cliCheck(spec);
    const en = await cliCheck(spec, { workers: options.workers });
    const rate = e.searchSeconds > 0 ? e.distinct / e.searchSeconds : null;
    const row = [
      spec,
      String(e.rows.length),
      fmt.n(e.distinct),
      fmt.n(rate),
      fmt.bps(e.peakKb, e.distinct),
      e.problem ?? fmt.s(e.wall),
      fmt.mb(e.peakKb),
      en.problem ?? fmt.s(en.wall),
    ];
    if (tlc) {
      const t1 = await cliCheck(spec, { engine: 'tlc', workers: 1 });
      const heapMb = sizedHeapMb(e.distinct);
      const ts = await cliCheck(spec, { engine: 'tlc', workers: 1, heapMb });
      const tn = await cliCheck(spec, { engine: 'tlc', workers: CORES });
      const agree = t1.distinct === e.distinct ? '' : ` (TLC ${fmt.n(t1.distinct)} states)`;
      row.push(
        t1.problem ?? fmt.s(t1.wall),
        fmt.mb(t1.peakKb),
        ts.problem ?? `${fmt.s(ts.wall)} (-Xmx${heapMb}m)`,
        fmt.mb(ts.peakKb),
        tn.problem ?? fmt.s(tn.wall),
        fmt.x(t1.wall / e.wall) + agree,
        fmt.x(ts.wall / e.wall),
        fmt.x(tn.wall / e.wall),
      );
    }
    if (porSupported) {
      const p = await cliCheck(spec, { extra: ['--por'] });
      row.push(p.problem ?? `${fmt.n(p.distinct)} (${fmt.x(e.distinct / p.distinct)})`);
    }
    rows.push(row);
  }
  const header = [
    'spec',
    'variants',
    'distinct states (sum)',
    'embedded states/s (search)',
    'embedded bytes/state (peak)',
    'embedded s',
    'embedded peak',
    `embedded --workers ${options.workers} s`,
  ];
  if (tlc)
    header.push(
      'TLC 1 worker s',
      'TLC 1 worker peak',
      'TLC 1 worker, sized heap s',
      'TLC 1 worker, sized heap peak',
      `TLC ${CORES} workers s`,
      'speed-up vs TLC 1w',
      'speed-up vs TLC 1w sized heap',
      `speed-up vs TLC ${CORES}w`,
    );
  if (porSupported) header.push('--por distinct (state reduction)');
  say(table(header, rows));
  say();
  say(
    'speed-up = TLC seconds / embedded seconds (above 1×: the embedded engine is faster). A variant with temporal properties runs on one worker even with --workers (liveness is checked on the whole graph).',
  );
}

// --- one model, safety part, embedded against TLC with one worker (default heap and sized heap)
/**
 * The comparison table of one model: the compiled embedded engine with 1 worker (and n with
 * `parallel`), TLC with 1 worker at its default heap and at a heap sized to the model, and,
 * when the CLI has `--por`, the embedded engine with partial-order reduction. Temporal
 * properties are dropped for every run, so the module and config are the same for all.
 */
async function compareSafety(set, { parallel = false } = {}) {
  const label = `${set.spec} ${set.variant} ${set.params.join(' ')}`.trim();
  say();
  say(`### ${label}`);
  say();
  const dir = join(work, `model-${serial++}`);
  const engineRun = (workers) =>
    measure(
      process.execPath,
      [
        join(root, 'bench', 'engine-run.mjs'),
        set.spec,
        set.variant,
        'compiled',
        join(work, 'compiled-cache'),
        ...set.params,
        '--safety-only',
        '--workers',
        String(workers),
        '--write-module',
        dir,
      ],
      { ...process.env, BENCH_TIMEOUT: String(options.timeout) },
    ).then((m) => ({ ...m, r: lastJson(m) }));
  const runs = [['embedded, 1 worker', await engineRun(1), true]];
  if (parallel)
    runs.push([`embedded, ${options.workers} workers`, await engineRun(options.workers), true]);
  const distinct = runs[0][1].r.ok ? runs[0][1].r.distinct : 0;
  if (tlc && existsSync(dir)) {
    const tla = readdirSync(dir).find((f) => f.endsWith('.tla'));
    const cfg = tla?.replace(/\.tla$/, '.cfg');
    for (const heapMb of [undefined, sizedHeapMb(distinct)]) {
      const env = { ...process.env, BENCH_TIMEOUT: String(options.timeout) };
      if (heapMb !== undefined)
        env.JAVA_TOOL_OPTIONS = `${env.JAVA_TOOL_OPTIONS ?? ''} -Xmx${heapMb}m`.trim();
      const m = await measure(
        process.execPath,
        [join(root, 'bench', 'tlc-run.mjs'), join(dir, tla), join(dir, cfg), '1'],
        env,
      );
      const name = `TLC 1 worker, ${heapMb === undefined ? 'default heap' : `-Xmx${heapMb}m`}`;
      runs.push([name, { ...m, r: { ...lastJson(m), compileSeconds: 0 } }, false]);
    }
  }
  const rows = comparisonRows(runs, distinct);
  if (porSupported) rows.push(await porRow(set, distinct));
  say(
    table(
      [
        'run',
        'verdict',
        'distinct states',
        'seconds',
        'states/s',
        'peak RSS',
        'bytes/state',
        'ratio to TLC',
        'notes',
      ],
      rows,
    ),
  );
}

/** The embedded engine with `--por` through the CLI, and the state reduction it gives. */
async function porRow(set, distinct) {
  const p = await cliCheck(set.spec, {
    variant: set.variant,
    params: set.params,
    extra: ['--por'],
  });
  const r = p.rows[0];
  return [
    'embedded --por (CLI, all properties)',
    r ? `${r.verdict}, depth ${r.stats.depth}` : p.problem,
    fmt.n(r?.stats.distinctStates),
    fmt.s(p.wall),
    fmt.n(r ? r.stats.distinctStates / r.stats.seconds : null),
    fmt.mb(p.peakKb),
    fmt.bps(p.peakKb, r?.stats.distinctStates),
    '',
    r
      ? `state reduction ${fmt.x(distinct / r.stats.distinctStates)} (distinct without / with --por)`
      : '',
  ];
}

/** The table rows of `runs` ([name, measurement, whether embedded]); ratios are to TLC's default heap. */
function comparisonRows(runs, distinct) {
  const rate = (r) => (r.ok && r.searchSeconds > 0 ? r.distinct / r.searchSeconds : null);
  const tlcRate = runs.find(([n]) => n === 'TLC 1 worker, default heap')?.[1].r;
  return runs.map(([name, m, embedded]) => {
    if (!m.r.ok) return [name, m.r.message ?? 'failed', '', '', '', '', '', '', ''];
    const differ = m.r.distinct !== distinct ? ' (counts differ from embedded)' : '';
    return [
      name,
      `${m.r.verdict}, depth ${m.r.depth}${differ}`,
      fmt.n(m.r.distinct),
      fmt.s(m.wall - (m.r.compileSeconds ?? 0)),
      fmt.n(rate(m.r)),
      fmt.mb(m.peakKb),
      fmt.bps(m.peakKb, m.r.distinct),
      fmt.x(tlcRate ? rate(m.r) / rate(tlcRate) : null),
      embedded
        ? `search ${fmt.s(m.r.searchSeconds)} s; compile ${fmt.s(m.r.compileSeconds)} s not counted`
        : `search ${fmt.s(m.r.searchSeconds)} s`,
    ];
  });
}

const tableNote =
  'Seconds: wall time end to end (Node or JVM start included; the one-time compilation of the embedded module, which credspec caches, left out). States/s: distinct states over the search time each engine reports. Bytes/state: peak RSS over distinct states. Ratio to TLC: states/s over TLC 1 worker with its default heap (above 1×: faster than TLC).';

// --- the protocol of ../shared/design/PERFORMANCE.md, with and without symmetric threads
if (options.protocol) {
  say();
  say('## The PERFORMANCE.md protocol (bench/protocol.cred, bench/protocol-symmetric.cred)');
  for (const spec of ['bench/protocol.cred', 'bench/protocol-symmetric.cred'])
    await compareSafety({ spec, variant: 'base', params: [] });
  say();
  say(tableNote);
}

// --- 10^6 states: the safety part of each model
if (options.million) {
  const bigFile = join(root, 'bench', 'big-params.json');
  const sets =
    (existsSync(bigFile) ? JSON.parse(readFileSync(bigFile, 'utf8')).million : undefined) ?? [];
  say();
  say('## 10^6 states: safety check of the same module (bench/big-params.json "million")');
  for (const set of sets.filter((x) => options.only === undefined || x.spec.includes(options.only)))
    await compareSafety(set, { parallel: true });
  say();
  say(tableNote);
}

function lastJson(m) {
  const line = m.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { ok: false, message: m.stderr.trim().split('\n').pop() ?? `exit ${m.code}` };
  }
}

// --- the parameter sets that reach 10^6 states
if (options.big) {
  const bigFile = join(root, 'bench', 'big-params.json');
  const big = existsSync(bigFile) ? JSON.parse(readFileSync(bigFile, 'utf8')).specs : {};
  say();
  say('## The largest model per spec (bench/big-params.json; the aim is 10^6 states)');
  for (const spec of specs) {
    const choice = big[spec];
    say();
    if (choice === undefined) {
      say(`### ${spec}: no parameter set chosen in bench/big-params.json; not measured.`);
      continue;
    }
    const { variant, params } = choice;
    say(`### ${spec} ${variant} ${params.join(' ')}`);
    say();
    const rows = [];
    const e = await cliCheck(spec, { variant, params });
    const base = e.rows[0];
    const distinct = base?.stats.distinctStates ?? null;
    const embRate = base ? distinct / base.stats.seconds : null;
    const row = (name, r, wall, peakKb, rate, note = '') => [
      name,
      r ?? '',
      fmt.n(rate),
      fmt.s(wall),
      fmt.mb(peakKb),
      fmt.bps(peakKb, distinct),
      note,
    ];
    rows.push(
      row(
        'embedded, interpreted (CLI)',
        base ? `${base.verdict}, ${fmt.n(distinct)}` : e.problem,
        e.wall,
        e.peakKb,
        embRate,
        'states/s over the search',
      ),
    );
    const c = await compiledRun(spec, variant, params);
    if (c.r.ok) {
      rows.push(
        row(
          'embedded, compiled',
          `${c.r.verdict}, ${fmt.n(c.r.distinct)}`,
          c.wall,
          c.peakKb,
          c.r.distinct / c.r.searchSeconds,
          `compile ${fmt.s(c.r.compileSeconds)} s; search ${fmt.s(c.r.searchSeconds)} s; vs interpreted search ${fmt.x(base ? base.stats.seconds / c.r.searchSeconds : null)}`,
        ),
      );
    } else {
      rows.push(row('embedded, compiled', c.r.message, null, null, null));
    }
    if (tlc) {
      const heap = sizedHeapMb(distinct ?? 0);
      for (const [workers, heapMb] of [
        [1, undefined],
        [1, heap],
        [CORES, undefined],
        [CORES, heap],
      ]) {
        const t = await cliCheck(spec, { variant, params, engine: 'tlc', workers, heapMb });
        const tr = t.rows[0];
        const name = `TLC ${workers} worker${workers === 1 ? '' : 's'}, ${heapMb === undefined ? 'default heap' : `-Xmx${heapMb}m`}`;
        const rate = tr
          ? tr.stats.distinctStates / (tr.stats.seconds > 0 ? tr.stats.seconds : t.wall)
          : null;
        const agree =
          tr && distinct !== null && tr.stats.distinctStates !== distinct ? ' (counts differ)' : '';
        rows.push(
          row(
            name,
            tr ? `${tr.verdict}, ${fmt.n(tr.stats.distinctStates)}` : t.problem,
            t.wall,
            t.peakKb,
            rate,
            `embedded e2e speed-up ${fmt.x(t.wall / e.wall)}; throughput ratio embedded/TLC ${fmt.x(embRate !== null && rate ? embRate / rate : null)}${agree}`,
          ),
        );
      }
    }
    say(
      table(
        [
          'run',
          'verdict, distinct',
          'distinct states/s',
          'end-to-end s',
          'peak memory',
          'bytes/state (peak)',
          'notes',
        ],
        rows,
      ),
    );
  }
  say();
  say(
    "States/s is over the search as each engine reports it (TLC's own elapsed time; the embedded engine's search time); end-to-end seconds include process and JVM start.",
  );
}
