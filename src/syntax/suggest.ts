// "Did you mean" hints: the closest name by edit distance among the candidates in scope.
// Takes a misspelt name and candidate names; returns a hint sentence or undefined. Pure.

import { at } from '../source/checked-index.js';

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `cuont` is one edit from
 * `count`. A difference in case only counts half, so `errno` prefers `Errno` to `Error`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  const cell = (i: number, j: number): number => at(at(rows, i, 'row'), j, 'column');
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const ca = a.charAt(i - 1);
      const cb = b.charAt(j - 1);
      const sub = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      const left = at(row, j - 1, 'column');
      let d = Math.min(cell(i - 1, j) + 1, left + 1, cell(i - 1, j - 1) + sub);
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb)
        d = Math.min(d, cell(i - 2, j - 2) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return cell(a.length, b.length);
}

/**
 * The closest candidate when it is close enough to be a likely typo: at most a third of the
 * name's length (at least one edit). Ties go to the alphabetically first name, for stable output.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name || c === '') continue;
    const d = editDistance(name, c);
    if (d > limit) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean \`x\`?`, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const best = closestName(name, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
