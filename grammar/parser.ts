// The credspec grammar as a Chevrotain CstParser (docs/language.md). Takes the token vector from
// lexer.ts; returns a concrete syntax tree and recognition errors whose messages are JSON-encoded
// {code, args} (see error-messages.ts). It builds no AST (src/syntax/build-ast.ts does) and
// never sees file names. One instance, created on first use and reused.

import { CstParser, EOF, type CstNode, type IOrAlt, type IToken, type TokenType } from 'chevrotain';
import { errorMessageProvider, type ParseContext } from './error-messages.js';
import type { IndexedToken } from './lexer.js';
import type { BinaryOp } from './operators.js';
import {
  ALL_TOKENS,
  AndAnd,
  Arrow,
  Assign,
  At,
  Backslash,
  Bar,
  Colon,
  Comma,
  Dot,
  DotDot,
  Eq,
  EqEq,
  Gt,
  GtEq,
  Identifier,
  Implies,
  IntegerLiteral,
  KW,
  LBracket,
  LCurly,
  LParen,
  Lt,
  LtEq,
  MapsTo,
  Minus,
  NotEq,
  OrOr,
  Plus,
  Prime,
  Question,
  RBracket,
  RCurly,
  RParen,
  Semicolon,
  SeqOpen,
  Slash,
  Star,
  StringLiteral,
  Bang,
} from './tokens.js';

/** Precedence levels, higher binds tighter (docs/language.md, section 5). */
export const PRECEDENCE = {
  implies: 1,
  or: 2,
  and: 3,
  not: 4,
  compare: 5,
  range: 6,
  setOps: 7,
  additive: 8,
  multiplicative: 9,
  negate: 10,
} as const;

/** Each binary operator token: its AST operator, precedence and associativity. */
export const BINARY_PRECEDENCE: ReadonlyMap<
  TokenType,
  { op: BinaryOp; precedence: number; right: boolean }
> = new Map([
  [Implies, { op: '=>', precedence: PRECEDENCE.implies, right: true }],
  [OrOr, { op: '||', precedence: PRECEDENCE.or, right: false }],
  [KW.or, { op: '||', precedence: PRECEDENCE.or, right: false }],
  [AndAnd, { op: '&&', precedence: PRECEDENCE.and, right: false }],
  [KW.and, { op: '&&', precedence: PRECEDENCE.and, right: false }],
  [EqEq, { op: '==', precedence: PRECEDENCE.compare, right: false }],
  [NotEq, { op: '!=', precedence: PRECEDENCE.compare, right: false }],
  [LtEq, { op: '<=', precedence: PRECEDENCE.compare, right: false }],
  [Lt, { op: '<', precedence: PRECEDENCE.compare, right: false }],
  [GtEq, { op: '>=', precedence: PRECEDENCE.compare, right: false }],
  [Gt, { op: '>', precedence: PRECEDENCE.compare, right: false }],
  [KW.in, { op: 'in', precedence: PRECEDENCE.compare, right: false }],
  [KW.notin, { op: 'notin', precedence: PRECEDENCE.compare, right: false }],
  [KW.subseteq, { op: 'subseteq', precedence: PRECEDENCE.compare, right: false }],
  [DotDot, { op: '..', precedence: PRECEDENCE.range, right: false }],
  [KW.union, { op: 'union', precedence: PRECEDENCE.setOps, right: false }],
  [KW.inter, { op: 'inter', precedence: PRECEDENCE.setOps, right: false }],
  [Backslash, { op: '\\', precedence: PRECEDENCE.setOps, right: false }],
  [Plus, { op: '+', precedence: PRECEDENCE.additive, right: false }],
  [Minus, { op: '-', precedence: PRECEDENCE.additive, right: false }],
  [Star, { op: '*', precedence: PRECEDENCE.multiplicative, right: false }],
  [Slash, { op: '/', precedence: PRECEDENCE.multiplicative, right: false }],
  [KW.mod, { op: 'mod', precedence: PRECEDENCE.multiplicative, right: false }],
]);

