/**
 * Removes personal data from free text before it leaves the customer's
 * browser (failed searches, no-match questions) and again when the API
 * stores it: e-mail addresses, phone numbers and long digit runs (IBANs,
 * order and card numbers) become placeholders.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// IBAN: two letters, two check digits, then 10–30 letters/digits, spaces allowed in groups of four.
const IBAN = /\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b/g;
// Phone numbers: +31 6 12345678, 06-12345678, (020) 123 4567, 0032 470 12 34 56.
const PHONE = /(?:\+|\b00)?\(?\d[\d\s().-]{7,}\d\b/g;
// Any remaining run of 6 or more digits (order numbers, card numbers, postcodes with house numbers stay).
const DIGITS = /\d{6,}/g;

/** Placeholders that replace what was removed; readable in reports. */
export const REDACTED = { email: '[e-mail]', phone: '[phone]', number: '[number]' } as const;

/**
 * Redacts personal data from `text`.
 * @example redact('mail me at jan@example.com or 06-12345678') // 'mail me at [e-mail] or [phone]'
 */
export function redact(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(IBAN, (match) => (/\d{6,}|\d{4}/.test(match.replace(/\s/g, '')) ? REDACTED.number : match))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      // Phone numbers have 9 to 13 digits; longer runs are card or account numbers.
      return digits < 9 ? match : digits <= 13 ? REDACTED.phone : REDACTED.number;
    })
    .replace(DIGITS, REDACTED.number);
}

/**
 * Text as the API stores it from a customer: white space folded to single
 * spaces, then redacted. The API does this again whatever the browser did,
 * since it cannot trust that the browser did.
 *
 * @example redactForStorage('  refund   to jan@example.nl ') // 'refund to [e-mail]'
 */
export function redactForStorage(text: string): string {
  return redact(text.replace(/\s+/g, ' ').trim());
}

/**
 * `text` cut to at most `maxLength` UTF-16 code units — the unit the API's
 * length limits count — but never inside a surrogate pair: an emoji is kept
 * whole or left out, so what is sent is always well-formed text. Use it
 * instead of `.slice(0, n)` on anything a customer typed.
 *
 * @example cutText('ok 😀', 4) // 'ok ' (not 'ok \ud83d')
 */
export function cutText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = Math.max(0, maxLength);
  const last = text.charCodeAt(end - 1);
  // A high surrogate as the last unit kept means its partner is cut off: leave both out.
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}

/**
 * `text` with every unpaired surrogate replaced by U+FFFD, as
 * `String.prototype.toWellFormed` does (not in every browser the widget
 * supports). The API refuses ill-formed text, so the outbox repairs it
 * before sending rather than lose what the customer typed.
 *
 * @example wellFormed('a\ud83d') // 'a\ufffd'
 */
export function wellFormed(text: string): string {
  // With the `u` flag a pair is one code point, so \p{Cs} matches only an unpaired half.
  return text.replace(/\p{Cs}/gu, '\ufffd');
}

/**
 * Redacts `text` and cuts the result to `maxLength` (see {@link cutText}):
 * redaction can make text longer ("123456" → "[number]"), so cut after it.
 *
 * @example redactAndCut('bel 0612345678 😀', 12) // 'bel [phone] '
 */
export function redactAndCut(text: string, maxLength: number): string {
  return cutText(wellFormed(redact(text)), maxLength);
}
