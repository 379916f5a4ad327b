/**
 * Every piece of interface text, in each locale. Content (articles,
 * categories, settings) lives in content/; this is only the chrome around it.
 */
import type { Locale } from '#core/locale.ts';
import { chatText as chatTextEn } from '../chat/strings/en.ts';
import { chatText as chatTextNl } from '../chat/strings/nl.ts';
import { searchText } from '../search/strings.ts';

const nl = {
  languageName: 'Nederlands',
  skipToContent: 'Naar de inhoud',
  home: 'Home',
  helpCenter: 'Helpcentrum',
  heroTitle: 'Waar kunnen we je mee helpen?',
  ...searchText('nl'),
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
  ...chatTextNl,
  articleFeedback: 'Je mening over dit artikel',
  articleHelpful: 'Was dit artikel nuttig?',
  articleFeedbackThanks: 'Bedankt! Hiermee maken we het helpcentrum beter.',
  articleFeedbackGiven: 'Je antwoord is bewaard.',
  csatPageTitle: 'Hoe hebben we je geholpen?',
  csatPageIntro: 'Je vraag is opgelost. Wil je laten weten hoe tevreden je bent? Eén klik is genoeg.',
  csatUnknownLink: 'Deze link kennen we niet (meer). Gebruik de link uit de laatste e-mail over je vraag, of stel je vraag opnieuw via de chat.',
  csatSendFailed: 'Versturen lukte niet. Controleer je verbinding en probeer het nog eens.',
  csatSending: 'Versturen…',
} as const;

type Strings = {
  [K in keyof typeof nl]: (typeof nl)[K] extends (a: string, b: string) => string
    ? (typeof nl)[K] extends (s: string) => string
      ? (s: string) => string
      : (a: string, b: string) => string
    : (typeof nl)[K] extends (n: number) => string
      ? (n: number) => string
      : (typeof nl)[K] extends (s: string) => string
        ? (s: string) => string
        : string;
};

const en: Strings = {
  languageName: 'English',
  skipToContent: 'Skip to content',
  home: 'Home',
  helpCenter: 'Help center',
  heroTitle: 'How can we help?',
  ...searchText('en'),
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
  ...chatTextEn,
  articleFeedback: 'Your view of this article',
  articleHelpful: 'Was this helpful?',
  articleFeedbackThanks: 'Thank you! This helps us improve the help center.',
  articleFeedbackGiven: 'Your answer has been saved.',
  csatPageTitle: 'How did we help you?',
  csatPageIntro: 'Your question has been solved. Would you tell us how satisfied you are? One click is enough.',
  csatUnknownLink: 'We do not know this link (any more). Use the link in the latest e-mail about your question, or ask again in the chat.',
  csatSendFailed: 'Sending did not work. Check your connection and try again.',
  csatSending: 'Sending…',
};

/** The interface text of one locale. */
export type UiStrings = Strings;

const STRINGS: Record<Locale, Strings> = { nl, en };

/** Interface text for `locale`. */
export function ui(locale: Locale): UiStrings {
  return STRINGS[locale];
}

// One formatter per locale: making one costs more than formatting, and a build formats a date on every article page.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Formats a date the way readers of `locale` expect (14 oktober 2026 / 14 October 2026). */
export function formatDate(date: Date, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}
