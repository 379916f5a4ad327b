/**
 * Business-hours arithmetic for response targets: when does a target of N
 * business hours, started at an instant, fall due — counting only the
 * opening hours of each weekday in one time zone, skipping holidays, and
 * right across daylight-saving changes: opening and closing are wall-clock
 * times of that day (08:30 is 08:30 in summer and in winter), and the time
 * between them is real time. Pure: no clock, no I/O; the time zone comes
 * from Intl.
 */

/** Weekday keys, Monday first (ISO order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the team works: opening hours per weekday (`"08:30-20:00"`, or none), holidays as `YYYY-MM-DD` in the time zone. */
export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Amsterdam`. */
  timeZone: string;
  /** Opening hours per weekday as [start, end) minutes after local midnight; a missing day is closed. */
  week: Partial<Record<Weekday, readonly [number, number]>>;
  /** Closed days, `YYYY-MM-DD` local. */
  holidays: ReadonlySet<string>;
}

/** `"08:30-20:00"` as minutes [510, 1200]; throws naming the text when it is not such a range. */
export function parseOpeningHours(text: string): [number, number] {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  const minutes = match ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])] : [];
  const [start, end] = minutes;
  if (start === undefined || end === undefined || start >= end || end > 24 * 60 || Number(match?.[2]) > 59 || Number(match?.[4]) > 59) {
    throw new Error(`business hours: "${text}" must be opening hours like "08:30-20:00" (start before end)`);
  }
  return [start, end];
}

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']) + Number(parts['second']) / 60,
  };
}

/** The instant at which the wall clock in `timeZone` shows `minutes` after midnight of the given day (the earlier one in an overlap). */
function instantAt(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day) + minutes * MINUTE;
  // The zone's offset at a guess, then at the corrected instant: two rounds settle every real offset change.
  let instant = asUtc;
  for (let round = 0; round < 2; round++) {
    const wall = wallClock(instant, timeZone);
    const shownAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minutes * MINUTE;
    instant = asUtc - (shownAsUtc - instant);
  }
  return instant;
}

const dayKey = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Opening intervals already worked out, per calendar and day: the queue asks for the same few days for every ticket. */
const openings = new WeakMap<BusinessCalendar, Map<string, [number, number] | null>>();
/** Days remembered per calendar before starting over (years of days; a bound, not a tuning knob). */
const MAX_REMEMBERED_DAYS = 4096;

/** The opening interval of the local day (`year`, `month`, `day`) as instants, or null when closed. */
function openOn(calendar: BusinessCalendar, year: number, month: number, day: number): [number, number] | null {
  let known = openings.get(calendar);
  if (!known) {
    known = new Map();
    openings.set(calendar, known);
  }
  const key = dayKey(year, month, day);
  const remembered = known.get(key);
  if (remembered !== undefined) return remembered;
  if (known.size >= MAX_REMEMBERED_DAYS) known.clear();
  // Time-zone arithmetic (Intl) is the costly part: a few hundred microseconds a day, so each day is worked out once.
  const open = openingOf(calendar, year, month, day);
  known.set(key, open);
  return open;
}

function openingOf(calendar: BusinessCalendar, year: number, month: number, day: number): [number, number] | null {
  if (calendar.holidays.has(dayKey(year, month, day))) return null;
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7];
  const hours = weekday ? calendar.week[weekday] : undefined;
  if (!hours) return null;
  return [instantAt(year, month, day, hours[0], calendar.timeZone), instantAt(year, month, day, hours[1], calendar.timeZone)];
}

/** Days searched for opening hours before giving up (a calendar with none would loop forever). */
const MAX_DAYS = 800;

/**
 * When `hours` business hours after `start` have passed. A start outside
 * opening hours counts from the next opening.
 *
 * @example addBusinessHours(new Date('2026-12-24T18:00:00Z'), 4, calendar) // after the holidays
 * @throws Error when the calendar has no opening hours in the next 800 days.
 */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar): Date {
  let left = hours * 60 * MINUTE;
  let at = start.getTime();
  // Walk local days from the day before the start's UTC day (every zone's date is within a day of UTC's; days
  // that end before the start are skipped below), without asking Intl for the start's local date.
  // Noon of each day steps safely across DST changes.
  let noon = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() - 1, 12);
  for (let days = 0; days < MAX_DAYS; days++, noon += 24 * 60 * MINUTE) {
    const date = new Date(noon);
    const open = openOn(calendar, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (!open) continue;
    const from = Math.max(open[0], at);
    if (from >= open[1]) continue;
    if (from + left <= open[1]) return new Date(from + left);
    left -= open[1] - from;
    at = open[1];
  }
  throw new Error('business hours: no opening hours in the next 800 days');
}

/** Business time between two instants, in hours (0 when `end` is not after `start`). */
export function businessHoursBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
  if (end.getTime() <= start.getTime()) return 0;
  let total = 0;
  // From the day before the start's UTC day, as in addBusinessHours.
  let noon = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() - 1, 12);
  for (let days = 0; days < MAX_DAYS * 10 && noon - 36 * 60 * MINUTE < end.getTime(); days++, noon += 24 * 60 * MINUTE) {
    const date = new Date(noon);
    const open = openOn(calendar, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (!open) continue;
    const from = Math.max(open[0], start.getTime());
    const to = Math.min(open[1], end.getTime());
    if (to > from) total += to - from;
  }
  return total / (60 * MINUTE);
}
