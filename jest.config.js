/**
 * Jest in ESM mode: chevrotain is ESM only. Run through `npm test` (the quick suite) or
 * `npm run test:full` (the expensive cross-checks, files named `*.full.test.ts`), which set
 * --experimental-vm-modules. Tests are transpiled without type checking (tsconfig.jest.json sets
 * isolatedModules): `npm run typecheck` checks the types of src/ and test/ in one pass instead.
 * Before either suite, globalSetup builds dist/ when src/ changed since the last build: the tests
 * that run the CLI run `node bin/credspec.js`, as users do.
 */
import { availableParallelism } from 'node:os';

const full = process.env.CREDSPEC_TESTS === 'full';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.jest.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testMatch: full
    ? ['<rootDir>/test/**/*.full.test.ts', '<rootDir>/test/**/*.full.test.tsx']
    : ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  testPathIgnorePatterns: full ? ['/node_modules/'] : ['/node_modules/', '\\.full\\.test\\.tsx?$'],
  globalSetup: '<rootDir>/test/support/build-cli.mjs',
  setupFiles: ['<rootDir>/test/support/no-forced-colour.ts'],
  testTimeout: 60000,
  // Jest's default is one worker less than the cores: on a 2-core machine, one worker, and the
  // suite ran file after file on a single core. Test files also wait on the CLI processes they
  // start, so one worker per core keeps both busy.
  maxWorkers: Math.max(2, availableParallelism()),
  // In CI a child or timer that a failed test left behind must not hold the run until CI's own
  // time limit; locally jest's "did not exit" warning points at it instead.
  forceExit: process.env.CI === 'true',
  reporters: [
    'default',
    [
      '<rootDir>/test/support/count-reporter.cjs',
      { file: full ? '.jest-counts-full.json' : '.jest-counts.json' },
    ],
  ],
};
