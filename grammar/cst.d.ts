// Generated from grammar/parser.ts by scripts/gen-cst-dts.mjs (chevrotain generateCstDts). Do not edit:
// run `npm run build && node scripts/gen-cst-dts.mjs` after changing the grammar.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface SpecFileCstNode extends CstNode {
  name: "specFile";
  children: SpecFileCstChildren;
}

export type SpecFileCstChildren = {
  topItem?: TopItemCstNode[];
  EOF: IToken[];
};

export interface TopItemCstNode extends CstNode {
  name: "topItem";
  children: TopItemCstChildren;
}

export type TopItemCstChildren = {
  specHeader?: SpecHeaderCstNode[];
  importDecl?: ImportDeclCstNode[];
  paramDecl?: ParamDeclCstNode[];
  constDecl?: ConstDeclCstNode[];
  enumDecl?: EnumDeclCstNode[];
  typeDecl?: TypeDeclCstNode[];
  varDecl?: VarDeclCstNode[];
  processDecl?: ProcessDeclCstNode[];
  procedureDecl?: ProcedureDeclCstNode[];
  macroDecl?: MacroDeclCstNode[];
  defDecl?: DefDeclCstNode[];
  invariantDecl?: InvariantDeclCstNode[];
  actionDecl?: ActionDeclCstNode[];
  propertyDecl?: PropertyDeclCstNode[];
  coverDecl?: CoverDeclCstNode[];
  unreachableMark?: UnreachableMarkCstNode[];
  variantDecl?: VariantDeclCstNode[];
  expectDecl?: ExpectDeclCstNode[];
  sweepDecl?: SweepDeclCstNode[];
  lockOrderDecl?: LockOrderDeclCstNode[];
  Semicolon?: IToken[];
};

export interface SpecHeaderCstNode extends CstNode {
  name: "specHeader";
  children: SpecHeaderCstChildren;
}

export type SpecHeaderCstChildren = {
  KwSpec: IToken[];
  Identifier: IToken[];
};

export interface ImportDeclCstNode extends CstNode {
  name: "importDecl";
  children: ImportDeclCstChildren;
}

export type ImportDeclCstChildren = {
  KwImport: IToken[];
  Identifier?: IToken[];
  StringLiteral?: IToken[];
};

export interface ParamDeclCstNode extends CstNode {
  name: "paramDecl";
  children: ParamDeclCstChildren;
}

export type ParamDeclCstChildren = {
  KwParam: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
  Eq: IToken[];
  expression: ExpressionCstNode[];
};

export interface ConstDeclCstNode extends CstNode {
  name: "constDecl";
  children: ConstDeclCstChildren;
}

export type ConstDeclCstChildren = {
  KwConst: IToken[];
  Identifier: IToken[];
  Eq: IToken[];
  expression: ExpressionCstNode[];
};

export interface EnumDeclCstNode extends CstNode {
  name: "enumDecl";
  children: EnumDeclCstChildren;
}

export type EnumDeclCstChildren = {
  KwEnum: IToken[];
  Identifier: (IToken)[];
  LCurly: IToken[];
  Comma?: (IToken)[];
  RCurly: IToken[];
};

export interface TypeDeclCstNode extends CstNode {
  name: "typeDecl";
  children: TypeDeclCstChildren;
}

export type TypeDeclCstChildren = {
  KwType: IToken[];
  Identifier: (IToken)[];
  Lt?: IToken[];
  Comma?: IToken[];
  Gt?: IToken[];
  Eq: IToken[];
  typeExpr: TypeExprCstNode[];
};

export interface VarDeclCstNode extends CstNode {
  name: "varDecl";
  children: VarDeclCstChildren;
}

export type VarDeclCstChildren = {
  KwFresh?: IToken[];
  KwShared?: IToken[];
  KwThread?: IToken[];
  KwVar: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
  Eq?: IToken[];
  expression?: ExpressionCstNode[];
};

export interface FairnessCstNode extends CstNode {
  name: "fairness";
  children: FairnessCstChildren;
}

export type FairnessCstChildren = {
  KwWeak?: IToken[];
  KwStrong?: IToken[];
  KwFair: IToken[];
};

export interface ProcessDeclCstNode extends CstNode {
  name: "processDecl";
  children: ProcessDeclCstChildren;
}