const BINARY_OPERATOR_TOKENS = [...BINARY_PRECEDENCE.keys()];

/** The grammar. Rule names are the CST node names in cst.d.ts. */
export class CredParser extends CstParser {
  /**
   * Alternatives of the busiest choices, built on first use and reused: building the array of
   * closures on every call is most of the garbage a parse makes.
   */
  private readonly alternatives: Record<string, IOrAlt<unknown>[]> = {};

  /** What the error message provider needs to name the bracket a missing closer belongs to. */
  context: ParseContext = { tokens: [], text: '' };

  constructor() {
    super([...ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: errorMessageProvider(() => this.context),
    });
    this.performSelfAnalysis();
  }

  /** True when the next token starts a new line (ends `return` without a value). */
  private nextOnNewLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    const end = prev.endOffset;
    if (next.tokenType === EOF || end === undefined || !Number.isFinite(end)) return true;
    const between = this.context.text.slice(end + 1, next.startOffset);
    return /[\r\n]/.test(between);
  }

  // ------------------------------------------------------------------------------------------
  // File and declarations

  specFile = this.RULE('specFile', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
    this.CONSUME(EOF);
  });

  topItem = this.RULE('topItem', () => {
    this.OR(
      (this.alternatives.topItem ??= [
        { ALT: () => this.SUBRULE(this.specHeader) },
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.paramDecl) },
        { ALT: () => this.SUBRULE(this.constDecl) },
        { ALT: () => this.SUBRULE(this.enumDecl) },
        { ALT: () => this.SUBRULE(this.typeDecl) },
        { ALT: () => this.SUBRULE(this.varDecl) },
        { ALT: () => this.SUBRULE(this.processDecl) },
        { ALT: () => this.SUBRULE(this.procedureDecl) },
        { ALT: () => this.SUBRULE(this.macroDecl) },
        { ALT: () => this.SUBRULE(this.defDecl) },
        { ALT: () => this.SUBRULE(this.invariantDecl) },
        { ALT: () => this.SUBRULE(this.actionDecl) },
        { ALT: () => this.SUBRULE(this.propertyDecl) },
        { ALT: () => this.SUBRULE(this.coverDecl) },
        // Marks the `cover` after it; build-ast refuses it before anything else.
        { ALT: () => this.SUBRULE(this.unreachableMark) },
        { ALT: () => this.SUBRULE(this.variantDecl) },
        { ALT: () => this.SUBRULE(this.expectDecl) },
        { ALT: () => this.SUBRULE(this.sweepDecl) },
        { ALT: () => this.SUBRULE(this.lockOrderDecl) },
        { ALT: () => this.CONSUME(Semicolon) },
      ]),
    );
  });

  specHeader = this.RULE('specHeader', () => {
    this.CONSUME(KW.spec);
    this.CONSUME(Identifier);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(KW.import);
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(StringLiteral) }]);
  });

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(KW.param);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(KW.const);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(KW.enum);
    this.CONSUME(Identifier);
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.CONSUME2(Identifier);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME3(Identifier);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RCurly);
  });

  typeDecl = this.RULE('typeDecl', () => {
    this.CONSUME(KW.type);
    this.CONSUME(Identifier);
    // `type Pair<A, B> = ...`: the alias's type parameters.
    this.OPTION(() => {
      this.CONSUME(Lt);
      this.CONSUME2(Identifier);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME3(Identifier);
      });
      this.CONSUME(Gt);
    });
    this.CONSUME(Eq);
    this.SUBRULE(this.typeExpr);
  });

  /** `shared var`, `thread var` at top level; a plain `var` in a body. */
  varDecl = this.RULE('varDecl', () => {
    // `fresh thread var`: a clone child starts with the initial value instead of a copy.
    this.OPTION3(() => this.CONSUME(KW.fresh));
    this.OPTION(() =>
      this.OR([{ ALT: () => this.CONSUME(KW.shared) }, { ALT: () => this.CONSUME(KW.thread) }]),
    );
    this.CONSUME(KW.var);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
    this.OPTION2(() => {
      this.CONSUME(Eq);
      this.SUBRULE(this.expression);
    });
  });

  fairness = this.RULE('fairness', () => {
    this.OPTION(() =>
      this.OR([{ ALT: () => this.CONSUME(KW.weak) }, { ALT: () => this.CONSUME(KW.strong) }]),
    );
    this.CONSUME(KW.fair);
  });

  processDecl = this.RULE('processDecl', () => {
    this.OPTION(() => this.SUBRULE(this.fairness));
    this.CONSUME(KW.process);
    this.CONSUME(Identifier);
    this.CONSUME(LBracket);
    this.SUBRULE(this.expression);
    this.CONSUME(RBracket);
    this.MANY(() => this.SUBRULE(this.processModifier));
    this.SUBRULE(this.block);
  });

  processModifier = this.RULE('processModifier', () => {
    this.OR([
      { ALT: () => this.CONSUME(KW.symmetric) },
      {
        ALT: () => {
          this.CONSUME(KW.spare);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.runs);
          this.CONSUME(KW.when);
          this.SUBRULE2(this.expression);
        },
      },
    ]);
  });

  procedureDecl = this.RULE('procedureDecl', () => {
    this.OPTION(() => this.SUBRULE(this.fairness));
    this.CONSUME(KW.procedure);
    this.CONSUME(Identifier);
    this.SUBRULE(this.paramList);
    this.OPTION2(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.typeExpr);
    });
    this.SUBRULE(this.block);
  });

  paramList = this.RULE('paramList', () => {
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.param);
      });
    });
    this.CONSUME(RParen);
  });

  param = this.RULE('param', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
  });

  macroDecl = this.RULE('macroDecl', () => {
    this.CONSUME(KW.macro);
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.CONSUME2(Identifier);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME3(Identifier);
      });
    });
    this.CONSUME(RParen);
    this.OPTION2(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.typeExpr);
    });
    this.SUBRULE(this.block);
  });

  defDecl = this.RULE('defDecl', () => {
    this.CONSUME(KW.def);
    this.CONSUME(Identifier);
    this.SUBRULE(this.paramList);
    this.OPTION(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.typeExpr);
    });
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  invariantDecl = this.RULE('invariantDecl', () => {
    this.CONSUME(KW.invariant);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  actionDecl = this.RULE('actionDecl', () => {
    this.CONSUME(KW.action);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  /** `lock_order a < b < c`: acquisition orders the spec accepts (lockdep's annotations). */
  lockOrderDecl = this.RULE('lockOrderDecl', () => {
    this.CONSUME(KW.lock_order);
    this.CONSUME(Identifier);
    this.AT_LEAST_ONE(() => {
      this.CONSUME(Lt);
      this.CONSUME2(Identifier);
    });
  });

  coverDecl = this.RULE('coverDecl', () => {
    this.CONSUME(KW.cover);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  propertyDecl = this.RULE('propertyDecl', () => {
    this.CONSUME(KW.property);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.temporalBody);
  });

  /**
   * `forall t in S:` before a temporal form: the quantifier's body extends as far right as
   * possible, across `leadsto` (TLA+'s `\\A t \\in S : P ~> Q`).
   */
  temporalBody = this.RULE('temporalBody', () => {
    this.MANY(() => this.SUBRULE(this.temporalQuant));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(KW.eventually);
          this.OPTION(() => this.CONSUME(KW.always));
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(KW.always);
          this.CONSUME2(KW.eventually);
          this.SUBRULE2(this.expression);
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.expression);
          this.CONSUME(KW.leadsto);
          this.SUBRULE4(this.expression);
        },
      },
    ]);
  });

  temporalQuant = this.RULE('temporalQuant', () => {
    this.OR([{ ALT: () => this.CONSUME(KW.forall) }, { ALT: () => this.CONSUME(KW.exists) }]);
    this.CONSUME(Identifier);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.CONSUME2(Identifier);
    });
    this.CONSUME(KW.in);
    this.SUBRULE(this.opExpr, { ARGS: [PRECEDENCE.range] });
    this.CONSUME(Colon);
  });

  variantDecl = this.RULE('variantDecl', () => {
    this.CONSUME(KW.variant);
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(KW.extends);
      this.CONSUME2(Identifier);
    });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.variantMember));
    this.CONSUME(RCurly);
  });

  variantMember = this.RULE('variantMember', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.paramOverride) },
      { ALT: () => this.SUBRULE(this.overrideMember) },
      { ALT: () => this.CONSUME(Semicolon) },
    ]);
  });

  paramOverride = this.RULE('paramOverride', () => {
    this.CONSUME(KW.param);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  overrideMember = this.RULE('overrideMember', () => {
    this.CONSUME(KW.override);
    this.OR([
      { ALT: () => this.SUBRULE(this.stepOverride) },
      { ALT: () => this.SUBRULE(this.procedureDecl) },
      { ALT: () => this.SUBRULE(this.macroDecl) },
      { ALT: () => this.SUBRULE(this.defDecl) },
      { ALT: () => this.SUBRULE(this.processDecl) },
    ]);
  });

  stepOverride = this.RULE('stepOverride', () => {
    this.CONSUME(KW.step);
    this.CONSUME(Identifier);
    this.CONSUME(Dot);
    this.CONSUME2(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.statement);
  });

  expectDecl = this.RULE('expectDecl', () => {
    this.CONSUME(KW.expect);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(Identifier);
    this.OPTION2(() => {
      this.CONSUME(KW.with);
      this.SUBRULE(this.paramAssign);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.paramAssign);
      });
    });
    this.CONSUME(Colon);
    this.SUBRULE(this.verdict);
    // `by simulation(seed = 1, traces = 1000, depth = 100)`: `by` and `simulation` are plain
    // names (the checker insists on these two words), so no new keyword takes a name from users.
    this.OPTION3({
      GATE: () => this.LA(1).tokenType === Identifier && this.LA(1).image === 'by',
      DEF: () => this.SUBRULE(this.searchClause),
    });
  });

  // `sweep [variant] { NAME in lo..hi  NAME in {a, b}  NAME = v }`: the values `credspec sweep`
  // takes for each param named, instead of its declared range. The checker validates each one.
  sweepDecl = this.RULE('sweepDecl', () => {
    this.CONSUME(KW.sweep);
    this.OPTION(() => this.CONSUME(Identifier));
    this.CONSUME(LCurly);
    // Entries one a line like a variant's members, or separated by commas.
    this.MANY(() => {
      this.SUBRULE(this.sweepEntry);
      this.OPTION2(() => this.CONSUME(Comma));
    });
    this.CONSUME(RCurly);
  });

  sweepEntry = this.RULE('sweepEntry', () => {
    this.CONSUME(Identifier);
    this.OR([{ ALT: () => this.CONSUME(KW.in) }, { ALT: () => this.CONSUME(Eq) }]);
    this.SUBRULE(this.expression);
  });

  searchClause = this.RULE('searchClause', () => {
    this.CONSUME(Identifier);
    this.CONSUME2(Identifier);
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.paramAssign) });
    this.CONSUME(RParen);
  });

  paramAssign = this.RULE('paramAssign', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  verdict = this.RULE('verdict', () => {
    this.OR([
      { ALT: () => this.CONSUME(KW.holds) },
      { ALT: () => this.CONSUME(KW.deadlock) },
      {
        ALT: () => {
          this.CONSUME(KW.violates);
          this.CONSUME(Identifier);
        },
      },
    ]);
  });

  // ------------------------------------------------------------------------------------------
  // Types

  typeExpr = this.RULE('typeExpr', () => {
    // A range bound could syntactically be a set literal, but `{` in a type is a record: the
    // record alternative is tried first.
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.recordType) },
        { ALT: () => this.SUBRULE(this.frameType) },
        { ALT: () => this.SUBRULE(this.genericType) },
        { ALT: () => this.SUBRULE(this.rangeOrNamedType) },
      ],
    });
    this.OPTION(() => this.CONSUME(Question));
  });

  recordType = this.RULE('recordType', () => {
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.SUBRULE(this.recordTypeField);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.recordTypeField);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RCurly);
  });

  recordTypeField = this.RULE('recordTypeField', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
  });

  frameType = this.RULE('frameType', () => {
    this.CONSUME(KW.frame);
    this.CONSUME(Lt);
    this.CONSUME(Identifier);
    this.CONSUME(Gt);
  });

  genericType = this.RULE('genericType', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Lt);
    this.SUBRULE(this.typeExpr);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE2(this.typeExpr);
    });
    this.CONSUME(Gt);
  });

  /** `Name` or `lo..hi`: one operand, then the decision on `..`. */
  rangeOrNamedType = this.RULE('rangeOrNamedType', () => {
    this.SUBRULE(this.opExpr, { ARGS: [PRECEDENCE.range] });
  });

  // ------------------------------------------------------------------------------------------
  // Statements

  block = this.RULE('block', () => {
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(RCurly);
  });

  /** A step (with its label, @kernel and fault suffix), a local `var`, or a lone `;`. */
  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.CONSUME(Semicolon) },
      {
        ALT: () => {
          this.MANY(() =>
            this.OR2([
              { ALT: () => this.SUBRULE(this.kernelRef) },
              { ALT: () => this.SUBRULE(this.unreachableMark) },
              { ALT: () => this.SUBRULE(this.label) },
            ]),
          );
          // A label before `var` is parsed so it can be reported as such (CS1039).
          this.OR3([
            { ALT: () => this.SUBRULE(this.varDecl) },
            {
              ALT: () => {
                this.SUBRULE(this.stmtCore);
                this.OPTION(() => this.SUBRULE(this.faultSuffix));
              },
            },
          ]);
        },
      },
    ]);
  });

  label = this.RULE('label', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
  });

  kernelRef = this.RULE('kernelRef', () => {
    this.CONSUME(At);
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.CONSUME(StringLiteral);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME2(StringLiteral);
      });
    });
    this.CONSUME(RParen);
  });

  /** `unreachable "reason"`: why no check reaches the step, fault point or cover it marks. */
  unreachableMark = this.RULE('unreachableMark', () => {
    this.CONSUME(KW.unreachable);
    this.CONSUME(StringLiteral);
  });

  faultSuffix = this.RULE('faultSuffix', () => {
    this.CONSUME(KW.may);
    this.CONSUME(KW.fail);
    this.OPTION(() => {
      this.CONSUME(KW.when);
      this.SUBRULE(this.expression);
    });
    // Marks the failure, not the step: `may fail when F unreachable "why" { handler }`.
    this.OPTION2(() => this.SUBRULE(this.unreachableMark));
    this.SUBRULE(this.block);
  });

  stmtCore = this.RULE('stmtCore', () => {
    this.OR(
      (this.alternatives.stmtCore ??= [
        { ALT: () => this.SUBRULE(this.simpleStmt) },
        {
          ALT: () => {
            this.CONSUME(KW.await);
            this.SUBRULE(this.expression);
            // `else unreachable "why"`: no thread ever has to wait here.
            this.OPTION(() => {
              this.CONSUME(KW.else);
              this.SUBRULE(this.unreachableMark);
            });
          },
        },
        { ALT: () => this.SUBRULE(this.assertStmt) },
        { ALT: () => this.CONSUME(KW.skip) },
        { ALT: () => this.SUBRULE(this.ifStmt) },
        { ALT: () => this.SUBRULE(this.whileStmt) },
        { ALT: () => this.SUBRULE(this.forStmt) },
        { ALT: () => this.SUBRULE(this.eitherStmt) },
        {
          ALT: () => {
            this.CONSUME(KW.atomic);
            this.SUBRULE(this.block);
          },
        },
        { ALT: () => this.SUBRULE(this.returnStmt) },
        {
          ALT: () => {
            this.CONSUME(KW.clone);
            this.CONSUME(Identifier);
          },
        },
        { ALT: () => this.CONSUME(KW.exit) },
        { ALT: () => this.CONSUME(KW.break) },
        { ALT: () => this.CONSUME(KW.continue) },
      ]),
    );
  });

  /** `x := e`, `x := any ...`, `x := clone G`, `x := p(args)`, `p(args)`: decided in build-ast. */
  simpleStmt = this.RULE('simpleStmt', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => this.SUBRULE(this.callArgs));
    this.MANY(() => this.SUBRULE(this.postfixOp));
    this.OPTION2(() => {
      this.CONSUME(Assign);
      this.SUBRULE(this.assignRhs);
    });
  });

  assignRhs = this.RULE('assignRhs', () => {
    // `any` also starts a (misplaced) primary; here, right after `:=`, it is the choice form.
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(KW.any);
            this.SUBRULE(this.expression);
            this.OPTION(() => {
              this.CONSUME(KW.where);
              this.SUBRULE2(this.expression);
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(KW.clone);
            this.CONSUME(Identifier);
          },
        },
        { ALT: () => this.SUBRULE3(this.expression) },
      ],
    });
  });

  assertStmt = this.RULE('assertStmt', () => {
    this.CONSUME(KW.assert);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(Comma);
      this.CONSUME(StringLiteral);
    });
  });

  ifStmt = this.RULE('ifStmt', () => {
    this.CONSUME(KW.if);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
    // `else if` chains are a loop here, not recursion, so a long chain costs no stack.
    this.MANY(() => {
      this.CONSUME(KW.else);
      this.CONSUME2(KW.if);
      this.SUBRULE2(this.expression);
      this.SUBRULE2(this.block);
    });
    this.OPTION(() => {
      this.CONSUME2(KW.else);
      // `else unreachable "why"`: no else block, and the tests never all fail.
      this.OR(
        (this.alternatives.ifElse ??= [
          { ALT: () => this.SUBRULE3(this.block) },
          { ALT: () => this.SUBRULE(this.unreachableMark) },
        ]),
      );
    });
  });

  whileStmt = this.RULE('whileStmt', () => {
    this.CONSUME(KW.while);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
    // `else unreachable "why"`: the test never fails, so the loop is never left by it.
    this.OPTION(() => {
      this.CONSUME(KW.else);
      this.SUBRULE(this.unreachableMark);
    });
  });

  forStmt = this.RULE('forStmt', () => {
    this.CONSUME(KW.for);
    this.CONSUME(Identifier);
    this.CONSUME(KW.in);
    this.SUBRULE(this.forMode);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
    // `else unreachable "why"`: the loop is never entered with nothing to iterate.
    this.OPTION(() => {
      this.CONSUME(KW.else);
      this.SUBRULE(this.unreachableMark);
    });
  });

  forMode = this.RULE('forMode', () => {
    this.OR([{ ALT: () => this.CONSUME(KW.snapshot) }, { ALT: () => this.CONSUME(KW.live) }]);
  });

  eitherStmt = this.RULE('eitherStmt', () => {
    this.CONSUME(KW.either);
    this.SUBRULE(this.block);
    this.MANY(() => {
      this.CONSUME(KW.or);
      this.SUBRULE2(this.block);
    });
  });

  returnStmt = this.RULE('returnStmt', () => {
    this.CONSUME(KW.return);
    // The value must start on the `return` line: statements need no separator.
    this.OPTION({ GATE: () => !this.nextOnNewLine(), DEF: () => this.SUBRULE(this.expression) });
  });

  // ------------------------------------------------------------------------------------------
  // Expressions. Binary operators are read flat, operand (operator operand)*, and build-ast
  // applies precedence (BINARY_PRECEDENCE) without recursion: a long chain costs no stack, and
  // each operand costs a handful of rule calls instead of one per precedence level.

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.opExpr);
    // `a ? b : c ? d : e` is read as a loop and folded to the right by build-ast.
    this.MANY(() => {
      this.CONSUME(Question);
      this.SUBRULE2(this.expression);
      this.CONSUME(Colon);
      this.SUBRULE2(this.opExpr);
    });
  });

  /** Operands joined by binary operators of precedence `minPrecedence` or more (default: all). */
  opExpr = this.RULE('opExpr', (minPrecedence?: number) => {
    const min = minPrecedence ?? 0;
    this.SUBRULE(this.operand);
    this.MANY({
      GATE: () => {
        const next = this.LA(1).tokenType;
        // `>` `>` closes a sequence literal, never a comparison.
        if (next === Gt && this.LA(2).tokenType === Gt) return false;
        return (BINARY_PRECEDENCE.get(next)?.precedence ?? 0) >= min;
      },
      DEF: () => {
        this.SUBRULE(this.binaryOp);
        this.SUBRULE2(this.operand);
      },
    });
  });

  // Built once: the two hottest choices would otherwise allocate their alternatives per token.
  private readonly binaryAlternatives = BINARY_OPERATOR_TOKENS.map((t) => ({
    ALT: () => this.CONSUME(t),
  }));
  private readonly prefixAlternatives = [Bang, KW.not, Minus].map((t) => ({
    ALT: () => this.CONSUME(t),
  }));

  binaryOp = this.RULE('binaryOp', () => {
    this.OR(this.binaryAlternatives);
  });

  /** Prefix operators, then a postfix expression. */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.OR(this.prefixAlternatives));
    this.SUBRULE(this.postfixExpr);
  });

  postfixExpr = this.RULE('postfixExpr', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.postfixOp));
  });

  postfixOp = this.RULE('postfixOp', () => {
    this.OR(
      (this.alternatives.postfixOp ??= [
        {
          ALT: () => {
            this.CONSUME(LBracket);
            this.SUBRULE(this.expression);
            this.CONSUME(RBracket);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Dot);
            this.CONSUME(Identifier);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Arrow);
            this.CONSUME2(Identifier);
          },
        },
        { ALT: () => this.CONSUME(Prime) },
        {
          ALT: () => {
            this.CONSUME(KW.with);
            this.SUBRULE(this.withTail);
          },
        },
      ]),
    );
  });

  /** `with { f: e, ... }` (record update) or `with [k] = e` (map update). */
  withTail = this.RULE('withTail', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LCurly);
          this.SUBRULE(this.fieldInit);
          this.MANY(() => {
            this.CONSUME(Comma);
            this.SUBRULE2(this.fieldInit);
          });
          this.CONSUME(RCurly);
        },
      },
      {
        ALT: () => {
          this.CONSUME(LBracket);
          this.SUBRULE(this.expression);
          this.CONSUME(RBracket);
          this.CONSUME(Eq);
          this.SUBRULE(this.opExpr, { ARGS: [PRECEDENCE.setOps] });
        },
      },
    ]);
  });

  fieldInit = this.RULE('fieldInit', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  callArgs = this.RULE('callArgs', () => {
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(RParen);
  });

  primary = this.RULE('primary', () => {
    this.OR(
      (this.alternatives.primary ??= [
        { ALT: () => this.CONSUME(IntegerLiteral) },
        { ALT: () => this.CONSUME(StringLiteral) },
        { ALT: () => this.CONSUME(KW.true) },
        { ALT: () => this.CONSUME(KW.false) },
        { ALT: () => this.CONSUME(KW.none) },
        { ALT: () => this.CONSUME(KW.self) },
        { ALT: () => this.CONSUME(KW.frame) },
        {
          ALT: () => {
            this.CONSUME(Identifier);
            this.OPTION(() => this.SUBRULE(this.callArgs));
          },
        },
        {
          ALT: () => {
            this.CONSUME(LParen);
            this.SUBRULE(this.expression);
            this.CONSUME(RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.braceExpr) },
        { ALT: () => this.SUBRULE(this.mapComp) },
        { ALT: () => this.SUBRULE(this.seqLit) },
        { ALT: () => this.SUBRULE(this.quantExpr) },
        {
          // Only to say where `any` may stand: `x[any t in S] := e` is read whole and refused once.
          ALT: () => {
            this.CONSUME(KW.any);
            this.SUBRULE2(this.expression);
            this.OPTION2(() => {
              this.CONSUME(KW.where);
              this.SUBRULE3(this.expression);
            });
          },
        },
      ]),
    );
  });

  /**
   * Sets, set filters, set maps and records all open with `{`; the grammar reads a first
   * expression and the token after it, and build-ast decides which one was meant.
   */
  braceExpr = this.RULE('braceExpr', () => {
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Bar);
            this.SUBRULE2(this.expression);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Colon);
            this.SUBRULE3(this.expression);
            this.MANY(() => {
              this.CONSUME(Comma);
              this.SUBRULE4(this.expression);
              this.CONSUME2(Colon);
              this.SUBRULE5(this.expression);
            });
          },
        },
        {
          ALT: () => {
            this.MANY2(() => {
              this.CONSUME2(Comma);
              this.SUBRULE6(this.expression);
            });
          },
        },
      ]);
    });
    this.CONSUME(RCurly);
  });

  mapComp = this.RULE('mapComp', () => {
    this.CONSUME(LBracket);
    this.CONSUME(Identifier);
    this.CONSUME(KW.in);
    this.SUBRULE(this.expression);
    this.CONSUME(MapsTo);
    this.SUBRULE2(this.expression);
    this.CONSUME(RBracket);
  });

  seqLit = this.RULE('seqLit', () => {
    this.CONSUME(SeqOpen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(Gt);
    this.CONSUME2(Gt);
  });

  quantExpr = this.RULE('quantExpr', () => {
    this.OR([{ ALT: () => this.CONSUME(KW.forall) }, { ALT: () => this.CONSUME(KW.exists) }]);
    this.CONSUME(Identifier);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.CONSUME2(Identifier);
    });
    this.CONSUME(KW.in);
    this.SUBRULE(this.opExpr, { ARGS: [PRECEDENCE.range] });
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });
}

