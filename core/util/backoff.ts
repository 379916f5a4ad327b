/**
 * How long to wait before trying again: exponential, capped, with "equal
 * jitter" (half the delay fixed, half random), so that clients or deliveries
 * that failed together do not all come back at the same moment
 * (the AWS Architecture Blog's "Exponential Backoff And Jitter").
 */

/**
 * The delay before attempt `attempts + 1`, in whole milliseconds: between half
 * and all of `min(maxDelayMs, baseDelayMs × 2^(attempts − 1))`.
 *
 * @param attempts failed attempts so far (1 after the first failure; 0 counts as 1)
 * @param random a source of numbers in [0, 1); default `Math.random`
 * @example
 * backoffDelayMs(3, 30_000, 6 * 3_600_000) // 60 000 to 120 000
 */
export function backoffDelayMs(attempts: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
