// The credspec abstract syntax tree: plain readonly data, one `kind` literal per node, a node id
// unique within one parse, and the node's source span. Phases after the parser never write to
// it; what they learn goes into side tables keyed by `id` (see src/check).
//
// Error recovery: the parser always returns a tree. Where the source is broken, a name that
// could not be read is an `Ident` with `name === ''`, an expression is an `ErrorExpr`, a
// statement an `ErrorStmt`; later phases skip those silently (the syntax error is reported).

import type { Ident, NodeBase } from './ast-node.js';
import type { Expr, RecordFieldInit } from './ast-expr.js';

export type * from './ast-node.js';
export type * from './ast-expr.js';

// ---------------------------------------------------------------------------------------------
// File and declarations

export interface SpecFile extends NodeBase {
  readonly kind: 'SpecFile';
  /** `spec NAME`; an empty Ident when the header is missing (reported by the parser). */
  readonly name: Ident;
  readonly imports: readonly ImportDecl[];
  readonly decls: readonly Decl[];
}

export interface ImportDecl extends NodeBase {
  readonly kind: 'ImportDecl';
  /** `import kernel` names the shipped prelude; `import "x.cred"` a path relative to the file. */
  readonly source:
    | { readonly kind: 'prelude'; readonly name: string }
    | { readonly kind: 'path'; readonly path: string };
}

export type Decl =
  | ParamDecl
  | ConstDecl
  | EnumDecl
  | TypeDecl
  | VarDecl
  | ProcessDecl
  | ProcedureDecl
  | MacroDecl
  | DefDecl
  | InvariantDecl
  | ActionPropertyDecl
  | TemporalPropertyDecl
  | CoverDecl
  | VariantDecl
  | ExpectDecl
  | SweepDecl
  | LockOrderDecl;

export interface ParamDecl extends NodeBase {
  readonly kind: 'ParamDecl';
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly default: Expr;
}

export interface ConstDecl extends NodeBase {
  readonly kind: 'ConstDecl';
  readonly name: Ident;
  readonly value: Expr;
}

export interface EnumDecl extends NodeBase {
  readonly kind: 'EnumDecl';
  readonly name: Ident;
  readonly members: readonly Ident[];
}

export interface TypeDecl extends NodeBase {
  readonly kind: 'TypeDecl';
  readonly name: Ident;
  /** `type Pair<A, B> = ...`: the type parameters, empty for a plain alias. */
  readonly params: readonly Ident[];
  readonly type: TypeExpr;
}

/**
 * `shared var`, `thread var` at top level; `var` inside a process or procedure body is a
 * `frame` variable (per call for a procedure, per thread for a process body).
 */
export interface VarDecl extends NodeBase {
  readonly kind: 'VarDecl';
  readonly scope: 'shared' | 'thread' | 'frame';
  readonly name: Ident;
  readonly type: TypeExpr;
  /** Omitted: the type's default value (false, the range's low bound, first enum member, none, {}, <<>>). */
  readonly init: Expr | undefined;
  /** `fresh thread var`: a `clone` child gets the initial value (self bound to the child), not the parent's copy. */
  readonly fresh?: boolean;
}

export type Fairness = 'none' | 'weak' | 'strong';

export interface ProcessDecl extends NodeBase {
  readonly kind: 'ProcessDecl';
  readonly name: Ident;
  readonly count: Expr;
  readonly symmetric: boolean;
  readonly spare: Expr | undefined;
  readonly fairness: Fairness;
  readonly runsWhen: Expr | undefined;
  /** `var` declarations of the body, in source order (per thread). */
  readonly locals: readonly VarDecl[];
  readonly body: Block;
}

export interface Param extends NodeBase {
  readonly kind: 'Param';
  readonly name: Ident;
  readonly type: TypeExpr;
}

export interface ProcedureDecl extends NodeBase {
  readonly kind: 'ProcedureDecl';
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly returnType: TypeExpr | undefined;
  readonly fairness: Fairness;
  /** `var` declarations of the body, in source order (per call). */
  readonly locals: readonly VarDecl[];
  readonly body: Block;
}

export interface MacroDecl extends NodeBase {
  readonly kind: 'MacroDecl';
  readonly name: Ident;
  /** Macro parameters are untyped: arguments are substituted as expressions. */
  readonly params: readonly Ident[];
  /** `macro m(a): T { ...; return e }`: the declared result type (a result may also be inferred from `return e`). */
  readonly returnType?: TypeExpr | undefined;
  readonly body: Block;
}

