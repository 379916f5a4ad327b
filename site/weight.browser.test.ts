/**
 * What a customer downloads on the demo site, in Chromium (test/first-downloads.ts):
 * the article page, the first search and the chat's first open with one
 * answer, each held to a byte budget (gzip). Times are not tested here; they
 * live in `npm run bench:site`.
 *
 * Issue 16's targets are 8 KB, 50 KB and 80 KB. Where a target is not met yet,
 * the budget is what the site downloads now plus a little, so it cannot grow
 * back unnoticed; docs/benchmarks.md has the figures beside the targets.
 */
import { expect, it } from 'vitest';
import { demoInBrowser, describeWithBrowser } from '../test/browser.ts';
import { type Download, measureFirstDownloads } from '../test/first-downloads.ts';

/** Budgets in bytes of gzip, per step. */
const BUDGET = {
  // Target 8 KB, missed by 80 bytes: the page is 7.9 KB (nl) and the favicon 0.2 KB, measured in CI on 2026-12-06
  // (8,080 B nl, 8,017 B en): the home page's and result lists' styles left it, the widget's attachment styles came in
  // (they sit in global.css with the rest of the widget's; moving the widget's styles out of the page is the next cut).
  article: 8_100,
  // Target 50 KB: met in English (47.3 KB); Dutch is 58.1 KB since the phrasings grew (its index is 28 KB, the code 28 KB).
  firstSearch: 59_500,
  // Target 80 KB, missed: measured locally on 2026-12-06, 157,163 B (nl) = code 37.5 KB + model asset 119.4 KB
  // (asset format 2, docs/decisions/021-assistant-asset-format-2.md; 167,894 B with format 1 before main's wider rules).
  // A clean clone's build weighed 1.2 KB more in CI than a local one: 1.7 KB of room over the local figure.
  widget: 158_900,
  /**
   * The code of either step: Preact islands, no React DOM (66 KB by itself). 37.47 KB measured locally on 2026-12-06
   * (the widget's; the asset format 2 decoder, range and Rice codes, adds 0.72 KB of it and takes 11.9 KB off the
   * model); CI measured 1.2 KB more than a local build on a clean clone before, which is not yet understood.
   */
  code: 39_000,
};

const codeOf = (downloads: Download[]) => downloads.filter((d) => d.path.startsWith('/_astro/')).reduce((sum, d) => sum + d.gzip, 0);

describeWithBrowser('what a customer downloads', () => {
  const demo = demoInBrowser();

  for (const locale of ['nl', 'en'] as const) {
    it(`${locale}: the article page, the first search and the chat's first answer stay within their budgets`, async () => {
      const figures = await measureFirstDownloads(demo.browser, demo.server.url, { locale });
      const list = (downloads: Download[]) => downloads.map((d) => `${d.path} ${d.gzip}`).join('\n');

      // Nothing but the page (and its icon) before the customer reaches for search or the chat.
      expect(figures.article.downloads.filter((d) => !d.path.startsWith(`/${locale}/`) && d.path !== '/favicon.svg')).toEqual([]);
      expect(figures.article.gzip, list(figures.article.downloads)).toBeLessThanOrEqual(BUDGET.article);

      expect(figures.firstSearch.downloads.some((d) => d.path.startsWith('/search-index/'))).toBe(true);
      expect(figures.firstSearch.gzip, list(figures.firstSearch.downloads)).toBeLessThanOrEqual(BUDGET.firstSearch);
      expect(codeOf(figures.firstSearch.downloads), list(figures.firstSearch.downloads)).toBeLessThanOrEqual(BUDGET.code);

      expect(figures.widget.downloads.some((d) => d.path.startsWith('/assistant-model/'))).toBe(true);
      expect(figures.widget.gzip, list(figures.widget.downloads)).toBeLessThanOrEqual(BUDGET.widget);
      expect(codeOf(figures.widget.downloads), list(figures.widget.downloads)).toBeLessThanOrEqual(BUDGET.code);
    });
  }
});
