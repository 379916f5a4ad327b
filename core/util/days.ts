/**
 * UTC days. The API stores and reports by UTC day, written as `YYYY-MM-DD`
 * (ISO 8601), whatever the time zone of the server or the browser.
 */

/** Milliseconds in a day (UTC days have no daylight-saving jumps). */
export const DAY_MS = 86_400_000;

/**
 * The UTC day of `date` (a Date or epoch milliseconds) as `YYYY-MM-DD`.
 *
 * @example
 * utcDay(new Date('2026-11-23T23:30:00-02:00')) // '2026-11-24'
 */
export function utcDay(date: Date | number): string {
  return (typeof date === 'number' ? new Date(date) : date).toISOString().slice(0, 10);
}
