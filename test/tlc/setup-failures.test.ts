// Finding Java, finding the jar and installing TLC when things are missing or wrong: each gives
// the right problem kind, exit code 3 at the CLI, and a message that says what to do. Needs no
// TLC; downloads come from a local server on 127.0.0.1 serving bytes made here.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { runTlcCommand } from '../../src/cli/commands/tlc.js';
import { findJava, readJavaMajor } from '../../src/tlc/java.js';
import { cachedJarPath, locateJar, probeJar, PINNED_TLC, tlcCacheDir } from '../../src/tlc/jar.js';
import { installTlc } from '../../src/tlc/install.js';
import { runTlc } from '../../src/tlc/run.js';

const root = mkdtempSync(join(tmpdir(), 'credspec-tlc-setup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = join(root, String(n++));
  mkdirSync(d);
  return d;
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: (env: Record<string, string | undefined>) => ({
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env,
    }),
  };
}

/** A zip archive holding one stored file: a jar that is a zip but contains no TLC. */
function zipWithOneFile(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const nameBuf = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const cdOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

const realJava = (() => {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, 'java'))) return join(dir, 'java');
  return null;
})();

describe('finding Java', () => {
  test('reads both version schemes', () => {
    expect(readJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(readJavaMajor('java version "1.8.0_292"')).toBe(8);
    expect(readJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(readJavaMajor('no version here')).toBeNull();
  });

  test('no Java on PATH and no JAVA_HOME: says to install a JDK 11+ or use the embedded engine', async () => {
    const r = await findJava({ PATH: join(root, 'nowhere') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('no-java');
    expect(r.message).toMatch(/JDK 11 or newer/);
    expect(r.message).toMatch(/embedded engine/);
  });

  test('JAVA_HOME pointing nowhere and an empty PATH: no Java', async () => {
    const r = await findJava({ PATH: '', JAVA_HOME: join(root, 'no-jdk') });
    expect(r.ok ? 'found' : r.kind).toBe('no-java');
    if (!r.ok) expect(r.message).toContain('JAVA_HOME');
  });

  test('an old Java (1.8) is refused with its version named', async () => {
    const bin = fresh();
    writeFileSync(
      join(bin, 'java'),
      "#!/bin/sh\necho 'java version \"1.8.0_292\"' >&2\necho 'Java(TM) SE Runtime Environment (build 1.8.0_292-b10)' >&2\n",
    );
    chmodSync(join(bin, 'java'), 0o755);
    const r = await findJava({ PATH: bin });
    expect(r.ok ? 'found' : r.kind).toBe('old-java');
    if (!r.ok) {
      expect(r.message).toContain('Java 8');
      expect(r.message).toMatch(/JDK 11 or newer/);
    }
  });

  test('JAVA_HOME comes before PATH', async () => {
    const home = fresh();
    mkdirSync(join(home, 'bin'));
    writeFileSync(
      join(home, 'bin', 'java'),
      '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n',
    );
    chmodSync(join(home, 'bin', 'java'), 0o755);
    const r = await findJava({ PATH: join(root, 'nowhere'), JAVA_HOME: home });
    expect(r.ok && r.java.source).toBe('JAVA_HOME');
    expect(r.ok && r.java.major).toBe(11);
  });

  test('runTlc without Java: verdict error with the same advice, no exception', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'M.tla'), '---- MODULE M ----\n====\n');
    writeFileSync(join(dir, 'M.cfg'), '');
    const r = await runTlc({
      module: join(dir, 'M.tla'),
      env: { PATH: join(root, 'nowhere'), HOME: dir },
    });
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toMatch(/no java executable was found.*embedded engine/s);
  });
});

describe('finding the jar', () => {
  test('order: --tlc-jar, then TLA2TOOLS_JAR, then the cache', () => {
    const dir = fresh();
    const zip = zipWithOneFile('a.txt', 'a');
    const a = join(dir, 'a.jar');
    const b = join(dir, 'b.jar');
    writeFileSync(a, zip);
    writeFileSync(b, zip);
    const cache = fresh();
    const env = { XDG_CACHE_HOME: cache, TLA2TOOLS_JAR: b };
    expect(locateJar({ tlcJar: a, env })).toMatchObject({
      ok: true,
      jar: { path: a, source: 'option' },
    });
    expect(locateJar({ env })).toMatchObject({
      ok: true,
      jar: { path: b, source: 'TLA2TOOLS_JAR' },
    });
    const cached = cachedJarPath({ XDG_CACHE_HOME: cache });
    expect(cached).toBe(join(cache, 'credspec', 'tlc', PINNED_TLC.version, 'tla2tools.jar'));
    mkdirSync(join(cache, 'credspec', 'tlc', PINNED_TLC.version), { recursive: true });
    writeFileSync(cached, zip);
    expect(locateJar({ env: { XDG_CACHE_HOME: cache } })).toMatchObject({
      ok: true,
      jar: { path: cached, source: 'cache' },
    });
    expect(tlcCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/credspec/tlc');
  });

  test('no jar anywhere: names install, TLA2TOOLS_JAR and the embedded engine; CLI exit 3', async () => {
    const env = { XDG_CACHE_HOME: fresh(), HOME: fresh() };
    const r = locateJar({ env });
    expect(r.ok ? 'found' : r.kind).toBe('no-jar');
    if (!r.ok) expect(r.message).toMatch(/credspec tlc install.*TLA2TOOLS_JAR.*embedded engine/s);
    const c = capture();
    expect(await runTlcCommand({ action: 'path' }, c.io(env))).toBe(3);
    expect(c.err.join('')).toContain('credspec tlc install');
    expect(c.out).toEqual([]);
  });

  test('a named jar that does not exist is an error, not a fall-through to the cache', () => {
    const r = locateJar({ tlcJar: join(root, 'missing.jar'), env: {} });
    expect(r.ok ? 'found' : r.kind).toBe('no-jar');
    if (!r.ok) expect(r.message).toContain('--tlc-jar');
  });

  test('a text file named tla2tools.jar is a corrupt jar; CLI exit 3', async () => {
    const dir = fresh();
    const jar = join(dir, 'tla2tools.jar');
    writeFileSync(jar, '<html>Not Found</html>\n');
    const r = locateJar({ env: { TLA2TOOLS_JAR: jar } });
    expect(r.ok ? 'found' : r.kind).toBe('corrupt-jar');
    if (!r.ok) expect(r.message).toMatch(/not a jar file/);
    const c = capture();
    expect(
      await runTlcCommand(
        { action: 'version' },
        c.io({ TLA2TOOLS_JAR: jar, PATH: process.env.PATH }),
      ),
    ).toBe(3);
    expect(c.err.join('')).toMatch(/TLA2TOOLS_JAR|embedded engine/);
  });

  (realJava ? test : test.skip)(
    'a zip without TLC in it: TLC does not start, corrupt jar',
    async () => {
      const dir = fresh();
      const jar = join(dir, 'tla2tools.jar');
      writeFileSync(jar, zipWithOneFile('readme.txt', 'not TLC'));
      const r = await probeJar(realJava!, { path: jar, source: 'option' });
      expect(r.ok ? 'started' : r.kind).toBe('corrupt-jar');
      if (!r.ok) expect(r.message).toMatch(/does not start TLC/);
    },
  );
});

/** A stand-in jar the local server hands out, and its checksum. */
const jarBytes = zipWithOneFile('tlc2/TLC.txt', 'a stand-in made by the test, not TLC');
const good = createHash('sha256').update(jarBytes).digest('hex');

/** A server on 127.0.0.1 with the jar at /tla2tools.jar, a redirect to it, and 404 elsewhere. */
async function startJarServer(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/tla2tools.jar') {
      res.writeHead(200, { 'content-type': 'application/java-archive' });
      res.end(jarBytes);
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/tla2tools.jar' });
      res.end();
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The files of the pinned TLC's folder in the cache. */
const cacheFiles = (cache: string): string[] => {
  const dir = join(cache, 'credspec', 'tlc', PINNED_TLC.version);
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** A port on 127.0.0.1 that nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

describe('credspec tlc install against a local server', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = await startJarServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('verifies, installs atomically, follows redirects; a second install does not download', async () => {
    const cache = fresh();
    const c = capture();
    expect(
      await runTlcCommand(
        { action: 'install', url: `${base}/redirect`, sha256: good },
        c.io({ XDG_CACHE_HOME: cache }),
      ),
    ).toBe(0);
    expect(cacheFiles(cache)).toEqual(['tla2tools.jar']);
    expect(readFileSync(cachedJarPath({ XDG_CACHE_HOME: cache })).equals(jarBytes)).toBe(true);
    expect(c.out.join('')).toContain('installed');
    const again = await installTlc({
      url: `${base}/missing`,
      sha256: good,
      env: { XDG_CACHE_HOME: cache },
    });
    expect(again.ok && again.installed.downloaded).toBe(false);
    const path = capture();
    expect(await runTlcCommand({ action: 'path' }, path.io({ XDG_CACHE_HOME: cache }))).toBe(0);
    expect(path.out.join('')).toBe(`${cachedJarPath({ XDG_CACHE_HOME: cache })}\n`);
  });

  test('URL and checksum from CREDSPEC_TLC_URL and CREDSPEC_TLC_SHA256', async () => {
    const cache = fresh();
    const r = await installTlc({
      env: {
        XDG_CACHE_HOME: cache,
        CREDSPEC_TLC_URL: `${base}/tla2tools.jar`,
        CREDSPEC_TLC_SHA256: good.toUpperCase(),
      },
    });
    expect(r.ok).toBe(true);
  });

  test('checksum mismatch: exit 3, nothing left in the cache', async () => {
    const cache = fresh();
    const c = capture();
    const code = await runTlcCommand(
      { action: 'install', url: `${base}/tla2tools.jar`, sha256: PINNED_TLC.sha256 },
      c.io({ XDG_CACHE_HOME: cache }),
    );
    expect(code).toBe(3);
    expect(c.err.join('')).toMatch(/SHA-256 .* not the expected 936a2620/);
    expect(cacheFiles(cache)).toEqual([]);
  });

  test('404: exit 3, one paragraph naming both ways to proceed', async () => {
    const cache = fresh();
    const c = capture();
    expect(
      await runTlcCommand(
        { action: 'install', url: `${base}/missing`, sha256: good },
        c.io({ XDG_CACHE_HOME: cache }),
      ),
    ).toBe(3);
    const text = c.err.join('');
    expect(text).toMatch(/404/);
    expect(text).toMatch(/set TLA2TOOLS_JAR/);
    expect(text).toMatch(/embedded engine/);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(cacheFiles(cache)).toEqual([]);
  });

  test('connection refused on a closed port: exit 3 with the same advice', async () => {
    const port = await closedPort();
    const cache = fresh();
    const r = await installTlc({
      url: `http://127.0.0.1:${port}/tla2tools.jar`,
      sha256: good,
      env: { XDG_CACHE_HOME: cache },
    });
    expect(r.ok ? 'installed' : r.kind).toBe('download-failed');
    if (!r.ok) {
      expect(r.message).toContain('connection refused');
      expect(r.message).toMatch(/TLA2TOOLS_JAR.*embedded engine/s);
    }
    expect(cacheFiles(cache)).toEqual([]);
  });

  test('an unknown action is bad usage (exit 2)', async () => {
    const c = capture();
    expect(await runTlcCommand({ action: 'upgrade' }, c.io({}))).toBe(2);
  });
});
