// CS2xxx-CS6xxx: names, types, steps, variants, properties. Owned by the checker (src/check).
// Takes nothing; exports the table entries the checker reports. Codes are stable: never reuse
// or renumber one, add new ones at the end of their band.
import type { CodeInfo } from './code-info.js';

export const CHECK_CODES = {
  // CS2xxx: names and scopes
  CS2001: {
    severity: 'error',
    message: 'unknown name `{name}`',
    meaning:
      'A name that no declaration in scope defines (a "did you mean" hint names the closest name in scope).',
  },
  CS2002: {
    severity: 'error',
    message: 'duplicate declaration of `{name}`',
    meaning:
      'Two declarations of the same name in one scope (top level of the program, or one frame); the note points at the first one.',
  },
  CS2003: {
    severity: 'error',
    message:
      "`self` is only available inside a process, procedure or macro, or in a `thread var`'s initial value",
    meaning:
      '`self` used in a def, a property, or a top-level declaration (the initial value of a `thread var` is per thread, so `self` is allowed there).',
  },
  CS2004: {
    severity: 'error',
    message: '`frame` is only available inside a procedure',
    meaning: '`frame` (the current call) used outside a procedure body.',
  },
  CS2005: {
    severity: 'error',
    message: '`{name}` is {actual}, not {expected}',
    meaning:
      'A name used as something it is not: a variable called as a function, a procedure used as a value, a value used as a type, a def called as a step.',
  },
  CS2006: {
    severity: 'error',
    message: '`{name}` is declared both here and in {other}',
    meaning:
      'A name declared in two files of the program; reported in the importing file, the note points at the other declaration.',
  },
  CS2007: {
    severity: 'warning',
    message: '{what} `{name}` is never used',
    meaning:
      'A variable, param, const, def, macro or procedure of the root file that nothing refers to (declarations from imported files are never reported).',
  },
  CS2008: {
    severity: 'error',
    message: '`{name}` is a built-in name and cannot be declared',
    meaning:
      'A declaration that reuses a built-in name (`Thread`, `bool`, `int`, `card`, `len`, `head`, `tail`, `append`, `done`, `alive`, `exiting`, `unborn`, `at`, `in_call`).',
  },
  CS2009: {
    severity: 'error',
    message: 'unknown step label `{name}`',
    meaning: 'The label argument of `at(t, label)` (or `P.label`) names no labelled step.',
  },
  CS2010: {
    severity: 'error',
    message: '`lock_order` names `{name}`, which is no lock class of this spec',
    meaning:
      'A name in `lock_order a < b` that is neither a variable declared `Spinlock`, `Mutex`, `Rwsem` or `Completion` (shared, thread or local) nor the lock a prelude lock operation of the spec takes, waits on or completes (its first argument, indices dropped: `siglock[t]` is `siglock`, `ctx->done` is `done`).',
  },

  // CS3xxx: types
  CS3001: {
    severity: 'error',
    message: '{what} has type {actual}, expected {expected}',
    meaning:
      'An expression whose type does not fit where it is used (an assignment, an argument, a condition, an operand, an initial value).',
  },
  CS3002: {
    severity: 'error',
    message: '`{name}` takes {expected} argument(s), got {actual}',
    meaning: 'A call to a def, procedure, macro or built-in with the wrong number of arguments.',
  },
  CS3003: {
    severity: 'error',
    message: '`{name}` cannot be assigned: it is {reason}',
    meaning:
      'The left-hand side of an assignment is not a variable, an element or field of one, or a frame field `p->x` (params, consts, enum values and bound variables are read-only).',
  },
  CS3004: {
    severity: 'error',
    message: 'type {type} has no field `{field}`',
    meaning: 'A record field (`r.f`, `r with { f: e }`) that the record type does not declare.',
  },
  CS3005: {
    severity: 'error',
    message: 'type {type} cannot be {operation}',
    meaning:
      'Indexing something that is not a map or sequence, reading a field of something that is not a record, or `p->x` on something that is not a frame.',
  },
  CS3006: {
    severity: 'error',
    message: 'the operands of `{op}` have incompatible types {left} and {right}',
    meaning:
      'A comparison, set operation or conditional whose two sides can never hold the same kind of value.',
  },
  CS3007: {
    severity: 'error',
    message: 'procedure `{proc}` has no variable `{field}`',
    meaning: '`p->x` where procedure p has no parameter or local `x`.',
  },
  CS3008: {
    severity: 'error',
    message: 'the elements of {what} have incompatible types {left} and {right}',
    meaning: 'A set or sequence literal whose elements have types that do not fit each other.',
  },
  CS3009: {
    severity: 'error',
    message: 'macro `{macro}` writes its parameter `{param}`, so the argument must be assignable',
    meaning:
      'A macro assigns to one of its parameters, and the call passes an expression that is not a variable, element, field or frame field.',
  },
  CS3010: {
    severity: 'error',
    message: 'type alias `{name}` refers to itself',
    meaning:
      'A `type` declaration whose definition contains itself, directly or through other aliases.',
  },
  CS3011: {
    severity: 'error',
    message: '{callee} `{name}` returns no value',
    meaning:
      '`x := p(...)` (or a call in an `if`/`while`/`await` condition) where p is a procedure without a return type or a macro whose body does not end with `return e`.',
  },
  CS3012: {
    severity: 'error',
    message: 'procedure `{name}` can only be called as a step',
    meaning:
      'A procedure called inside an expression; calls are statements (`p(args)` or `x := p(args)`).',
  },
  CS3013: {
    severity: 'error',
    message: 'record type {type} is missing field `{field}`',
    meaning: 'A record literal assigned to a record type without one of its fields.',
  },
  CS3014: {
    severity: 'error',
    message: 'type parameter `{name}` takes no type arguments',
    meaning:
      'A type parameter of a generic alias used with type arguments (`type Box<T> = T<int>`): a parameter stands for a whole type.',
  },

  // CS4xxx: steps, labels and atomicity
  CS4001: {
    severity: 'error',
    message: 'label `{name}` is already used in `{owner}`',
    meaning:
      'Two steps of one process or procedure with the same label; the note points at the first.',
  },
  CS4002: {
    severity: 'error',
    message: 'procedure call inside {context}',
    meaning:
      'A procedure call in an `atomic` block or a macro body: a call is several steps and cannot be part of one.',
  },
  CS4003: {
    severity: 'error',
    message: '`while` inside {context}',
    meaning: 'A `while` loop in an `atomic` block or a macro body.',
  },
  CS4004: {
    severity: 'error',
    message: 'label `{name}` inside {context}',
    meaning:
      'A labelled statement in an `atomic` block or macro body: only whole steps have labels.',
  },
  CS4005: {
    severity: 'error',
    message: 'a blocking statement can only come first in {context}',
    meaning:
      'An `await` (or a call to a macro that starts with one) after the first statement of an `atomic` block or macro body.',
  },
  CS4006: {
    severity: 'error',
    message: '`for` inside {context} must write only elements indexed by `{binder}`',
    meaning:
      'A `for` in an `atomic` block or macro body that is not a parallel update: every assignment in its body must write `x[binder]` (or a field of it).',
  },
  CS4007: {
    severity: 'error',
    message: '{kind} `{name}` is recursive: {cycle}',
    meaning:
      'A procedure (or macro) that calls itself directly or through others; the model keeps one frame per procedure per thread, and macros are inlined.',
  },
  CS4008: {
    severity: 'error',
    message: '`return` outside a procedure',
    meaning: '`return` in a process body or macro.',
  },
  CS4009: {
    severity: 'error',
    message: 'procedure `{name}` {problem}',
    meaning:
      '`return e` in a procedure with no return type, or a bare `return` in a procedure that has one.',
  },
  CS4010: {
    severity: 'warning',
    message: 'procedure `{name}` returns {type} but its body can end without `return`',
    meaning: 'A path through a procedure with a return type that reaches the end of the body.',
  },
  CS4011: {
    severity: 'error',
    message: '`clone {name}`: {problem}',
    meaning: '`clone G` where G is not a process group, or a group declared without `spare` slots.',
  },
  CS4012: {
    severity: 'warning',
    message: 'this step is unreachable',
    meaning:
      'A statement after `return` or `exit` in the same block, after an `if`/`either` whose branches all leave, or after a `while true` with no way out.',
  },
  CS4013: {
    severity: 'error',
    message: '`{keyword}` outside a loop',
    meaning:
      '`break` or `continue` that is not inside a `while` or `for` of the same process or procedure body (a loop around the call of a procedure does not count).',
  },
  CS4014: {
    severity: 'error',
    message: '`{keyword}` inside {context}',
    meaning:
      '`break` or `continue` inside an `atomic` block, a macro body or a fault handler: those run as part of one step, which cannot jump out of the middle.',
  },
  CS4015: {
    severity: 'error',
    message: '`{keyword}` is not a step, so it cannot have {what}',
    meaning:
      'A label or `@kernel` annotation before `break` or `continue`: the step that reaches it (an `if` test, the previous statement) is the one to name.',
  },
  CS4016: {
    severity: 'error',
    message: 'macro `{name}` {problem}',
    meaning:
      'A `return` in a macro that is not `return e` as the last statement of its body, or a macro that declares a result type and does not end with `return e`.',
  },
  CS4017: {
    severity: 'error',
    message: 'this step already calls value-returning macro `{first}`; a step can use one',
    meaning:
      'Two calls of value-returning macros in one statement or condition: each runs its body, and a step runs one body before its test.',
  },
  CS4018: {
    severity: 'error',
    message:
      'macro `{name}` is a step: its value can be used only as `x := {name}(...)` or in the condition of `if`, `while` or `await`',
    meaning:
      'A value-returning macro called inside a def, a property, an initial value, an argument, or an expression of another statement.',
  },
  CS4019: {
    severity: 'error',
    message: '`{location}` is written twice in one step: by {first} and by {second}',
    meaning:
      'A statement that writes one location twice: `x := m(...)` where macro m also writes `x`, or a macro call whose arguments make two of its writes land on the same location (`atomic_dec_return(n, n)`).',
  },
  CS4020: {
    severity: 'error',
    message: 'an `unreachable` mark needs a reason: say why no check reaches this place',
    meaning:
      '`unreachable ""` (or a reason of blanks only) before a step or a cover, after `may fail` or after an `else`: the reason is what the vacuity gate of `ci` reports instead of a failure, so it must say why the place is never taken.',
  },
  CS4021: {
    severity: 'error',
    message:
      '`unreachable` cannot mark {what}: the vacuity gate counts steps, fault points and covers',
    meaning:
      'An `unreachable` mark before a statement that is not a step of its own (inside an `atomic` block, a macro body or a fault handler, or `break`/`continue`), or after the `may fail` of a fault point or the `else` of an `if`/`while` inside one of those: no check counts that place, so the mark could never be held to its claim.',
  },
  CS4030: {
    severity: 'error',
    message: 'a `capped` mark needs a reason: say why a verdict may rest on this bound',
    meaning:
      '`// capped ""` (or `// capped` with no reason) above a `param` or `const`: the reason is what `check` and `ci` report instead of a warning or a failure when a temporal property holds while a counter stands at this bound, so it must say why the bound cannot hide a run that never ends.',
  },
  CS4031: {
    severity: 'error',
    message: 'a `capped` mark cannot stand above {what}',
    meaning:
      'A `// capped "reason"` comment excuses a counter\'s bound: it stands right above the `param` or `const` that is the upper end of the counter\'s range and the right side of its `counter < BOUND` test. Above anything else it excuses nothing.',
  },
  CS4101: {
    severity: 'error',
    message: '{step} may sleep while {lock} is held (sleeping in atomic context)',
    meaning:
      'A step that may sleep (a plain `await`, a sleeping prelude operation such as `mutex_lock` or `wait_for_completion`, a call to a procedure that may sleep) on a path where a spinlock or RCU read section taken earlier is still held.',
  },
  CS4102: {
    severity: 'error',
    message: '{where} returns to user space with {lock} held',
    meaning:
      'The end of a process body, or an `exit`, reached on a path where a lock taken earlier in the body is still held.',
  },
  CS4103: {
    severity: 'warning',
    message:
      'step `{step}` folds several kernel operations into one, and writes `{location}`, which step `{other}` of another thread touches with no lock both hold',
    meaning:
      'An `atomic` block or a call of a spec macro that writes a shared location and touches another one, while a step another thread can run reads or writes what it writes without a lock both steps hold: the kernel does those operations one by one, and the model hides what runs between them (docs/language.md, Granularity). Judged per variant and per element of a `map` (`x[self]` of two threads never meet); a procedure\'s steps hold the locks all its calls hold. A `// folded "reason"` comment right above the step silences it.',
  },

  // CS5xxx: variants, parameters and expectations
  CS5001: {
    severity: 'error',
    message: 'unknown variant `{name}`',
    meaning: 'An `extends` or an `expect` that names no variant (`base` always exists).',
  },
  CS5002: {
    severity: 'error',
    message: 'variant `{name}` extends itself: {cycle}',
    meaning: 'A cycle of `extends` between variants.',
  },
  CS5003: {
    severity: 'error',
    message: '`override {kind} {name}`: no {kind} `{name}` to override',
    meaning: 'An override naming a declaration that does not exist, or exists with another kind.',
  },
  CS5004: {
    severity: 'error',
    message: '`override {kind} {name}`: {problem}',
    meaning:
      'An override whose parameters or return type differ from the declaration it replaces (for a macro: one has a value, `return e` last, and the other has none).',
  },
  CS5005: {
    severity: 'error',
    message: '`override step {owner}.{label}`: {problem}',
    meaning:
      'A step override whose owner is not a process or procedure, or whose label names no step of it.',
  },
  CS5006: {
    severity: 'error',
    message: 'unknown param `{name}`',
    meaning: 'A variant or expectation that sets a param the spec does not declare.',
  },
  CS5007: {
    severity: 'error',
    message: 'value {value} does not fit param `{name}` of type {type}',
    meaning:
      'A param default, variant or expectation value outside the param type (wrong kind, enum member of another enum, integer outside a literal range).',
  },
  CS5008: {
    severity: 'error',
    message: 'unknown property `{name}` in `violates`',
    meaning:
      '`violates P` where P is no invariant, action, property, `assert` label or built-in property (`frame_use_after_return`, `out_of_range`).',
  },
  CS5009: {
    severity: 'error',
    message: 'param `{name}` has type {type}; params must be bool, an integer range or an enum',
    meaning: 'A param declared with a type that cannot be given on a command line.',
  },
  CS5010: {
    severity: 'error',
    message: 'the value of param `{name}` must be a literal',
    meaning:
      'A param default (or a value in a variant or expectation) that is not a literal: an integer, `true`/`false`, or an enum member.',
  },
  CS5011: {
    severity: 'error',
    message: '`deadlock` is a verdict, not a property',
    meaning: '`expect v: violates deadlock`; write `expect v: deadlock`.',
  },
  CS5012: {
    severity: 'error',
    message: '`{name}` is a cover; a cover is reached or not, never violated',
    meaning: '`violates C` where C is a `cover` declaration.',
  },
  CS5013: {
    severity: 'error',
    message: 'duplicate variant `{name}`',
    meaning: 'Two variants with the same name, or a variant named `base` (the spec itself).',
  },
  CS5014: {
    severity: 'error',
    message: 'param `{name}` is set twice',
    meaning: 'The same param given twice in one variant or expectation.',
  },
  CS5015: {
    severity: 'error',
    message: 'expectation for `{key}` repeats an earlier one',
    meaning:
      'Two expectations for the same variant and parameter set; `credspec ci` could not tell which verdict is wanted.',
  },
  CS5016: {
    severity: 'error',
    message: 'no variant `{name}` in this spec (it has: {known})',
    meaning: 'A `--variant` on the command line names a variant the spec does not declare.',
  },
  CS5017: {
    severity: 'error',
    message: 'expected `by simulation(...)` after the verdict, found `{words}`',
    meaning: 'An expectation ends with words other than `by simulation(...)`.',
  },
  CS5018: {
    severity: 'error',
    message: 'unknown simulation option `{name}` (seed, traces and depth are known)',
    meaning: 'A `by simulation(...)` clause names an option it does not have.',
  },
  CS5019: {
    severity: 'error',
    message: 'simulation option `{name}` takes a whole number of at least {least}',
    meaning: 'A `by simulation(...)` option is not a whole-number literal within its range.',
  },
  CS5020: {
    severity: 'error',
    message: 'a simulation cannot show that a variant holds',
    meaning:
      'A `holds` expectation carries `by simulation(...)`: random behaviours never prove that a property holds.',
  },
  CS5021: {
    severity: 'error',
    message: 'spec `{name}` declares no process: there is nothing to check',
    meaning:
      'A spec (with its imports) that declares no `process`: no thread runs, so no property could be checked.',
  },
  CS5022: {
    severity: 'warning',
    message: 'no process has a thread {params}: no step runs and every property holds vacuously',
    meaning:
      "Every process group has a thread count of 0 under the default params or an expectation's params: the model is one state, which satisfies every invariant.",
  },
  CS5023: {
    severity: 'error',
    message: 'the processes may have {total} threads in all; credspec checks at most {limit}',
    meaning:
      "The thread counts (spare slots included) of every process group, at the largest values their params' declared ranges allow, exceed the engine's limit of 64 threads per model.",
  },
  CS5024: {
    severity: 'warning',
    message:
      'the range `{range}` has {size} members {params}; the engine enumerates at most {limit}',
    meaning:
      "An `any` or `for` over an integer range that, under the default params or an expectation's, has more members than the engine builds (2^20): `check` ends that run with an evaluation error when the step runs. Membership tests (`x in a..b`, a variable's declared range) are never limited.",
  },
  CS5025: {
    severity: 'error',
    message:
      'the sweep values of param `{name}` must be a range `lo..hi`, a set `{a, b}` or `= value`',
    meaning:
      'An entry of a `sweep` block whose values are neither an integer range of literals, a set literal of literals nor one value after `=`.',
  },
  CS5026: {
    severity: 'error',
    message: 'a second `sweep` block for {variant}',
    meaning:
      'Two `sweep` blocks name the same variant, or two name none (the block for every variant): one block each.',
  },
  CS5027: {
    severity: 'error',
    message: 'the sweep values of param `{name}` are empty',
    meaning: 'A `sweep` entry `in lo..hi` with lo > hi, or `in {}`: the sweep would check nothing.',
  },

  // CS6xxx: properties and fairness
  CS6001: {
    severity: 'error',
    message: "`{text}'` (next value) is only allowed in an `action` property",
    meaning: 'A primed expression in a statement, an invariant, a cover or a temporal property.',
  },
  CS6002: {
    severity: 'error',
    message: 'only variables can be primed, not `{text}`',
    meaning: 'A prime on something that is not a variable or an element or field of one.',
  },
  CS6003: {
    severity: 'error',
    message: 'process `{name}` is symmetric, but the spec has liveness property `{property}`',
    meaning:
      'Symmetry reduction is unsound for liveness properties: drop `symmetric` or the temporal property.',
  },
  CS6004: {
    severity: 'warning',
    message: 'liveness property `{name}` holds only under fairness, and no process is fair',
    meaning:
      'A temporal property in a spec where no process is `fair`: every thread may stop forever, so the property fails by stuttering.',
  },
  CS6005: {
    severity: 'error',
    message:
      'property `{name}`: a quantifier before `eventually`, `always` or `leadsto` must be `forall`',
    meaning:
      'A temporal property written `exists t in S: ...` before its `eventually`, `always` or `leadsto` form: a property is checked per instance of its quantifier, so only `forall` can stand there.',
  },
} as const satisfies Record<string, CodeInfo>;
