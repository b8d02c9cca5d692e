// What the parallel-search tests share: worker threads run JavaScript, so the sources are
// transpiled into a folder of the test file's own; one worker and several run on the same module,
// and their results are compared by the fields a user reads.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { explore } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Transpiles src/ (no type check) into a fresh folder under node_modules/.cache, so worker threads
 * can load it; each test file gets its own folder, as jest may run them side by side. Returns the
 * worker's entry and the folder, for `removeTranspiled` after the file's tests.
 */
export function transpileSources(): { workerScript: URL; out: string } {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'credspec-parallel-test-'));
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const js = ts.transpileModule(readFileSync(p, 'utf8'), {
          compilerOptions: {
            module: ts.ModuleKind.ES2022,
            target: ts.ScriptTarget.ES2022,
            jsx: ts.JsxEmit.ReactJSX,
          },
          fileName: p,
        }).outputText;
        const target = join(out, relative(root, p)).replace(/\.tsx?$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, js);
      }
    }
  };
  walk(join(root, 'src'));
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return { workerScript: pathToFileURL(join(out, 'src/engine/search/parallel/worker.js')), out };
}

/** Removes the folder `transpileSources` made. */
export function removeTranspiled(out: string): void {
  rmSync(out, { recursive: true, force: true });
}

/** What a user reads of a result: verdict, property, counts, trace length, stop reason, unreached
 * actions and error. */
export function summary(r: EngineCheckResult) {
  return {
    verdict: r.verdict,
    property: r.property,
    distinct: r.stats.distinctStates,
    generated: r.stats.statesGenerated,
    depth: r.stats.depth,
    queued: r.stats.queued,
    traceLength: r.trace?.length ?? null,
    inconclusive: r.inconclusive?.reason ?? null,
    unreached: r.unreached ?? null,
    error: r.error?.message ?? null,
  };
}

/** One worker and `workers` workers on the same interpreted module; returns both. */
export async function both(
  workerScript: URL,
  module: TlaModule,
  config: TlcConfig,
  workers: number,
  opts: { maxStates?: number } = {},
) {
  const exe = interpretModule(module, config);
  const one = await explore(exe, config, opts);
  const notes: string[] = [];
  const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
    ...opts,
    workers,
    workerScript,
    onNote: (m) => notes.push(m),
  });
  return { one, many, notes };
}
