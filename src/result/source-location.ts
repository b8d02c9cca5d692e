// Where something is written in a spec, as result files record it: 1-based line and column.
// Its own file so that the result file and the wait edges it holds can both name it.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}
