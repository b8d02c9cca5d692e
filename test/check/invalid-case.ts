// The shape of one invalid-spec case (cases*.ts) and what invalid-specs.test.ts asserts of it.

/** One invalid-input case. `others` are extra files the snippet imports. */
export interface InvalidCase {
  readonly name: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
  readonly related?: { readonly line: number; readonly column: number; readonly file?: string };
  readonly file?: string;
  readonly src: string;
  readonly others?: Readonly<Record<string, string>>;
}
