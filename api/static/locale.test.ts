import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.ts';

const locales = ['nl', 'en'] as const;

describe('pickLocale', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['nl', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
    ['nl-BE', 'nl'],
    ['EN-us', 'en'],
    // q-values decide, not header order.
    ['nl;q=0.4, en;q=0.8', 'en'],
    ['de-DE,de;q=0.9,en;q=0.7,nl;q=0.8', 'nl'],
    // Equal q: the first one listed wins.
    ['en;q=0.5, nl;q=0.5', 'en'],
    // Nothing offered matches: the default.
    ['de-DE,fr;q=0.8', 'nl'],
    ['*', 'nl'],
    // q=0 means "not this one", also for the wildcard's pick.
    ['nl;q=0, *', 'en'],
    ['en;q=0', 'nl'],
    // A malformed q-value does not make a range preferred.
    ['en;q=high, nl;q=0.1', 'nl'],
    ['en;q=1.5, nl;q=0.1', 'nl'],
  ])('%j → %s', (header, expected) => {
    expect(pickLocale(header, locales, 'nl')).toBe(expected);
  });

  it('falls back to the given default', () => {
    expect(pickLocale('de', locales, 'en')).toBe('en');
  });
});
