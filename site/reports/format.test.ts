import { describe, expect, it } from 'vitest';
import { csvUrl, gapReference, reportQuery } from './api.ts';
import {
  defaultRange,
  filterFromSearch,
  formatAverage,
  formatMinutes,
  formatShare,
  isDay,
  rangeProblem,
  reversedInSearch,
  searchOfFilter,
  shares,
  wholePercents,
} from './format.ts';

const today = new Date('2026-11-23T15:00:00Z');

describe('report filters', () => {
  it('defaults to the last 28 days up to today, like the API', () => {
    expect(defaultRange(today)).toEqual({ from: '2026-10-27', to: '2026-11-23' });
  });

  it('reads a shared link and writes it back the same', () => {
    const filter = filterFromSearch('?from=2026-01-01&to=2026-03-31&locale=en', today);
    expect(filter).toEqual({ from: '2026-01-01', to: '2026-03-31', locale: 'en' });
    expect(filterFromSearch(searchOfFilter(filter), today)).toEqual(filter);
    expect(searchOfFilter({ from: '2026-01-01', to: '2026-01-31', locale: '' })).toBe('?from=2026-01-01&to=2026-01-31');
  });

  it('falls back to the default for a broken link', () => {
    expect(filterFromSearch('?from=2026-02-30&to=2026-03-01&locale=de', today)).toEqual({ ...defaultRange(today), locale: '' });
    expect(filterFromSearch('?from=2026-03-02&to=2026-03-01', today)).toEqual({ ...defaultRange(today), locale: '' });
  });

  it('names what is wrong with a typed period', () => {
    expect(rangeProblem('', '2026-01-01')).toBe('from');
    expect(rangeProblem('2026-01-01', '2026-13-01')).toBe('to');
    expect(rangeProblem('2026-02-01', '2026-01-01')).toBe('order');
    expect(rangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
  });

  it('builds API queries and CSV links from the filter', () => {
    expect(reportQuery({ from: '2026-01-01', to: '2026-01-31', locale: '' })).toBe('from=2026-01-01&to=2026-01-31');
    expect(gapReference('koelkast raar zoem')).toBe('gap:koelkast-raar-zoem');
    expect(gapReference('café  bestelling?')).toBe('gap:cafe-bestelling');
    expect(gapReference('???')).toBeUndefined();
    expect(gapReference('x'.repeat(300))).toHaveLength(100);
    expect(csvUrl('content-gaps', { from: '2026-01-01', to: '2026-01-31', locale: 'nl' })).toBe(
      '/api/agent/reports/content-gaps?from=2026-01-01&to=2026-01-31&locale=nl&format=csv',
    );
  });
});

describe('figures', () => {
  it('writes averages and shares per locale, and a dash for no data', () => {
    expect(formatAverage(2.35, 'nl')).toBe('2,4');
    expect(formatAverage(2, 'en')).toBe('2.0');
    expect(formatAverage(null, 'en')).toBe('–');
    expect(formatShare(0.456, 'en')).toBe('46%');
    expect(formatShare(null, 'nl')).toBe('–');
  });

  it('writes durations in readable units', () => {
    expect(formatMinutes(45.4, 'en')).toBe('45 min');
    expect(formatMinutes(200, 'en')).toBe('3 h 20 min');
    expect(formatMinutes(120, 'nl')).toBe('2 u');
    expect(formatMinutes(52 * 60, 'en')).toBe('2 d 4 h');
    expect(formatMinutes(null, 'en')).toBe('–');
  });

  it('turns a distribution into shares, all zero when empty', () => {
    expect(shares([1, 1, 2, 0, 0])).toEqual([0.25, 0.25, 0.5, 0, 0]);
    expect(shares([0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('whole percentages', () => {
  it('add up to 100 by the largest remainders, and keep nulls', () => {
    expect(wholePercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    // Rounded one by one these would be 29 + 29 + 14 + 29 = 101.
    expect(wholePercents([0.2857, 0.2857, 0.1429, 0.2857])).toEqual([29, 29, 14, 28]);
    expect(wholePercents([0.2, 0.4, 0.4])).toEqual([20, 40, 40]);
    expect(wholePercents([null, null])).toEqual([null, null]);
    expect(wholePercents([0, 0])).toEqual([0, 0]);
  });
  it('spots a period that runs backwards in the address', () => {
    expect(reversedInSearch('?from=2026-03-15&to=2026-03-01')).toBe(true);
    expect(reversedInSearch('?from=2026-03-01&to=2026-03-15')).toBe(false);
    expect(reversedInSearch('?from=nonsense&to=2026-03-01')).toBe(false);
  });
});