export type ProcessDeclCstChildren = {
  fairness?: FairnessCstNode[];
  KwProcess: IToken[];
  Identifier: IToken[];
  LBracket: IToken[];
  expression: ExpressionCstNode[];
  RBracket: IToken[];
  processModifier?: ProcessModifierCstNode[];
  block: BlockCstNode[];
};

export interface ProcessModifierCstNode extends CstNode {
  name: "processModifier";
  children: ProcessModifierCstChildren;
}

export type ProcessModifierCstChildren = {
  KwSymmetric?: IToken[];
  KwSpare?: IToken[];
  expression?: (ExpressionCstNode)[];
  KwRuns?: IToken[];
  KwWhen?: IToken[];
};

export interface ProcedureDeclCstNode extends CstNode {
  name: "procedureDecl";
  children: ProcedureDeclCstChildren;
}

export type ProcedureDeclCstChildren = {
  fairness?: FairnessCstNode[];
  KwProcedure: IToken[];
  Identifier: IToken[];
  paramList: ParamListCstNode[];
  Colon?: IToken[];
  typeExpr?: TypeExprCstNode[];
  block: BlockCstNode[];
};

export interface ParamListCstNode extends CstNode {
  name: "paramList";
  children: ParamListCstChildren;
}

export type ParamListCstChildren = {
  LParen: IToken[];
  param?: (ParamCstNode)[];
  Comma?: IToken[];
  RParen: IToken[];
};

export interface ParamCstNode extends CstNode {
  name: "param";
  children: ParamCstChildren;
}

export type ParamCstChildren = {
  Identifier: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
};

export interface MacroDeclCstNode extends CstNode {
  name: "macroDecl";
  children: MacroDeclCstChildren;
}

export type MacroDeclCstChildren = {
  KwMacro: IToken[];
  Identifier: (IToken)[];
  LParen: IToken[];
  Comma?: IToken[];
  RParen: IToken[];
  Colon?: IToken[];
  typeExpr?: TypeExprCstNode[];
  block: BlockCstNode[];
};

export interface DefDeclCstNode extends CstNode {
  name: "defDecl";
  children: DefDeclCstChildren;
}

export type DefDeclCstChildren = {
  KwDef: IToken[];
  Identifier: IToken[];
  paramList: ParamListCstNode[];
  Colon?: IToken[];
  typeExpr?: TypeExprCstNode[];
  Eq: IToken[];
  expression: ExpressionCstNode[];
};

export interface InvariantDeclCstNode extends CstNode {
  name: "invariantDecl";
  children: InvariantDeclCstChildren;
}

export type InvariantDeclCstChildren = {
  KwInvariant: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  expression: ExpressionCstNode[];
};

export interface ActionDeclCstNode extends CstNode {
  name: "actionDecl";
  children: ActionDeclCstChildren;
}

export type ActionDeclCstChildren = {
  KwAction: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  expression: ExpressionCstNode[];
};

export interface LockOrderDeclCstNode extends CstNode {
  name: "lockOrderDecl";
  children: LockOrderDeclCstChildren;
}

export type LockOrderDeclCstChildren = {
  KwLock_order: IToken[];
  Identifier: (IToken)[];
  Lt: IToken[];
};

export interface CoverDeclCstNode extends CstNode {
  name: "coverDecl";
  children: CoverDeclCstChildren;
}

export type CoverDeclCstChildren = {
  KwCover: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  expression: ExpressionCstNode[];
};

export interface PropertyDeclCstNode extends CstNode {
  name: "propertyDecl";
  children: PropertyDeclCstChildren;
}

export type PropertyDeclCstChildren = {
  KwProperty: IToken[];
  Identifier: IToken[];
  Colon: IToken[];
  temporalBody: TemporalBodyCstNode[];
};

export interface TemporalBodyCstNode extends CstNode {
  name: "temporalBody";
  children: TemporalBodyCstChildren;
}

export type TemporalBodyCstChildren = {
  temporalQuant?: TemporalQuantCstNode[];
  KwEventually?: (IToken)[];
  KwAlways?: (IToken)[];
  expression?: (ExpressionCstNode)[];
  KwLeadsto?: IToken[];
};

export interface TemporalQuantCstNode extends CstNode {
  name: "temporalQuant";
  children: TemporalQuantCstChildren;
}

