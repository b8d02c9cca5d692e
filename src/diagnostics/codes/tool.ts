// CS8xxx (TLC and environment) and CS9xxx (internal) codes.
import type { CodeInfo } from './code-info.js';

export const TOOL_CODES = {
  CS8001: {
    severity: 'error',
    message: 'cannot read {path}: {reason}',
    meaning: 'A file named on the command line or imported could not be read.',
  },
  CS9001: {
    severity: 'error',
    message: 'internal error in {phase}: {detail}',
    meaning: 'A bug in credspec; the message names the DSL construct being processed.',
  },
} as const satisfies Record<string, CodeInfo>;
