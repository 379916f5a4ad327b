import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';
import { DAY_MS, utcDay } from './days.ts';
import { mulberry32 } from './random.ts';

describe('mulberry32', () => {
  it('keeps the sequence the assistant models, the demo data and the benchmark content were made with', () => {
    // Seed 1's first outputs as 32-bit integers, from the three copies this replaced (identical over 10,000 draws of 7 seeds).
    const random = mulberry32(1);
    expect([random(), random(), random()].map((x) => x * 4294967296)).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('gives the same numbers for the same seed and others for another, all in [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 1000 }, mulberry32(seed));
    const a = take(42);
    expect(take(42)).toEqual(a);
    expect(take(43)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    // Roughly uniform: each tenth of [0, 1) holds 60 to 140 of 1000 draws.
    const tenths = Array.from({ length: 10 }, (_, i) => a.filter((x) => Math.floor(x * 10) === i).length);
    for (const n of tenths) {
      expect(n).toBeGreaterThan(60);
      expect(n).toBeLessThan(140);
    }
  });

  it('treats negative and large seeds as their 32-bit value', () => {
    expect(mulberry32(-1)()).toBe(mulberry32(2 ** 32 - 1)());
  });
});

describe('utcDay', () => {
  it('gives the UTC day, not the local one', () => {
    expect(utcDay(new Date('2026-11-23T23:30:00-02:00'))).toBe('2026-11-24');
    expect(utcDay(Date.UTC(2026, 0, 1) - 1)).toBe('2025-12-31');
    expect(utcDay(Date.UTC(2024, 1, 28) + DAY_MS)).toBe('2024-02-29');
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt between half and all of the delay, up to the cap', () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelayMs(1, 1000, 60_000, () => 0.999_999)).toBe(1000);
    expect(backoffDelayMs(3, 1000, 60_000, () => 0.5)).toBe(3000);
    expect(backoffDelayMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelayMs(30, 1000, 60_000, () => 0)).toBe(30_000);
    expect(backoffDelayMs(30, 1000, 60_000, () => 0.999_999)).toBe(60_000);
  });
});
