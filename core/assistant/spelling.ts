/**
 * Typo correction against the model's own vocabulary: a word no article uses
 * ("garatie", "acount", "belgei") becomes the article word one or two edits
 * away ("garantie", "account", "belgie"), so a typo costs the customer little
 * confidence. Only words no article knows are touched, and only towards words
 * the articles use, so correction can add evidence for an article but never
 * invent a topic the content does not have.
 *
 * The character n-grams already soften typos; correcting the word also gives
 * back its word term and bigrams, which carry most of the weight.
 */

/** Words shorter than this are never corrected: too many neighbours ("wel", "weg", "wed"). */
export const MIN_CORRECTED_LENGTH = 5;

/**
 * Most edits for a word of `length` letters: one up to 7 letters, two from 8
 * (the same tolerance as the search box's fuzzy matching, by word length).
 */
export function maxEdits(length: number): number {
  if (length < MIN_CORRECTED_LENGTH) return 0;
  return length >= 8 ? 2 : 1;
}

// Three rows of the dynamic programme, reused: correction runs per unknown word and per candidate.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps:
 * "belgei" → "belgie" is one edit), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows[0]!.length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** A vocabulary ready for look-ups: its words by length and first letter, most frequent first. */
export interface Speller {
  byKey: Map<string, string[]>;
  known: ReadonlySet<string>;
  corrections: Map<string, string | null>;
}

const keyOf = (length: number, first: string) => `${length}${first}`;

/** @param vocabulary - folded article words, most frequent first (as the model ships them) */
export function createSpeller(vocabulary: readonly string[]): Speller {
  const byKey = new Map<string, string[]>();
  for (const word of vocabulary) {
    const key = keyOf(word.length, word[0]!);
    const list = byKey.get(key) ?? [];
    list.push(word);
    byKey.set(key, list);
  }
  return { byKey, known: new Set(vocabulary), corrections: new Map() };
}

/**
 * The vocabulary word closest to `word`, or null when none is within
 * {@link maxEdits}. Only words that start with the same letter, or with its
 * second (two letters swapped), are considered: customers rarely get the first
 * letter wrong, and the look-up stays a few dozen comparisons. Among equally
 * close words, one with the same first letter wins, then the most frequent.
 */
export function correct(speller: Speller, word: string): string | null {
  if (speller.known.has(word)) return null;
  const cached = speller.corrections.get(word);
  if (cached !== undefined) return cached;
  // A four-letter word gets back only a letter it dropped ("kopn" → "kopen"):
  // a changed letter in four has too many neighbours, an added one few.
  const dropped = word.length === MIN_CORRECTED_LENGTH - 1;
  const max = dropped ? 1 : maxEdits(word.length);
  // Two letters more or fewer is another word, not a slip: "voorstellen" is not "voorbestellen"
  // (a customer proposing a partnership got the pre-order answer).
  // Measured on the development set, no correction of that kind was needed by a right answer.
  const lengthSlack = Math.min(max, 1);
  let best: string | null = null;
  let bestScore = Infinity;
  if (max > 0 && !/\d/.test(word)) {
    const firsts = word[1] === word[0] || dropped ? [word[0]!] : [word[0]!, word[1]!];
    for (let length = dropped ? word.length + 1 : word.length - lengthSlack; length <= word.length + lengthSlack; length++) {
      for (const first of firsts) {
        for (const candidate of speller.byKey.get(keyOf(length, first)) ?? []) {
          const distance = editDistance(word, candidate, max);
          if (distance > max) continue;
          const score = distance + (first === word[0] ? 0 : 0.5);
          if (score < bestScore) {
            best = candidate;
            bestScore = score;
          }
        }
      }
    }
  }
  speller.corrections.set(word, best);
  return best;
}
