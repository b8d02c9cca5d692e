// The TLA+ syntax tree the emitter builds and the printer, the engine's compiler and the direct
// interpreter consume. It covers exactly the fragment credspec emits; anything else has no node
// here, so "refuses anything else by name" is a type error before it is a runtime one.
//
// Plain readonly data with a `kind` literal. Nodes that come from a DSL construct carry an
// `origin` (the DSL span and a short description), which the printer turns into the source map.

import type { Span } from '../source/span.js';

/** Where an emitted piece came from in the DSL, for the source map and for internal errors. */
export interface TlaOrigin {
  readonly span: Span;
  /** What it is, in DSL words: "step restrict_one.prepare", "thread var cred". */
  readonly what: string;
}

export type TlaExpr =
  | TlaNum
  | TlaBool
  | TlaStr
  | TlaName
  | TlaPrimed
  | TlaApply
  | TlaBuiltin
  | TlaUnary
  | TlaBinary
  | TlaJunction
  | TlaIf
  | TlaCase
  | TlaLet
  | TlaSetEnum
  | TlaSetFilter
  | TlaSetMap
  | TlaFcn
  | TlaFcnApp
  | TlaExcept
  | TlaRecord
  | TlaDot
  | TlaTuple
  | TlaQuant
  | TlaChoose
  | TlaAt
  | TlaUnchanged
  | TlaTemporal
  | TlaFairness
  | TlaBoxAction;

export interface TlaNum {
  readonly kind: 'TlaNum';
  readonly value: number;
}

export interface TlaBool {
  readonly kind: 'TlaBool';
  readonly value: boolean;
}

export interface TlaStr {
  readonly kind: 'TlaStr';
  readonly value: string;
}

/** A constant, variable, bound variable or zero-argument definition. */
export interface TlaName {
  readonly kind: 'TlaName';
  readonly name: string;
}

/** `v'` (only of a variable). */
export interface TlaPrimed {
  readonly kind: 'TlaPrimed';
  readonly name: string;
}

/** Application of a definition of the module: `Op(a, b)`. */
export interface TlaApply {
  readonly kind: 'TlaApply';
  readonly op: string;
  readonly args: readonly TlaExpr[];
}

/** Operators from the standard modules the emitter uses. */
export type TlaBuiltinOp =
  | 'Len'
  | 'Append'
  | 'Head'
  | 'Tail'
  | 'Cardinality'
  | 'DOMAIN'
  | 'SUBSET'
  | 'Permutations'
  | 'Assert';

export interface TlaBuiltin {
  readonly kind: 'TlaBuiltin';
  readonly op: TlaBuiltinOp;
  readonly args: readonly TlaExpr[];
}

export interface TlaUnary {
  readonly kind: 'TlaUnary';
  /** `~` negation, `-` arithmetic negation, `ENABLED`. */
  readonly op: '~' | '-' | 'ENABLED';
  readonly operand: TlaExpr;
}

export type TlaBinaryOp =
  | '='
  | '#'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '\\div'
  | '%'
  | '=>'
  | '<=>'
  | '\\in'
  | '\\notin'
  | '\\subseteq'
  | '\\cup'
  | '\\cap'
  | '\\'
  | '..'
  | '\\o'
  | ':>'
  | '@@'
  | '~>';

export interface TlaBinary {
  readonly kind: 'TlaBinary';
  readonly op: TlaBinaryOp;
  readonly left: TlaExpr;
  readonly right: TlaExpr;
}

/** An n-ary conjunction or disjunction, printed as an aligned junction list. */
export interface TlaJunction {
  readonly kind: 'TlaJunction';
  readonly op: '/\\' | '\\/';
  readonly items: readonly TlaExpr[];
}

export interface TlaIf {
  readonly kind: 'TlaIf';
  readonly cond: TlaExpr;
  readonly then: TlaExpr;
  readonly else: TlaExpr;
}

