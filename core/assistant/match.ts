/**
 * Pattern matching for authored rules ("hoi", "ik wil * medewerker") and for
 * an article's own patterns. A pattern matches whole words of a message,
 * ignoring case, accents, punctuation and inflection: words of four letters
 * or more are compared by stem, so "medewerkers" matches "medewerker"; shorter
 * ones must be the same word, so the greeting "dag" never fires on "dagen"
 * and "top" not on "toppen". `*` stands for any number of words, none included.
 */
import { stem } from '../language/analysis.ts';
import type { Locale } from '../locale.ts';
import { chatWords } from './features.ts';

/** One word of a message or a pattern: folded, and its stem. */
export interface MatchWord {
  word: string;
  stem: string;
}

/** A pattern ready to match: one word per position, `null` for `*`. */
export type CompiledPattern = readonly (MatchWord | null)[];

/** Below this length two words must be equal to match; from it, their stems. */
const STEM_MATCH_MIN_LENGTH = 4;

/** From this length a pattern word also matches the message word one typo away ("medewrker"). */
const TYPO_MATCH_MIN_LENGTH = 7;

/**
 * From this length two neighbouring letters typed the wrong way round still
 * match ("thnaks", "bedakn"): the commonest slip of thumbs on a phone, and
 * unlike a changed letter it rarely makes another real word.
 */
const SWAP_MATCH_MIN_LENGTH = 5;

function wordsMatch(pattern: MatchWord, message: MatchWord): boolean {
  if (pattern.word === message.word) return true;
  if (pattern.word.length < STEM_MATCH_MIN_LENGTH || message.word.length < STEM_MATCH_MIN_LENGTH) return false;
  // A four-letter word whose stem is shorter stays itself: "daag" stems to "dag", as "dagen" does.
  const stemmable = pattern.word.length > STEM_MATCH_MIN_LENGTH || pattern.stem.length >= STEM_MATCH_MIN_LENGTH;
  if (stemmable && pattern.stem === message.stem) return true;
  if (pattern.word.length >= TYPO_MATCH_MIN_LENGTH) return message.word.length >= TYPO_MATCH_MIN_LENGTH - 1 && oneTypoApart(pattern.word, message.word);
  return pattern.word.length >= SWAP_MATCH_MIN_LENGTH && neighboursSwapped(pattern.word, message.word);
}

/** Whether `b` is `a` with two neighbouring letters crossed, the first letter kept. */
export function neighboursSwapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 1;
  while (i < a.length && a[i] === b[i]) i++;
  return a[0] === b[0] && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Whether two words differ by one typo: a letter left out, added, changed, or
 * two neighbours swapped (Damerau). The first letter must agree: customers
 * rarely mistype it, and it keeps "klantenservice" from matching stray words.
 */
export function oneTypoApart(a: string, b: string): boolean {
  if (a[0] !== b[0] || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return true;
    // Changed: the rest is equal; swapped: the next two are crossed and the rest equal.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Where a pattern matched: word positions `start` (inclusive) to `end` (exclusive). */
export interface PatternMatch {
  pattern: string;
  start: number;
  end: number;
}

function matchWord(word: string, locale: Locale): MatchWord {
  return { word, stem: stem(word, locale) };
}

/** Compiles one authored pattern. Returns an empty pattern when it has no words. */
export function compilePattern(pattern: string, locale: Locale): CompiledPattern {
  const parts: (MatchWord | null)[] = [];
  for (const piece of pattern.split(/\s+/)) {
    if (piece === '*') {
      if (parts.at(-1) !== null) parts.push(null);
      continue;
    }
    // Squeezed as a message's words are: "ajuu" must meet the "aju" that "ajuu" becomes in a message.
    for (const word of chatWords(piece)) parts.push(matchWord(undrawn(word), locale));
  }
  // A leading or trailing `*` adds nothing: patterns match anywhere in the message.
  while (parts[0] === null) parts.shift();
  while (parts.length > 0 && parts.at(-1) === null) parts.pop();
  return parts;
}

/** A message's words with their stems, for matching against compiled patterns. */
export function messageWords(message: string, locale: Locale): MatchWord[] {
  return chatWords(message).map((word) => matchWord(undrawn(word), locale));
}

/**
 * A word without the letters drawn out for tone, not meaning: three or more
 * of a letter anywhere ("heeey", "daaag", "hellooo"), and a doubled last
 * letter that ends no Dutch or English word ("heyy", "hoii", "okk", "thxx").
 * Doubled e, o, a, s, l, f… stay: "nee", "zoo", "all", "off" are words.
 */
export function undrawn(word: string): string {
  const squeezed = word.replace(/(.)\1{2,}/g, '$1');
  return squeezed.length >= 3 && /([yijuxkh])\1$/.test(squeezed) ? squeezed.slice(0, -1) : squeezed;
}

function matchAt(pattern: CompiledPattern, stems: readonly MatchWord[], p: number, s: number): number {
  if (p === pattern.length) return s;
  const part = pattern[p];
  if (part === undefined) return -1;
  if (part === null) {
    for (let skip = s; skip <= stems.length; skip++) {
      const end = matchAt(pattern, stems, p + 1, skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const word = stems[s];
  return word !== undefined && wordsMatch(part, word) ? matchAt(pattern, stems, p + 1, s + 1) : -1;
}

/** The first place `pattern` matches in `stems`, or null. */
export function findPattern(pattern: CompiledPattern, stems: readonly MatchWord[]): { start: number; end: number } | null {
  if (pattern.length === 0) return null;
  // Most patterns share no word with a message: reject those before any scanning.
  const first = pattern[0];
  if (first && !stems.some((word) => wordsMatch(first, word))) return null;
  for (let start = 0; start < stems.length; start++) {
    const end = matchAt(pattern, stems, 0, start);
    if (end >= 0) return { start, end };
  }
  return null;
}
