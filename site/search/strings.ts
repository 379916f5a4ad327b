/**
 * Interface text of the search box and the results page, per locale. Apart
 * from site/i18n/ui.ts (which includes it under the same names) so that the
 * search island downloads these lines and not the whole interface's text,
 * the chat's included.
 */
import type { Locale } from '#core/locale.ts';

const nl = {
  searchLabel: 'Zoek in het helpcentrum',
  searchPlaceholder: 'Bijvoorbeeld: pakket volgen, retourneren…',
  searchButton: 'Zoeken',
  searchAllResults: 'Alle resultaten voor',
  searchResultsTitle: 'Zoekresultaten',
  searchResultsFor: 'Resultaten voor',
  searchNoResults: 'Geen artikelen gevonden. Probeer andere woorden, of neem contact met ons op.',
  /** The results page's no-results line, before its button that opens the chat ({@link searchAskInChat}). */
  searchNoResultsTry: 'Geen artikelen gevonden. Probeer andere woorden, of',
  searchAskInChat: 'stel je vraag in de chat',
  searchLoading: 'Zoeken…',
  searchLoadFailed: 'Zoeken lukt nu niet. Probeer het zo nog eens.',
  searchNeedsJs: 'Zoeken werkt met JavaScript. Zonder JavaScript vind je alle artikelen via de categorieën hieronder.',
  resultCount: (n: number) => (n === 1 ? '1 resultaat' : `${n} resultaten`),
};

const en: typeof nl = {
  searchLabel: 'Search the help center',
  searchPlaceholder: 'For example: track my parcel, return…',
  searchButton: 'Search',
  searchAllResults: 'All results for',
  searchResultsTitle: 'Search results',
  searchResultsFor: 'Results for',
  searchNoResults: 'No articles found. Try other words, or get in touch with us.',
  searchNoResultsTry: 'No articles found. Try other words, or',
  searchAskInChat: 'ask us in the chat',
  searchLoading: 'Searching…',
  searchLoadFailed: 'Search is not available right now. Please try again in a moment.',
  searchNeedsJs: 'Search needs JavaScript. Without it, you can find every article through the topics below.',
  resultCount: (n: number) => (n === 1 ? '1 result' : `${n} results`),
};

const STRINGS: Record<Locale, typeof nl> = { nl, en };

/** Search's interface text for `locale`. */
export function searchText(locale: Locale): typeof nl {
  return STRINGS[locale];
}
