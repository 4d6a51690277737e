/**
 * Trial seeds and the sweep's own PRNG. Trial k of a sweep runs with `trialSeed(seed, k)`, so any
 * trial can be replayed alone (`msix-lab run <scenario> --trial k`) and a shard needs nothing but
 * (seed, k) to run its slice. Pure integer arithmetic: the same numbers in Node, a Worker and a
 * worker_thread.
 */

/** murmur3's 32-bit finaliser: a bijection on uint32 with good avalanche. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seed of trial k (k >= 0) of a sweep whose scenario seed is `seed`. */
export function trialSeed(seed: number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > 0xffffffff)
    throw new RangeError(`trial must be an integer 0..4294967295, got ${k}`);
  return fmix32(fmix32(seed >>> 0) ^ Math.imul(k + 1, 0x9e3779b1));
}

/**
 * The stream that draws trial k's variation (random.*). Distinct from the simulation's traffic
 * stream (which is seeded with the trial seed itself), so adding a random block does not change
 * the Poisson draws.
 */
export function variationRng(trial: number): () => number {
  return mulberry32(fmix32(trial ^ 0x5bd1e995));
}

/** mulberry32: small, fast, seeded; uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a (32-bit, twice with different offsets for 64 bits of hex) over a string: the scenario hash. */
export function hashText(s: string): string {
  let h1 = 0x811c9dc5,
    h2 = 0x01000193 ^ 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
