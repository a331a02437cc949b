/**
 * Deterministic pseudo-random numbers for generated data (benchmarks, evaluation sets, demo):
 * the same sequence on every machine for a given seed. Not for anything secret.
 */

/** A small deterministic PRNG (mulberry32): the same set on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
