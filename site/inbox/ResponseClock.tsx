/**
 * A ticket's response target as text: which response, and how long is left
 * or how long it is overdue ("Eerste reactie: nog 2 uur", "Volgende reactie:
 * 40 min. te laat"), with the due time in full in a `<time>` title. The
 * words say it; the colour only repeats it.
 */
import type { Locale } from '#core/locale.ts';
import type { TicketSummary } from './api.ts';
import { inboxText } from './strings.ts';
import { dateTime, duration } from './time.ts';

/** The clock's sentence and whether it is overdue, or null without a running clock. */
export function responseClockText(response: TicketSummary['response'], locale: Locale, now: number): { text: string; overdue: boolean } | null {
  if (!response) return null;
  const t = inboxText(locale);
  const kind = t[`response_${response.kind}`];
  const left = Date.parse(response.dueAt) - now;
  return left >= 0
    ? { text: t.responseLeft(kind, duration(left, locale)), overdue: false }
    : { text: t.responseOverdue(kind, duration(-left, locale)), overdue: true };
}

export function ResponseClock({ response, locale, now, full = false }: { response: TicketSummary['response']; locale: Locale; now: number; full?: boolean }) {
  const clock = responseClockText(response, locale, now);
  if (!response || !clock) return null;
  const due = dateTime(response.dueAt, locale);
  const hours = response.targetHours.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB');
  return (
    <span className={`response-clock${clock.overdue ? ' overdue' : ''}`}>
      <time dateTime={response.dueAt} title={inboxText(locale).responseDue(due, hours)}>
        {clock.overdue ? '⚠ ' : ''}
        {clock.text}
      </time>
      {full && <small className="muted"> ({inboxText(locale).responseDue(due, hours)})</small>}
    </span>
  );
}
