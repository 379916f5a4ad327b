import { describe, expect, it } from 'vitest';
import { duration, timeAgo } from './time.ts';

const now = Date.parse('2026-12-06T12:00:00Z');
const earlier = (ms: number) => new Date(now - ms).toISOString();

describe('timeAgo', () => {
  it.each([
    [20_000, 'zojuist', 'just now'],
    [5 * 60_000, '5 minuten geleden', '5 minutes ago'],
    [3 * 3600_000, '3 uur geleden', '3 hours ago'],
    [30 * 3600_000, '30 uur geleden', '30 hours ago'],
    [4 * 86_400_000, '4 dagen geleden', '4 days ago'],
  ])('says %i ms ago as %s / %s', (ms, nl, en) => {
    expect(timeAgo(earlier(ms), 'nl', now)).toBe(nl);
    expect(timeAgo(earlier(ms), 'en', now)).toBe(en);
  });
});

describe('duration', () => {
  it('is short in both languages', () => {
    expect(duration(12 * 60_000, 'nl')).toMatch(/^12 min/);
    expect(duration(3 * 3600_000, 'nl')).toBe('3 uur');
    expect(duration(3 * 3600_000, 'en')).toMatch(/^3 hrs?$/);
    expect(duration(2 * 86_400_000, 'nl')).toBe('2 dagen');
    expect(duration(2 * 86_400_000, 'en')).toBe('2 days');
    expect(duration(-5, 'en')).toBe('1 min');
  });
});