export interface DefDecl extends NodeBase {
  readonly kind: 'DefDecl';
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly returnType: TypeExpr | undefined;
  readonly body: Expr;
}

export interface InvariantDecl extends NodeBase {
  readonly kind: 'InvariantDecl';
  readonly name: Ident;
  readonly expr: Expr;
}

/** `action name: A`, checked as `[][A]_vars`; `x'` may appear in A. */
export interface ActionPropertyDecl extends NodeBase {
  readonly kind: 'ActionPropertyDecl';
  readonly name: Ident;
  readonly expr: Expr;
}

export type TemporalOp = 'eventually' | 'always_eventually' | 'eventually_always' | 'leadsto';

export interface TemporalPropertyDecl extends NodeBase {
  readonly kind: 'TemporalPropertyDecl';
  readonly name: Ident;
  readonly op: TemporalOp;
  /** For `leadsto`, the left side; otherwise the only operand. */
  readonly left: Expr;
  /** Only for `leadsto`. */
  readonly right: Expr | undefined;
  /**
   * `forall t in S:` written before the temporal form, outermost first; each quantifies the
   * whole form (`forall t in S: P leadsto Q` is `forall t in S: (P leadsto Q)`). Absent: none.
   */
  readonly quantifiers?: readonly PropertyQuantifier[];
}

/** `forall a, b in S:` (or `exists`) quantifying a whole temporal property. */
export interface PropertyQuantifier extends NodeBase {
  readonly kind: 'PropertyQuantifier';
  readonly quantifier: 'forall' | 'exists';
  readonly binders: readonly Ident[];
  readonly set: Expr;
}

export interface CoverDecl extends NodeBase {
  readonly kind: 'CoverDecl';
  readonly name: Ident;
  readonly expr: Expr;
  /** `unreachable "reason" cover name: P`: no reachable state satisfies P, and why. */
  readonly unreachable?: UnreachableMark;
}

export interface VariantDecl extends NodeBase {
  readonly kind: 'VariantDecl';
  readonly name: Ident;
  readonly extends: Ident | undefined;
  readonly members: readonly VariantMember[];
}

export type VariantMember = ParamOverride | DeclOverride | StepOverride;

/** `param NAME = literal` inside a variant: a new default. */
export interface ParamOverride extends NodeBase {
  readonly kind: 'ParamOverride';
  readonly name: Ident;
  readonly value: Expr;
}

/** `override procedure|macro|def|process ...`: replaces the declaration of the same name. */
export interface DeclOverride extends NodeBase {
  readonly kind: 'DeclOverride';
  readonly decl: ProcedureDecl | MacroDecl | DefDecl | ProcessDecl;
}

/** `override step Owner.label: stmt`: replaces one labelled step of a process or procedure. */
export interface StepOverride extends NodeBase {
  readonly kind: 'StepOverride';
  readonly owner: Ident;
  readonly label: Ident;
  readonly stmt: Stmt;
}

export type Verdict =
  | { readonly kind: 'holds' }
  | { readonly kind: 'deadlock' }
  | { readonly kind: 'violates'; readonly property: Ident };

export interface ParamAssign extends NodeBase {
  readonly kind: 'ParamAssign';
  readonly name: Ident;
  readonly value: Expr;
}

/**
 * `lock_order a < b < c`: the spec accepts taking each lock while holding the ones before it
 * (lockdep's annotations): a cycle of the lock-order report through only accepted edges is not
 * a finding. Names are lock classes (a lock variable's or completion's name).
 */
export interface LockOrderDecl extends NodeBase {
  readonly kind: 'LockOrderDecl';
  /** At least two, outermost first. */
  readonly locks: readonly Ident[];
}

export interface ExpectDecl extends NodeBase {
  readonly kind: 'ExpectDecl';
  /** The optional scenario id, e.g. "L-1". */
  readonly tag: string | undefined;
  readonly variant: Ident;
  readonly params: readonly ParamAssign[];
  readonly verdict: Verdict;
  /**
   * `by simulation(seed = 1, traces = 1000, depth = 100)`: the violation is to be found by a
   * seeded random simulation (for models too big to exhaust); absent: an exhaustive check.
   */
  readonly search: SearchClause | undefined;
}

