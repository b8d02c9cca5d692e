// Test helper: the first agreement case of a spec (a file of the checkout, or a text standing as
// `specs/x.cred`), lowered and emitted as `credspec check` does, with its module interpreted by
// the engine, for tests that drive a search directly.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { preludeDir } from '../../src/driver/package-root.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { loadProgram } from '../../src/syntax/load.js';
import { agreementCases } from '../../src/tlc/agreement-cases.js';

/** `path`'s first case (its text is `text` when given), and its module interpreted. */
export function interpretedCase(path: string, text?: string) {
  const program = loadProgram(path, {
    readFile: (p) => {
      if (text !== undefined && resolve(p) === resolve(path)) return new TextEncoder().encode(text);
      try {
        return readFileSync(p);
      } catch (err) {
        return err as Error;
      }
    },
    preludeDir: preludeDir(process.env),
  });
  const [c] = agreementCases(checkProgram(program)).cases;
  if (c === undefined) throw new Error(`${path} has no case`);
  const { module, config } = c.built.emitted;
  return { built: c.built, module, config, exe: interpretModule(module, config) };
}
