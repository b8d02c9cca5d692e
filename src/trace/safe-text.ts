// Text from a result file made safe to print. A result file is input like any other: a thread,
// variable or value may hold ESC sequences, other C0 and C1 controls or bidi overrides that
// would move the cursor, recolour or retitle the terminal, or reorder what a reader sees. Text
// formats get them as visible escapes (`\x1b`, `\u202e`); JSON formats as `\uXXXX` escapes,
// which keep the value exact. Pure.

/**
 * Every character that changes how a terminal or a bidi-aware reader shows the text around it:
 * C0 controls, DEL, C1 controls, the bidi marks, embeddings, overrides and isolates, and the
 * Unicode line and paragraph separators.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set, tabs allowed: what one line of a text output may keep. */
const UNSAFE_IN_LINE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text with every unsafe character (line feeds and tabs too) written as a visible escape. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * Multi-line text with every unsafe character but tabs written as a visible escape; lines end
 * in a line feed (a carriage return before one is dropped, as line splitting drops it).
 */
export function escapeControlsInLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(UNSAFE_IN_LINE, visible))
    .join('\n');
}

/**
 * JSON text with every unsafe character written as a `\uXXXX` escape. JSON.stringify already
 * escapes C0 inside strings; this covers DEL, C1 and the bidi characters it leaves raw. Outside
 * strings JSON text holds none of them, so the value read back is the same.
 */
export function escapeControlsInJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A copy of a JSON value with every string and every object key passed through `escape`: what
 * the interactive viewer is given, so no pane can print a raw control character.
 */
export function escapeStringsDeep<T>(value: T, escape: (s: string) => string = escapeControls): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return escape(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a key `__proto__` stays a key.
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(out, escape(k), {
          value: walk(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
