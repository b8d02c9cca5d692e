// CS1xxx: lexing and syntax. Owned by the front end (grammar/, src/syntax).
// Token names in `{found}`/`{expected}` arguments are already quoted as the user writes them.
import type { CodeInfo } from './code-info.js';

export const SYNTAX_CODES = {
  CS1001: {
    severity: 'error',
    message: 'unexpected character {char}',
    meaning: 'A character that starts no token.',
  },
  CS1002: {
    severity: 'error',
    message: 'expected {expected}, found {found}',
    meaning: 'A token the grammar does not allow at this point.',
  },
  CS1003: {
    severity: 'error',
    message: 'expected {expected} to close the {what} opened at {line}:{column}, found {found}',
    meaning: 'A block, parenthesis or bracket that is not closed where it should be.',
  },
  CS1004: {
    severity: 'error',
    message: 'unterminated string: a string needs its closing `"` on the same line',
    meaning: 'A string literal with no closing quote before the end of its line.',
  },
  CS1005: {
    severity: 'error',
    message: 'unterminated block comment: `/*` has no closing `*/`',
    meaning: 'A block comment that runs to the end of the file.',
  },
  CS1006: {
    severity: 'error',
    message: 'unknown escape {escape} in a string (known: `\\"`, `\\\\`, `\\n`)',
    meaning: 'A backslash escape other than \\", \\\\ and \\n in a string.',
  },
  CS1007: {
    severity: 'error',
    message: 'invalid UTF-8: byte {byte} at byte offset {offset}',
    meaning: 'The file is not valid UTF-8; the first bad byte is located.',
  },
  CS1008: {
    severity: 'error',
    message: 'nesting deeper than {limit} levels; the rest of this file is not parsed',
    meaning: 'Brackets, braces or prefix operators nested beyond the parser limit.',
  },
  CS1009: {
    severity: 'error',
    message: 'a spec file must start with `spec NAME`, found {found}',
    meaning: 'The `spec` header is missing.',
  },
  CS1010: {
    severity: 'error',
    message: '{keyword} is a keyword and cannot be used as a name',
    meaning: 'A reserved word where a name is expected.',
  },
  CS1011: {
    severity: 'error',
    message: 'expected a declaration, found {found}',
    meaning: 'Something at the top level that starts no declaration.',
  },
  CS1012: {
    severity: 'error',
    message: 'expected a statement, found {found}',
    meaning: 'Something in a block that starts no statement.',
  },
  CS1013: {
    severity: 'error',
    message: 'expected an expression, found {found}',
    meaning: 'Something where an expression must start.',
  },
  CS1014: {
    severity: 'error',
    message: 'expected a type, found {found}',
    meaning: 'Something where a type must start.',
  },
  CS1015: {
    severity: 'error',
    message: 'number {text} is too large (the largest is 9007199254740991)',
    meaning: 'An integer literal beyond the exactly representable range.',
  },
  CS1016: {
    severity: 'error',
    message:
      'unknown type {name}<...>: the generic types are `set<T>`, `seq<T>`, `map<K, V>`, `frame<p>` and aliases declared with type parameters',
    meaning:
      'Type arguments after a name that is neither a built-in generic type nor a declared type alias.',
  },
  CS1017: {
    severity: 'error',
    message: '{name} takes {expected}, found {found}',
    meaning:
      'A generic type with the wrong number of type arguments: `set`, `seq` and `map`, or a generic alias (`type Pair<A, B> = ...` used as `Pair<int>` or as plain `Pair`), or type arguments given to an alias that has no type parameters.',
  },
  CS1018: {
    severity: 'error',
    message: 'a record literal needs `name: value` for every field',
    meaning: 'Braces mixing record fields and set elements.',
  },
  CS1019: {
    severity: 'error',
    message: 'a set filter is written `{ v in S | P }`: expected `v in S` before `|`',
    meaning: 'A set filter whose binder part is not `name in set`.',
  },
  CS1020: {
    severity: 'error',
    message: 'a set map is written `{ e : v in S }`: expected `v in S` after `:`',
    meaning: 'A set map whose binder part is not `name in set`, or with more than one element.',
  },
  CS1021: {
    severity: 'error',
    message: '{stmt} cannot be marked `may fail`: only a simple statement can',
    meaning: 'A fault point on a compound statement (if, while, for, either, atomic).',
  },
  CS1022: {
    severity: 'error',
    message:
      'cannot assign to this expression: the left side of `:=` must be a variable, an element `x[i]`, a field `x.f` or `p->x`',
    meaning: 'An assignment whose target is not a location.',
  },
  CS1023: {
    severity: 'error',
    message: 'this expression is not a statement: only a procedure or macro call can stand alone',
    meaning: 'An expression used as a statement.',
  },
  CS1024: {
    severity: 'error',
    message: 'a local `var` must be declared directly in a process or procedure body',
    meaning: 'A `var` declaration inside a nested block or a macro.',
  },
  CS1025: {
    severity: 'error',
    message: 'a top-level variable is `shared var` or `thread var`',
    meaning: 'A `var` at the top level without its scope.',
  },
  CS1026: {
    severity: 'error',
    message: '{scope} variables are declared at the top level, not in a body',
    meaning: 'A `shared var` or `thread var` inside a process or procedure body.',
  },
  CS1027: {
    severity: 'error',
    message: 'the `spec` header must be the first item of the file, and only one',
    meaning: 'A `spec NAME` after other declarations, or a second one.',
  },
  CS1028: {
    severity: 'error',
    message: 'unknown annotation @{name}: the only one is `@kernel("file", "function", "commit")`',
    meaning: 'An `@` annotation other than @kernel.',
  },
  CS1029: {
    severity: 'error',
    message: '`@kernel` takes one to three strings (file, function, commit), found {count}',
    meaning: 'An @kernel annotation with the wrong arguments.',
  },
  CS1030: {
    severity: 'error',
    message: '{what} is given twice',
    meaning: 'A modifier or annotation repeated.',
  },
  CS1031: {
    severity: 'error',
    message: 'expected `holds`, `deadlock` or `violates NAME`, found {found}',
    meaning: 'An expectation without a known verdict.',
  },
  CS1032: {
    severity: 'error',
    message: 'expected `snapshot` or `live` before the set of a `for` loop, found {found}',
    meaning: 'A `for` loop that does not say how its set is read.',
  },
  CS1033: {
    severity: 'error',
    message:
      'expected `eventually P`, `always eventually P`, `eventually always P` or `P leadsto Q`, found {found}',
    meaning: 'A temporal property in none of the supported forms.',
  },
  CS1034: {
    severity: 'error',
    message:
      'expected `param NAME = value`, `override procedure|macro|def|process ...` or `override step Owner.label: statement`, found {found}',
    meaning: 'Something in a variant body that is not a variant member.',
  },
  CS1035: {
    severity: 'error',
    message:
      'an overriding step takes its label from `{owner}.{label}`: remove the label written here',
    meaning: 'A labelled statement inside `override step`.',
  },
  CS1036: {
    severity: 'error',
    message: 'this expression nests too deeply to parse',
    meaning:
      'An expression whose nesting exhausted the parser (for example thousands of chained conditionals).',
  },
  CS1037: {
    severity: 'error',
    message: 'import cycle: {cycle}',
    meaning: 'Files that import each other, directly or through others.',
  },
  CS1038: {
    severity: 'error',
    message: 'too many syntax errors; only the first {limit} are shown',
    meaning: 'A file so broken that listing every error would not help.',
  },
  CS1039: {
    severity: 'error',
    message: 'a label names a step: it cannot stand before `var`',
    meaning: 'A label or @kernel annotation before a local declaration.',
  },
  CS1040: {
    severity: 'error',
    message: '`fresh` applies only to a `thread var`',
    meaning:
      '`fresh` before `shared var`, before a plain `var`, or before a local `var` of a body: only per-thread state can start fresh in a clone child.',
  },
  CS1041: {
    severity: 'error',
    message: '`any` is only allowed as `x := any S` (or `x := any v in S where P`)',
    meaning:
      '`any` inside an expression (an index, an argument, an operand): a choice is a statement of its own, so choose into a variable first and use that.',
  },
  CS1042: {
    severity: 'error',
    message: '{what} nested deeper than {limit} levels; {how}',
    meaning:
      'An expression (a long chain of `and`, `+`, `?:`) or a statement (a long `else if` chain) nested past the depth every phase of credspec handles.',
  },
  CS1043: {
    severity: 'error',
    message: '`unreachable` at the top level marks a `cover`; here it stands before {before}',
    meaning:
      'An `unreachable "reason"` among the declarations that no `cover` follows. A step is marked inside its body (`unreachable "reason" label: stmt`), a fault point after its `may fail`.',
  },
} as const satisfies Record<string, CodeInfo>;

/** One of the CS1xxx codes. */
export type SyntaxCode = keyof typeof SYNTAX_CODES;
