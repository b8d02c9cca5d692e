// CS1xxx: lexing and syntax. Owned by the front end (grammar/, src/syntax).
import type { CodeInfo } from '../codes.js';

export const SYNTAX_CODES = {
  CS1001: { severity: 'error', message: 'unexpected character {char}', meaning: 'A character that starts no token.' },
} as const satisfies Record<string, CodeInfo>;
