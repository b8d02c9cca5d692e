// The binary operators of expressions as the parser hands them up in its precedence table
// (parser.ts BINARY_PRECEDENCE) and as the AST stores them (src/syntax/ast.ts BinaryExpr).

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | 'mod'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | '=>'
  | 'in'
  | 'notin'
  | 'subseteq'
  | 'union'
  | 'inter'
  | '\\'
  | '..';