export type TemporalQuantCstChildren = {
  KwForall?: IToken[];
  KwExists?: IToken[];
  Identifier: (IToken)[];
  Comma?: IToken[];
  KwIn: IToken[];
  opExpr: OpExprCstNode[];
  Colon: IToken[];
};

export interface VariantDeclCstNode extends CstNode {
  name: "variantDecl";
  children: VariantDeclCstChildren;
}

export type VariantDeclCstChildren = {
  KwVariant: IToken[];
  Identifier: (IToken)[];
  KwExtends?: IToken[];
  LCurly: IToken[];
  variantMember?: VariantMemberCstNode[];
  RCurly: IToken[];
};

export interface VariantMemberCstNode extends CstNode {
  name: "variantMember";
  children: VariantMemberCstChildren;
}

export type VariantMemberCstChildren = {
  paramOverride?: ParamOverrideCstNode[];
  overrideMember?: OverrideMemberCstNode[];
  Semicolon?: IToken[];
};

export interface ParamOverrideCstNode extends CstNode {
  name: "paramOverride";
  children: ParamOverrideCstChildren;
}

export type ParamOverrideCstChildren = {
  KwParam: IToken[];
  Identifier: IToken[];
  Eq: IToken[];
  expression: ExpressionCstNode[];
};

export interface OverrideMemberCstNode extends CstNode {
  name: "overrideMember";
  children: OverrideMemberCstChildren;
}

export type OverrideMemberCstChildren = {
  KwOverride: IToken[];
  stepOverride?: StepOverrideCstNode[];
  procedureDecl?: ProcedureDeclCstNode[];
  macroDecl?: MacroDeclCstNode[];
  defDecl?: DefDeclCstNode[];
  processDecl?: ProcessDeclCstNode[];
};

export interface StepOverrideCstNode extends CstNode {
  name: "stepOverride";
  children: StepOverrideCstChildren;
}

export type StepOverrideCstChildren = {
  KwStep: IToken[];
  Identifier: (IToken)[];
  Dot: IToken[];
  Colon: IToken[];
  statement: StatementCstNode[];
};

export interface ExpectDeclCstNode extends CstNode {
  name: "expectDecl";
  children: ExpectDeclCstChildren;
}

export type ExpectDeclCstChildren = {
  KwExpect: IToken[];
  StringLiteral?: IToken[];
  Identifier: IToken[];
  KwWith?: IToken[];
  paramAssign?: (ParamAssignCstNode)[];
  Comma?: IToken[];
  Colon: IToken[];
  verdict: VerdictCstNode[];
  searchClause?: SearchClauseCstNode[];
};

export interface SweepDeclCstNode extends CstNode {
  name: "sweepDecl";
  children: SweepDeclCstChildren;
}

export type SweepDeclCstChildren = {
  KwSweep: IToken[];
  Identifier?: IToken[];
  LCurly: IToken[];
  sweepEntry?: SweepEntryCstNode[];
  Comma?: IToken[];
  RCurly: IToken[];
};

export interface SweepEntryCstNode extends CstNode {
  name: "sweepEntry";
  children: SweepEntryCstChildren;
}

export type SweepEntryCstChildren = {
  Identifier: IToken[];
  KwIn?: IToken[];
  Eq?: IToken[];
  expression: ExpressionCstNode[];
};

export interface SearchClauseCstNode extends CstNode {
  name: "searchClause";
  children: SearchClauseCstChildren;
}

export type SearchClauseCstChildren = {
  Identifier: (IToken)[];
  LParen: IToken[];
  paramAssign?: ParamAssignCstNode[];
  Comma?: IToken[];
  RParen: IToken[];
};

export interface ParamAssignCstNode extends CstNode {
  name: "paramAssign";
  children: ParamAssignCstChildren;
}

export type ParamAssignCstChildren = {
  Identifier: IToken[];
  Eq: IToken[];
  expression: ExpressionCstNode[];
};

export interface VerdictCstNode extends CstNode {
  name: "verdict";
  children: VerdictCstChildren;
}

export type VerdictCstChildren = {
  KwHolds?: IToken[];
  KwDeadlock?: IToken[];
  KwViolates?: IToken[];
  Identifier?: IToken[];
};

export interface TypeExprCstNode extends CstNode {
  name: "typeExpr";
  children: TypeExprCstChildren;
}

