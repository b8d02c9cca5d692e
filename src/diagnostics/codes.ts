// The one table of diagnostic codes. Each band lives in its own file under codes/ so that the
// phases that own them can grow them independently; this file joins them and is what every
// caller imports. A test checks that codes are unique, well formed and documented.
//
// Bands: CS1xxx lexing and syntax, CS2xxx names and scopes, CS3xxx types, CS4xxx steps, labels
// and atomicity, CS5xxx variants, parameters and expectations, CS6xxx properties and fairness,
// CS8xxx TLC and environment, CS9xxx internal.

import { SYNTAX_CODES } from './codes/syntax.js';
import { CHECK_CODES } from './codes/check.js';
import { TOOL_CODES } from './codes/tool.js';

export type { CodeInfo } from './codes/code-info.js';

export const CODES = { ...SYNTAX_CODES, ...CHECK_CODES, ...TOOL_CODES } as const;

export type DiagnosticCode = keyof typeof CODES;
