// The `credspec` command line: parses arguments with commander and hands each command its typed
// options and an Io. Returns the exit code of docs/cli.md and never throws: bad usage is one line
// and exit 2, an unexpected exception is internal error CS9001 and exit 3. Commands live in
// commands/<name>.ts; this file only wires them. Run as the process's command line, it installs
// the signal layer (signals.ts): an interrupted run exits 130, 143 or 129.

import { Command, CommanderError, Option } from 'commander';
import { formatMessage } from '../../diagnostics/render.js';
import { type CheckArgs, runCheck } from './check.js';
import { type CiArgs, runCi } from './ci.js';
import { runEmit } from './emit.js';
import { LINT_FORMATS, type LintFormat, runLint } from './lint.js';
import { runLsp } from './lsp.js';
import { type SweepArgs, runSweepCommand } from './sweep.js';
import { runTlcCommand } from './tlc.js';
import { runTlcWorkerCommand } from './tlc-worker.js';
import { runTrace } from './trace.js';
import { type ReplayArgs, runReplay } from './replay.js';
import { processIo, watchProcessStreams, type Io } from '../io.js';
import { intOption } from '../option-ranges.js';
import {
  depthOption,
  engineOption,
  importPathOption,
  maxStatesEachOption,
  repeatable,
  resultFileOption,
  tlcJarOption,
  tracesOption,
} from './shared-options.js';
import { packageVersion } from '../../driver/package-root.js';
import { escapeControlsInLines } from '../../trace/safe-text.js';
import { installSignalLayer, type SignalLayer } from '../signals.js';
import { watchCheck, watchCi } from './watch-commands.js';

const BAD_USAGE = 2;
const TOOL_FAILED = 3;

/** Receives the chosen command's run, and whether it stops by itself when `io.signal` is aborted. */
type SetRun = (run: () => Promise<number>, stopsOnAbort?: boolean) => void;

/**
 * Builds the commander program; `setRun` receives the chosen command's promise, and whether
 * that command stops by itself when `io.signal` is aborted (else a signal ends it at once).
 */
function buildProgram(io: Io, setRun: SetRun): Command {
  const program = new Command('credspec');
  program
    .description('Model checking for Linux kernel credential-synchronisation protocols.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // The words quoted back come from argv: a control character in them is shown, not obeyed.
      outputError: (s, write) =>
        write(escapeControlsInLines(s.startsWith('error:') ? `credspec: ${s}` : s)),
    })
    .showSuggestionAfterError(true);
  addLintCommand(program, io, setRun);
  addCheckCommand(program, io, setRun);
  addEmitCommand(program, io, setRun);
  addCiCommand(program, io, setRun);
  addTraceCommand(program, io, setRun);
  addReplayCommand(program, io, setRun);
  addTlcCommand(program, io, setRun);
  program
    .command('lsp')
    .description('the language server for editors, on standard input and output')
    .option('--stdio', 'talk over standard input and output (the default and only transport)')
    .action(() => setRun(() => runLsp(io)));
  return program;
}

/** `lint`: diagnostics and a summary, no model checking. */
function addLintCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('lint')
    .description('parse and check specs: diagnostics and a summary line (no model checking)')
    .argument('<files...>', 'spec files or folders (searched recursively for *.cred)')
    .option('--color', 'colour the output')
    .option('--no-color', 'do not colour the output')
    .addOption(importPathOption())
    .addOption(
      new Option('--format <format>', 'text, or json or sarif on stdout for editors and CI')
        .choices(LINT_FORMATS)
        .default('text'),
    )
    .action(
      (files: string[], opts: { color?: boolean; importPath: string[]; format: LintFormat }) =>
        setRun(() =>
          runLint(
            { inputs: files, color: opts.color, importPath: opts.importPath, format: opts.format },
            io,
          ),
        ),
    );
}