/**
 * `sweep [variant] { NAME in 0..1  NAME in {A, B}  NAME = v }`: the values `credspec sweep`
 * takes for the params named, narrowing their declared ranges; without a variant, for every
 * variant (a variant's own block wins param by param).
 */
export interface SweepDecl extends NodeBase {
  readonly kind: 'SweepDecl';
  readonly variant: Ident | undefined;
  readonly entries: readonly SweepEntry[];
}

/** One param of a `sweep` block: `in` a range or set literal, or `=` one value. */
export interface SweepEntry extends NodeBase {
  readonly kind: 'SweepEntry';
  readonly name: Ident;
  readonly form: 'in' | '=';
  readonly values: Expr;
}

/** `by simulation(...)` after an expectation's verdict, as written (the checker validates it). */
export interface SearchClause extends NodeBase {
  readonly kind: 'SearchClause';
  /** The two words, as written (`by`, `simulation`). */
  readonly words: readonly Ident[];
  readonly options: readonly ParamAssign[];
}

// ---------------------------------------------------------------------------------------------
// Types

export type TypeExpr =
  | NamedType
  | RangeType
  | RecordType
  | SetType
  | SeqType
  | MapType
  | OptionalType
  | FrameType
  | ErrorType;

/** `bool`, `int`, `Thread`, an enum, an alias, a process group, a prelude type. */
export interface NamedType extends NodeBase {
  readonly kind: 'NamedType';
  readonly name: Ident;
  /** `Pair<Thread, bool>`: type arguments of a generic alias; absent or empty for a plain name. */
  readonly args?: readonly TypeExpr[];
}

export interface RangeType extends NodeBase {
  readonly kind: 'RangeType';
  readonly lo: Expr;
  readonly hi: Expr;
}

export interface RecordTypeField extends NodeBase {
  readonly kind: 'RecordTypeField';
  readonly name: Ident;
  readonly type: TypeExpr;
}

export interface RecordType extends NodeBase {
  readonly kind: 'RecordType';
  readonly fields: readonly RecordTypeField[];
}

export interface SetType extends NodeBase {
  readonly kind: 'SetType';
  readonly element: TypeExpr;
}

export interface SeqType extends NodeBase {
  readonly kind: 'SeqType';
  readonly element: TypeExpr;
}

export interface MapType extends NodeBase {
  readonly kind: 'MapType';
  readonly key: TypeExpr;
  readonly value: TypeExpr;
}

export interface OptionalType extends NodeBase {
  readonly kind: 'OptionalType';
  readonly inner: TypeExpr;
}

/** `frame<p>`: a reference to a live call of procedure `p` (its thread). */
export interface FrameType extends NodeBase {
  readonly kind: 'FrameType';
  readonly procedure: Ident;
}

export interface ErrorType extends NodeBase {
  readonly kind: 'ErrorType';
}

// ---------------------------------------------------------------------------------------------
// Statements. Every statement in a block is one atomic step (docs/language.md, section 3).

export interface Block extends NodeBase {
  readonly kind: 'Block';
  readonly stmts: readonly Stmt[];
}

/** `@kernel("file", "function", "commit")` before a step. */
export interface KernelRef extends NodeBase {
  readonly kind: 'KernelRef';
  readonly file: string;
  readonly func: string | undefined;
  readonly commit: string | undefined;
}

/**
 * `unreachable "reason"` before a step or a cover, after `may fail [when E]`, or after the
 * `else` of an `if` or `while` (its test never fails): the spec says
 * why no check reaches that place, and the vacuity gate of `ci` holds it to that.
 */
export interface UnreachableMark extends NodeBase {
  readonly kind: 'UnreachableMark';
  readonly reason: string;
}

/** Fields every statement has: the optional label and kernel reference written before it. */
export interface StmtBase extends NodeBase {
  readonly label: Ident | undefined;
  readonly kernel: KernelRef | undefined;
  /** `unreachable "reason"` written before the statement. */
  readonly unreachable?: UnreachableMark;
}

export type Stmt =
  | AssignStmt
  | AnyAssignStmt
  | AwaitStmt
  | AssertStmt
  | SkipStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | EitherStmt
  | AtomicStmt
  | CallStmt
  | ReturnStmt
  | CloneStmt
  | ExitStmt
  | FaultStmt
  | BreakStmt
  | ContinueStmt
  | ErrorStmt;

