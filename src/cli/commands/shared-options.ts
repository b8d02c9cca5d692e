// The command-line options several commands take, defined once so that each means and reads the
// same wherever it appears: where imports come from, which engine runs, where the result file
// goes, which TLC jar, the limits of a run and the budget of a simulation.

import { Option } from 'commander';
import { intOption } from '../option-ranges.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const ENGINES = ['embedded', 'tlc'] as const;

/** A repeatable option: each use adds its value to the list (empty by default). */
export function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect).default([]);
}

/** `--import-path DIR` (lint, check, emit, ci, sweep). */
export function importPathOption(): Option {
  return repeatable(
    '--import-path <dir>',
    "a folder imports may also come from, besides the spec's own and the prelude (repeatable)",
  );
}

/** `--engine` (check, ci). */
export function engineOption(): Option {
  return new Option('--engine <engine>', 'the checker to run').choices(ENGINES);
}

/** `--json FILE`, the result file (check, ci). */
export function resultFileOption(): Option {
  return new Option('--json <file>', 'write the result file (- for standard output)');
}

/** `--tlc-jar FILE` (check, ci). */
export function tlcJarOption(): Option {
  return new Option(
    '--tlc-jar <file>',
    'the TLC jar for --engine tlc (instead of TLA2TOOLS_JAR or the cache)',
  );
}

/** `--max-states N` for a command that runs several checks (ci, sweep). */
export function maxStatesEachOption(): Option {
  return new Option(
    '--max-states <n>',
    'stop each check after this many distinct states',
  ).argParser(intOption('--max-states'));
}

/** `--depth N`, the longest behaviour of `--simulate` (check, ci). */
export function depthOption(): Option {
  return new Option('--depth <n>', 'with --simulate: longest behaviour, in states').argParser(
    intOption('--depth'),
  );
}

/** `--traces N`, the behaviours of `--simulate` (check, ci). */
export function tracesOption(): Option {
  return new Option('--traces <n>', 'with --simulate: number of behaviours').argParser(
    intOption('--traces'),
  );
}
