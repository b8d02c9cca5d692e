// What `credspec emit` would write, without writing it: for one spec, every module, config,
// source map and compiled module of its variants and expected parameter sets, plus the
// manifest of its output folder. Pure apart from reading compiled modules it can reuse; the
// writing is src/cli/emit-write.ts. `ci` compares committed files with this plan.

import { type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PrivateCache } from '../cache/private-files.js';
import { collectDecls } from '../model/decls.js';
import { expectedRuns } from '../model/expectations.js';
import type { ParamOverrideRequest } from '../model/params.js';
import { buildCase } from '../emit/build-case.js';
import type { CheckCase } from '../emit/cases.js';
import type { CheckedProgram } from '../check/check.js';
import { formatLocation } from '../source/span.js';
import { specOutputFolder } from '../tla/names.js';
import type { TlaModule } from '../tla/tla-ast.js';
import { MANIFEST_NAME, manifestText } from './emit-manifest.js';

/** Compiles an emitted module for the embedded engine (src/engine/compile; loaded lazily, it brings ts-morph). */
export type ModuleCompiler = (
  module: TlaModule,
  tlaText: string,
  tlaPath: string,
) => { typescript: string; javascript: string } | undefined;

/** One file to write, relative to the output root. */
export interface RenderedFile {
  readonly path: string;
  readonly text: string;
}

/** Everything emit writes for one spec: its output folder (relative to the output root) and the files in it. */
export interface PlannedSpec {
  readonly folder: string;
  /** Paths relative to the output root, each inside `folder`; the manifest last. */
  readonly files: readonly RenderedFile[];
}

export type RenderOutcome =
  | { ok: true; files: RenderedFile[] }
  | { ok: false; diagnostics: readonly Diagnostic[] };

/**
 * Every file one spec emits, relative to the output root, under `folder`: per variant the
 * module and source map, and a config per parameter set (the expectations', or the
 * `overrides` when given). Pure.
 */
export function renderSpec(
  checked: CheckedProgram,
  generatedBy: string,
  overrides?: readonly ParamOverrideRequest[],
  compile?: ModuleCompiler,
  folder: string = specOutputFolder(checked.program.root.path),
): RenderOutcome {
  const program = checked.program;
  const runs: CheckCase[] =
    overrides !== undefined
      ? [...new Set(expectedRuns(collectDecls(program)).map((r) => r.variant))].map((variant) => ({
          variant,
          overrides,
          expects: [],
        }))
      : expectedRuns(collectDecls(program)).map((r) => ({
          variant: r.variant,
          overrides: r.params,
          expects: r.expects,
        }));
  const files: RenderedFile[] = [];
  const modules = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const run of runs) {
    const r = buildCase(checked, run, generatedBy, folder);
    if (!r.ok) {
      diagnostics.push(...r.diagnostics);
      continue;
    }
    const built = r.built;
    const previous = modules.get(built.tlaPath);
    if (previous === undefined) {
      modules.set(built.tlaPath, built.tlaText);
      files.push({ path: built.tlaPath, text: built.tlaText });
      files.push({ path: built.mapPath, text: built.mapText });
      if (compile !== undefined) {
        // The engine's compiled form sits beside the module it came from (fresh by content hash).
        const compiled = compile(built.emitted.module, built.tlaText, built.tlaPath);
        const stem = built.tlaPath.replace(/\.tla$/, '');
        // A module the compiler refuses has no compiled form: the engine interprets it.
        if (compiled !== undefined) {
          files.push({ path: `${stem}.ts`, text: compiled.typescript });
          files.push({ path: `${stem}.js`, text: compiled.javascript });
        }
      }
    } else if (previous !== built.tlaText) {
      diagnostics.push({
        code: 'CS9001',
        severity: 'error',
        span: program.root.ast.name.span,
        args: {
          phase: 'emit',
          detail: `variant ${run.variant}: the module differs between parameter sets`,
        },
      });
    }
    if (!files.some((f) => f.path === built.cfgPath))
      files.push({ path: built.cfgPath, text: built.cfgText });
  }
  const unique = dedupe(diagnostics);
  if (unique.length > 0) return { ok: false, diagnostics: unique };
  return { ok: true, files };
}

function dedupe(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}|${formatLocation(d.span)}|${JSON.stringify(d.args)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The plan of one spec for `emit` into an output root: its files under `folder`
 * (`outputFolderOf` of the spec's path) and the folder's manifest, naming the spec by `specPath`
 * (its path from the project folder). Pure given `compile`.
 */
export function planSpec(
  checked: CheckedProgram,
  options: {
    folder: string;
    specPath: string;
    generatedBy: string;
    compile?: ModuleCompiler | undefined;
  },
): { ok: true; planned: PlannedSpec } | { ok: false; diagnostics: readonly Diagnostic[] } {
  const rendered = renderSpec(
    checked,
    options.generatedBy,
    undefined,
    options.compile,
    options.folder,
  );
  if (!rendered.ok) return rendered;
  const names = rendered.files.map((f) => f.path.slice(options.folder.length + 1));
  const manifest = {
    path: `${options.folder}/${MANIFEST_NAME}`,
    text: manifestText(options.specPath, options.generatedBy, names),
  };
  return { ok: true, planned: { folder: options.folder, files: [...rendered.files, manifest] } };
}

/**
 * The engine compiler, imported only by the commands that write compiled modules. With a
 * `cache` (the private compiled-module cache), a sound entry for the module text is taken as it
 * is and what is compiled is stored there; a file already in the output folder is never taken
 * for the compiler's output, whatever its header says.
 */
export async function moduleCompiler(
  cache?: PrivateCache,
  notice: (message: string) => void = () => undefined,
): Promise<ModuleCompiler> {
  const { loadCompiler } = await import('../engine/index.js');
  const { compileModule, CompileError, readCompiled, storeCompiled } = await loadCompiler();
  return (module, tlaText) => {
    const hit = cache === undefined ? null : readCompiled(cache, module.name, tlaText, notice);
    if (hit) return hit;
    let compiled;
    try {
      compiled = compileModule(module, { sourceText: tlaText });
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      notice(
        `the engine compiler refused ${module.name} (${e.message}); no .ts/.js is written for it and the engine interprets it`,
      );
      return undefined;
    }
    if (cache !== undefined && hit !== null) storeCompiled(cache, module.name, tlaText, compiled);
    return compiled;
  };
}
