// `check --engine tlc --distributed --listen HOST:PORT` tries the address with a socket of its
// own before TLC starts: TLC itself reports an address this machine does not have as `Port
// already in use: 0` followed by a Java NullPointerException. The README's multi-machine
// command, run as written on a machine without its documentation address, says so and exits 3.

import { createServer, type Server } from 'node:net';
import { credspec } from '../robustness/cli-run.js';
import { listenProblem } from '../../src/tlc/distributed-commands.js';
import { JAR, NO_JAR, workspace } from '../cli/pick-spec.js';

test('an address of this machine with a free port is no problem', async () => {
  expect(await listenProblem('127.0.0.1', 0)).toBeNull();
});

test('an address this machine does not have is named, with what to give instead', async () => {
  expect(await listenProblem('192.0.2.10', 10997)).toBe(
    '--listen 192.0.2.10:10997: this machine has no address 192.0.2.10. The server listens on this ' +
      'machine: give one of its own addresses that the workers reach (`hostname -I` lists them), ' +
      'or leave --listen out to run the workers on this machine.',
  );
});

test('a port something already listens on is named', async () => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const address = busy.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    expect(await listenProblem('127.0.0.1', port)).toBe(
      `--listen 127.0.0.1:${port}: port ${port} is in use on this machine. Give another port, or stop what listens on it.`,
    );
  } finally {
    busy.close();
  }
});

(JAR === undefined ? test.skip : test)(
  `the README's multi-machine command on a machine without its address: exit 3, the address named, no Java words${JAR === undefined ? ` (${NO_JAR})` : ''}`,
  async () => {
    const { dir, env } = workspace();
    const r = await credspec(
      [
        'check',
        'specs/pick.cred',
        '--engine',
        'tlc',
        '--distributed',
        '--workers',
        '0',
        '--listen',
        '192.0.2.10:10997',
        '--safety-only',
        '--print-worker-command',
      ],
      dir,
      env,
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      'error: --listen 192.0.2.10:10997: this machine has no address 192.0.2.10.',
    );
    expect(r.stdout + r.stderr).not.toMatch(/Port already in use|NullPointerException|java\./);
  },
  120_000,
);
