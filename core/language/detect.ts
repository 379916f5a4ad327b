/**
 * Which of the site's languages a short message is written in, from the
 * function words only each language has ("mijn", "niet", "kan" against "my",
 * "not", "can"). Function words carry the language in a chat message far
 * more reliably than content words, which shops share across languages
 * ("retour", "bancontact", "order").
 */
import { LOCALES, type Locale } from '../locale.ts';
import { isStopword, tokenize } from './analysis.ts';

/**
 * Informal and Flemish words no stop-word list has, but which mark the
 * language as surely ("mn", "ff", "ge", "wheres").
 */
const MARKERS: Record<Locale, ReadonlySet<string>> = {
  nl: new Set([
    'mn',
    'm',
    'ff',
    'ge',
    'gij',
    'nen',
    'da',
    'ni',
    'nie',
    'kunde',
    'hoe',
    'waar',
    'wanneer',
    'waarom',
    'kan',
    'kun',
    'wil',
    'graag',
    'aub',
    'hoi',
    'hallo',
    'goedemorgen',
    'bedankt',
    'nog',
    'steeds',
    'mag',
    'ook',
  ]),
  en: new Set([
    'wheres',
    'whats',
    'cant',
    'dont',
    'doesnt',
    'didnt',
    'wont',
    'im',
    'ive',
    'hi',
    'hello',
    'thanks',
    'please',
    'pls',
    'how',
    'where',
    'when',
    'why',
    'can',
    'could',
    'still',
    'yet',
    'my',
    'the',
  ]),
};

/** At least this many words must point to the other language, and three times as many as to this one. */
const MIN_MARKERS = 2;
const MIN_RATIO = 3;

/** Words of `text` that belong to `locale` only. */
function markersOf(words: readonly string[], locale: Locale): number {
  const others = LOCALES.filter((other) => other !== locale);
  return words.filter((word) => {
    const mine = MARKERS[locale].has(word) || isStopword(word, locale);
    const theirs = others.some((other) => MARKERS[other].has(word) || isStopword(word, other));
    return mine && !theirs;
  }).length;
}

/**
 * The language `text` is clearly written in when that is not `expected`, or
 * null (expected, mixed, or too short to tell).
 * @example otherLanguage('where is my order', 'nl') // 'en'
 * @example otherLanguage('retour', 'en') // null
 */
export function otherLanguage(text: string, expected: Locale): Locale | null {
  const words = tokenize(text);
  const own = markersOf(words, expected);
  for (const locale of LOCALES) {
    if (locale === expected) continue;
    const theirs = markersOf(words, locale);
    if (theirs >= MIN_MARKERS && theirs >= MIN_RATIO * own) return locale;
  }
  return null;
}
