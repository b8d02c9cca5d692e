// The checker's entry point: names, types, steps and atomicity, kernel locking rules, variants and
// properties over a loaded program. Takes a Program; returns its diagnostics, sorted, and the side
// tables later phases read. Never throws on bad input: a check that fails becomes one CS9001.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Node, VariantDecl } from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';
import { checkKernelRules } from './check-kernel.js';
import { checkLockOrder } from './check-lock-order.js';
import { checkGranularity } from './check-granularity.js';
import { checkProperties } from './check-properties.js';
import { checkDepth } from './check-depth.js';
import { checkEnumeratedRanges } from './check-range-sizes.js';
import { checkSizes } from './check-sizes.js';
import { checkSteps } from './check-steps.js';
import { checkLoopExits } from './check-loop-exits.js';
import { checkMacroValues } from './check-macro-values.js';
import { checkDoubleWrites } from './check-double-writes.js';
import { checkTypes } from './check-types.js';
import { checkUnused } from './check-unused.js';
import { checkUnreachableMarks } from './check-unreachable-marks.js';
import { checkCappedMarks } from './check-capped-marks.js';
import { checkVariants } from './check-variants.js';
import { checkSweeps } from './check-sweeps.js';
import { CheckContext } from './context.js';
import { declareGlobals } from './declare-globals.js';
import { resolveNames } from './resolve-names.js';
import type { FrameOwner, Scope, SymbolInfo } from './scopes.js';
import type { Type } from './types.js';

/**
 * A checked program. Side tables are keyed by node object, not by `id`: ids are unique within
 * one parse, and a program is several files parsed separately.
 */
export interface CheckedProgram {
  readonly program: Program;
  /** The checker's diagnostics only (the program's own come first when reporting), sorted by file, line, column. */
  readonly diagnostics: readonly Diagnostic[];
  /** Reference node (NameExpr, NamedType, FrameType, callee or group Ident, `p->x` field Ident) to its symbol. */
  readonly symbols: ReadonlyMap<Node, SymbolInfo>;
  /** Declaration node (Decl, Param, VarDecl, enum member or binder Ident) to its symbol. */
  readonly declarations: ReadonlyMap<Node, SymbolInfo>;
  /** Expression, type expression and binder Ident to its type. */
  readonly types: ReadonlyMap<Node, Type>;
  /** The global scope of the program (every file's top-level names, inside the built-ins). */
  readonly globals: Scope;
  /** Each process, procedure, macro and def (overrides included) to its frame scope. */
  readonly frames: ReadonlyMap<FrameOwner, Scope>;
  /** Variants by name (the first declaration of each name). */
  readonly variants: ReadonlyMap<string, VariantDecl>;
}

/** The checks in the order they run; each gets the context the previous ones filled in. */
const CHECKS: readonly (readonly [string, (ctx: CheckContext) => void])[] = [
  ['name resolution (declarations)', declareGlobals],
  ['name resolution (references)', resolveNames],
  ['type checking', checkTypes],
  ['step and atomicity rules', checkSteps],
  ['loop exits', checkLoopExits],
  ['unreachable marks', checkUnreachableMarks],
  ['capped marks', checkCappedMarks],
  ['macro results', checkMacroValues],
  ['double writes', checkDoubleWrites],
  // Variants before the locking rules: those also follow each variant's overridden steps.
  ['variants and expectations', checkVariants],
  ['sweep blocks', checkSweeps],
  ['model sizes', checkSizes],
  ['enumerated ranges', checkEnumeratedRanges],
  ['kernel locking rules', checkKernelRules],
  ['lock orders', checkLockOrder],
  ['granularity', checkGranularity],
  ['properties and fairness', checkProperties],
  ['unused declarations', checkUnused],
];

/** Checks a loaded program. */
export function checkProgram(program: Program): CheckedProgram {
  const ctx = new CheckContext(program);
  // The checks recurse on the trees: a tree too deep for them is reported, not walked.
  const tooDeep = checkDepth(program);
  for (const d of tooDeep) ctx.report(d.code, d.span, d.args);
  for (const [phase, run] of tooDeep.length > 0 ? [] : CHECKS) {
    try {
      run(ctx);
    } catch (err) {
      // A malformed tree must not take the other checks down; the bug is ours, so say which check.
      ctx.report('CS9001', program.root.ast.span, {
        phase: `checker (${phase})`,
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return {
    program,
    diagnostics: sortDiagnostics(withoutSecondary(ctx.diagnostics, program)),
    symbols: ctx.symbols,
    declarations: ctx.declared,
    types: ctx.types,
    globals: ctx.globals,
    frames: ctx.frameScopes,
    variants: ctx.variants,
  };
}

/**
 * "No process to check" (CS5021) is said only of a spec with nothing else wrong: with another
 * error (or one the parser found) it would only push the error that matters off the first line.
 */
function withoutSecondary(ds: readonly Diagnostic[], program: Program): readonly Diagnostic[] {
  const others = [...program.diagnostics, ...ds].some(
    (d) => d.severity === 'error' && d.code !== 'CS5021',
  );
  return others ? ds.filter((d) => d.code !== 'CS5021') : ds;
}

/** Sorts by file, line, column, then code; identical diagnostics are kept once. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string =>
    `${d.code}|${d.span.file}|${d.span.start.offset}|${d.span.end.offset}|${JSON.stringify(d.args)}`;
  const seen = new Set<string>();
  const unique = ds.filter((d) => {
    const k = key(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.sort(
    (a, b) =>
      cmp(a.span.file, b.span.file) ||
      a.span.start.line - b.span.start.line ||
      a.span.start.column - b.span.start.column ||
      cmp(a.code, b.code),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
