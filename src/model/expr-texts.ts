// Which DSL text each lowered TLA+ expression came from, so that what a user reads about an
// emitted expression (a property's false part, an operand's value) is the spec's own words cut
// from its source at the expression's span, never the emitted TLA+ printed and renamed. Also
// the DSL name of each bound variable the lowering introduced (`t` for a renamed `t_2`).
// Filled while lowering; read after. Keyed by node identity: the emitter and the engine keep
// the nodes the lowering built.

import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';

/** The text of `span` in `source`, on one line: comments dropped, runs of blanks one space. */
function oneLine(source: string, span: Span): string {
  return source
    .slice(span.start.offset, span.end.offset)
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export class ExprTexts {
  private readonly texts = new WeakMap<TlaExpr, string>();
  private readonly spans = new WeakMap<TlaExpr, Span>();
  private readonly binders = new Map<string, string>();

  /** `files`: each source file's text by the path its spans name. */
  constructor(private readonly files: ReadonlyMap<string, string>) {}

  /**
   * Records that `e` was lowered from the DSL expression at `span`. The first record wins: an
   * inner expression lowered to the very node of its parent (a parenthesis, a name bound to its
   * argument) keeps its own, narrower text.
   */
  record(e: TlaExpr, span: Span): void {
    // Booleans are shared nodes: no one text belongs to them.
    if (e.kind === 'TlaBool' || this.texts.has(e)) return;
    const source = this.files.get(span.file);
    if (source === undefined) return;
    const text = oneLine(source, span);
    if (text === '') return;
    this.texts.set(e, text);
    this.spans.set(e, span);
  }

  /** Gives `e`, built by the lowering for no one DSL expression (a built-in check), its words. */
  describe(e: TlaExpr, text: string): void {
    if (e.kind !== 'TlaBool' && !this.texts.has(e)) this.texts.set(e, text);
  }

  /** The DSL text `e` was lowered from, if it was lowered from one expression. */
  text(e: TlaExpr): string | undefined {
    return this.texts.get(e);
  }

  /** Where in the spec the DSL expression `e` was lowered from is written. */
  span(e: TlaExpr): Span | undefined {
    return this.spans.get(e);
  }

  /** Records that bound variable `tla` stands for the DSL name `dsl`. */
  bind(tla: string, dsl: string): void {
    if (!this.binders.has(tla)) this.binders.set(tla, dsl);
  }

  /** The DSL name of bound variable `tla` (itself when the lowering did not rename it). */
  binderName(tla: string): string {
    return this.binders.get(tla) ?? tla;
  }
}