/** `check`: every variant, or the named ones, of each spec, with the options of a run. */
function addCheckCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('check')
    .description('check every variant (or the named ones) of each spec')
    .argument('<files...>', 'spec files or folders')
    .addOption(repeatable('--variant <name>', 'check this variant (repeatable)'))
    .addOption(repeatable('--param <name=value>', 'override a parameter (repeatable)'))
    .addOption(
      repeatable(
        '--property <name>',
        'check only this invariant, action or temporal property (repeatable); deadlock still checked',
      ),
    )
    .option('--no-deadlock', 'do not report a state where no thread can take a step')
    .addOption(engineOption())
    .option(
      '--por',
      'embedded engine: partial-order reduction for invariants and deadlock (fewer states, same verdicts; off with temporal properties)',
    )
    .addOption(resultFileOption())
    .option('--max-states <n>', 'stop after this many distinct states', intOption('--max-states'))
    .option(
      '--exact',
      'embedded engine: keep whole states, not 64-bit fingerprints, in the visited set (no collision risk)',
    )
    .option('--timeout <seconds>', 'stop after this many seconds', intOption('--timeout'))
    .option(
      '--workers <n>',
      'worker threads (0 with --distributed: remote workers only)',
      intOption('--workers', { min: 0 }),
    )
    .addOption(tlcJarOption())
    .option(
      '--tla',
      'accepted for older scripts: the result always keeps the TLA+ view of each step',
    )
    .option(
      '--memory <mb>',
      'memory (resident, in MB) the embedded engine may use before it stops with advice',
      intOption('--memory'),
    )
    .option('--view', 'open the trace viewer after a violation')
    .option('--all-steps', 'show every step of a counterexample, not only those it depends on')
    .addOption(
      new Option(
        '--trace <kind>',
        "the counterexample shown: the fewest preemptions among the shortest (default), or the search's own shortest",
      ).choices(['fewest-preemptions', 'shortest']),
    )
    .option('--simulate', 'random behaviours instead of every state (never ends in holds)')
    .addOption(depthOption())
    .addOption(tracesOption())
    .option(
      '--seed <n>',
      'with --simulate: the random seed (same seed, same behaviours)',
      intOption('--seed'),
    )
    .option(
      '--distributed',
      "with --engine tlc: TLC's distributed mode (a server and --workers worker processes)",
    )
    .option(
      '--listen <host:port>',
      'with --distributed: the address workers on other machines connect to',
    )
    .option(
      '--safety-only',
      'with --distributed: leave temporal properties out (the verdict line and result file name them)',
    )
    .option(
      '--print-worker-command',
      'with --distributed: print the command that adds a worker from another machine',
    )
    .addOption(importPathOption())
    .option('--watch', 'check again whenever a spec or one of its imports changes (Ctrl-C stops)')
    .action((files: string[], opts: Omit<CheckArgs, 'inputs'>) =>
      setRun(() => (opts.watch ? watchCheck : runCheck)({ inputs: files, ...opts }, io), true),
    );
}

/** `emit`: the TLA+ modules, configs and source maps. */
function addEmitCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('emit')
    .description('write the TLA+ modules, TLC configs and source maps of each spec')
    .argument('<files...>', 'spec files or folders')
    .option('--out <dir>', 'output folder', 'generated')
    .addOption(repeatable('--param <name=value>', 'override a parameter (repeatable)'))
    .addOption(importPathOption())
    .action((files: string[], opts: { out: string; param: string[]; importPath: string[] }) =>
      setRun(() =>
        runEmit(
          { inputs: files, out: opts.out, params: opts.param, importPath: opts.importPath },
          io,
        ),
      ),
    );
}

