// From a checked program and one case to the emitted artefacts: the Model, the TLA+ module with
// its config and source map, and their texts, named by the one scheme of src/tla/names.ts.
// Pure: writing them anywhere is the caller's business.
//
// The stages of a spec, each a type, each reading only the one before:
//   loaded and parsed  Program          src/syntax/load.ts (files read, imports followed, parsed)
//   checked            CheckedProgram   src/check/check.ts (names, types, rules; symbol and type tables)
//   resolved           ResolvedCase     src/check/resolve-params.ts (one variant's params and group sizes)
//   instantiated       Instance         src/model/instance.ts (one variant under one parameter set)
//   lowered            Model            src/model/lower.ts
//   emitted            BuiltCase        here (src/tla/: module, config, source map and their texts)

import type { CheckedProgram } from '../check/check.js';
import { resolveCase } from '../check/resolve-params.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { instantiate, variantDecls } from '../model/instance.js';
import type { Model } from '../model/ir.js';
import { type LowerOptions, lowerSpec } from '../model/lower.js';
import { LoweringError, inconsistent } from '../model/lowering-error.js';
import { printCfg } from '../tla/cfg.js';
import { type Emitted, generatedMarker, toTla } from '../emit/from-model.js';
import { configFileName, sourceMapFileName, specOutputFolder } from '../tla/names.js';
import { printTla } from '../tla/print.js';
import { sourceMapText } from '../emit/source-map.js';
import type { CheckCase } from './cases.js';

/** Everything one case emits, with file names relative to the output root (`generated/`). */
export interface BuiltCase {
  readonly case: CheckCase;
  readonly model: Model;
  readonly emitted: Emitted;
  readonly tlaText: string;
  readonly cfgText: string;
  readonly mapText: string;
  /** `landlock-tsync/LandlockTsync_v2.tla` and its siblings. */
  readonly tlaPath: string;
  readonly cfgPath: string;
  readonly mapPath: string;
}

/** The header of a config file: the marker, and which parameter set it is. */
export function configHeader(model: Model, generatedBy: string): string {
  const params = Object.entries(model.params)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');
  return `\\* ${generatedMarker(generatedBy)}\n\\* Module ${model.moduleName}${params !== '' ? `, parameters ${params}` : ''}.\n\n`;
}

export type BuildResult =
  | { readonly ok: true; readonly built: BuiltCase }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Resolves the params of, instantiates, lowers, emits and prints one case of a checked program.
 * What only the case can show (a `--param` that does not fit) is a located diagnostic; a lowering failure is internal
 * error CS9001 at the place lowering names. `folder` is the spec's output folder relative to the
 * output root (`specOutputFolder` of the spec's path from the project folder); by default the one
 * of the path the program was loaded by. `lowering`: what to lower besides the module (a probe).
 */
export function buildCase(
  checked: CheckedProgram,
  c: CheckCase,
  generatedBy: string,
  folder = specOutputFolder(checked.program.root.path),
  lowering: LowerOptions = {},
): BuildResult {
  try {
    const resolved = resolveCase(variantDecls(checked, c.variant), c.overrides, inconsistent);
    if (!resolved.ok) return { ok: false, diagnostics: resolved.diagnostics };
    const model = lowerSpec(instantiate(c.variant, resolved.resolved), lowering);
    return { ok: true, built: emitCase(model, folder, c, generatedBy) };
  } catch (err) {
    // The LoweringError as the CS9001 a user reports to us; anything else is a bug of its own.
    if (!(err instanceof LoweringError)) throw err;
    return {
      ok: false,
      diagnostics: [
        {
          code: 'CS9001',
          severity: 'error',
          span: err.span,
          args: { phase: 'lowering', detail: err.detail },
        },
      ],
    };
  }
}

/** The emitted module, config and source map of a lowered case, with their texts and paths in its output folder. */
export function emitCase(
  model: Model,
  folder: string,
  c: CheckCase,
  generatedBy: string,
): BuiltCase {
  const emitted = toTla(model, { generatedBy });
  const name = emitted.module.name;
  return {
    case: c,
    model,
    emitted,
    tlaText: printTla(emitted.module).text,
    cfgText: configHeader(model, generatedBy) + printCfg(emitted.config),
    mapText: sourceMapText(emitted.sourceMap),
    tlaPath: `${folder}/${name}.tla`,
    cfgPath: `${folder}/${configFileName(name, model.paramOverrides)}`,
    mapPath: `${folder}/${sourceMapFileName(name)}`,
  };
}
