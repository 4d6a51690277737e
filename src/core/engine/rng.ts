/**
 * Seeded PRNG (sfc32). The state is an explicit object passed to whoever needs randomness, so two
 * simulations never share a stream and the same seed always gives the same numbers, in Node and in
 * a Worker. The unseeded global generator is never used in src/core (lint forbids it).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
}

export function createRng(seed: number): Rng {
  // splitmix32 expands one 32-bit seed into sfc32's 128-bit state.
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return {
    next(): number {
      a >>>= 0;
      b >>>= 0;
      c >>>= 0;
      d >>>= 0;
      const t = (a + b + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
  };
}

/** Exponential inter-arrival time in integer ns (at least 1), for Poisson traffic. */
export function expInterval(rng: Rng, meanNs: number): number {
  const u = rng.next();
  return Math.max(1, Math.round(-Math.log(1 - u) * meanNs));
}