/** `ci`: every spec under a folder against its expectations, with reports for CI. */
function addCiCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('ci')
    .description('check every spec under a folder against its expectations')
    .argument('[dir]', 'folder of specs', 'specs')
    .addOption(engineOption())
    .option('--junit <file>', 'write a JUnit XML report (- for standard output)')
    .option('--sarif <file>', 'write a SARIF report (- for standard output)')
    .addOption(resultFileOption())
    .addOption(tlcJarOption())
    .option(
      '--workers <n>',
      'worker threads per check (embedded engine: a parallel search; TLC: -workers)',
      intOption('--workers'),
    )
    .option(
      '--por',
      'embedded engine: partial-order reduction for invariants and deadlock (fewer states, same verdicts; off with temporal properties)',
    )
    .addOption(maxStatesEachOption())
    .option(
      '--timeout <seconds>',
      'stop each check after this many seconds',
      intOption('--timeout'),
    )
    .option(
      '--simulate',
      'random behaviours instead of every state: a holds expectation is then inconclusive',
    )
    .addOption(depthOption())
    .addOption(tracesOption())
    .option('--seed <n>', 'with --simulate: the random seed', intOption('--seed'))
    .option(
      '--no-vacuity-gate',
      'warn instead of failing when a step, fault point, else branch or cover is reached by no exhaustive check of its spec',
    )
    .addOption(importPathOption())
    .option('--watch', 'check again whenever a spec or one of its imports changes (Ctrl-C stops)')
    .action((dir: string, opts: Omit<CiArgs, 'dir'>) =>
      setRun(() => (opts.watch ? watchCi : runCi)({ dir, ...opts }, io), true),
    );
}

/** `trace`: the trace of a result file. */
function addTraceCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('sweep')
    .description(
      'check every parameter set the declared ranges allow, smallest first, on the embedded engine',
    )
    .argument('<file>', 'a spec file')
    .addOption(
      repeatable('--variant <name>', 'sweep this variant (repeatable; default: every variant)'),
    )
    .addOption(maxStatesEachOption())
    .option(
      '--budget <seconds>',
      'stop the whole sweep after this many seconds',
      intOption('--budget'),
    )
    .option(
      '--max-threads <n>',
      'only the sets of at most this many threads (spare slots included)',
      intOption('--max-threads'),
    )
    .option(
      '--max-sets <n>',
      'only the first this many sets of each variant, in sweep order',
      intOption('--max-sets'),
    )
    .option('--json <file>', 'write the sweep report (- for standard output)')
    .option('--table', 'print a Markdown table instead of the summary')
    .addOption(importPathOption())
    .action((file: string, opts: Omit<SweepArgs, 'file'>) =>
      setRun(() => runSweepCommand({ file, ...opts }, io), true),
    );

  program
    .command('trace')
    .description('show the trace of a result: the viewer on a terminal, plain text otherwise')
    .argument('<result>', 'a result file (--json output)')
    .option('--variant <name>', 'the variant whose trace to show')
    .option('--params <set>', 'the parameter set whose trace to show')
    .option('--plain', 'plain text even on a terminal')
    .option('--format <format>', 'text, json, itf, mermaid or lkml')
    .option('--all-steps', 'in the text format, every step: none folded')
    .action(
      (
        file: string,
        opts: {
          variant?: string;
          params?: string;
          plain?: boolean;
          format?: string;
          allSteps?: boolean;
        },
      ) =>
        setRun(() =>
          runTrace(
            {
              file,
              ...(opts.variant === undefined ? {} : { variant: opts.variant }),
              ...(opts.params === undefined ? {} : { params: opts.params }),
              ...(opts.plain === undefined ? {} : { plain: opts.plain }),
              ...(opts.format === undefined ? {} : { format: opts.format }),
              ...(opts.allSteps === undefined ? {} : { allSteps: opts.allSteps }),
            },
            io,
          ),
        ),
    );
}

/** `replay`: a result's counterexample on another variant or parameter set. */
function addReplayCommand(program: Command, io: Io, setRun: SetRun): void {
  program
    .command('replay')
    .description(
      "replay a result's counterexample (its threads' moves, its faults) on another variant or parameters",
    )
    .argument('<result>', 'a result file (check --json output)')
    .option('--variant <name>', "the variant to replay on (default: the counterexample's own)")
    .addOption(
      repeatable(
        '--param <name=value>',
        "override one of the counterexample's parameters (repeatable)",
      ),
    )
    .addOption(importPathOption())
    .action((file: string, opts: Omit<ReplayArgs, 'file'>) =>
      setRun(() => runReplay({ file, ...opts }, io)),
    );
}

