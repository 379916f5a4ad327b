import { describe, expect, it } from 'vitest';
import { addBusinessHours, type BusinessCalendar, businessHoursBetween, parseOpeningHours } from './business-hours.ts';

/** Duinwinkel's hours: weekdays 08:30–20:00, Saturday 09:00–17:00, closed on Sunday and at Christmas. */
const DUINWINKEL: BusinessCalendar = {
  timeZone: 'Europe/Amsterdam',
  week: {
    mon: parseOpeningHours('08:30-20:00'),
    tue: [510, 1200],
    wed: [510, 1200],
    thu: [510, 1200],
    fri: [510, 1200],
    sat: parseOpeningHours('09:00-17:00'),
  },
  holidays: new Set(['2026-12-25', '2026-12-26']),
};
const due = (start: string, hours: number) => addBusinessHours(new Date(start), hours, DUINWINKEL).toISOString();

describe('business hours (Europe/Amsterdam)', () => {
  it('counts within a day and from the next opening when the clock is outside hours', () => {
    // Tuesday 10:00 CET + 4 h = 14:00 CET.
    expect(due('2026-12-01T09:00:00Z', 4)).toBe('2026-12-01T13:00:00.000Z');
    // Tuesday 06:00 CET: counting starts at 08:30.
    expect(due('2026-12-01T05:00:00Z', 1)).toBe('2026-12-01T08:30:00.000Z');
  });

  it('carries across a weekend: Saturday is short and Sunday closed', () => {
    // Friday 19:00 CET + 4 h: 1 h on Friday, 3 h from Saturday 09:00 → Saturday 12:00 CET.
    expect(due('2026-12-04T18:00:00Z', 4)).toBe('2026-12-05T11:00:00.000Z');
    // Saturday 16:30 CET + 4 h: 0.5 h on Saturday, nothing on Sunday, 3.5 h from Monday 08:30 → Monday 12:00 CET.
    expect(due('2026-12-05T15:30:00Z', 4)).toBe('2026-12-07T11:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 24 December 18:00 CET + 4 h: 2 h that evening; Christmas, Boxing Day (a Saturday) and Sunday closed;
    // 2 h from Monday 28 December 08:30 → 10:30 CET.
    expect(due('2026-12-24T17:00:00Z', 4)).toBe('2026-12-28T09:30:00.000Z');
  });

  it('keeps opening hours on the wall clock across both daylight-saving changes', () => {
    // Saturday 28 March 16:00 CET + 3 h: 1 h to 17:00; clocks go forward on Sunday; Monday 08:30 is now CEST (06:30 UTC) → 10:30 CEST.
    expect(due('2026-03-28T15:00:00Z', 3)).toBe('2026-03-30T08:30:00.000Z');
    // Saturday 24 October 16:00 CEST + 3 h: 1 h to 17:00; clocks go back on Sunday; Monday 08:30 is CET again (07:30 UTC) → 10:30 CET.
    expect(due('2026-10-24T14:00:00Z', 3)).toBe('2026-10-26T09:30:00.000Z');
  });

  it('measures the business time between two instants, the inverse of adding it', () => {
    const start = new Date('2026-12-24T17:00:00Z');
    expect(businessHoursBetween(start, new Date('2026-12-28T09:30:00Z'), DUINWINKEL)).toBeCloseTo(4, 6);
    expect(businessHoursBetween(new Date('2026-10-24T14:00:00Z'), new Date('2026-10-26T09:30:00Z'), DUINWINKEL)).toBeCloseTo(3, 6);
    expect(businessHoursBetween(start, start, DUINWINKEL)).toBe(0);
  });

  it('names opening hours it cannot read', () => {
    expect(() => parseOpeningHours('20:00-08:30')).toThrow('business hours: "20:00-08:30" must be opening hours like "08:30-20:00" (start before end)');
    expect(() => parseOpeningHours('9-17')).toThrow('"9-17"');
    expect(() => addBusinessHours(new Date(), 1, { timeZone: 'Europe/Amsterdam', week: {}, holidays: new Set() })).toThrow('no opening hours');
  });
});
