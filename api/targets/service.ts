/**
 * The response-target report: of the waits for an agent that began in a
 * period, how many were answered within their target. Computed from the
 * real times of the messages (core/targets/clocks.ts): the first response
 * runs from the hand-off to the first public agent reply, each next response
 * from a customer's message (after an agent's reply) to the next public
 * reply, in business hours of the ticket's locale (content/settings.yaml).
 */
import { sql } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import { type ClockVerdict, responseClocks, type ThreadLine, verdictOf } from '#core/targets/clocks.ts';
import type { Priority, ResponseKind, ResponseTargets } from '#core/targets/settings.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { previousRange, type ReportRange } from '../reports/schema.ts';
import type { TargetReport } from './schema.ts';

interface TicketThread {
  locale: Locale;
  priority: Priority;
  status: string;
  team: string | null;
  created_at: string | Date;
  /** `[author, ISO time]` of each public message after the hand-off, in time order. */
  thread: [string, string][] | string;
}

type Tally = Record<ClockVerdict, number>;
const empty = (): Tally => ({ met: 0, missed: 0, running: 0 });
const shareOf = (t: Tally) => (t.met + t.missed === 0 ? null : Math.round((t.met / (t.met + t.missed)) * 10_000) / 10_000);

/**
 * The report for `range` and the period of the same length before it.
 *
 * - A clock counts in the period its wait **began** in (UTC days, like the
 *   other reports), in the ticket's locale.
 * - **met**: answered within the target of the ticket's current team and
 *   priority; **missed**: answered later, or unanswered and past due at
 *   `now`; **running**: unanswered and not yet due (left out of the share).
 * - A wait on a ticket that was solved or closed without a reply needed no
 *   answer: not counted. Merged-away tickets are counted in the ticket they
 *   were merged into (their messages moved there).
 */
export async function targetReport(
  db: Db,
  targets: ResponseTargets | null,
  range: ReportRange,
  locale: Locale | null,
  now: Date = new Date(),
): Promise<TargetReport> {
  const before = previousRange(range);
  const periods = [range, before];
  const tallies = periods.map(() => ({ first: empty(), next: empty() }));
  if (targets) {
    const start = before.start.toISOString();
    const end = range.end.toISOString();
    // Tickets whose hand-off or some customer message falls in either period, with their whole public thread.
    const found = await rows<TicketThread>(
      db,
      sql`select t.locale, t.priority, t.status, tm.name as team, t.created_at,
            coalesce((select json_agg(json_build_array(m.author, m.created_at) order by m.created_at, m.id)
                      from messages m where m.ticket_id = t.id and not m.transcript and not m.internal and m.author in ('customer', 'agent')), '[]'::json) as thread
          from tickets t left join teams tm on tm.id = t.team_id
          where t.merged_into_id is null and t.created_at < ${end}::timestamptz
            ${locale === null ? sql`` : sql`and t.locale = ${locale}`}
            and (t.created_at >= ${start}::timestamptz
              or exists (select 1 from messages c where c.ticket_id = t.id and c.author = 'customer' and not c.transcript
                           and c.created_at >= ${start}::timestamptz and c.created_at < ${end}::timestamptz))`,
    );
    for (const ticket of found) {
      const calendar = targets.calendar(ticket.locale);
      if (!calendar) continue;
      const thread = (typeof ticket.thread === 'string' ? JSON.parse(ticket.thread) : ticket.thread) as [string, string][];
      const lines: ThreadLine[] = thread.map(([author, at]) => ({ author: author === 'agent' ? 'agent' : 'customer', at: new Date(at) }));
      const settled = ticket.status === 'solved' || ticket.status === 'closed';
      for (const clock of responseClocks(new Date(ticket.created_at), lines)) {
        if (clock.answeredAt === null && settled) continue;
        const index = periods.findIndex((p) => clock.startedAt >= p.start && clock.startedAt < p.end);
        const tally = tallies[index];
        if (!tally) continue;
        const kind: ResponseKind = clock.kind;
        tally[kind][verdictOf(clock, targets.hours(ticket.team, ticket.priority, kind), calendar, now)] += 1;
      }
    }
  }
  const figures = (i: number) => {
    const period = periods[i]!;
    const tally = tallies[i]!;
    return { from: period.from, to: period.to, first: { ...tally.first, share: shareOf(tally.first) }, next: { ...tally.next, share: shareOf(tally.next) } };
  };
  return { locale, configured: targets !== null, current: figures(0), previous: figures(1) };
}

/** The report as CSV rows: one per period and kind. */
export function targetReportRows(report: TargetReport): (string | number | null)[][] {
  return [report.current, report.previous].flatMap((period) =>
    (['first', 'next'] as const).map((kind) => [
      `${period.from}/${period.to}`,
      kind,
      period[kind].met,
      period[kind].missed,
      period[kind].running,
      period[kind].share,
    ]),
  );
}
