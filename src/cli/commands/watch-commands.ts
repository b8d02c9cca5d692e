// `check --watch` and `ci --watch`: the two commands as watch mode repeats them (watch.ts), each
// re-run on the specs a change affects, with the command line's other options unchanged.

import { type CheckArgs, runCheck } from './check.js';
import { type CiArgs, runCi, type SpecRun } from './ci.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { runWatch } from '../watch.js';

/** `credspec check --watch`. */
export function watchCheck(args: CheckArgs, io: Io): Promise<number> {
  // The viewer takes the terminal until it is closed: it cannot share it with a watcher.
  if (args.view === true) {
    io.stderr.write('credspec check: --watch and --view do not go together\n');
    return Promise.resolve(EXIT.badInput);
  }
  return runWatch(
    {
      name: 'check',
      inputs: args.inputs,
      load: { importPaths: args.importPath },
      run: (files, runIo) => runCheck({ ...args, inputs: files, watch: false }, runIo),
    },
    io,
  );
}

/**
 * `credspec ci --watch`. Each run's table and summary cover every spec of the folder: those a
 * change affects are checked again, the others report what they gave when last checked.
 */
export function watchCi(args: CiArgs, io: Io): Promise<number> {
  const last = new Map<string, SpecRun>();
  return runWatch(
    {
      name: 'ci',
      inputs: [args.dir ?? 'specs'],
      load: { importPaths: args.importPath },
      run: (files, runIo, all) => {
        const again = new Set(files);
        const earlier = new Map([...last].filter(([spec]) => !again.has(spec)));
        return runCi(
          {
            ...args,
            specFiles: all,
            earlier,
            onSpecRun: (spec, run) => last.set(spec, run),
            watch: false,
          },
          runIo,
        );
      },
    },
    io,
  );
}
