// The viewer's keys in a real pseudo-terminal at 120x35 (pty-keys-cases.ts); pty-keys.test.ts
// runs them at 80x24 in the quick suite.

import { describeKeys } from './pty-keys-cases.js';

describeKeys([[120, 35]]);
