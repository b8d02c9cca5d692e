// The state of one lowering run: the variant's declarations, the parameter set, the names taken
// at module level and the TLA+ variables of DSL variables. Created and discarded inside
// lowerInstance, so the phase stays a pure function of its input.

import type { DefDecl, Expr, ProcedureDecl, ProcessDecl } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { CheckedProgram } from '../check/check.js';
import type { Type } from '../check/types.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import type { DeclTable } from './decls.js';
import type { ModelDef, ModelProperty, ModelVariable } from './ir.js';
import { LoweringError } from './lowering-error.js';
import type { ParamSet } from './params.js';
import type { StoredFrames } from './stored-frames.js';
import { ExprTexts } from './expr-texts.js';

/** A DSL variable visible by name inside a process or procedure: its TLA+ variable and type. */
export interface LocalVar {
  readonly tla: string;
  readonly type: Type;
}

/** A process body or procedure: the frame its names resolve in. */
export interface OwnerInfo {
  readonly kind: 'process' | 'procedure';
  readonly name: string;
  readonly decl: ProcessDecl | ProcedureDecl;
  /** Parameters (procedures) and `var` locals, by DSL name. */
  readonly vars: ReadonlyMap<string, LocalVar>;
  /** The set `self` ranges over in this owner's actions. */
  threads: TlaExpr;
}

/** A procedure call site, known before any action is lowered so that returns can dispatch on it. */
export interface CallSite {
  /** The call step's name: what the call pushes on `stack`. */
  readonly site: string;
  readonly caller: OwnerInfo;
  readonly callee: string;
  readonly target: Expr | undefined;
  /** Loop variables in scope at the call (a target may index with one). */
  readonly loopVars: ReadonlyMap<string, { variable: string }>;
  /** The caller's pc value after the call returns. */
  readonly continuation: string;
}

export class LowerContext {
  /** Every module-level name, so bound variables never shadow one (SANY rejects shadowing). */
  readonly taken = new Set<string>();
  /** DSL global variables -> TLA+ names. */
  readonly globals = new Map<string, { tla: string; scope: 'shared' | 'thread'; type: Type }>();
  /** Variables in declaration order (DSL first, internal after). */
  readonly variables: ModelVariable[] = [];
  /** Lowered state-free defs and consts, by TLA+ name. */
  readonly defs = new Map<string, ModelDef>();
  /** DSL def/const name -> TLA+ name (decided up front). */
  readonly defNames = new Map<string, string>();
  readonly defsInProgress = new Set<string>();
  readonly stateReadingDefs = new Map<string, boolean>();
  /** Assertion invariants and built-in properties discovered while lowering steps. */
  readonly builtinProperties: ModelProperty[] = [];
  readonly callSites: CallSite[] = [];
  /** Procedures whose frames can be referenced (`frame` occurs in them): they get `p_live`. */
  readonly liveProcedures = new Set<string>();
  /** Group name -> constant name. */
  readonly groupConstants = new Map<string, string>();
  /** Procedures reachable from process bodies, in first-reached order. */
  readonly procedureOwners = new Map<string, OwnerInfo>();
  readonly processOwners = new Map<string, OwnerInfo>();
  /** pc values per owner and label (`at(t, label)`): owner -> label -> pc values. */
  readonly labels = new Map<string, Map<string, string[]>>();
  /** Steps per owner (for in_call). */
  readonly ownerSteps = new Map<string, string[]>();
  /** Group name -> its constant and the pc value its threads start at. */
  readonly groupStarts = new Map<string, { constant: string; first: string }>();
  /** Procedure -> its frame variables (params, locals, hidden loop variables) and their reset values. */
  readonly frameVars = new Map<string, { variable: string; init: (self: TlaExpr) => TlaExpr }[]>();
  /** Procedure -> the pc value its body starts at. */
  readonly procedureFirst = new Map<string, string>();
  /** Assertion invariants already registered, by name. */
  readonly assertNames = new Set<string>();
  /** Procedure -> its tombstone and the variables that can hold its frames (src/model/frame-identity.ts). */
  readonly storedFrames = new Map<string, StoredFrames>();
  /** Set when some step checks a frame's liveness (then `frame_use_after_return` exists). */
  usesFrameCheck = false;
  usesSequences = false;
  usesFiniteSets = false;

  constructor(
    /** The checker's tables: what each reference resolved to. */
    readonly checked: CheckedProgram,
    readonly table: DeclTable,
    readonly params: ParamSet,
  ) {
    this.rootSpan = checked.program.root.ast.span;
    this.exprTexts = new ExprTexts(new Map(checked.program.files.map((f) => [f.path, f.text])));
  }

  /** The DSL text of each lowered expression, for what reports show of it. */
  readonly exprTexts: ExprTexts;

  /** The root file's whole span: where an inconsistency with no better place is located. */
  readonly rootSpan: Span;

  /**
   * Stops lowering: the input contradicts what the checker guarantees (a name it resolved, a
   * rule it enforces). Never a user's mistake: those are reported by the checker first.
   */
  inconsistent(span: Span, detail: string): never {
    throw new LoweringError(span, detail);
  }

  defDecl(dslName: string): DefDecl | undefined {
    return this.table.defs.get(dslName);
  }
}
