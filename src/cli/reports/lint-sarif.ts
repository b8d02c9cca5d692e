// `credspec lint --format sarif`: the diagnostics as a SARIF 2.1.0 log, for code scanning and
// SARIF viewers. One rule per code that occurs (its message template as the short description,
// what triggers it from the codes table as the full one and as help, docs/diagnostics.md as the
// help link), one result per diagnostic with its region, related locations and a fingerprint.
// Takes the sorted diagnostics; returns a JSON-ready object.

import { pathToFileURL } from 'node:url';
import { CODES } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatMessage } from '../../diagnostics/render.js';
import { PRELUDE_DISPLAY_DIR } from '../../syntax/load.js';
import type { Span } from '../../source/span.js';
import { type DocsLink, withUri } from './docs-link.js';
import { sarifLog } from './sarif-log.js';

const PRELUDE_BASE = 'PRELUDE';

export interface LintSarifOptions {
  readonly toolVersion: string;
  /** The folder `<prelude>/` stands for in display paths. */
  readonly preludeDir: string;
  /** Where docs pages are published; each rule's helpUri is docs/diagnostics.md's `#<code>`. */
  readonly docs: DocsLink;
}

/** A relative path as a relative URI reference: each segment percent-encoded (`a b#1.cred`). */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = file.split('\\').join('/');
  if (path.startsWith(PRELUDE_DISPLAY_DIR + '/'))
    return {
      uri: relativeUri(path.slice(PRELUDE_DISPLAY_DIR.length + 1)),
      uriBaseId: PRELUDE_BASE,
    };
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path)) return { uri: pathToFileURL(file).href };
  return { uri: relativeUri(path) };
}

function physicalLocation(span: Span): object {
  return {
    artifactLocation: artifactLocation(span.file),
    region: {
      startLine: span.start.line,
      startColumn: span.start.column,
      endLine: span.end.line,
      endColumn: span.end.column,
    },
  };
}

function ruleOf(code: string, docs: DocsLink): object {
  const info = (CODES as Record<string, { severity: string; message: string; meaning: string }>)[
    code
  ];
  return {
    id: code,
    shortDescription: { text: info?.message ?? code },
    fullDescription: { text: info?.meaning ?? code },
    // Code scanning shows the help beside the alert; it needs the text, not only the link.
    help: {
      text: `${info?.meaning ?? code} docs/diagnostics.md has ${code}; credspec lint prints each diagnostic with its line, a caret and a hint.`,
      markdown: `${info?.meaning ?? code}\n\n\`docs/diagnostics.md\` has ${code}; \`credspec lint\` prints each diagnostic with its line, a caret and a hint.`,
    },
    ...withUri('helpUri', docs('diagnostics.md', code.toLowerCase())),
    defaultConfiguration: { level: info?.severity === 'warning' ? 'warning' : 'error' },
  };
}

export function toLintSarif(diagnostics: readonly Diagnostic[], options: LintSarifOptions): object {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = diagnostics.map((d) => {
    const message = formatMessage(d.code, d.args);
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.hint === undefined ? message : `${message} (hint: ${d.hint})` },
      locations: [{ physicalLocation: physicalLocation(d.span) }],
      // The same diagnostic at the same place is the same alert from one run to the next.
      partialFingerprints: {
        credspecDiagnostic: `${d.span.file}|${d.code}|${d.span.start.line}:${d.span.start.column}`,
      },
    };
    if (d.related !== undefined && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, i) => ({
        id: i,
        physicalLocation: physicalLocation(r.span),
        message: { text: r.note },
      }));
    }
    return result;
  });
  const preludeUri = pathToFileURL(options.preludeDir).href;
  return sarifLog({
    toolVersion: options.toolVersion,
    informationUri: options.docs('diagnostics.md', 'credspec-diagnostics'),
    rules: codes.map((c) => ruleOf(c, options.docs)),
    originalUriBaseIds: {
      [PRELUDE_BASE]: { uri: preludeUri.endsWith('/') ? preludeUri : preludeUri + '/' },
    },
    results,
  });
}
