/**
 * Language analysis shared by the search index, the search box and the
 * assistant: the same text must become the same terms everywhere, or a
 * phrasing that matches at build time would not match in the browser.
 *
 * Pipeline per word: fold (lower case, diacritics off) → drop stop words →
 * Dutch diminutives (pakketje → pakket) → Snowball stem, plus the verb behind
 * a Dutch -atie noun (registratie → registreren). Dutch compounds are split
 * against a lexicon of stems seen in the content, so `wachtwoordherstel` also
 * yields `wachtwoord` and `herstel`; a word the content never uses yields the
 * known word it starts with (`privacyverklaring` → `privacy`).
 *
 * No DOM and no network: this module runs in the browser, in Node and in tests.
 */
import { stopwords as dutchStopwords } from '@orama/stopwords/dutch';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { LOCALES, type Locale } from '../locale.ts';

/**
 * Contractions typed without the apostrophe ("wheres my package"): the list
 * has "where's", which the tokenizer splits anyway; chat writes them whole.
 */
const ENGLISH_CHAT_CONTRACTIONS = [
  'wheres',
  'whats',
  'hows',
  'whos',
  'whens',
  'thats',
  'theres',
  'im',
  'ive',
  'youre',
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'couldnt',
  'wont',
  'isnt',
  'arent',
  'wasnt',
  'havent',
  'hasnt',
  'hadnt',
  'werent',
  'wouldnt',
  'shouldnt',
  'youll',
  'theyll',
  'youve',
  'weve',
  'theyve',
  'youd',
  'theyre',
];

/**
 * What the tokenizer leaves of a contraction typed with its apostrophe
 * ("you're" → `you`, `re`; "don't" → `don`, `t`; "it’s" → `it`, `s`): the
 * list has the whole forms, which never reach it. And "a", which it lacks.
 */
const ENGLISH_CONTRACTION_PARTS = [
  'a',
  's',
  't',
  'd',
  'm',
  're',
  've',
  'll',
  'don',
  'doesn',
  'didn',
  'isn',
  'aren',
  'wasn',
  'weren',
  'haven',
  'hasn',
  'hadn',
  'couldn',
  'shouldn',
  'wouldn',
  'won',
];

/** Politeness and chat shorthand ("warranty info pls"): they say nothing about the topic. */
const ENGLISH_CHAT_FILLERS = ['please', 'pls', 'plz', 'info', 'u', 'ur'];

/**
 * Pronouns, verb forms and fillers the Snowball list lacks, which chat
 * messages are full of ("jij bent echt", "kunnen jullie even"): topic-free,
 * they only blur which article a message is about.
 */
const DUTCH_CHAT_FUNCTION_WORDS = ['jij', 'bent', 'jullie', 'jouw', 'kun', 'kunt', 'wilt', 'zouden', 'word', 'graag', 'even', 'wel', 'gewoon', 'echt', 'mn'];

/**
 * Politeness, chat shorthand and Flemish spoken forms ("garantie info aub",
 * "kunde da ff nakijken", "'k weet het ni", "wa moet ge doen", "hedde ulle da", "merci hé"): they say nothing about the topic.
 */
const DUTCH_CHAT_FILLERS = [
  'aub',
  'ajb',
  'alstublieft',
  'alsjeblieft',
  'asjeblieft',
  'pls',
  'plz',
  'please',
  'svp',
  'ff',
  'effe',
  'efkes',
  'eventjes',
  'nou',
  'eigenlijk',
  'info',
  'ni',
  'nie',
  'da',
  'gij',
  'ge',
  'wa',
  'zijt',
  'kunde',
  'zijde',
  'hedde',
  'ulle',
  'gulle',
  'uwe',
  'allee',
  'he',
  'k',
  't',
];

const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  nl: new Set([...dutchStopwords.map(fold), ...DUTCH_CHAT_FUNCTION_WORDS, ...DUTCH_CHAT_FILLERS]),
  en: new Set([...englishStopwords.map(fold), ...ENGLISH_CHAT_CONTRACTIONS, ...ENGLISH_CONTRACTION_PARTS, ...ENGLISH_CHAT_FILLERS]),
};

// Snowball's Dutch stemmer leaves diminutives alone, yet customers write
// "pakketje" and "retourtje" all the time.
const STEMMERS: Partial<Record<Locale, (word: string) => string>> = {};
const stemmersLoading = new Map<Locale, Promise<void>>();

