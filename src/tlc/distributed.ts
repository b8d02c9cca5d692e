// TLC's distributed mode: takes a TLA+ module and config and returns the same CheckResult as a
// local run. Writes the module into the run's private folder, starts
// `tlc2.tool.distributed.TLCServer` there and, once it is ready, `workers` local `TLCWorker`
// processes, all with their RMI sockets bound to the listen address (127.0.0.1 unless `listen`
// names one; bind-launcher.ts); other machines may add workers (`workerCommand`). Reads the server's `-tool` output with the local reader, names
// the violation its server does not name (distributed-replay.ts), stops every process it
// started on exit, timeout or abort, and removes the folder. It must not leave a process behind.

import { join } from 'node:path';
import type { CheckResult } from '../result/check-result.js';
import {
  BIND_LAUNCHER_FILE,
  BIND_LAUNCHER_SOURCE,
  bindLauncherProblem,
  type BindLauncher,
} from './bind-launcher.js';
import {
  DEFAULT_TLC_SERVER_PORT,
  freePort,
  listenProblem,
  parseHostPort,
} from './distributed-commands.js';
import { readConfigFacts, withoutProperties } from './distributed-config.js';
import type { RunTlcDistributedOptions } from './distributed-options.js';
import { inconclusive, serverRunResult } from './distributed-result.js';
import { runServerAndWorkers } from './distributed-server.js';
import type { InterpretOptions } from './interpret-messages.js';
import { inRunFolder, runFiles, startTlc, tlcErrorResult as errorResult } from './start.js';

/**
 * Why a distributed run with temporal properties is refused, naming the command-line flags that
 * get past it (a test holds them to the options of `credspec check`).
 */
export function temporalRefusal(properties: readonly string[]): string {
  return (
    `TLC's distributed mode checks invariants and action properties only; it would pass over the temporal ${properties.length === 1 ? 'property' : 'properties'} ${properties.join(', ')} without a word. ` +
    'Check them on one machine (the embedded engine, or --engine tlc without --distributed), or add --safety-only to run the distributed check without them.'
  );
}

/**
 * Runs the module under TLC's distributed mode. Never throws for a user's or environment's
 * problem: those come back as verdict `error`; limits and aborts as `inconclusive`.
 */
export async function runTlcDistributed(options: RunTlcDistributedOptions): Promise<CheckResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const elapsed = (): number => (Date.now() - started) / 1000;
  const grace = options.killGraceMs ?? 3000;
  if (options.signal?.aborted) return inconclusive('interrupted', options, null, 0, 0);

  const start = await startTlc(options);
  // Aborted while Java and the jar were being looked at: interrupted, not a broken Java.
  if (!start.ok)
    return options.signal?.aborted
      ? inconclusive('interrupted', options, null, elapsed(), 0)
      : start.result;
  const { setup, moduleText, cfgText, moduleName } = start;
  const facts = readConfigFacts(cfgText, moduleText);
  if (facts.temporalProperties.length > 0 && !options.safetyOnly) {
    return errorResult(temporalRefusal(facts.temporalProperties));
  }

  let listen: { host: string; port: number };
  if (options.listen !== undefined) {
    const hp = parseHostPort(options.listen);
    if (!hp)
      return errorResult(
        `--listen takes HOST:PORT (for example 192.0.2.10:${DEFAULT_TLC_SERVER_PORT}), not "${options.listen}".`,
      );
    const problem = await listenProblem(hp.host, hp.port);
    if (problem !== null) return errorResult(problem, elapsed());
    listen = hp;
  } else {
    listen = { host: '127.0.0.1', port: await freePort('127.0.0.1') };
  }

  // The server reports on action properties only: temporal ones were refused or dropped above.
  const interpretOptions: InterpretOptions = {
    ...start.interpretOptions,
    properties: facts.actionProperties,
  };
  // Every RMI socket of the run listens on the listen address only: loopback by default.
  const launcherProblem = await bindLauncherProblem(setup.java.path, env, listen.host);
  if (launcherProblem !== null) return errorResult(launcherProblem, elapsed());

  const staged = runFiles(
    start,
    options.safetyOnly ? withoutProperties(cfgText, facts.temporalProperties) : cfgText,
  );
  const files = [...staged.files, { name: BIND_LAUNCHER_FILE, text: BIND_LAUNCHER_SOURCE }];
  return inRunFolder('credspec-tlc-dist-', files, async ({ workDir, metaDir }) => {
    const bind: BindLauncher = { path: join(workDir, BIND_LAUNCHER_FILE), address: listen.host };
    const run = await runServerAndWorkers({
      options,
      env,
      javaPath: setup.java.path,
      jar: setup.jar,
      workDir,
      metaDir,
      listen,
      bind,
      module: staged.module,
      config: staged.config,
      grace,
      elapsed,
    });
    if ('error' in run) return errorResult(run.error, elapsed());
    return await serverRunResult(run, {
      options,
      env,
      facts,
      interpretOptions,
      workDir,
      moduleName,
      elapsed,
    });
  });
}
