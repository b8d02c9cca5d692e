// The viewer's keys in a real pseudo-terminal at 80x24 (pty-keys-cases.ts); the same keys at
// 120x35 are in pty-keys.full.test.ts.

import { describeKeys } from './pty-keys-cases.js';

describeKeys([[80, 24]]);
