import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { siteSettingsSchema } from '../content/schema.ts';
import { responseClocks, verdictOf } from './clocks.ts';
import { compileTargets, responseTargetsSchema } from './settings.ts';

const SETTINGS = {
  businessHours: {
    nl: {
      timeZone: 'Europe/Amsterdam',
      hours: { mon: '08:30-20:00', tue: '08:30-20:00', wed: '08:30-20:00', thu: '08:30-20:00', fri: '08:30-20:00', sat: '09:00-17:00' },
      holidays: ['2026-12-25', '2026-12-26'],
    },
  },
  default: { urgent: { first: 1, next: 2 }, high: { first: 2, next: 4 }, normal: { first: 4, next: 8 }, low: { first: 16, next: 24 } },
  teams: { Retouren: { normal: { first: 8, next: 8 } } },
};

/** The first problem of `value` as `field: message`. */
function problem(value: unknown): string {
  const result = responseTargetsSchema.safeParse(value);
  if (result.success) return 'ok';
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('response target settings', () => {
  it('reads the demo settings file', () => {
    const settings = siteSettingsSchema.parse(parse(readFileSync(new URL('../../content/settings.yaml', import.meta.url), 'utf8')));
    expect(settings.responseTargets?.default.normal).toEqual({ first: 4, next: 8 });
  });

  it('names the field of a bad value', () => {
    expect(problem(SETTINGS)).toBe('ok');
    const withHours = (hours: unknown) => ({ ...SETTINGS, businessHours: { nl: { ...SETTINGS.businessHours.nl, hours } } });
    expect(problem(withHours({ mon: '20:00-08:30' }))).toBe(
      'businessHours.nl.hours.mon: must be opening hours like "08:30-20:00" (start before end, 24-hour clock)',
    );
    expect(problem(withHours({ mon: '8.30-20' }))).toMatch(/^businessHours\.nl\.hours\.mon: must be opening hours/);
    expect(problem(withHours({ zon: '10:00-16:00' }))).toMatch(/^businessHours\.nl\.hours/);
    expect(problem(withHours({}))).toBe('businessHours.nl.hours: must name at least one open weekday');
    expect(problem({ ...SETTINGS, businessHours: { nl: { ...SETTINGS.businessHours.nl, timeZone: 'Europe/Amsterdm' } } })).toBe(
      'businessHours.nl.timeZone: must be an IANA time zone like "Europe/Amsterdam"',
    );
    expect(problem({ ...SETTINGS, businessHours: { nl: { ...SETTINGS.businessHours.nl, holidays: ['2026-02-30'] } } })).toBe(
      'businessHours.nl.holidays.0: must be a date written YYYY-MM-DD',
    );
    expect(problem({ ...SETTINGS, default: { ...SETTINGS.default, high: { first: 0, next: 4 } } })).toBe(
      'default.high.first: must be more than 0 business hours',
    );
    expect(problem({ ...SETTINGS, default: { ...SETTINGS.default, low: { first: 'twee', next: 4 } } })).toBe(
      'default.low.first: must be a number of business hours',
    );
    expect(problem({ ...SETTINGS, teams: { Retouren: { spoed: { first: 1, next: 1 } } } })).toMatch(/^teams\.Retouren/);
  });

  it("takes a team's own target where it has one, else the default", () => {
    const targets = compileTargets(responseTargetsSchema.parse(SETTINGS));
    expect(targets.hours('Retouren', 'normal', 'first')).toBe(8);
    expect(targets.hours('Retouren', 'urgent', 'first')).toBe(1);
    expect(targets.hours(null, 'normal', 'next')).toBe(8);
    expect(targets.hours('Onbekend team', 'low', 'first')).toBe(16);
    expect(targets.calendar('nl')?.week.sat).toEqual([540, 1020]);
    expect(targets.calendar('en')).toBeUndefined();
  });
});

describe('response clocks', () => {
  const at = (iso: string) => new Date(iso);
  const handoff = at('2026-12-01T09:00:00Z');

  it('runs the first clock from the hand-off to the first agent reply, then one clock per wait of the customer', () => {
    const clocks = responseClocks(handoff, [
      { author: 'customer', at: at('2026-12-01T09:00:00Z') },
      { author: 'customer', at: at('2026-12-01T09:05:00Z') },
      { author: 'agent', at: at('2026-12-01T11:00:00Z') },
      { author: 'agent', at: at('2026-12-01T11:10:00Z') },
      { author: 'customer', at: at('2026-12-01T12:00:00Z') },
      { author: 'customer', at: at('2026-12-01T12:30:00Z') },
      { author: 'agent', at: at('2026-12-01T15:00:00Z') },
      { author: 'customer', at: at('2026-12-02T10:00:00Z') },
    ]);
    expect(clocks).toEqual([
      { kind: 'first', startedAt: handoff, answeredAt: at('2026-12-01T11:00:00Z') },
      { kind: 'next', startedAt: at('2026-12-01T12:00:00Z'), answeredAt: at('2026-12-01T15:00:00Z') },
      { kind: 'next', startedAt: at('2026-12-02T10:00:00Z'), answeredAt: null },
    ]);
  });

  it('judges a clock in business hours: a Friday-evening hand-off answered on Saturday morning is on time', () => {
    const { calendar } = compileTargets(responseTargetsSchema.parse(SETTINGS));
    const nl = calendar('nl')!;
    // Friday 19:00 CET; 1 h left on Friday, answered Saturday 11:00 CET = 3 business hours.
    const friday = { kind: 'first' as const, startedAt: at('2026-12-04T18:00:00Z'), answeredAt: at('2026-12-05T10:00:00Z') };
    expect(verdictOf(friday, 4, nl, at('2026-12-07T00:00:00Z'))).toBe('met');
    expect(verdictOf(friday, 2, nl, at('2026-12-07T00:00:00Z'))).toBe('missed');
    // Unanswered over Christmas: due on Monday 28 December, so still running on Boxing Day.
    const christmas = { kind: 'next' as const, startedAt: at('2026-12-24T17:00:00Z'), answeredAt: null };
    expect(verdictOf(christmas, 4, nl, at('2026-12-26T12:00:00Z'))).toBe('running');
    expect(verdictOf(christmas, 4, nl, at('2026-12-28T10:00:00Z'))).toBe('missed');
  });
});
