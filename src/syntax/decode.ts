// Bytes to source text. Takes a file's bytes (or text already decoded) and its display path;
// returns the text with a leading BOM removed and a located diagnostic for the first invalid
// UTF-8 byte (the rest of the file is still decoded, bad bytes as U+FFFD). It reads no files.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { at } from '../source/checked-index.js';
import { LineMap } from '../source/line-map.js';

export interface DecodedSource {
  /** The text every span counts in: BOM removed, line breaks kept as written. */
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = at(bytes, i, 'byte');
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes one source file. */
export function decodeSource(input: string | Uint8Array, file: string): DecodedSource {
  if (typeof input === 'string') {
    return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, diagnostics: [] };
  }
  const bomLength =
    input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const body = input.subarray(bomLength);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const text = decoder.decode(body);
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return { text, diagnostics: [] };
  // Everything before the bad byte is valid, so its decoded length is the character offset.
  const charOffset = decoder.decode(body.subarray(0, bad)).length;
  const span = new LineMap(text).span(file, charOffset, charOffset + 1);
  const byte = '0x' + at(body, bad, 'invalid byte').toString(16).toUpperCase().padStart(2, '0');
  return {
    text,
    diagnostics: [
      { code: 'CS1007', severity: 'error', span, args: { byte, offset: bad + bomLength } },
    ],
  };
}
