// From a checked program and one case to the emitted artefacts: the Model, the TLA+ module with
// its config and source map, and their texts, named by the one scheme of src/tla/names.ts.
// Pure: writing them anywhere is the caller's business.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/ir.js';
import { lowerSpec } from '../model/lower.js';
import type { Program } from '../syntax/program.js';
import { printCfg } from '../tla/cfg.js';
import { type Emitted, generatedMarker, toTla } from '../tla/from-model.js';
import { configFileName, sourceMapFileName, specOutputFolder } from '../tla/names.js';
import { printTla } from '../tla/print.js';
import { sourceMapText } from '../tla/source-map.js';
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
  const params = Object.entries(model.params).map(([k, v]) => `${k} = ${String(v)}`).join(', ');
  return `\\* ${generatedMarker(generatedBy)}\n\\* Module ${model.moduleName}${params !== '' ? `, parameters ${params}` : ''}.\n\n`;
}

/**
 * Lowers, emits and prints one case. `folder` is the spec's output folder relative to the output
 * root (`specOutputFolder` of the spec's path from the project folder); by default the one of
 * the path the program was loaded by.
 */
export function buildCase(program: Program, c: CheckCase, generatedBy: string, folder = specOutputFolder(program.root.path)): { ok: true; built: BuiltCase; warnings: readonly Diagnostic[] } | { ok: false; diagnostics: readonly Diagnostic[] } {
  const lowered = lowerSpec(program, c.variant, c.overrides);
  if (!lowered.ok) return { ok: false, diagnostics: lowered.diagnostics };
  const model = lowered.model;
  const emitted = toTla(model, { generatedBy });
  const name = emitted.module.name;
  return {
    ok: true,
    warnings: lowered.warnings,
    built: {
      case: c,
      model,
      emitted,
      tlaText: printTla(emitted.module).text,
      cfgText: configHeader(model, generatedBy) + printCfg(emitted.config),
      mapText: sourceMapText(emitted.sourceMap),
      tlaPath: `${folder}/${name}.tla`,
      cfgPath: `${folder}/${configFileName(name, model.paramOverrides)}`,
      mapPath: `${folder}/${sourceMapFileName(name)}`,
    },
  };
}