export type TypeExprCstChildren = {
  recordType?: RecordTypeCstNode[];
  frameType?: FrameTypeCstNode[];
  genericType?: GenericTypeCstNode[];
  rangeOrNamedType?: RangeOrNamedTypeCstNode[];
  Question?: IToken[];
};

export interface RecordTypeCstNode extends CstNode {
  name: "recordType";
  children: RecordTypeCstChildren;
}

export type RecordTypeCstChildren = {
  LCurly: IToken[];
  recordTypeField?: (RecordTypeFieldCstNode)[];
  Comma?: (IToken)[];
  RCurly: IToken[];
};

export interface RecordTypeFieldCstNode extends CstNode {
  name: "recordTypeField";
  children: RecordTypeFieldCstChildren;
}

export type RecordTypeFieldCstChildren = {
  Identifier: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
};

export interface FrameTypeCstNode extends CstNode {
  name: "frameType";
  children: FrameTypeCstChildren;
}

export type FrameTypeCstChildren = {
  KwFrame: IToken[];
  Lt: IToken[];
  Identifier: IToken[];
  Gt: IToken[];
};

export interface GenericTypeCstNode extends CstNode {
  name: "genericType";
  children: GenericTypeCstChildren;
}

export type GenericTypeCstChildren = {
  Identifier: IToken[];
  Lt: IToken[];
  typeExpr: (TypeExprCstNode)[];
  Comma?: IToken[];
  Gt: IToken[];
};

export interface RangeOrNamedTypeCstNode extends CstNode {
  name: "rangeOrNamedType";
  children: RangeOrNamedTypeCstChildren;
}

export type RangeOrNamedTypeCstChildren = {
  opExpr: OpExprCstNode[];
};

export interface BlockCstNode extends CstNode {
  name: "block";
  children: BlockCstChildren;
}

export type BlockCstChildren = {
  LCurly: IToken[];
  statement?: StatementCstNode[];
  RCurly: IToken[];
};

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  Semicolon?: IToken[];
  kernelRef?: KernelRefCstNode[];
  unreachableMark?: UnreachableMarkCstNode[];
  label?: LabelCstNode[];
  varDecl?: VarDeclCstNode[];
  stmtCore?: StmtCoreCstNode[];
  faultSuffix?: FaultSuffixCstNode[];
};

export interface LabelCstNode extends CstNode {
  name: "label";
  children: LabelCstChildren;
}

export type LabelCstChildren = {
  Identifier: IToken[];
  Colon: IToken[];
};

export interface KernelRefCstNode extends CstNode {
  name: "kernelRef";
  children: KernelRefCstChildren;
}

export type KernelRefCstChildren = {
  At: IToken[];
  Identifier: IToken[];
  LParen: IToken[];
  StringLiteral?: (IToken)[];
  Comma?: IToken[];
  RParen: IToken[];
};

export interface UnreachableMarkCstNode extends CstNode {
  name: "unreachableMark";
  children: UnreachableMarkCstChildren;
}

export type UnreachableMarkCstChildren = {
  KwUnreachable: IToken[];
  StringLiteral: IToken[];
};

export interface FaultSuffixCstNode extends CstNode {
  name: "faultSuffix";
  children: FaultSuffixCstChildren;
}

export type FaultSuffixCstChildren = {
  KwMay: IToken[];
  KwFail: IToken[];
  KwWhen?: IToken[];
  expression?: ExpressionCstNode[];
  unreachableMark?: UnreachableMarkCstNode[];
  block: BlockCstNode[];
};

export interface StmtCoreCstNode extends CstNode {
  name: "stmtCore";
  children: StmtCoreCstChildren;
}

export type StmtCoreCstChildren = {
  simpleStmt?: SimpleStmtCstNode[];
  KwAwait?: IToken[];
  expression?: ExpressionCstNode[];
  KwElse?: IToken[];
  unreachableMark?: UnreachableMarkCstNode[];
  assertStmt?: AssertStmtCstNode[];
  KwSkip?: IToken[];
  ifStmt?: IfStmtCstNode[];
  whileStmt?: WhileStmtCstNode[];
  forStmt?: ForStmtCstNode[];
  eitherStmt?: EitherStmtCstNode[];
  KwAtomic?: IToken[];
  block?: BlockCstNode[];
  returnStmt?: ReturnStmtCstNode[];
  KwClone?: IToken[];
  Identifier?: IToken[];
  KwExit?: IToken[];
  KwBreak?: IToken[];
  KwContinue?: IToken[];
};

