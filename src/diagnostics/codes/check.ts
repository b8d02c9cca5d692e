// CS2xxx-CS6xxx: names, types, steps, variants, properties. Owned by the checker (src/check).
import type { CodeInfo } from '../codes.js';

export const CHECK_CODES = {
  CS2001: { severity: 'error', message: 'unknown name {name}', meaning: 'A name that no declaration in scope defines.' },
} as const satisfies Record<string, CodeInfo>;