/**
 * Loads the Snowball stemmer of `locale`, once. A page in the browser needs
 * its own language's only (the Dutch one is 1.7 KB gzip, the English 0.85
 * KB): the search box and the chat load it beside their index or model
 * (docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md).
 * Outside a browser this module loads every locale's before any analysis.
 */
export function loadStemmer(locale: Locale): Promise<void> {
  let loading = stemmersLoading.get(locale);
  if (!loading) {
    // One chunk per language: the bundler splits each import into a file of its own.
    const module = locale === 'nl' ? import('@orama/stemmers/dutch') : import('@orama/stemmers/english');
    loading = module.then(({ stemmer }) => {
      STEMMERS[locale] = stemmer;
    });
    loading.catch(() => stemmersLoading.delete(locale));
    stemmersLoading.set(locale, loading);
  }
  return loading;
}

// The build, the API, tests and CLIs analyse any locale at any time, synchronously.
if (typeof document === 'undefined') await Promise.all(LOCALES.map(loadStemmer));

/** Shortest word part a compound may be split into; shorter parts match too much. */
const MIN_COMPOUND_PART = 4;

/**
 * Lower-cases and removes diacritics: `Één Café` → `een cafe`.
 * @example fold('Ideaal geïnstalleerd') // 'ideaal geinstalleerd'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Splits folded text into words: runs of letters and digits. An apostrophe
 * or hyphen inside a word splits it (`e-mail` → `e`, `mail`; `auto's` → `auto`, `s`).
 */
