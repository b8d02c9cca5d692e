// The option parser fuzzed in process (option-parser-fuzz.ts says what is checked); the vectors
// run as processes of the built CLI are in option-parser.fuzz.full.test.ts.

import fc from 'fast-check';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands/main.js';
import { argv, expectWellBehaved, fuzzFolder, SEED } from './option-parser-fuzz.js';

const folder = fuzzFolder();

test('any argument vector, in process: exit 0, 2, 3 or 4 with a message; never a stack trace or an internal error', async () => {
  await fc.assert(
    fc.asyncProperty(argv, async (args) => {
      const { dir, env } = folder();
      const io = memoryIo({ cwd: dir, env });
      const code = await runCli([...args], io);
      expectWellBehaved(args, code, io.out(), io.err());
    }),
    { seed: Number(process.env.FUZZ_SEED ?? SEED), numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
  );
}, 240_000);
