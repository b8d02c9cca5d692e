// The 32-bit mixing steps behind fingerprints: two independent lanes (murmur3-style steps with
// different constants and fixed seeds) and a string hash, so a fingerprint is the same in every
// run and on every machine. A leaf: values (model value halves) and fingerprints both use it.

export const SEED1 = 0x1b873593;
export const SEED2 = 0x27d4eb2f;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

export function step1(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function step2(h: number, k: number): number {
  k = Math.imul(k, 0x85ebca77);
  k = rotl(k, 16);
  k = Math.imul(k, 0xc2b2ae3d);
  h ^= k;
  h = rotl(h, 17);
  return (Math.imul(h, 9) + 0x52dce729) | 0;
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