export interface TlaCase {
  readonly kind: 'TlaCase';
  readonly arms: readonly { readonly cond: TlaExpr; readonly value: TlaExpr }[];
  readonly other: TlaExpr | undefined;
}

export interface TlaLet {
  readonly kind: 'TlaLet';
  readonly defs: readonly { readonly name: string; readonly value: TlaExpr }[];
  readonly body: TlaExpr;
}

export interface TlaSetEnum {
  readonly kind: 'TlaSetEnum';
  readonly elements: readonly TlaExpr[];
}

/** `{x \in S : P}` */
export interface TlaSetFilter {
  readonly kind: 'TlaSetFilter';
  readonly variable: string;
  readonly set: TlaExpr;
  readonly pred: TlaExpr;
}

/** `{e : x \in S}` */
export interface TlaSetMap {
  readonly kind: 'TlaSetMap';
  readonly expr: TlaExpr;
  readonly variable: string;
  readonly set: TlaExpr;
}

/** `[x \in S |-> e]` */
export interface TlaFcn {
  readonly kind: 'TlaFcn';
  readonly variable: string;
  readonly set: TlaExpr;
  readonly body: TlaExpr;
}

/** `f[x]` */
export interface TlaFcnApp {
  readonly kind: 'TlaFcnApp';
  readonly fcn: TlaExpr;
  readonly arg: TlaExpr;
}

/** One `![a].b = e` clause; a path step is an index (`[a]`) or a record field (`.b`). */
export interface TlaExceptClause {
  readonly path: readonly (
    | { readonly kind: 'index'; readonly index: TlaExpr }
    | { readonly kind: 'field'; readonly field: string }
  )[];
  readonly value: TlaExpr;
}

/** `[f EXCEPT ![a] = e, ...]`; `@` inside a value is the old value at that path. */
export interface TlaExcept {
  readonly kind: 'TlaExcept';
  readonly base: TlaExpr;
  readonly clauses: readonly TlaExceptClause[];
}

/** `[a |-> e, b |-> e]`, fields printed in the given order. */
export interface TlaRecord {
  readonly kind: 'TlaRecord';
  readonly fields: readonly { readonly name: string; readonly value: TlaExpr }[];
}

/** `r.f` */
export interface TlaDot {
  readonly kind: 'TlaDot';
  readonly record: TlaExpr;
  readonly field: string;
}

/** `<<a, b>>` (a sequence). */
export interface TlaTuple {
  readonly kind: 'TlaTuple';
  readonly elements: readonly TlaExpr[];
}

/** `\A x, y \in S : P` / `\E x \in S : P` */
export interface TlaQuant {
  readonly kind: 'TlaQuant';
  readonly quantifier: '\\A' | '\\E';
  readonly variables: readonly string[];
  readonly set: TlaExpr;
  readonly body: TlaExpr;
}

/** `CHOOSE x \in S : P`. Used only where exactly one element satisfies P (never for nondeterminism). */
export interface TlaChoose {
  readonly kind: 'TlaChoose';
  readonly variable: string;
  readonly set: TlaExpr;
  readonly pred: TlaExpr;
}

/** `@` inside an EXCEPT value. */
export interface TlaAt {
  readonly kind: 'TlaAt';
}

/** `UNCHANGED <<a, b>>` (or `UNCHANGED a` for one). */
export interface TlaUnchanged {
  readonly kind: 'TlaUnchanged';
  readonly variables: readonly string[];
}

/** `[]P`, `<>P`. */
export interface TlaTemporal {
  readonly kind: 'TlaTemporal';
  readonly op: '[]' | '<>';
  readonly operand: TlaExpr;
}

/** `WF_vars(A)` / `SF_vars(A)`; `vars` names the tuple definition. */
export interface TlaFairness {
  readonly kind: 'TlaFairness';
  readonly strength: 'WF' | 'SF';
  readonly vars: string;
  readonly action: TlaExpr;
}