/** `target := value`; `target` is a NameExpr, IndexExpr, FieldExpr or ArrowExpr. */
export interface AssignStmt extends StmtBase {
  readonly kind: 'AssignStmt';
  readonly target: Expr;
  readonly value: Expr;
}

/** `target := any S` or `target := any v in S where P`. */
export interface AnyAssignStmt extends StmtBase {
  readonly kind: 'AnyAssignStmt';
  readonly target: Expr;
  readonly binder: Ident | undefined;
  readonly set: Expr;
  readonly where: Expr | undefined;
}

export interface AwaitStmt extends StmtBase {
  readonly kind: 'AwaitStmt';
  readonly cond: Expr;
  /** `else unreachable "reason"` after the condition: no thread ever has to wait. */
  readonly elseUnreachable?: UnreachableMark;
}

export interface AssertStmt extends StmtBase {
  readonly kind: 'AssertStmt';
  readonly cond: Expr;
  readonly message: string | undefined;
}

export interface SkipStmt extends StmtBase {
  readonly kind: 'SkipStmt';
}

export interface IfStmt extends StmtBase {
  readonly kind: 'IfStmt';
  readonly cond: Expr;
  readonly then: Block;
  /** `else { }` is a Block; `else if` is an IfStmt (with no label of its own). */
  readonly else: Block | IfStmt | undefined;
  /** `else unreachable "reason"` in place of an else block: the test never fails (on the last `if` of a chain). */
  readonly elseUnreachable?: UnreachableMark;
}

export interface WhileStmt extends StmtBase {
  readonly kind: 'WhileStmt';
  readonly cond: Expr;
  readonly body: Block;
  /** `else unreachable "reason"` after the body: the test never fails. */
  readonly elseUnreachable?: UnreachableMark;
}

export interface ForStmt extends StmtBase {
  readonly kind: 'ForStmt';
  readonly binder: Ident;
  /** `snapshot`: the set is read once at loop entry; `live`: re-read before each iteration. */
  readonly mode: 'snapshot' | 'live';
  readonly set: Expr;
  readonly body: Block;
  /** `else unreachable "reason"` after the body: never entered with nothing to iterate. */
  readonly elseUnreachable?: UnreachableMark;
}

export interface EitherStmt extends StmtBase {
  readonly kind: 'EitherStmt';
  readonly branches: readonly Block[];
}

export interface AtomicStmt extends StmtBase {
  readonly kind: 'AtomicStmt';
  readonly body: Block;
}

/** `p(args)` or `target := p(args)`: a procedure or macro call (the checker tells which). */
export interface CallStmt extends StmtBase {
  readonly kind: 'CallStmt';
  readonly target: Expr | undefined;
  readonly callee: Ident;
  readonly args: readonly Expr[];
}

export interface ReturnStmt extends StmtBase {
  readonly kind: 'ReturnStmt';
  readonly value: Expr | undefined;
}

export interface CloneStmt extends StmtBase {
  readonly kind: 'CloneStmt';
  readonly target: Expr | undefined;
  readonly group: Ident;
}

export interface ExitStmt extends StmtBase {
  readonly kind: 'ExitStmt';
}

/** `body may fail [when E] { handler }`: a fault point. `body` is a simple statement. */
export interface FaultStmt extends StmtBase {
  readonly kind: 'FaultStmt';
  readonly body: Stmt;
  readonly when: Expr | undefined;
  readonly handler: Block;
  /** `may fail [when E] unreachable "reason" { ... }`: the failure is never taken. */
  readonly failureUnreachable?: UnreachableMark;
}

/** `break`: not a step; the step that reaches it moves to the innermost loop's exit. */
export interface BreakStmt extends StmtBase {
  readonly kind: 'BreakStmt';
}

/** `continue`: not a step; the step that reaches it moves to the innermost loop's next test or iteration choice. */
export interface ContinueStmt extends StmtBase {
  readonly kind: 'ContinueStmt';
}

export interface ErrorStmt extends StmtBase {
  readonly kind: 'ErrorStmt';
}

export type Node =
  | SpecFile
  | ImportDecl
  | Decl
  | Ident
  | Param
  | RecordTypeField
  | TypeExpr
  | Block
  | KernelRef
  | UnreachableMark
  | Stmt
  | Expr
  | ParamOverride
  | DeclOverride
  | StepOverride
  | ParamAssign
  | RecordFieldInit
  | SearchClause
  | PropertyQuantifier;