export function tokenize(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when `word` (folded) is a stop word of `locale`. */
export function isStopword(word: string, locale: Locale): boolean {
  return STOPWORDS[locale].has(word);
}

/**
 * The base forms a Dutch diminutive may come from, longest first; the word
 * itself when it is no diminutive. Ambiguous endings give both readings
 * (`kaartje` → `kaart`, `kaar`): the wrong one simply matches nothing.
 */
export function dutchDiminutiveBases(word: string): string[] {
  const bare = word.endsWith('jes') ? word.slice(0, -3) : word.endsWith('je') ? word.slice(0, -2) : null;
  if (bare === null || bare.length < 4) return [word];
  // boom-pje
  if (bare.endsWith('mp')) return [bare.slice(0, -1)];
  const bases: string[] = [];
  // pakket-je, kaart-je, boek-je
  if (/[tdkpfsg]$/.test(bare)) bases.push(bare);
  // retour-tje, telefoon-tje, cadeau-tje: -tje follows l, n, r, w or a long vowel.
  const beforeT = bare.slice(0, -1);
  if (bare.endsWith('t') && beforeT.length >= 3 && (/[lnrw]$/.test(beforeT) || /[aeiouy]{2}$/.test(beforeT))) {
    bases.push(beforeT);
  }
  return bases.length > 0 ? bases : [word];
}

/** Stems one folded, non-stop word. */
export function stem(word: string, locale: Locale): string {
  // Digits and very short words stem to themselves; Snowball would mangle codes like "2fa".
  if (word.length < 3 || /\d/.test(word)) return word;
  const stemmer = STEMMERS[locale];
  if (!stemmer) throw new Error(`Wegwijs: the ${locale} stemmer is not loaded (loadStemmer before analysing ${locale} text)`);
  const stemmed = stemmer(word);
  // Snowball undoubles only kk, dd and tt in Dutch, so "herstellen" → "herstell"
  // while "herstel" stays: undouble every final consonant so both meet.
  return locale === 'nl' ? stemmed.replace(/([^aeiouy])\1$/, '$1') : stemmed;
}

/**
 * The verb a Dutch noun in -atie is made from, or null: `registratie` →
 * `registreren`, `reparaties` → `repareren`. Snowball stems the two apart
 * (`registratie`, `registrer`), yet a customer who types the noun means the
 * article that uses the verb. The rule is regular enough to need no list; where
 * it forms no real verb, the extra term simply matches nothing.
 */
export function dutchVerbOfNoun(word: string): string | null {
  const noun = word.endsWith('aties') ? word.slice(0, -1) : word;
  // Shorter -atie words (natie, ratie) are no derivations.
  if (!noun.endsWith('atie') || noun.length < 8) return null;
  return `${noun.slice(0, -4)}eren`;
}

/**
 * The index terms for one folded word: its stem, plus (Dutch) the stems of
 * diminutive bases, of the verb behind an -atie noun, and of compound parts
 * found in `lexicon`. Empty for a stop word.
 *
 * A Dutch word unknown to `lexicon` that cannot be split into known parts
 * still yields the longest known word it starts with (`privacyverklaring` →
 * `privacy`): Dutch puts the topic word first in a compound, and customers
 * coin compounds (`retourbeleid`, `bezorgmoment`) that the content never uses.
 */
export function termsOfWord(word: string, locale: Locale, lexicon?: ReadonlySet<string>): string[] {
  if (isStopword(word, locale)) return [];
  if (locale !== 'nl') return [stem(word, locale)];
  const terms = new Set<string>();
  for (const base of dutchDiminutiveBases(word)) {
    const baseStem = stem(base, locale);
    terms.add(baseStem);
    const verb = dutchVerbOfNoun(base);
    if (verb !== null) terms.add(stem(verb, locale));
    if (!lexicon) continue;
    const parts = splitCompound(base, lexicon);
    for (const part of parts) terms.add(part);
    if (parts.length === 0 && !lexicon.has(baseStem)) {
      const head = knownHead(base, lexicon);
      if (head !== null) terms.add(head);
    }
  }
  return [...terms];
}

/**
 * Splits a Dutch compound into stems that occur in `lexicon` (a set of stems),
 * trying every split point and the linking letters s, e and en
 * (`wachtwoordherstel` → `wachtwoord`, `herstel`;
 * `verzendkosten` → `verzend`, `kost`). Returns [] when no split is found.
 * Only two-part splits are tried, recursively on the right part, which covers
 * the compounds of a help center without a dictionary.
 */
export function splitCompound(word: string, lexicon: ReadonlySet<string>): string[] {
  if (word.length < MIN_COMPOUND_PART * 2) return [];
  for (let cut = word.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    const headStem = findInLexicon(head, lexicon);
    if (headStem === null) continue;
    const tailStem = stem(tail, 'nl');
    if (lexicon.has(tailStem)) return [headStem, tailStem];
    const tailParts = splitCompound(tail, lexicon);
    if (tailParts.length > 0) return [headStem, ...tailParts];
  }
  return [];
}

function findInLexicon(head: string, lexicon: ReadonlySet<string>): string | null {
  const candidates = [head];
  // Linking sounds: verzending-s-kosten, pann-en-koek, bruid-e-gom.
  if (head.endsWith('en') && head.length - 2 >= MIN_COMPOUND_PART) candidates.push(head.slice(0, -2));
  if ((head.endsWith('s') || head.endsWith('e')) && head.length - 1 >= MIN_COMPOUND_PART) candidates.push(head.slice(0, -1));
  for (const candidate of candidates) {
    const candidateStem = stem(candidate, 'nl');
    if (lexicon.has(candidateStem)) return candidateStem;
    if (lexicon.has(candidate)) return candidate;
    // activatie-mail: the content says "activeren".
    const verb = dutchVerbOfNoun(candidate);
    if (verb !== null && lexicon.has(stem(verb, 'nl'))) return stem(verb, 'nl');
  }
  return null;
}

/**
 * The stem of the longest word in `lexicon` that `word` starts with, leaving
 * a rest of at least {@link MIN_COMPOUND_PART} letters; null when there is none.
 * Only a fallback for words that {@link splitCompound} cannot split.
 */
function knownHead(word: string, lexicon: ReadonlySet<string>): string | null {
  for (let cut = word.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
    const headStem = findInLexicon(word.slice(0, cut), lexicon);
    if (headStem !== null) return headStem;
  }
  return null;
}

/**
 * Analyses running text into index terms, in order, stop words removed.
 * @example analyze('Mijn wachtwoorden herstellen', 'nl') // ['wachtwoord', 'herstel']
 */
export function analyze(text: string, locale: Locale, lexicon?: ReadonlySet<string>): string[] {
  return tokenize(text).flatMap((word) => termsOfWord(word, locale, lexicon));
}

/**
 * Builds the compound lexicon from content text: the stems of every word of
 * at least {@link MIN_COMPOUND_PART} letters. Sorted, so the asset that ships
 * it is stable from build to build.
 */
export function buildLexicon(texts: Iterable<string>, locale: Locale): string[] {
  const stems = new Set<string>();
  // Each distinct word is stemmed once: a large help center repeats its words millions of times.
  const seen = new Set<string>();
  for (const text of texts) {
    for (const word of tokenize(text)) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (word.length < MIN_COMPOUND_PART || isStopword(word, locale) || /\d/.test(word)) continue;
      for (const base of locale === 'nl' ? dutchDiminutiveBases(word) : [word]) stems.add(stem(base, locale));
    }
  }
  return [...stems].sort();
}