let parserInstance: CredParser | undefined;

/** The one parser instance (its self-analysis is the expensive part). */
export function credParser(): CredParser {
  parserInstance ??= new CredParser();
  return parserInstance;
}

/** True for the engine's "Maximum call stack size exceeded" (from any realm). */
export function isStackOverflow(e: unknown): boolean {
  const err = e as { name?: unknown; message?: unknown } | undefined;
  return err?.name === 'RangeError' && /call stack/i.test(String(err.message));
}

/** What one parse returned; `overflowAt` is set when the input exhausted the stack. */
export interface ParseOutcome {
  readonly cst: CstNode | undefined;
  readonly errors: CredParser['errors'];
  /** Index of the token the parser had reached when the stack ran out. */
  readonly overflowAt?: number;
}

/** Runs the grammar over the context's tokens; recognition errors come back with the tree. */
export function parseTokens(context: ParseContext): ParseOutcome {
  const parser = credParser();
  parser.context = context;
  parser.input = context.tokens as IndexedToken[] as IToken[];
  try {
    const cst = parser.specFile();
    return { cst, errors: parser.errors };
  } catch (e) {
    // The token-level nesting bound keeps brackets shallow; a chain such as thousands of
    // nested `? :` can still exhaust the stack. That is bad input: say where it happened.
    if (!isStackOverflow(e)) throw e;
    // exportLexerState is Chevrotain's (untyped) accessor for the current token index.
    const reached = (parser as unknown as { exportLexerState(): number }).exportLexerState();
    return { cst: undefined, errors: [], overflowAt: Math.max(0, reached) };
  } finally {
    parser.context = { tokens: [], text: '' };
    parser.input = [];
  }
}
