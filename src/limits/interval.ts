// The largest integer interval `a..b` a spec may have enumerated. One number read by two phases:
// the checker warns (CS5024) about a range past it, the engine refuses to build one. It lives
// below both so that neither imports the other.

/** The most members an interval `a..b` the engine builds may have (2^20, as SUBSET and Permutations). */
export const INTERVAL_LIMIT = 1 << 20;

/** Members of `a..b` (0 when b < a). Exact: both bounds are 32-bit integers. */
export function intervalSize(a: number, b: number): number {
  return b < a ? 0 : b - a + 1;
}
