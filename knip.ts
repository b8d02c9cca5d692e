// Dead code: files, dependencies and exports nothing uses. An export used in its own file is not
// dead (only its `export` is unneeded), so those are not reported. The folders listed in
// lint-allow-list.jsonc are not yet cleaned: dead exports there are allowed until they are.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const allowListText = readFileSync(new URL('./lint-allow-list.jsonc', import.meta.url), 'utf8');
const allowList = ts.parseConfigFileTextToJson('lint-allow-list.jsonc', allowListText).config as {
  overrides: { includes: string[] }[];
};
const notYetCleaned = [...new Set(allowList.overrides.flatMap((o) => o.includes))];

export default {
  entry: [
    'src/cli/commands/main.ts',
    'scripts/*.{ts,mjs}',
    'bench/*.{ts,mjs}',
  ],
  project: [
    'grammar/**/*.ts',
    'src/**/*.{ts,tsx}',
    'test/**/*.{ts,tsx,cjs}',
    'bench/**/*.{ts,mjs}',
    'scripts/**/*.{ts,mjs}',
  ],
  ignoreExportsUsedInFile: true,
  // Programs the tests start when the machine has them, not npm packages.
  ignoreBinaries: ['java', 'mkfifo'],
  ignoreIssues: Object.fromEntries(notYetCleaned.map((glob) => [glob, ['exports', 'types']])),
};
