// Binds distributed TLC's RMI sockets to one address. Java RMI has no property for the address
// its server sockets bind to (java.rmi.server.hostname only names the address it advertises),
// so TLC's registry, server and workers listen on every interface unless told otherwise. The
// launcher below installs an RMISocketFactory whose server sockets bind to `-Dcredspec.bind`
// and then calls the TLC main class it is given. Java runs it from source (single-file source
// mode, Java 11 and newer, which needs the jdk.compiler module of a JDK); the source is written
// into each run's private folder, so nothing is compiled into the project or beside the jar.

import { runBounded } from './bounded-run.js';
import { EMBEDDED_ADVICE } from './setup-problem.js';

/** The launcher's file name in the run folder (its public class is `CredspecBind`). */
export const BIND_LAUNCHER_FILE = 'CredspecBind.java';

/** The launcher's source: `java -Dcredspec.bind=ADDR -cp tla2tools.jar CredspecBind.java MAIN ARGS...`. */
export const BIND_LAUNCHER_SOURCE = `// Written by credspec for one distributed TLC run: starts a TLC main class with every RMI
// server socket bound to the address in the credspec.bind property, not to all interfaces.
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.util.Arrays;

public class CredspecBind {
  public static void main(String[] args) throws Throwable {
    String bind = System.getProperty("credspec.bind");
    if (bind == null || args.length == 0) {
      System.err.println("CredspecBind: needs -Dcredspec.bind=ADDRESS and a main class");
      System.exit(64);
    }
    final InetAddress address = InetAddress.getByName(bind);
    RMISocketFactory.setSocketFactory(new RMISocketFactory() {
      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 50, address);
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
      }
    });
    try {
      Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
`;

/** Where a TLC main class runs through the launcher, bound to `address`. */
export interface BindLauncher {
  /** Path of the launcher's source file in the run folder. */
  readonly path: string;
  readonly address: string;
}

/** `-cp JAR MAIN`, or through the launcher: `-Dcredspec.bind=ADDR -cp JAR CredspecBind.java MAIN`. */
export function mainClassArguments(
  jarPath: string,
  mainClass: string,
  bind?: BindLauncher,
): string[] {
  if (bind === undefined) return ['-cp', jarPath, mainClass];
  return [`-Dcredspec.bind=${bind.address}`, '-cp', jarPath, bind.path, mainClass];
}

const checked = new Map<string, string | null>();

/**
 * Null when this java can run the launcher (its runtime has the jdk.compiler module that
 * source-file mode uses); otherwise what to do. Asked once per java path.
 */
export async function bindLauncherProblem(
  javaPath: string,
  env: NodeJS.ProcessEnv,
  bindAddress: string,
): Promise<string | null> {
  if (!checked.has(javaPath)) {
    const out = await runBounded(javaPath, ['--list-modules'], { env, timeoutMs: 60_000 });
    checked.set(
      javaPath,
      /^jdk\.compiler@/m.test(out.stdout) ? null : out.timedOut ? 'timeout' : 'no-compiler',
    );
  }
  const why = checked.get(javaPath);
  if (why === null) return null;
  if (why === 'timeout') checked.delete(javaPath);
  const found =
    why === 'timeout'
      ? `${javaPath} --list-modules did not answer within 60 s`
      : `${javaPath} has no jdk.compiler module (it is a JRE, not a JDK)`;
  return (
    `TLC's distributed mode is started through a small launcher that binds TLC's unauthenticated RMI ports to ${bindAddress} only (TLC has no option for it). ` +
    `Java runs that launcher from source, which needs Java 11 or newer with the jdk.compiler module, and ${found}. ` +
    `Install a JDK 11 or newer (for example the openjdk-17-jdk-headless package) and point JAVA_HOME at it, or check without --distributed, ${EMBEDDED_ADVICE}.`
  );
}
