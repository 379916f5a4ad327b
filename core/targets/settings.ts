/**
 * Response targets as `content/settings.yaml` states them (`responseTargets`):
 * the opening hours and holidays of each locale's team, and per priority
 * (and, where a team differs, per team) how many business hours the first
 * response and each next response may take. One zod schema, used by the
 * content model (core/content/schema.ts) and by the API, which reads only
 * this part of the settings (api/site-settings.ts); {@link compileTargets}
 * turns it into what the queue and the reports compute with.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '../locale.ts';
import { type BusinessCalendar, parseOpeningHours, WEEKDAYS, type Weekday } from './business-hours.ts';

/** Ticket priorities, lowest first (the API's `tickets.priority`). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** A ticket priority. */
export type Priority = (typeof PRIORITIES)[number];

/** Which response a clock runs for: the first after the hand-off, or the next after a customer wrote again. */
export type ResponseKind = 'first' | 'next';

const openingHours = z.string({ error: 'must be opening hours like "08:30-20:00"' }).refine((text) => {
  try {
    parseOpeningHours(text);
    return true;
  } catch {
    return false;
  }
}, 'must be opening hours like "08:30-20:00" (start before end, 24-hour clock)');

const isRealDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

const timeZone = z.string({ error: 'must be an IANA time zone like "Europe/Amsterdam"' }).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like "Europe/Amsterdam"');

/** When one locale's team works. */
export const businessHoursSchema = z.strictObject({
  /** IANA time zone the hours and holidays are in. */
  timeZone,
  /** Opening hours per weekday (`mon` … `sun`), like `"08:30-20:00"`; a day left out is closed. */
  hours: z.partialRecord(z.enum(WEEKDAYS), openingHours).refine((week) => Object.keys(week).length > 0, 'must name at least one open weekday'),
  /** Closed days, `YYYY-MM-DD` (quote them or not). */
  holidays: z.array(z.string({ error: 'must be a date written YYYY-MM-DD' }).refine(isRealDay, 'must be a date written YYYY-MM-DD')).default([]),
});

const hoursTarget = z
  .number({ error: 'must be a number of business hours' })
  .positive('must be more than 0 business hours')
  .max(24 * 7 * 4, 'must be at most 672 business hours');

/** The first-response and next-response targets of one priority, in business hours. */
export const responseTargetSchema = z.strictObject({
  /** From the hand-off to the first public reply of an agent. */
  first: hoursTarget,
  /** From a customer's message (after an agent's reply) to the next public reply. */
  next: hoursTarget,
});

/** `responseTargets` in content/settings.yaml. */
export const responseTargetsSchema = z.strictObject({
  /** Opening hours and holidays per locale: a ticket's clock runs in its locale's hours. */
  businessHours: z.partialRecord(z.enum(LOCALES), businessHoursSchema),
  /** Targets per priority for every team and the shared queue. */
  default: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, responseTargetSchema])) as Record<Priority, typeof responseTargetSchema>),
  /** Where a team (by its name in the inbox's routing page) differs: its targets per priority; priorities left out use `default`. */
  teams: z.record(z.string().trim().min(1), z.partialRecord(z.enum(PRIORITIES), responseTargetSchema)).default({}),
});
/** Validated `responseTargets`. */
export type ResponseTargetSettings = z.infer<typeof responseTargetsSchema>;

/** Response targets ready to compute with. */
export interface ResponseTargets {
  /** The business calendar of `locale`, or undefined when the settings give it no hours (no clock runs). */
  calendar(locale: Locale): BusinessCalendar | undefined;
  /** The target in business hours for a ticket of `team` (its name; null: the shared queue) and `priority`. */
  hours(team: string | null, priority: Priority, kind: ResponseKind): number;
}

/**
 * The settings as {@link ResponseTargets}.
 *
 * @example compileTargets(settings.responseTargets).hours('Retouren', 'urgent', 'first') // 1
 */
export function compileTargets(settings: ResponseTargetSettings): ResponseTargets {
  const calendars = new Map<Locale, BusinessCalendar>();
  for (const locale of LOCALES) {
    const hours = settings.businessHours[locale];
    if (!hours) continue;
    const week: Partial<Record<Weekday, readonly [number, number]>> = {};
    for (const day of WEEKDAYS) {
      const text = hours.hours[day];
      if (text) week[day] = parseOpeningHours(text);
    }
    calendars.set(locale, { timeZone: hours.timeZone, week, holidays: new Set(hours.holidays) });
  }
  return {
    calendar: (locale) => calendars.get(locale),
    hours: (team, priority, kind) => ((team === null ? undefined : settings.teams[team]?.[priority]) ?? settings.default[priority])[kind],
  };
}
