/**
 * Times as an agent reads them in the queue and the ticket: how long ago
 * ("2 uur geleden") and how long ("2 uur"), in the inbox's language.
 */
import type { Locale } from '#core/locale.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const intlLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/** The largest whole unit of `ms`: minutes under an hour, hours under two days, then days. */
function unitOf(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const abs = Math.max(0, ms);
  if (abs < HOUR) return { value: Math.max(1, Math.floor(abs / MINUTE)), unit: 'minute' };
  if (abs < 2 * DAY) return { value: Math.floor(abs / HOUR), unit: 'hour' };
  return { value: Math.floor(abs / DAY), unit: 'day' };
}

/**
 * How long ago `iso` was, relative to `now`: "zojuist" / "just now" under a
 * minute, else "5 minuten geleden", "3 uur geleden", "4 dagen geleden".
 *
 * @example timeAgo('2026-12-06T10:00:00Z', 'nl', Date.parse('2026-12-06T12:30:00Z')) // '2 uur geleden'
 */
export function timeAgo(iso: string, locale: Locale, now: number = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (ms < MINUTE) return locale === 'nl' ? 'zojuist' : 'just now';
  const { value, unit } = unitOf(ms);
  return new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'always' }).format(-value, unit);
}

/**
 * A span as a short duration: "12 min.", "3 uur", "2 dagen" / "12 min", "3 hr", "2 days".
 *
 * @example duration(3 * 3600_000, 'en') // '3 hr'
 */
export function duration(ms: number, locale: Locale): string {
  const { value, unit } = unitOf(ms);
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' }).format(value);
}

/** A date and time in full, for a title or `<time>`'s text. */
export function dateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
}
