// `credspec tlc worker --connect HOST:PORT`: adds this machine to a distributed TLC run. Takes
// the server's address, finds Java and the jar as `check --engine tlc` does, works out the
// address the server can call this machine back at, runs TLC's worker until the server is
// done (or Ctrl-C) and returns the exit code: 0 done, 2 bad usage, 3 Java, jar or network.
// It must not leave the worker's JVM behind.

import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHostPort, prepareTlc, workerArguments } from '../../tlc/index.js';
import { spawnGroup } from '../../process/process-groups.js';
import { trackTempDir } from '../../process/temp-dirs.js';

/** The arguments of `credspec tlc worker`, as the command line gives them. */
export interface TlcWorkerArgs {
  /** `--connect HOST:PORT`: the server's address and RMI registry port. */
  readonly connect: string;
  /** `--tlc-jar`: the jar to use (must be the server's TLC). */
  readonly jar?: string | undefined;
  /** `--threads N`: worker threads (default: TLC's, one per core). */
  readonly threads?: number | undefined;
  /** `--advertise ADDR`: the address the server reaches this machine at (default: the one routing to the server). */
  readonly advertise?: string | undefined;
}

export interface TlcWorkerIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ctrl-C: stops the worker. */
  readonly signal?: AbortSignal;
  /** Called once the worker's JVM has started (tests use it). */
  readonly onStart?: (info: { pid: number; args: readonly string[] }) => void;
}

const OK = 0;
const BAD_USAGE = 2;
const ENVIRONMENT = 3;

/**
 * The local address the kernel would use to reach `host`: what the server must call this
 * worker back at. A UDP "connection" sends nothing; it only picks the route.
 */
export function localAddressFor(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (address: string | null): void => {
      socket.close();
      resolve(address);
    };
    socket.once('error', () => done(null));
    try {
      socket.connect(port, host, () => done(socket.address().address));
    } catch {
      done(null);
    }
  });
}

/**
 * Reads the worker's output line by line: shows TLC's own lines about connecting, readiness and
 * the end of the work (not its parser's chatter) and keeps the first that says the worker failed.
 */
function workerOutput(io: TlcWorkerIo): { onText(chunk: string): void; failed(): string | null } {
  let failed: string | null = null;
  let pending = '';
  const onText = (chunk: string): void => {
    pending += chunk;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trimEnd();
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
      if (
        /^(Server .* (unreachable|not ready)|TLC worker with|.*work completed|Error:)/.test(line) &&
        !/UnicastRef/.test(line)
      )
        io.stdout.write(`${line}\n`);
      if (
        /^Error: (Failed to start worker|TLCServer is gone)/.test(line) ||
        /Connection refused|UnknownHost/.test(line)
      )
        failed ??= line;
    }
  };
  return { onText, failed: () => failed };
}

/** Runs `credspec tlc worker`; resolves with the exit code once the worker has exited. */
export async function runTlcWorkerCommand(args: TlcWorkerArgs, io: TlcWorkerIo): Promise<number> {
  const server = parseHostPort(args.connect);
  if (!server) {
    io.stderr.write(
      `credspec tlc worker: --connect takes the server's HOST:PORT as the server printed it (for example 192.0.2.10:10997), not "${args.connect}"\n`,
    );
    return BAD_USAGE;
  }
  if (args.threads !== undefined && (!Number.isInteger(args.threads) || args.threads < 1)) {
    io.stderr.write(
      `credspec tlc worker: --threads takes a positive whole number, not ${args.threads}\n`,
    );
    return BAD_USAGE;
  }
  const env = { ...io.env } as NodeJS.ProcessEnv;
  const setup = await prepareTlc({ tlcJar: args.jar, env });
  if (!setup.ok) {
    io.stderr.write(`credspec tlc worker: ${setup.message}\n`);
    return ENVIRONMENT;
  }
  const advertise = args.advertise ?? (await localAddressFor(server.host, server.port));
  if (advertise === null) {
    io.stderr.write(
      `credspec tlc worker: cannot find a route from this machine to ${server.host}. Check the address, or give this machine's address as the server sees it with --advertise ADDR.\n`,
    );
    return ENVIRONMENT;
  }

  const tmp = await mkdtemp(join(tmpdir(), 'credspec-tlc-worker-'));
  const untrack = trackTempDir(tmp);
  try {
    const javaArgs = workerArguments({
      jarPath: setup.jar.path,
      server,
      advertise,
      threads: args.threads,
      tmpDir: tmp,
    });
    io.stdout.write(
      `credspec tlc worker: ${setup.probe.versionLine}; connecting to ${server.host}:${server.port}, reachable here at ${advertise}\n`,
    );
    const output = workerOutput(io);
    const onText = output.onText;
    const proc = spawnGroup(setup.java.path, javaArgs, {
      cwd: tmp,
      env,
      onStdout: onText,
      onStderr: onText,
    });
    if (proc.pid !== undefined) io.onStart?.({ pid: proc.pid, args: javaArgs });
    const onAbort = (): void => proc.stop(3000);
    io.signal?.addEventListener('abort', onAbort, { once: true });
    if (io.signal?.aborted) onAbort();
    const exit = await proc.exited;
    io.signal?.removeEventListener('abort', onAbort);
    if (exit.startError !== undefined) {
      io.stderr.write(
        `credspec tlc worker: could not start ${setup.java.path}: ${exit.startError}\n`,
      );
      return ENVIRONMENT;
    }
    if (io.signal?.aborted) return OK;
    const failed = output.failed();
    if (failed !== null && !/work completed/.test(failed)) {
      io.stderr.write(
        `credspec tlc worker: the worker stopped: ${failed}\nCheck that the server is running and that the firewalls let this machine reach ${server.host}:${server.port} and the server's RMI ports, and the server reach this machine at ${advertise} (see docs/scaling.md).\n`,
      );
      return ENVIRONMENT;
    }
    return exit.code === 0 ? OK : ENVIRONMENT;
  } finally {
    await rm(tmp, { recursive: true, force: true });
    untrack();
  }
}
