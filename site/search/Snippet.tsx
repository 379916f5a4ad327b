import type { Locale } from '#core/locale.ts';
import { markSnippet } from './engine.ts';

/** Snippet text with the matched words in `<mark>`; text only, never HTML. */
export function Snippet({ text, terms, locale, lexicon }: { text: string; terms: string[]; locale: Locale; lexicon?: ReadonlySet<string> }) {
  return <>{markSnippet(text, terms, locale, lexicon).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
