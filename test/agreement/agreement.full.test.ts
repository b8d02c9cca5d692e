// Agreement with TLC, the full band: the larger cases and live TLC past the quick budget
// (see agreement-suite.ts). Run by `npm run test:full`.
import { agreementSuite } from './agreement-suite.js';

agreementSuite('full');
