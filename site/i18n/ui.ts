/**
 * Every piece of interface text, in each locale. Content (articles,
 * categories, settings) lives in content/; this is only the chrome around it.
 */
import type { Locale } from '../search/analysis.ts';

const nl = {
  languageName: 'Nederlands',
  skipToContent: 'Naar de inhoud',
  home: 'Home',
  helpCenter: 'Helpcentrum',
  heroTitle: 'Waar kunnen we je mee helpen?',
  searchLabel: 'Zoek in het helpcentrum',
  searchPlaceholder: 'Bijvoorbeeld: pakket volgen, retourneren…',
  searchButton: 'Zoeken',
  searchAllResults: 'Alle resultaten voor',
  searchResultsTitle: 'Zoekresultaten',
  searchResultsFor: 'Resultaten voor',
  searchNoResults: 'Geen artikelen gevonden. Probeer andere woorden, of neem contact met ons op.',
  searchLoading: 'Zoeken…',
  searchLoadFailed: 'Zoeken lukt nu niet. Probeer het zo nog eens.',
  searchNeedsJs: 'Zoeken werkt met JavaScript. Zonder JavaScript vind je alle artikelen via de categorieën hieronder.',
  resultCount: (n: number) => (n === 1 ? '1 resultaat' : `${n} resultaten`),
  categories: 'Onderwerpen',
  popularArticles: 'Veelgestelde vragen',
  articlesInCategory: (n: number) => (n === 1 ? '1 artikel' : `${n} artikelen`),
  relatedArticles: 'Gerelateerde artikelen',
  lastUpdated: 'Laatst bijgewerkt',
  readInOtherLanguage: 'Read this article in English',
  otherLanguageHome: 'English',
  breadcrumbs: 'Kruimelpad',
  contactTitle: 'Kom je er niet uit?',
  contactText: 'Onze klantenservice helpt je graag.',
  phone: 'Telefoon',
  email: 'E-mail',
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer). Zoek het antwoord hieronder of ga terug naar de start.',
  mainNav: 'Hoofdmenu',
  languageSwitch: 'Taal',
} as const;

type Strings = { [K in keyof typeof nl]: (typeof nl)[K] extends (n: number) => string ? (n: number) => string : string };

const en: Strings = {
  languageName: 'English',
  skipToContent: 'Skip to content',
  home: 'Home',
  helpCenter: 'Help center',
  heroTitle: 'How can we help?',
  searchLabel: 'Search the help center',
  searchPlaceholder: 'For example: track my parcel, return…',
  searchButton: 'Search',
  searchAllResults: 'All results for',
  searchResultsTitle: 'Search results',
  searchResultsFor: 'Results for',
  searchNoResults: 'No articles found. Try other words, or get in touch with us.',
  searchLoading: 'Searching…',
  searchLoadFailed: 'Search is not available right now. Please try again in a moment.',
  searchNeedsJs: 'Search needs JavaScript. Without it, you can find every article through the topics below.',
  resultCount: (n: number) => (n === 1 ? '1 result' : `${n} results`),
  categories: 'Topics',
  popularArticles: 'Frequently asked',
  articlesInCategory: (n: number) => (n === 1 ? '1 article' : `${n} articles`),
  relatedArticles: 'Related articles',
  lastUpdated: 'Last updated',
  readInOtherLanguage: 'Lees dit artikel in het Nederlands',
  otherLanguageHome: 'Nederlands',
  breadcrumbs: 'Breadcrumbs',
  contactTitle: 'Still stuck?',
  contactText: 'Our customer service team is happy to help.',
  phone: 'Phone',
  email: 'E-mail',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist (any more). Search for your answer below or go back to the start.',
  mainNav: 'Main menu',
  languageSwitch: 'Language',
};

/** The interface text of one locale. */
export type UiStrings = Strings;

const STRINGS: Record<Locale, Strings> = { nl, en };

/** Interface text for `locale`. */
export function ui(locale: Locale): UiStrings {
  return STRINGS[locale];
}

/** Formats a date the way readers of `locale` expect (14 oktober 2026 / 14 October 2026). */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
