/**
 * Response clocks: from a ticket's public thread, when each wait for an
 * agent began and when (if at all) an agent answered it. The first clock
 * starts at the hand-off and stops at the first public agent reply; after
 * that, a customer message starts a next-response clock (further customer
 * messages before the answer do not start another), stopped by the next
 * public agent reply. Internal notes and the hand-off transcript are not
 * part of the thread. Pure: the caller reads the messages.
 */
import { addBusinessHours, type BusinessCalendar, businessHoursBetween } from './business-hours.ts';
import type { ResponseKind } from './settings.ts';

/** One public message of a ticket's thread (after the hand-off), with its real time. */
export interface ThreadLine {
  author: 'customer' | 'agent';
  at: Date;
}

/** One wait for an agent. */
export interface ResponseClock {
  kind: ResponseKind;
  startedAt: Date;
  /** The public agent reply that ended the wait; null while nobody has answered. */
  answeredAt: Date | null;
}

/**
 * The response clocks of a thread handed off at `handoffAt`; `lines` in
 * time order.
 *
 * @example responseClocks(created, [{ author: 'agent', at: t1 }, { author: 'customer', at: t2 }]) // first (answered at t1), next (open since t2)
 */
export function responseClocks(handoffAt: Date, lines: readonly ThreadLine[]): ResponseClock[] {
  const clocks: ResponseClock[] = [];
  let running: ResponseClock | null = { kind: 'first', startedAt: handoffAt, answeredAt: null };
  for (const line of lines) {
    if (line.author === 'agent') {
      if (running) {
        running.answeredAt = line.at;
        clocks.push(running);
        running = null;
      }
    } else if (!running) running = { kind: 'next', startedAt: line.at, answeredAt: null };
  }
  if (running) clocks.push(running);
  return clocks;
}

/** How a clock stands against its target. */
export type ClockVerdict = 'met' | 'missed' | 'running';

/**
 * Whether `clock` met a target of `hours` business hours in `calendar`: an
 * answer within the target is `met`, a later one `missed`; a clock still
 * running is `missed` once its due time has passed (`now`), else `running`.
 */
export function verdictOf(clock: ResponseClock, hours: number, calendar: BusinessCalendar, now: Date): ClockVerdict {
  if (clock.answeredAt) return businessHoursBetween(clock.startedAt, clock.answeredAt, calendar) <= hours + 1e-9 ? 'met' : 'missed';
  return addBusinessHours(clock.startedAt, hours, calendar).getTime() < now.getTime() ? 'missed' : 'running';
}