export interface SimpleStmtCstNode extends CstNode {
  name: "simpleStmt";
  children: SimpleStmtCstChildren;
}

export type SimpleStmtCstChildren = {
  Identifier: IToken[];
  callArgs?: CallArgsCstNode[];
  postfixOp?: PostfixOpCstNode[];
  Assign?: IToken[];
  assignRhs?: AssignRhsCstNode[];
};

export interface AssignRhsCstNode extends CstNode {
  name: "assignRhs";
  children: AssignRhsCstChildren;
}

export type AssignRhsCstChildren = {
  KwAny?: IToken[];
  expression?: (ExpressionCstNode)[];
  KwWhere?: IToken[];
  KwClone?: IToken[];
  Identifier?: IToken[];
};

export interface AssertStmtCstNode extends CstNode {
  name: "assertStmt";
  children: AssertStmtCstChildren;
}

export type AssertStmtCstChildren = {
  KwAssert: IToken[];
  expression: ExpressionCstNode[];
  Comma?: IToken[];
  StringLiteral?: IToken[];
};

export interface IfStmtCstNode extends CstNode {
  name: "ifStmt";
  children: IfStmtCstChildren;
}

export type IfStmtCstChildren = {
  KwIf: (IToken)[];
  expression: (ExpressionCstNode)[];
  block: (BlockCstNode)[];
  KwElse?: (IToken)[];
  unreachableMark?: UnreachableMarkCstNode[];
};

export interface WhileStmtCstNode extends CstNode {
  name: "whileStmt";
  children: WhileStmtCstChildren;
}

export type WhileStmtCstChildren = {
  KwWhile: IToken[];
  expression: ExpressionCstNode[];
  block: BlockCstNode[];
  KwElse?: IToken[];
  unreachableMark?: UnreachableMarkCstNode[];
};

export interface ForStmtCstNode extends CstNode {
  name: "forStmt";
  children: ForStmtCstChildren;
}

export type ForStmtCstChildren = {
  KwFor: IToken[];
  Identifier: IToken[];
  KwIn: IToken[];
  forMode: ForModeCstNode[];
  expression: ExpressionCstNode[];
  block: BlockCstNode[];
  KwElse?: IToken[];
  unreachableMark?: UnreachableMarkCstNode[];
};

export interface ForModeCstNode extends CstNode {
  name: "forMode";
  children: ForModeCstChildren;
}

export type ForModeCstChildren = {
  KwSnapshot?: IToken[];
  KwLive?: IToken[];
};

export interface EitherStmtCstNode extends CstNode {
  name: "eitherStmt";
  children: EitherStmtCstChildren;
}

export type EitherStmtCstChildren = {
  KwEither: IToken[];
  block: (BlockCstNode)[];
  KwOr?: IToken[];
};

export interface ReturnStmtCstNode extends CstNode {
  name: "returnStmt";
  children: ReturnStmtCstChildren;
}

