import { describe, expect, it } from 'vitest';
import { failedSearchSignal } from './failed-search.ts';

/** sessionStorage as a Map: what one tab remembers. */
function tabStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('failedSearchSignal', () => {
  it('reports a search once per tab: the box, then the results page after Enter, count one', () => {
    const tab = tabStorage();
    expect(failedSearchSignal(tab, 'nl', '  retourtje zonder bonnetje ', 0)).toEqual({
      type: 'failed_search',
      query: 'retourtje zonder bonnetje',
      locale: 'nl',
      resultCount: 0,
    });
    expect(failedSearchSignal(tab, 'nl', 'retourtje zonder bonnetje', 0)).toBeNull();
    // Another tab is another visit.
    expect(failedSearchSignal(tabStorage(), 'nl', 'retourtje zonder bonnetje', 0)).not.toBeNull();
  });

  it('tells locales apart and skips queries under two characters', () => {
    const tab = tabStorage();
    expect(failedSearchSignal(tab, 'nl', 'gsm', 0)).not.toBeNull();
    expect(failedSearchSignal(tab, 'en', 'gsm', 0)).not.toBeNull();
    expect(failedSearchSignal(tab, 'nl', ' x ', 0)).toBeNull();
  });

  it('redacts before anything leaves the browser, and cuts at 200 characters', () => {
    const signal = failedSearchSignal(tabStorage(), 'nl', `mail jan@example.com ${'x'.repeat(300)}`, 0);
    expect(signal?.query.startsWith('mail [e-mail] ')).toBe(true);
    expect(signal?.query.length).toBeLessThanOrEqual(200);
  });

  it('survives a damaged memory', () => {
    const tab = tabStorage();
    tab.setItem('wegwijs.search.reported', '{nope');
    expect(failedSearchSignal(tab, 'nl', 'pakketje', 0)).not.toBeNull();
    expect(failedSearchSignal(tab, 'nl', 'pakketje', 0)).toBeNull();
  });
});
