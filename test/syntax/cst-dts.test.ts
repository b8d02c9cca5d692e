// grammar/cst.d.ts is generated from the grammar; this fails when someone changed the grammar and
// forgot to regenerate it (`npm run build && node scripts/gen-cst-dts.mjs`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cstDtsText } from '../../grammar/cst-dts.js';

test('grammar/cst.d.ts matches the grammar', () => {
  expect(readFileSync(join(process.cwd(), 'grammar/cst.d.ts'), 'utf8')).toBe(cstDtsText());
});
