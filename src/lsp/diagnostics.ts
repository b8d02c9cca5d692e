// Diagnostics as you type: each open spec is re-checked a short while after its last change (and
// after a change to any open file it imports), and the editor gets the diagnostics in that spec's
// own file with `lint`'s codes, messages, hints and related locations.

import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { compareDiagnostics, formatMessage } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { locationOf, rangeOf } from './positions.js';
import type { Workspace } from './workspace.js';

/** Milliseconds of quiet after a change before the spec is checked again. */
export const DEBOUNCE_MS = 150;

/** One diagnostic as the protocol carries it; the hint follows the message, as `lint` prints it. */
export function toLspDiagnostic(ws: Workspace, d: Diagnostic): LspDiagnostic {
  const message = formatMessage(d.code, d.args);
  return {
    range: rangeOf(d.span),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'credspec',
    message: d.hint === undefined ? message : `${message}\nhint: ${d.hint}`,
    ...(d.related === undefined || d.related.length === 0
      ? {}
      : {
          relatedInformation: d.related.map((r) => ({
            location: locationOf(ws, r.span),
            message: r.note,
          })),
        }),
  };
}

/** The diagnostics of the spec at `path` that lie in its own file, in `lint`'s order. */
export function diagnosticsOf(ws: Workspace, path: string): LspDiagnostic[] {
  return ws
    .analyze(path)
    .diagnostics.filter((d) => d.span.file === path)
    .sort(compareDiagnostics)
    .map((d) => toLspDiagnostic(ws, d));
}

/**
 * Calls `publish` for each spec a change touches, once the changes have paused for DEBOUNCE_MS:
 * the changed spec and every open spec that imports it.
 */
export class DiagnosticScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ws: Workspace,
    private readonly publish: (path: string) => void,
  ) {}

  changed(path: string): void {
    for (const root of new Set([path, ...this.ws.openDependents(path)])) {
      clearTimeout(this.timers.get(root));
      this.timers.set(
        root,
        setTimeout(() => {
          this.timers.delete(root);
          this.publish(root);
        }, DEBOUNCE_MS),
      );
    }
  }

  /** Stops every pending check (the document closed, the server is shutting down). */
  cancel(path?: string): void {
    for (const [root, timer] of this.timers)
      if (path === undefined || root === path) {
        clearTimeout(timer);
        this.timers.delete(root);
      }
  }
}
