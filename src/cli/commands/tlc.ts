// `credspec tlc install|path|version`: provisions and inspects TLC. Takes the action and its
// options, prints one result line on stdout or one paragraph on stderr, and returns the exit
// code (0, 2 for a bad action, 3 when Java, the jar or the download fails). No other output.

import { installTlc, locateJar, prepareTlc } from '../../tlc/index.js';

/** The arguments of `credspec tlc`, as the command line gives them. */
export interface TlcCommandArgs {
  readonly action: string;
  /** `--tlc-jar`: the jar to use instead of TLA2TOOLS_JAR or the cache. */
  readonly jar?: string | undefined;
  /** `--url`: download from a mirror (also `CREDSPEC_TLC_URL`); for tests and mirrors. */
  readonly url?: string | undefined;
  /** `--sha256`: the checksum the download must have (also `CREDSPEC_TLC_SHA256`); for tests and mirrors. */
  readonly sha256?: string | undefined;
}

/** What the command needs from its surroundings; the real process and tests both provide it. */
export interface TlcCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

const OK = 0;
const BAD_USAGE = 2;
const ENVIRONMENT = 3;

/** Runs `credspec tlc <action>`; resolves with the exit code. */
export async function runTlcCommand(args: TlcCommandArgs, io: TlcCommandIo): Promise<number> {
  const env = { ...io.env } as NodeJS.ProcessEnv;
  const fail = (message: string): number => {
    io.stderr.write(`credspec tlc ${args.action}: ${message}\n`);
    return ENVIRONMENT;
  };
  switch (args.action) {
    case 'install': {
      const r = await installTlc({ url: args.url, sha256: args.sha256, env });
      if (!r.ok) return fail(r.message);
      const { path, sha256 } = r.installed;
      io.stdout.write(
        r.installed.downloaded
          ? `installed ${path} (sha256 ${sha256})\n`
          : `already installed: ${path} (sha256 ${sha256})\n`,
      );
      return OK;
    }
    case 'path': {
      const r = locateJar({ tlcJar: args.jar, env });
      if (!r.ok) return fail(r.message);
      io.stdout.write(`${r.jar.path}\n`);
      return OK;
    }
    case 'version': {
      const r = await prepareTlc({ tlcJar: args.jar, env });
      if (!r.ok) return fail(r.message);
      io.stdout.write(`${r.probe.versionLine}\n`);
      return OK;
    }
    default:
      io.stderr.write(
        `credspec tlc: unknown action "${args.action}" (one of: install, path, version)\n`,
      );
      return BAD_USAGE;
  }
}