export type ReturnStmtCstChildren = {
  KwReturn: IToken[];
  expression?: ExpressionCstNode[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  opExpr: (OpExprCstNode)[];
  Question?: IToken[];
  expression?: ExpressionCstNode[];
  Colon?: IToken[];
};

export interface OpExprCstNode extends CstNode {
  name: "opExpr";
  children: OpExprCstChildren;
}

export type OpExprCstChildren = {
  operand: (OperandCstNode)[];
  binaryOp?: BinaryOpCstNode[];
};

export interface BinaryOpCstNode extends CstNode {
  name: "binaryOp";
  children: BinaryOpCstChildren;
}

export type BinaryOpCstChildren = {
  Implies?: IToken[];
  OrOr?: IToken[];
  KwOr?: IToken[];
  AndAnd?: IToken[];
  KwAnd?: IToken[];
  EqEq?: IToken[];
  NotEq?: IToken[];
  LtEq?: IToken[];
  Lt?: IToken[];
  GtEq?: IToken[];
  Gt?: IToken[];
  KwIn?: IToken[];
  KwNotin?: IToken[];
  KwSubseteq?: IToken[];
  DotDot?: IToken[];
  KwUnion?: IToken[];
  KwInter?: IToken[];
  Backslash?: IToken[];
  Plus?: IToken[];
  Minus?: IToken[];
  Star?: IToken[];
  Slash?: IToken[];
  KwMod?: IToken[];
};

export interface OperandCstNode extends CstNode {
  name: "operand";
  children: OperandCstChildren;
}

export type OperandCstChildren = {
  Bang?: IToken[];
  KwNot?: IToken[];
  Minus?: IToken[];
  postfixExpr: PostfixExprCstNode[];
};

export interface PostfixExprCstNode extends CstNode {
  name: "postfixExpr";
  children: PostfixExprCstChildren;
}

export type PostfixExprCstChildren = {
  primary: PrimaryCstNode[];
  postfixOp?: PostfixOpCstNode[];
};

export interface PostfixOpCstNode extends CstNode {
  name: "postfixOp";
  children: PostfixOpCstChildren;
}

export type PostfixOpCstChildren = {
  LBracket?: IToken[];
  expression?: ExpressionCstNode[];
  RBracket?: IToken[];
  Dot?: IToken[];
  Identifier?: (IToken)[];
  Arrow?: IToken[];
  Prime?: IToken[];
  KwWith?: IToken[];
  withTail?: WithTailCstNode[];
};

export interface WithTailCstNode extends CstNode {
  name: "withTail";
  children: WithTailCstChildren;
}

export type WithTailCstChildren = {
  LCurly?: IToken[];
  fieldInit?: (FieldInitCstNode)[];
  Comma?: IToken[];
  RCurly?: IToken[];
  LBracket?: IToken[];
  expression?: ExpressionCstNode[];
  RBracket?: IToken[];
  Eq?: IToken[];
  opExpr?: OpExprCstNode[];
};

export interface FieldInitCstNode extends CstNode {
  name: "fieldInit";
  children: FieldInitCstChildren;
}

export type FieldInitCstChildren = {
  Identifier: IToken[];
  Colon: IToken[];
  expression: ExpressionCstNode[];
};

export interface CallArgsCstNode extends CstNode {
  name: "callArgs";
  children: CallArgsCstChildren;
}

export type CallArgsCstChildren = {
  LParen: IToken[];
  expression?: (ExpressionCstNode)[];
  Comma?: IToken[];
  RParen: IToken[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  IntegerLiteral?: IToken[];
  StringLiteral?: IToken[];
  KwTrue?: IToken[];
  KwFalse?: IToken[];
  KwNone?: IToken[];
  KwSelf?: IToken[];
  KwFrame?: IToken[];
  Identifier?: IToken[];
  callArgs?: CallArgsCstNode[];
  LParen?: IToken[];
  expression?: (ExpressionCstNode)[];
  RParen?: IToken[];
  braceExpr?: BraceExprCstNode[];
  mapComp?: MapCompCstNode[];
  seqLit?: SeqLitCstNode[];
  quantExpr?: QuantExprCstNode[];
  KwAny?: IToken[];
  KwWhere?: IToken[];
};

export interface BraceExprCstNode extends CstNode {
  name: "braceExpr";
  children: BraceExprCstChildren;
}

export type BraceExprCstChildren = {
  LCurly: IToken[];
  expression?: (ExpressionCstNode)[];
  Bar?: IToken[];
  Colon?: (IToken)[];
  Comma?: (IToken)[];
  RCurly: IToken[];
};

export interface MapCompCstNode extends CstNode {
  name: "mapComp";
  children: MapCompCstChildren;
}

export type MapCompCstChildren = {
  LBracket: IToken[];
  Identifier: IToken[];
  KwIn: IToken[];
  expression: (ExpressionCstNode)[];
  MapsTo: IToken[];
  RBracket: IToken[];
};

export interface SeqLitCstNode extends CstNode {
  name: "seqLit";
  children: SeqLitCstChildren;
}

export type SeqLitCstChildren = {
  SeqOpen: IToken[];
  expression?: (ExpressionCstNode)[];
  Comma?: IToken[];
  Gt: (IToken)[];
};

export interface QuantExprCstNode extends CstNode {
  name: "quantExpr";
  children: QuantExprCstChildren;
}

export type QuantExprCstChildren = {
  KwForall?: IToken[];
  KwExists?: IToken[];
  Identifier: (IToken)[];
  Comma?: IToken[];
  KwIn: IToken[];
  opExpr: OpExprCstNode[];
  Colon: IToken[];
  expression: ExpressionCstNode[];
};
