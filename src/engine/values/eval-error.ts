// The two ways evaluating a module can end a run early: an evaluation error (TLC's "TLC threw
// an unexpected exception", "Attempted to apply function ...") and a failed Assert. Both are
// thrown from evaluation code (interpreted or generated) and caught only by the search, which
// turns them into a CheckResult; they never escape `explore`.

/** An evaluation error: the run ends with verdict `error`. */
export class EvalError extends Error {
  override readonly name = 'EvalError';
  /**
   * @param message what failed, in TLC's words where TLC has them
   * @param definition the TLA+ definition being evaluated (an action, an invariant, `Init`)
   */
  constructor(
    message: string,
    public definition: string | undefined = undefined,
  ) {
    super(message);
  }
}

/** `Assert(cond, msg)` with cond FALSE: the run ends with verdict `violated`, property = msg. */
export class AssertFailure extends Error {
  override readonly name = 'AssertFailure';
  /**
   * @param assertMessage the second argument of Assert, as a string
   * @param definition the definition whose evaluation hit the assertion
   */
  constructor(
    readonly assertMessage: string,
    public definition: string | undefined = undefined,
  ) {
    super(assertMessage);
  }
}
