/**
 * The label of the widget's "None of these" button, per locale: the widget
 * shows it (strings/nl.ts, en.ts) and the inbox tells a pressed "none of
 * these" from one the customer typed in their own words (inbox/Transcript.tsx)
 * without downloading the chat's whole text.
 */
import type { Locale } from '#core/locale.ts';

export const NONE_OF_THESE: Record<Locale, string> = { nl: 'Geen van deze', en: 'None of these' };
