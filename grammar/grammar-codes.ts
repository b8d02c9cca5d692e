// The diagnostic codes the lexer and the parser report, named here so that the grammar depends on
// nothing of src/: it hands these up as data, and src/syntax/parse.ts turns them into diagnostics
// whose messages live in src/diagnostics/codes/syntax.ts (tsc rejects a code missing there).

export type GrammarCode =
  | 'CS1001'
  | 'CS1002'
  | 'CS1003'
  | 'CS1004'
  | 'CS1005'
  | 'CS1006'
  | 'CS1008'
  | 'CS1010'
  | 'CS1011'
  | 'CS1012'
  | 'CS1013'
  | 'CS1014'
  | 'CS1031'
  | 'CS1032'
  | 'CS1033'
  | 'CS1034';
