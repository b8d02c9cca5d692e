// The command lines of a distributed TLC run: the server's and each worker's java arguments
// (through the bind launcher when every RMI socket must listen on one address), the command that
// adds a worker from another machine, and the HOST:PORT they meet at. Pure, but for `freePort`.

import { createServer } from 'node:net';
import { join } from 'node:path';
import { at } from '../source/checked-index.js';
import { mainClassArguments, type BindLauncher } from './bind-launcher.js';
import type { WorkerCommands } from './distributed-options.js';
import type { JarInfo } from './jar.js';

/** The RMI registry port TLC's server uses unless told otherwise. */
export const DEFAULT_TLC_SERVER_PORT = 10997;

/** Splits `HOST:PORT` (`[v6]:PORT` too); null when it is not one. */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? at(m, 2, 'a host'), port };
}

/** A port free on this machine now (the kernel's choice). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Why the server cannot listen on `host:port`, in the user's terms, or null when it can: tried
 * with a socket of our own before Java starts, since TLC reports an address this machine does
 * not have as `Port already in use: 0` and then fails with a NullPointerException.
 */
export function listenProblem(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      const at = `--listen ${host}:${port}`;
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
        resolve(
          `${at}: this machine has no address ${host}. The server listens on this machine: give one of its own addresses that the workers reach (\`hostname -I\` lists them), or leave --listen out to run the workers on this machine.`,
        );
      else if (err.code === 'EADDRINUSE')
        resolve(
          `${at}: port ${port} is in use on this machine. Give another port, or stop what listens on it.`,
        );
      else if (err.code === 'EACCES')
        resolve(`${at}: this user may not listen on port ${port}. Give a port above 1023.`);
      else resolve(`${at}: cannot listen there (${err.code ?? err.message}).`);
    });
    srv.listen(port, host, () => srv.close(() => resolve(null)));
  });
}

/**
 * The java arguments of a worker (without the java executable): `hostname` is the address the
 * server calls this worker back at (`java.rmi.server.hostname`); the server's port goes in as
 * TLC's `TLCServer.port` property, because TLCWorker takes only the host on its command line.
 * With `bind`, the worker runs through the launcher and listens on that address only.
 */
export function workerArguments(p: {
  jarPath: string;
  server: { host: string; port: number };
  advertise: string;
  threads?: number | undefined;
  tmpDir?: string | undefined;
  withFpSet?: boolean;
  bind?: BindLauncher | undefined;
}): string[] {
  return [
    '-XX:+UseParallelGC',
    // Started here: no /tmp/hsperfdata file to stay behind if it is killed (start.ts).
    ...(p.bind !== undefined ? ['-XX:-UsePerfData'] : []),
    `-Djava.rmi.server.hostname=${p.advertise}`,
    `-Dtlc2.tool.distributed.TLCServer.port=${p.server.port}`,
    ...(p.threads !== undefined
      ? [`-Dtlc2.tool.distributed.TLCWorker.threadCount=${p.threads}`]
      : []),
    ...(p.tmpDir !== undefined ? [`-Djava.io.tmpdir=${p.tmpDir}`] : []),
    ...mainClassArguments(
      p.jarPath,
      p.withFpSet
        ? 'tlc2.tool.distributed.fp.TLCWorkerAndFPSet'
        : 'tlc2.tool.distributed.TLCWorker',
      p.bind,
    ),
    p.server.host,
  ];
}

/**
 * The full command line of a worker on another machine, `java` first: same jar, same Java.
 * `advertise` is that machine's address as the server sees it; `<this-machine's-address>`
 * when not known, for the user to fill in.
 */
export function workerCommand(options: {
  connect: string;
  jarPath: string;
  advertise?: string;
  threads?: number;
  java?: string;
  fpSet?: boolean;
}): string[] {
  const server = parseHostPort(options.connect);
  if (!server) throw new Error(`internal: workerCommand needs HOST:PORT, got ${options.connect}`);
  return [
    options.java ?? 'java',
    ...workerArguments({
      jarPath: options.jarPath,
      server,
      advertise: options.advertise ?? '<this-machine-address>',
      threads: options.threads,
      withFpSet: options.fpSet ?? false,
    }),
  ];
}

/** A command line as one shell line, each word quoted when it needs to be. */
export function shellLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** The java arguments of the server (without the java executable); with `bind`, through the launcher. */
export function serverArguments(p: {
  jar: JarInfo;
  bind?: BindLauncher | undefined;
  host: string;
  port: number;
  workDir: string;
  metaDir: string;
  module: string;
  config: string;
  reportMs: number;
  fpSets?: number | undefined;
  extra: readonly string[];
}): string[] {
  return [
    '-XX:+UseParallelGC',
    '-XX:-UsePerfData',
    `-Djava.rmi.server.hostname=${p.host}`,
    `-Dtlc2.tool.distributed.TLCServer.port=${p.port}`,
    `-Dtlc2.tool.distributed.TLCServer.report=${p.reportMs}`,
    ...(p.fpSets ? [`-Dtlc2.tool.distributed.TLCServer.expectedFPSetCount=${p.fpSets}`] : []),
    `-Djava.io.tmpdir=${join(p.workDir, 'java-tmp')}`,
    ...mainClassArguments(p.jar.path, 'tlc2.tool.distributed.TLCServer', p.bind),
    '-tool',
    '-fp',
    '0',
    '-metadir',
    p.metaDir,
    ...p.extra,
    '-config',
    p.config,
    p.module,
  ];
}

/** The commands that add a worker from another machine to the run listening at `listen`. */
export function remoteCommands(
  jarPath: string,
  listen: { host: string; port: number },
): WorkerCommands {
  const connect = `${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`;
  const java = workerCommand({ connect, jarPath });
  return { credspec: `credspec tlc worker --connect ${connect}`, java, javaLine: shellLine(java) };
}
