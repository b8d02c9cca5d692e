// Reads by index or key where the caller has already established that the item is there (a
// bounded loop, a length check, a key taken from the same table). With noUncheckedIndexedAccess
// the type still says `undefined` is possible; these say what was expected and stop with an
// internal error naming it, rather than pass `undefined` on or assert it away unchecked.

/** Item `index` of `list`, which the caller knows is in range. */
export function at<T>(list: ArrayLike<T>, index: number, what: string): T {
  const item = list[index];
  if (item === undefined) {
    throw new Error(`internal error: ${what}: no item ${index} (length ${list.length})`);
  }
  return item;
}

/** The value under `key`, which the caller knows is present. */
export function required<V>(table: Readonly<Record<string, V>>, key: string, what: string): V {
  const value = table[key];
  if (value === undefined) throw new Error(`internal error: ${what}: no entry for '${key}'`);
  return value;
}