/** `tlc install|path|version|worker`: provisioning TLC and joining a distributed run. */
function addTlcCommand(program: Command, io: Io, setRun: SetRun): void {
  const tlc = program.command('tlc').description('provision and inspect TLC (tla2tools.jar)');
  for (const [action, description] of [
    ['install', 'download the pinned TLC release into the cache and verify it'],
    ['path', 'print the path of the TLC jar that would be used'],
    ['version', 'print the version of that TLC'],
  ] as const) {
    tlc
      .command(action)
      .description(description)
      .option('--tlc-jar <file>', 'use this jar instead of TLA2TOOLS_JAR or the cache')
      .option('--url <url>', 'download from this address (install)')
      .option('--sha256 <hex>', 'the checksum the download must have (install)')
      .action((opts: { tlcJar?: string; url?: string; sha256?: string }) =>
        setRun(() =>
          runTlcCommand({ action, jar: opts.tlcJar, url: opts.url, sha256: opts.sha256 }, io),
        ),
      );
  }
  tlc
    .command('worker')
    .description('join a distributed TLC run (check --engine tlc --distributed) as a worker')
    .requiredOption('--connect <host:port>', "the server's address and RMI registry port")
    .option('--tlc-jar <file>', "the TLC jar (the server's TLC)")
    .option('--threads <n>', 'worker threads (default: one per core)', intOption('--threads'))
    .option('--advertise <address>', 'the address the server reaches this machine at')
    .action((opts: { connect: string; tlcJar?: string; threads?: number; advertise?: string }) =>
      setRun(
        () =>
          runTlcWorkerCommand(
            {
              connect: opts.connect,
              jar: opts.tlcJar,
              threads: opts.threads,
              advertise: opts.advertise,
            },
            io,
          ),
        true,
      ),
    );
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves with the exit code.
 * Never rejects. Without an `io` it is the process's own command line: it uses the process's
 * streams and answers SIGINT, SIGTERM and SIGHUP (signals.ts).
 */
export async function runCli(argv: string[], io?: Io): Promise<number> {
  if (io !== undefined) return runCommand(argv, io, null);
  const streams = watchProcessStreams();
  const layer = installSignalLayer({ stderr: process.stderr });
  const code = await runCommand(argv, { ...processIo(), signal: layer.signal }, layer);
  const signalled = layer.exitCode();
  if (signalled !== null) return signalled;
  // A failed write is reported by an 'error' event a tick later; let the last one arrive.
  await new Promise((resolve) => setImmediate(resolve));
  const failure = streams.failure();
  if (failure === null) return code;
  process.stderr.write(failure);
  return TOOL_FAILED;
}

async function runCommand(argv: string[], io: Io, layer: SignalLayer | null): Promise<number> {
  try {
    let run: (() => Promise<number>) | undefined;
    const program = buildProgram(io, (r, stopsOnAbort = false) => {
      run = r;
      layer?.setGraceful(stopsOnAbort);
    });
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (e) {
      if (!(e instanceof CommanderError)) throw e;
      // Help and version print and succeed; everything else commander rejects is bad usage.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return BAD_USAGE;
    }
    if (run === undefined) {
      io.stderr.write('credspec: a command is required (credspec --help lists them)\n');
      return BAD_USAGE;
    }
    return await run();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr.write(
      `credspec: error CS9001: ${formatMessage('CS9001', { phase: 'the command line', detail })}\n`,
    );
    if (io.env.CREDSPEC_DEBUG !== undefined && e instanceof Error && e.stack !== undefined)
      io.stderr.write(e.stack + '\n');
    return TOOL_FAILED;
  }
}
