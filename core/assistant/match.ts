/**
 * Pattern matching for authored rules ("hoi", "ik wil * medewerker") and for
 * an article's own patterns. A pattern matches the words of a message,
 * ignoring case, accents, punctuation and inflection (words are compared by
 * stem, so "medewerkers" matches "medewerker"); `*` stands for any number of
 * words, none included.
 */
import { stem } from '../language/analysis.ts';
import { type Locale } from '../locale.ts';
import { chatWords } from './features.ts';

/** A pattern ready to match: one stem per word, `null` for `*`. */
export type CompiledPattern = readonly (string | null)[];

/** Where a pattern matched: word positions `start` (inclusive) to `end` (exclusive). */
export interface PatternMatch {
  pattern: string;
  start: number;
  end: number;
}

function stemOf(word: string, locale: Locale): string {
  // stem() leaves words under three letters alone, which is right for "hi" and "ok".
  return stem(word, locale);
}

/** Compiles one authored pattern. Returns an empty pattern when it has no words. */
export function compilePattern(pattern: string, locale: Locale): CompiledPattern {
  const parts: (string | null)[] = [];
  for (const piece of pattern.split(/\s+/)) {
    if (piece === '*') {
      if (parts.at(-1) !== null) parts.push(null);
      continue;
    }
    for (const word of chatWords(piece)) parts.push(stemOf(word, locale));
  }
  // A leading or trailing `*` adds nothing: patterns match anywhere in the message.
  while (parts[0] === null) parts.shift();
  while (parts.length > 0 && parts.at(-1) === null) parts.pop();
  return parts;
}

/** The stems of a message's words, for matching against compiled patterns. */
export function messageStems(message: string, locale: Locale): string[] {
  return chatWords(message).map((word) => stemOf(word, locale));
}

function matchAt(pattern: CompiledPattern, stems: readonly string[], p: number, s: number): number {
  if (p === pattern.length) return s;
  const part = pattern[p];
  if (part === null) {
    for (let skip = s; skip <= stems.length; skip++) {
      const end = matchAt(pattern, stems, p + 1, skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  return stems[s] === part ? matchAt(pattern, stems, p + 1, s + 1) : -1;
}

/** The first place `pattern` matches in `stems`, or null. */
export function findPattern(pattern: CompiledPattern, stems: readonly string[]): { start: number; end: number } | null {
  if (pattern.length === 0) return null;
  for (let start = 0; start < stems.length; start++) {
    const end = matchAt(pattern, stems, 0, start);
    if (end >= 0) return { start, end };
  }
  return null;
}
