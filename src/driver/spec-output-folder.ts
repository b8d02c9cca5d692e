// Which folder under an output root holds a spec's generated files: the naming rule of
// src/tla/names.ts applied to the spec's path from the project folder, the folder that holds
// the output root. `emit specs`, `emit specs/x.cred` and an emit from another working folder
// with the same output root all name a spec's folder alike.

import { dirname, relative, resolve, sep } from 'node:path';
import { specOutputFolder } from '../tla/names.js';

/** The output folder of the spec at `specFile` (relative to `cwd`) under the output root `outRoot`. */
export function outputFolderOf(specFile: string, cwd: string, outRoot: string): string {
  const fromProject = relative(dirname(resolve(cwd, outRoot)), resolve(cwd, specFile));
  return specOutputFolder(fromProject.split(sep).join('/'));
}
