/**
 * What a phrasing's text becomes before it is stored or written into an
 * article, and when two phrasings count as the same. Shared by the API and
 * `content pull`, so both agree on what is a duplicate.
 */
import { redact, REDACTED } from '#core/privacy/redact.ts';

/**
 * The text as stored: control characters and runs of white space become one
 * space, personal data (e-mail addresses, phone and long numbers) is
 * replaced by placeholders, the ends are trimmed.
 *
 * @example normalisePhrasing('  mail  jan@example.nl\n a.u.b. ') // 'mail [e-mail] a.u.b.'
 */
export function normalisePhrasing(text: string): string {
  const oneLine = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  return oneLine(redact(oneLine(text)));
}

const PLACEHOLDERS = new RegExp(
  Object.values(REDACTED)
    .map((p) => p.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** Whether a normalised text still says anything once the placeholders are left out. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(PLACEHOLDERS, ''));
}

/**
 * The key two phrasings are compared by: lower case, white space collapsed, a
 * question or exclamation mark or full stop at the end left off. "Waar is
 * mijn pakket?" and "waar is mijn pakket" teach the assistant the same.
 */
export function phrasingKey(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s?!.…]+$/u, '');
}
