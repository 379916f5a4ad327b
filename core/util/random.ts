/**
 * A small seeded pseudo-random generator, for whatever must come out the
 * same on every run and platform: the assistant's training order, demo data,
 * generated benchmark content, test data. Not for secrets (use
 * `crypto.getRandomValues`).
 */

/**
 * mulberry32: 32 bits of state, a full period of 2^32, numbers in [0, 1).
 * The same seed gives the same sequence everywhere (only 32-bit integer
 * arithmetic).
 *
 * @example
 * const random = mulberry32(7);
 * const pick = items[Math.floor(random() * items.length)];
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
