// Regenerates grammar/cst.d.ts from the compiled grammar (run `npm run build` first).
// Takes nothing; writes the file only when its content changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cstDtsText } from '../dist/grammar/cst-dts.js';

const target = fileURLToPath(new URL('../grammar/cst.d.ts', import.meta.url));
const text = cstDtsText();
let old = '';
try {
  old = readFileSync(target, 'utf8');
} catch {
  // first generation
}
if (old !== text) {
  writeFileSync(target, text);
  console.log('grammar/cst.d.ts updated');
} else {
  console.log('grammar/cst.d.ts is up to date');
}
