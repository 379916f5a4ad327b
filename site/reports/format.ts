/**
 * Pure helpers of the reports page: the default period, reading the filters
 * from a URL, and how figures are written (averages, shares, durations) in
 * each locale. No DOM, tested on their own.
 */
import type { Locale } from '#core/locale.ts';
import type { ReportFilter } from './api.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The API's default period: the last 28 days up to and including `today`. */
export function defaultRange(today: Date): { from: string; to: string } {
  return { from: utcDay(today.getTime() - 27 * DAY_MS), to: utcDay(today) };
}

/** Whether `value` is a real calendar day written as YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // 2026-02-30 is no day: either invalid or rolled over into March.
  return !Number.isNaN(date.getTime()) && utcDay(date) === value;
}

/**
 * The filter a page address asks for (`?from=&to=&locale=`), falling back to
 * the default period for anything missing or malformed, so a shared link
 * opens the same report and a broken one still opens a report.
 */
export function filterFromSearch(search: string, today: Date): ReportFilter {
  const params = new URLSearchParams(search);
  const fallback = defaultRange(today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const locale = params.get('locale');
  const range = isDay(from) && isDay(to) && from <= to ? { from, to } : fallback;
  return { ...range, locale: locale === 'nl' || locale === 'en' ? locale : '' };
}

/** The page address of `filter` (what {@link filterFromSearch} reads back). */
export function searchOfFilter(filter: ReportFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.locale) params.set('locale', filter.locale);
  return `?${params}`;
}

/** What is wrong with a period the agent typed, or null when it is fine. */
export function rangeProblem(from: string, to: string): 'from' | 'to' | 'order' | null {
  if (!isDay(from)) return 'from';
  if (!isDay(to)) return 'to';
  return from <= to ? null : 'order';
}

const numberLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/** A figure without data is a dash, never a zero: "no scores" is not "no effort". */
export const NO_DATA = '–';

/** An average score with one decimal (2,4 / 2.4). */
export function formatAverage(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  return new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A share (0–1) as a whole percentage. */
export function formatShare(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  return new Intl.NumberFormat(numberLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A count with thousands separators. */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(numberLocale(locale)).format(value);
}

/** A duration in minutes, in the largest units that keep it readable: 45 min, 3 h 20 min, 2 d 4 h. */
export function formatMinutes(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  const minutes = Math.round(value);
  const [d, h, m] = locale === 'nl' ? ['d', 'u', 'min'] : ['d', 'h', 'min'];
  if (minutes < 60) return `${minutes} ${m}`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest === 0 ? `${Math.floor(minutes / 60)} ${h}` : `${Math.floor(minutes / 60)} ${h} ${rest} ${m}`;
  }
  const hours = Math.round(minutes / 60);
  const rest = hours % 24;
  return rest === 0 ? `${Math.floor(hours / 24)} ${d}` : `${Math.floor(hours / 24)} ${d} ${rest} ${h}`;
}

/** A day (YYYY-MM-DD) as readers of `locale` write it short: 14 okt. / 14 Oct. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(numberLocale(locale), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Shares of a distribution (counts per score), each 0–1; all zero when there are no scores. */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((n) => (total === 0 ? 0 : n / total));
}

/**
 * Shares (0–1, or null) as whole percentages that add up to exactly 100
 * when any share is there: rounded down, and the points left over go to the
 * largest remainders (Hamilton's method), so "34 % + 33 % + 33 %" rather
 * than three times 33 %. Nulls stay null.
 */
export function wholePercents(values: readonly (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const total = present.reduce((sum, v) => sum + v, 0);
  if (present.length === 0 || total === 0) return values.map((v) => (v === null ? null : 0));
  const exact = values.map((v) => (v === null || !Number.isFinite(v) ? null : (v / total) * 100));
  const floors = exact.map((v) => (v === null ? null : Math.floor(v)));
  let left = 100 - floors.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const byRemainder = exact
    .map((v, i) => ({ i, remainder: v === null ? -1 : v - Math.floor(v) }))
    .filter((entry) => entry.remainder >= 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** A whole percentage as readers of `locale` write it: 34 %, 34%. */
export function formatPercent(value: number | null, locale: Locale): string {
  if (value === null) return NO_DATA;
  return new Intl.NumberFormat(numberLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** Whether the page address asks for a period that runs backwards (`from` after `to`), which {@link filterFromSearch} replaces by the default. */
export function reversedInSearch(search: string): boolean {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return isDay(from) && isDay(to) && from > to;
}
