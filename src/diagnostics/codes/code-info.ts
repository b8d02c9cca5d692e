// The shape of one row of the code table, in its own file so that each band under codes/ can
// name it without importing the file that joins the bands.

export interface CodeInfo {
  readonly severity: 'error' | 'warning';
  /** Message template with `{name}` placeholders filled from the diagnostic's args. */
  readonly message: string;
  /** What triggers it, one line, for docs/diagnostics.md. */
  readonly meaning: string;
}
