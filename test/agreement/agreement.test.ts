// Agreement with TLC, the quick band: cases of a few thousand states (see agreement-suite.ts).
import { agreementSuite } from './agreement-suite.js';

agreementSuite('quick');
