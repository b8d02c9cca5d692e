// Picks a trace format by name. Takes a selected result; returns the formatted text. Pure and
// free of terminal code: the plain path of `credspec trace` loads only this and the formats.

import type { VariantResult } from '../../result/result-file.js';
import { formatItfTrace } from './itf.js';
import { formatJsonTrace } from './json.js';
import { formatLkmlTrace } from './lkml.js';
import { formatMermaidTrace } from './mermaid.js';
import { formatTextTrace, type TextTraceOptions } from './text.js';

/** The names `--format` accepts. */
export const TRACE_FORMATS = ['text', 'json', 'itf', 'mermaid', 'lkml'] as const;

export type TraceFormat = (typeof TRACE_FORMATS)[number];

/** True when `name` is one of TRACE_FORMATS. */
export function isTraceFormat(name: string): name is TraceFormat {
  return (TRACE_FORMATS as readonly string[]).includes(name);
}

/** The result in the named format, ending in a newline (`options`: the folding of text, mermaid and lkml). */
export function formatTrace(
  result: VariantResult,
  format: TraceFormat,
  options: TextTraceOptions = {},
): string {
  switch (format) {
    case 'text':
      return formatTextTrace(result, options);
    case 'json':
      return formatJsonTrace(result);
    case 'itf':
      return formatItfTrace(result);
    case 'mermaid':
      return formatMermaidTrace(result, options);
    case 'lkml':
      return formatLkmlTrace(result, options);
  }
}
