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

/**
 * Budgets in bytes of gzip, per step. The "room for what a clean clone weighs more" in the older notes below was the
 * test build inheriting Vitest's NODE_ENV=test (Preact's development paths); since 2026-12-07 test/build-site.ts builds
 * with NODE_ENV=production, as `npm run build`, and the budgets of the first search and the chat were cut by that room.
 */
const BUDGET = {
  // Target 8 KB: met. 7,003 B (nl) and 6,949 B (en) measured locally on 2026-12-06, from 8,077 and 8,017: the widget's styles
  // left the page and come with its code (site/styles/chat.css, site/chat/styles.ts); the launcher's rules stay. 150 B for a
  // clean clone's build, which measured slightly more than a local one. 7,450 B (2026-12-07, fourteenth session): what
  // a quick typist types while the chat opens is held for its message box (site/directives/interaction.ts
  // `holdTyping`, on every page): 7,352 B nl, 7,291 B en measured. 7,600 B (2026-12-07, fifteenth session, branch
  // person15): high contrast's borders and pressed colours, the search suggestions without a link inside each option,
  // the keyboard's focus kept clear of the launcher (site/styles/global.css): 7,442 B nl, 7,383 B en measured.
  article: 7_600,
  // Target 50 KB: met. 44,669 B (nl: code 20,955 + index 23,714) and 41,330 B (en: index 20,375) measured locally on
  // 2026-12-06, from 58,239 and 50,834: the search islands without preact/compat and the interface's other text, shards and
  // failed-search reporting loaded only when needed, the Dutch lexicon as term positions (site/search/format.ts).
  // Room for the 1.2 KB a clean build's code weighs more. 2026-12-07 (tenth session): +0.7 KB on purpose, the index also
  // finds an article by the assistant's lexicon words for its title ("kasticket", "nota" → the invoice; site-data.ts
  // `synonymsFinder`): 45,643 B measured (index 24,760 B).
  firstSearch: 46_000,
  // Target 80 KB, missed. 143,944 B (nl) and 131,241 B (en) measured locally on 2026-12-06 with test/first-downloads.ts
  // (docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md), after main's 444 new phrasings; on the content
  // before them the same changes took 160,633 B to 138,223 B (nl): the model's phrasings load for a hand-off only, the chat's
  // text and the stemmer of one locale (code 39.0 → 35.9 KB), a smaller model by default at the same answers (1,100 weights
  // per article, no unweighted features, 21-bit buckets: 106.3 KB nl, 94.6 KB en). Room for the 1.2 KB a clean clone's
  // build weighs more in CI. Later the same day a clean clone's CI run measured 145,927 B (nl; code 37,571 B): the attachment
  // check before upload (core/attachments.ts, 0.4 KB), the gap rule's patterns in the model (0.3 KB) and one stylesheet
  // loader shared with the article feedback (site/styles/stylesheet.ts, 0.2 KB). Budgets from that figure, with 0.6 KB room.
  // 2026-12-07: 145,290 B (nl; code 36,938 B) → 142,342 B (nl; code 34,087 B) and 132,250 B → 129,503 B (en) measured
  // locally: the chat's islands without preact/compat (site/chat/ChatWidget.tsx). Budgets from the nl figure plus the
  // 0.64 KB a clean clone weighed more than a local build before (145,927 against 145,290 B), with 0.6 KB room. Then, the
  // test build at NODE_ENV=production (see above): 143,000 B, the local figure plus 0.6 KB. Then +0.4 KB on purpose
  // (2026-12-07, ninth session): a typed "ja" or "nee" answers the widget's own questions (ChatWidget chunk 17,355 →
  // 17,723 B gzip -9; site/chat/conversation.ts `typedYesOrNo`). Then +0.4 KB on purpose (2026-12-07, tenth session):
  // a typed "nee" to the offered articles, "ja" after no answer, a typed effort score, the offered articles kept as
  // links (ChatWidget chunk 17,723 → 17,978 B gzip -9), and a retrained model (lexicon words): 143,485 B measured.
  // Then +0.5 KB on purpose (2026-12-07, eleventh session): the model retrained with new lexicon words and rule
  // patterns (nl asset 106,758 → 106,861 B) and the rules' matching of drawn-out letters: 143,894 B; a typed thanks
  // under "did this answer your question?" counts as yes (site/chat/conversation.ts `thanksAsYes`, ChatWidget chunk
  // +83 B gzip): 143,980 B measured; 144,109 B after more rule patterns and lexicon words the same day. Then +0.6 KB
  // on purpose (2026-12-07, twelfth session): rule patterns and lexicon words from six fresh writer sets (gaps, help,
  // abuse, comparisons) and the model retrained with them (nl asset 106,861 → 107,409 B): 144,702 B measured; with
  // ten fresh writer sets' words by the end of that session (nl asset 107,685 B) and the widget's fixes found as a
  // person (poll cap while open, the hand-off form kept over a reload, the offline notice; +79 B): 145,110 B measured.
  // Then +1.2 KB on purpose (2026-12-07, thirteenth session): the chat's closed tickets (+123 B code), a declined topic
  // and a hypothesis's framing left out of the ranking (core/assistant/answer.ts `declinedPart`, `withoutHypothesis`:
  // +745 B code) and rule words and synonyms from six fresh writer sets (nl asset 107,685 → 108,182 B): 146,454 B.
  // And +0.72 KB on purpose (2026-12-07, thirteenth session, branch person13): what people walking the product met
  // (the second half of a double tap stopped, ticket numbers kept whole, the chat closed over an article followed from
  // it on a phone, an answer keeping its title after a language switch): 145,111 → 145,721 to 145,998 B measured (nl,
  // /work/notes/person13/weigh.ts against builds of main 6dffc70 and the branch; the total varies by some 0.3 KB).
  // Both together, measured after merging: 147,249 B.
  // Then +0.5 KB on purpose (2026-12-07, fourteenth session): the product-question article's patterns (property
  // questions about any product: watts, decibels, dimensions, dishwasher safe), rule words from six fresh writer sets
  // and the declining and spelling code (core/assistant/answer.ts, spelling.ts): 147,729 B measured.
  // Then +0.4 KB on purpose (2026-12-07, fourteenth session, branch person14): what people walking the product met (a
  // long message kept and the customer told, not cut by the field; a pasted message's line breaks kept (a one-row
  // text area); the newest line kept in view when a phone's keyboard shortens the chat or a line grows in place):
  // 147,303 → 147,684 B nl, 133,768 → 134,349 B en measured with /work/notes/person14/weigh.ts against builds of
  // main 72ee6d0 and the branch; this test measured 147,784 B nl on the branch.
  // Both together, measured after merging: 148,443 B (en 134,926 B). With order numbers left out of a question
  // (core/assistant/answer.ts `withoutReferences`) and "is er nog niet" read as not here yet: 148,592 B.
  // Then +1.2 KB on purpose (2026-12-07, fifteenth session): article patterns and rule words from eleven fresh writer
  // sets (a product's fit and properties, a guest order's account, a basket's shipping, a pre-order, a Klarna reminder,
  // what a service we lack…; nl asset +0.7 KB), how often it was tried and a campaign's code read before ranking
  // (core/assistant/answer.ts `withoutAttempts`, `withDiscountCodesNamed`), and person15's 400 % zoom layout
  // (ChatWidget.tsx, chat.css): 149,757 B measured; 150,107 B with the day's last patterns (exchanging, what cannot
  // go back, a gift card mailed tonight, noise cancelling…).
  // Then +0.7 KB on purpose (2026-12-07, sixteenth session): patterns and rule words from four more fresh writer sets
  // (something else sent, cancelling in separated words, insurance, a partnership…): 150,756 B measured; 151,093 B
  // with the session's last (a gift card used to buy, a size's fit, a return's qr code…); 151,436 B after branch
  // person17 (two tabs, the launcher's note) and decision 044 merged; 151,506 B with the last sets' patterns.
  widget: 152_000,
  /** The search's code: 20,955 B measured locally on 2026-12-06 (30.5 KB before: compat, every interface text, the outbox). */
  searchCode: 22_300,
  /**
   * The widget's code: Preact islands, no React DOM (66 KB by itself). 35,914 B (nl; en 34,987 B) measured locally on
   * 2026-12-06, from 39,046 B: the chat's interface text and the Snowball stemmer of its page's locale only
   * (site/chat/strings.ts, core/language/analysis.ts `loadStemmer`), not those of both. Room for the 1.2 KB a clean
   * clone's chunks weigh more in CI (not yet understood). 34,087 B (nl; en 33,159 B) on 2026-12-07 without preact/compat
   * (36,938 B before, measured the same way), with the same room as the whole step's; 34,700 B once the test build
   * ran at NODE_ENV=production (see above); 35,100 B with the typed "ja"/"nee" (see the widget's budget); 35,400 B
   * with the typed effort score and "none of these" (the same); 35,600 B with the assistant's sentence-bound rules,
   * price comparisons, Flemish question words and small talk that carries the ranking (core/assistant/answer.ts,
   * 2026-12-07, twelfth session: 35,516 B measured); 35,700 B with what people walking the product needed (branch
   * person12, 2026-12-07: the reply poll's cap while the widget is open, the hand-off form kept open over a reload, the
   * offline notice only without the model): 35,548 → 35,627 B nl, 34,620 → 34,699 B en, measured on builds of main
   * 23a0032 and of the branch; 35,800 B (2026-12-07, thirteenth session) with the tickets a chat left behind closed,
   * so a poll answered before a new hand-off arrived does not name the old ticket (site/chat/conversation.ts
   * `closedTickets`; CI met it): 35,627 → 35,750 B nl measured; 36,600 B with a declined topic and a hypothesis's
   * framing left out of the ranking (core/assistant/answer.ts, the same session): 36,495 B measured.
   * And +720 B (the same session, branch person13) for what
   * people walking the product met (site/chat/double-press.ts, the whole ticket numbers, the chat across pages):
   * 35,750 → 36,470 B nl, 34,822 → 35,542 B en measured.
   * Both together, measured after merging: 37,246 B (nl; en 36,318 B).
   * 37,600 B (2026-12-07, fourteenth session): an order number no unknown topic, "zonder dat …" and "niet alleen …
   * maar" set aside, a four-letter word's dropped letter given back (core/assistant/answer.ts, spelling.ts): 37,467 B.
   * And +450 B (branch person14, the same day): a long message kept whole and named as too long rather than cut by
   * the field, taken along to a person; its line breaks kept; the log kept at its newest line when a phone's keyboard
   * shortens it or a line grows in place: 37,300 → 37,753 B nl, 36,372 → 36,825 B en measured (as the widget's
   * budget says).
   * Both together, measured after merging: 37,932 B (nl; en 37,004 B); 38,041 B with order numbers left out of a
   * question (core/assistant/answer.ts `withoutReferences`).
   * 38,700 B (2026-12-07, fifteenth session): how often it was tried and a campaign's code read before ranking, the
   * filters as one list (core/assistant/answer.ts), and the 400 % zoom's scrolling (branch person15, +48 B):
   * 38,457 B nl, 37,529 B en measured.
   * 38,900 B (2026-12-07, sixteenth session): the tabs sharing one conversation and the launcher's note while the
   * code is on its way (branch person17, +179 B), and a pattern that yields to a model sure of another article
   * (core/assistant/answer.ts, docs/decisions/044-patterns-yield-to-a-confident-model.md): 38,745 B nl measured.
   */
  widgetCode: 38_900,
};

/** The JavaScript among the downloads: the islands' code, without the widget's stylesheet. */
const codeOf = (downloads: Download[]) => downloads.filter((d) => d.path.startsWith('/_astro/') && d.path.endsWith('.js')).reduce((sum, d) => sum + d.gzip, 0);

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
      expect(codeOf(figures.firstSearch.downloads), list(figures.firstSearch.downloads)).toBeLessThanOrEqual(BUDGET.searchCode);

      expect(figures.widget.downloads.some((d) => d.path.startsWith('/assistant-model/'))).toBe(true);
      // The phrasings only the explanations of a hand-off need stay on the server until then.
      expect(figures.widget.downloads.filter((d) => d.path.includes('.phrasings.'))).toEqual([]);
      expect(figures.widget.gzip, list(figures.widget.downloads)).toBeLessThanOrEqual(BUDGET.widget);
      // The widget's styles come with it, not with the page.
      expect(figures.widget.downloads.some((d) => d.path.startsWith('/_astro/') && d.path.endsWith('.css'))).toBe(true);
      expect(codeOf(figures.widget.downloads), list(figures.widget.downloads)).toBeLessThanOrEqual(BUDGET.widgetCode);
    });
  }
});
