// JSON paths as messages about a result file write them (`results[1].trace[3].changes["t1.x"]`),
// and the depth of a parsed JSON value, measured without recursion so that no nesting, however
// deep, can overflow the stack that measures it. Pure.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** One step of a path: `.name` for a plain name, `["t1.x"]` otherwise, `[3]` for an index. */
export function jsonPathKey(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A JSON Pointer (`/results/1/trace/3`, as ajv gives it) as a path; `""` is the whole file. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  const parts = pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts
    .map((p, i) =>
      /^(0|[1-9][0-9]*)$/.test(p) ? `[${p}]` : i === 0 && IDENTIFIER.test(p) ? p : jsonPathKey(p),
    )
    .join('');
}

const SHOWN_LEVELS = 12;

/**
 * The path (its first levels) of the first array or object nested deeper than `limit` levels (the file itself is
 * level 0), or null when none is.
 */
export function firstTooDeep(value: unknown, limit: number): string | null {
  const pending: { value: unknown; depth: number; path: string }[] = [
    { value, depth: 0, path: '' },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: v, depth, path } = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return path;
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (const [key, child] of entries.reverse()) {
      if (child !== null && typeof child === 'object') {
        // The path names the first levels only: a message naming a hundred `[0]` helps nobody.
        const step =
          depth > SHOWN_LEVELS
            ? ''
            : depth === SHOWN_LEVELS
              ? '...'
              : path === '' && typeof key === 'string' && IDENTIFIER.test(key)
                ? key
                : jsonPathKey(key);
        pending.push({ value: child, depth: depth + 1, path: path + step });
      }
    }
  }
  return null;
}
