// File names a careless or hostile user gives specs and report paths: empty stems, dots that
// read as parent folders, leading dashes that read as options, spaces, other scripts, control
// characters, and names that look like the escapes credspec itself uses.

/** Spec file names (inside a `specs/` folder or the project folder). */
export const HOSTILE_SPEC_NAMES: readonly string[] = [
  '...cred',
  '..cred',
  '.cred',
  '-rf.cred',
  '--out.cred',
  'with space.cred',
  ' leading space.cred',
  'ünïcødé-規格.cred',
  'tab\tname.cred',
  '%2E.cred',
  '%.cred',
  '_.cred',
  'specs.cred',
];

/** Folder paths (relative, `/` separated) a spec may sit in, hostile ones included. */
export const HOSTILE_FOLDERS: readonly string[] = [
  'specs',
  'specs/_',
  'specs/-x',
  'specs/..cred',
  '.',
  'other dir',
  '_',
];

/** A small spec with one variant, named so its modules are told apart by spec name. */
export function tinySpec(name = 'tiny'): string {
  return `spec ${name}\nshared var x: 0..3 = 0\nprocess T[1] { s: x := 1 }\nexpect base: holds\n`;
}