/** `[][A]_vars` */
export interface TlaBoxAction {
  readonly kind: 'TlaBoxAction';
  readonly action: TlaExpr;
  readonly vars: string;
}

/** `Name(p1, p2) == body`, with the comment lines printed above it. */
export interface TlaDef {
  readonly kind: 'TlaDef';
  readonly name: string;
  readonly params: readonly string[];
  readonly body: TlaExpr;
  readonly comment: readonly string[];
  readonly origin: TlaOrigin | undefined;
}

/** An action of Next: `Name(p)` for each `p \in set`, or a parameterless action. */
export interface TlaActionRef {
  readonly def: string;
  /** The bound parameter and the set it ranges over (`self \in Caller`), if any. */
  readonly param: { readonly name: string; readonly set: TlaExpr } | undefined;
}

/** What each definition is for: the printer writes the .cfg and the engine reads the roles from here. */
export interface TlaRoles {
  readonly init: string;
  readonly next: string;
  readonly spec: string;
  /** The tuple of all variables, `vars`. */
  readonly vars: string;
  /** The disjuncts of Next, in the order Next lists them; successors are generated in this order. */
  readonly actions: readonly TlaActionRef[];
  /** The action that lets a terminated state stutter, so termination is not a deadlock. */
  readonly terminating: string | undefined;
  readonly invariants: readonly string[];
  /** `[][A]_vars` properties. */
  readonly actionProperties: readonly string[];
  /** Temporal properties (`<>P`, `[]<>P`, `<>[]P`, `P ~> Q`) checked under the fairness in Spec. */
  readonly temporalProperties: readonly string[];
  /** State predicates that some reachable state must satisfy (reported, not a TLC property). */
  readonly covers: readonly string[];
  /** `Permutations(...)` definition for SYMMETRY, when the spec asks for it and it is sound. */
  readonly symmetry: string | undefined;
}

export interface TlaConstantDecl {
  readonly name: string;
  readonly origin: TlaOrigin | undefined;
}

export interface TlaVariableDecl {
  readonly name: string;
  readonly origin: TlaOrigin | undefined;
}

export interface TlaModule {
  readonly kind: 'TlaModule';
  readonly name: string;
  /** Header comment lines (tool version, source file, "do not edit"). */
  readonly header: readonly string[];
  readonly extends: readonly string[];
  readonly constants: readonly TlaConstantDecl[];
  readonly variables: readonly TlaVariableDecl[];
  /** Definitions in print order; each may refer only to earlier ones. */
  readonly defs: readonly TlaDef[];
  readonly roles: TlaRoles;
}

/** A constant's value in a .cfg: a set of model values, a number, a boolean or a string. */
export type TlaConstantValue =
  | { readonly kind: 'modelValues'; readonly names: readonly string[] }
  | { readonly kind: 'modelValue'; readonly name: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string };

/** One TLC configuration: a parameter set of a module. */
export interface TlcConfig {
  readonly constants: readonly { readonly name: string; readonly value: TlaConstantValue }[];
  readonly specification: string;
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly symmetry: string | undefined;
  readonly checkDeadlock: boolean;
}

/** Literals, names and operator applications: what every back end evaluates the same way. */
export type TlaLeafOrOperator = Extract<
  TlaExpr,
  {
    readonly kind:
      | 'TlaNum'
      | 'TlaBool'
      | 'TlaStr'
      | 'TlaName'
      | 'TlaPrimed'
      | 'TlaApply'
      | 'TlaBuiltin'
      | 'TlaUnary'
      | 'TlaBinary'
      | 'TlaJunction';
  }
>;

/** The forms that build, take apart or quantify over values: neither leaves, operators nor control. */
export type TlaValueForm = Exclude<
  TlaExpr,
  TlaLeafOrOperator | { readonly kind: 'TlaIf' | 'TlaCase' | 'TlaLet' }
>;
