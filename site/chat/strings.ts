/**
 * The chat widget's interface text, one locale at a time: a page downloads
 * its own locale's only (site/chat/strings/nl.ts, en.ts), not every text of
 * every locale in site/i18n/ui.ts (7 KB gzip, most of it the chat's own).
 *
 * The widget's module waits for its page's text before it finishes loading
 * (a top-level await, like its stylesheet: site/chat/styles.ts), so
 * {@link chatText} answers at once from the first render on. The server,
 * which renders the widget for every locale, loads them all.
 */
import { LOCALES, type Locale } from '#core/locale.ts';
import type { chatText as dutch } from './strings/nl.ts';

/** The chat's text of one locale. */
export type ChatText = typeof dutch;

const loaded = new Map<Locale, ChatText>();

/** Loads the chat's text of `locale` (once). */
export async function loadChatText(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  // One chunk per locale: the bundler splits each import into a file of its own.
  const { chatText } = locale === 'en' ? await import('./strings/en.ts') : await import('./strings/nl.ts');
  loaded.set(locale, chatText);
}

/** The chat's text of `locale`, loaded by {@link loadChatText}. */
export function chatText(locale: Locale): ChatText {
  const text = loaded.get(locale);
  if (!text) throw new Error(`Wegwijs chat: the ${locale} text is not loaded`);
  return text;
}

/** The locales whose text the widget needs here: the page's, from its `lang`, or every one on the server. */
function localesHere(): readonly Locale[] {
  if (typeof document === 'undefined') return LOCALES;
  const lang = document.documentElement.lang as Locale;
  return (LOCALES as readonly string[]).includes(lang) ? [lang] : LOCALES;
}

await Promise.all(localesHere().map(loadChatText));
