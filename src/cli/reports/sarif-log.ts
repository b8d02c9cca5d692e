// The SARIF 2.1.0 envelope both SARIF reports share (`ci --sarif`, `lint --format sarif`): the
// schema, the version and one run of the credspec tool with its rules and results. Takes what
// differs between them; returns a JSON-ready object whose keys come in the order code scanning
// and the tests read them.

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifRun {
  readonly toolVersion: string;
  /** Where the tool's documentation is (the driver's `informationUri`); none without a public address. */
  readonly informationUri: string | undefined;
  readonly rules: readonly object[];
  /** The bases that `uriBaseId`s in the results name, when any do. */
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
  readonly results: readonly object[];
}

/** A SARIF log of one credspec run. */
export function sarifLog(run: SarifRun): object {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'credspec',
            version: run.toolVersion,
            ...(run.informationUri === undefined ? {} : { informationUri: run.informationUri }),
            rules: run.rules,
          },
        },
        ...(run.originalUriBaseIds === undefined
          ? {}
          : { originalUriBaseIds: run.originalUriBaseIds }),
        results: run.results,
      },
    ],
  };
}
