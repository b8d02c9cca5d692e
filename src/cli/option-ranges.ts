// The range of every numeric option, as commander argument parsers: a value outside it (or not
// a whole number) is refused while the command line is parsed, with one line naming the option
// and its range, and exit 2. The ranges are what the run can honour: Node keeps timers up to
// 2^31-1 ms, the engine numbers states with 32-bit integers, the simulator's seed is 32 bits,
// workers beyond the cores only slow a search down, memory beyond the machine's is never there.

import { availableParallelism, totalmem } from 'node:os';
import { InvalidArgumentError } from 'commander';

/** A whole number from `min` to `max`, told in the refusal with why the bound is there. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  /** Why the upper bound is what it is (shown after the range). */
  readonly because?: string;
}

const INT32_MAX = 2 ** 31 - 1;

/** The ranges of the numeric options, by option name; functions for those that depend on the machine. */
export const OPTION_RANGES = {
  '--max-states': {
    min: 1,
    max: INT32_MAX - 1,
    because: 'the engine numbers states with 32-bit integers',
  },
  '--timeout': {
    min: 1,
    max: Math.floor(INT32_MAX / 1000),
    because: 'about 24 days, the longest timer Node keeps',
  },
  '--budget': {
    min: 1,
    max: Math.floor(INT32_MAX / 1000),
    because: 'about 24 days, the longest timer Node keeps',
  },
  '--memory': (): IntRange => ({
    min: 1,
    max: Math.floor(totalmem() / 2 ** 20),
    because: "this machine's memory in MB",
  }),
  '--workers': (): IntRange => ({
    min: 1,
    max: availableParallelism(),
    because: 'the cores available to this process',
  }),
  '--threads': (): IntRange => ({
    min: 1,
    max: availableParallelism(),
    because: 'the cores available to this process',
  }),
  '--max-threads': { min: 0, max: INT32_MAX },
  '--max-sets': { min: 1, max: INT32_MAX },
  '--depth': { min: 1, max: INT32_MAX },
  '--traces': { min: 1, max: INT32_MAX },
  '--seed': { min: 0, max: 2 ** 32 - 1, because: 'seeds are 32-bit' },
} as const satisfies Record<string, IntRange | (() => IntRange)>;

export type NumericOption = keyof typeof OPTION_RANGES;

/** The range of `option` on this machine. */
export function rangeOf(option: NumericOption): IntRange {
  const r = OPTION_RANGES[option];
  return typeof r === 'function' ? r() : r;
}

/**
 * The commander argument parser of a numeric option: the number, or InvalidArgumentError naming
 * the range. `min` lowers the range's least value where a command gives 0 a meaning
 * (`check --distributed --workers 0`: remote workers only).
 */
export function intOption(
  option: NumericOption,
  overrides: { readonly min?: number } = {},
): (value: string) => number {
  return (value) => {
    const range = { ...rangeOf(option), ...overrides };
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= range.min && n <= range.max)) {
      const why = range.because === undefined ? '' : ` (${range.because})`;
      throw new InvalidArgumentError(
        `${option} must be a whole number from ${range.min} to ${range.max}${why}`,
      );
    }
    return n;
  };
}
