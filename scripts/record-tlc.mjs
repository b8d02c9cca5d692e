// Refreshes test/agreement/tlc-recorded.json: runs TLC (one worker, the jar TLA2TOOLS_JAR names)
// on every case of every spec in specs/ whose module has no record for its exact text, and
// writes the file back in a fixed order. Imports the built package (dist/; `npm run build`
// first); never edits a spec or anything outside the recorded file.
//
//   node scripts/record-tlc.mjs [--all] [--only <text>] [--timeout <seconds>] [--dry-run]
//
// --all re-records every case; --only limits the run to cases whose label contains the text
// (other records are kept as they are); --timeout bounds one TLC run (default 900 s);
// --dry-run lists what would run. Exit status 1 when a spec or case could not be used.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
if (!existsSync(join(dist, 'tlc', 'agreement-cases.js'))) {
  process.stderr.write(
    'record-tlc: dist/ has no build of the agreement helpers; run `npm run build` first.\n',
  );
  process.exit(2);
}
const { loadProgram } = await import(join(dist, 'syntax', 'load.js'));
const { checkProgram } = await import(join(dist, 'check', 'check.js'));
const { hasErrors } = await import(join(dist, 'diagnostics', 'diagnostic.js'));
const { renderDiagnostic } = await import(join(dist, 'diagnostics', 'render.js'));
const { credFilesUnder } = await import(join(dist, 'cli', 'spec-inputs.js'));
const { agreementCases, caseLabel } = await import(join(dist, 'tlc', 'agreement-cases.js'));
const { findRecord, outcomeOf, recordFileText, sortRecords } = await import(
  join(dist, 'tlc', 'agreement-record.js')
);
const { interpretModule } = await import(join(dist, 'engine', 'evaluation', 'interpret.js'));
const { prepareTlc, runTlc } = await import(join(dist, 'tlc', 'run.js'));
const { temporalJudge } = await import(join(dist, 'engine', 'index.js'));

const RECORD_FILE = join(root, 'test', 'agreement', 'tlc-recorded.json');

function parseArgs(argv) {
  const o = { all: false, only: undefined, timeout: 900, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') o.all = true;
    else if (a === '--dry-run') o.dryRun = true;
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--timeout') o.timeout = Number(argv[++i]);
    else {
      process.stderr.write(`record-tlc: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!(o.timeout > 0)) {
    process.stderr.write('record-tlc: --timeout needs a positive number of seconds\n');
    process.exit(2);
  }
  return o;
}

/** Loads and checks one spec the way the command line does, paths relative to the package root. */
function loadChecked(file) {
  const readFile = (p) => {
    try {
      return readFileSync(resolve(root, p));
    } catch (e) {
      return e;
    }
  };
  const program = loadProgram(file, { readFile, preludeDir: join(root, 'prelude') });
  const checked = checkProgram(program);
  const errors = [...program.diagnostics, ...checked.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  if (hasErrors(errors)) {
    const sources = new Map(program.files.map((f) => [f.path, f.text]));
    for (const d of errors)
      process.stderr.write(
        renderDiagnostic(d, { color: false, source: (f) => sources.get(f) }) + '\n',
      );
    return undefined;
  }
  return checked;
}

/** Runs TLC on one built case from a fresh folder; returns the outcome to record. */
async function recordOne(built, version, timeoutSeconds) {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-record-'));
  try {
    const name = built.emitted.module.name;
    const tla = join(dir, `${name}.tla`);
    const cfg = join(dir, `${name}.cfg`);
    writeFileSync(tla, built.tlaText);
    writeFileSync(cfg, built.cfgText);
    const started = Date.now();
    const result = await runTlc({
      module: tla,
      config: cfg,
      workers: 1,
      timeoutSeconds,
      env: process.env,
      judgeTemporal: temporalJudge(built),
    });
    const seconds = (Date.now() - started) / 1000;
    const temporal =
      result.property !== null &&
      interpretModule(built.emitted.module, built.emitted.config).temporalProperties.some(
        (t) => t.name === result.property,
      );
    return outcomeOf(result, version, seconds, temporal);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
if (!process.env.TLA2TOOLS_JAR) {
  process.stderr.write('record-tlc: set TLA2TOOLS_JAR to the tla2tools.jar to record with.\n');
  process.exit(2);
}
const setup = await prepareTlc({ env: process.env });
if (!setup.ok) {
  process.stderr.write(`record-tlc: ${setup.message}\n`);
  process.exit(2);
}
const version = setup.probe.versionLine;

/**
 * Writes the file. Midway (after each recorded case, so an interrupted run keeps its work) the
 * previous records of cases not reached yet stay; at the end only the current cases' records do.
 */
function writeRecords(midway) {
  const id = (r) => `${r.spec}\0${r.variant}\0${r.params}`;
  const order = (r) => rank.get(id(r)) ?? Number.MAX_SAFE_INTEGER;
  const done = new Set(kept.map(id));
  const all = midway ? [...kept, ...previous.filter((r) => !done.has(id(r)))] : kept;
  writeFileSync(RECORD_FILE, recordFileText(sortRecords(all, order)));
}

const previous = existsSync(RECORD_FILE)
  ? JSON.parse(readFileSync(RECORD_FILE, 'utf8')).records
  : [];
const kept = [];
const rank = new Map();
let failed = false;
let ran = 0;
for (const spec of credFilesUnder(join(root, 'specs'), 'specs')) {
  const program = loadChecked(spec);
  if (program === undefined) {
    process.stderr.write(`record-tlc: ${spec} has errors; its records are kept as they were\n`);
    kept.push(...previous.filter((r) => r.spec === spec));
    failed = true;
    continue;
  }
  const { cases, failures } = agreementCases(program);
  for (const f of failures) {
    process.stderr.write(
      `record-tlc: ${f.spec} ${f.variant} could not be built (${f.diagnostics.map((d) => d.code).join(', ')})\n`,
    );
    failed = true;
  }
  for (const [i, c] of cases.entries()) {
    const label = caseLabel(c.key);
    rank.set(`${c.key.spec}\0${c.key.variant}\0${c.key.params}`, i);
    const { exact, stale } = findRecord(previous, c.key);
    const selected = options.only === undefined || label.includes(options.only);
    if (!selected || (exact !== undefined && !options.all)) {
      const old = exact ?? stale;
      if (old !== undefined) kept.push(old);
      continue;
    }
    if (options.dryRun) {
      process.stdout.write(`would record ${label}\n`);
      if (exact ?? stale) kept.push(exact ?? stale);
      continue;
    }
    process.stdout.write(`${label}: `);
    const tlc = await recordOne(c.built, version, options.timeout);
    ran++;
    process.stdout.write(
      `${tlc.verdict}${tlc.property ? ` ${tlc.property}` : ''}, ${tlc.distinct} distinct, ${tlc.generated} generated, depth ${tlc.depth}, ${tlc.seconds} s\n`,
    );
    kept.push({ ...c.key, module: c.built.emitted.module.name, tlc });
    writeRecords(true);
  }
}

if (!options.dryRun) {
  writeRecords(false);
  process.stdout.write(
    `record-tlc: ${ran} case(s) recorded with ${version}; ${kept.length} record(s) in ${RECORD_FILE.slice(root.length + 1)}\n`,
  );
}
process.exit(failed ? 1 : 0);
