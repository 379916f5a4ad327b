/**
 * The ticket's events as sentences in the agent's language: who claimed,
 * assigned, took over, released, replied; status and priority changes.
 */
import type { Locale } from '#core/locale.ts';
import type { Colleague, TicketDetail, TicketPriority, TicketStatus } from './api.ts';
import { inboxText } from './strings.ts';
import { routingText } from './routing-strings.ts';
import { dateTime, timeAgo } from './time.ts';

type TicketEvent = NonNullable<TicketDetail['events']>[number];

/** The name of the routing rule that made an automatic assignment, if one did. */
function routedBy(data: unknown): string | undefined {
  const rule = (data as { rule?: { name?: unknown } } | null)?.rule;
  return typeof rule?.name === 'string' ? rule.name : undefined;
}

/** One event as a sentence; `nameOf` turns an agent id into a name. */
export function describeEvent(event: TicketEvent, locale: Locale, nameOf: (id: unknown) => string): string {
  const t = inboxText(locale);
  const actor = event.actor === 'customer' ? t.actor_customer : event.actor === 'system' ? t.actor_system : (event.actor ?? t.actor_system);
  const data = (event.data ?? {}) as { from?: unknown; to?: unknown };
  switch (event.type) {
    case 'created':
      return t.event_created;
    case 'claimed':
      return t.event_claimed(actor);
    case 'assigned':
      return routedBy(data) ? routingText(locale).eventRouted(routedBy(data) ?? '', nameOf(data.to)) : t.event_assigned(actor, nameOf(data.to));
    case 'routed':
      return routingText(locale).eventRoutedNobody(routedBy(data) ?? '', (data as { team?: { name?: string } }).team?.name ?? '?');
    case 'taken_over':
      return t.event_taken_over(actor, nameOf(data.from));
    case 'unassigned':
      return t.event_unassigned(actor);
    case 'status':
      return t.event_status(actor, t[`status_${data.to as TicketStatus}`] ?? String(data.to));
    case 'priority':
      return t.event_priority(actor, t[`priority_${data.to as TicketPriority}`] ?? String(data.to));
    case 'replied':
      return t.event_replied(actor);
    case 'noted':
      return t.event_noted(actor);
    case 'customer_replied':
      return t.event_customer_replied;
    case 'merged':
      return t.event_merged(actor, String((event.data as { from?: { number?: unknown } } | null)?.from?.number ?? '?'));
    case 'merged_into':
      return t.event_merged_into(actor, String((event.data as { into?: { number?: unknown } } | null)?.into?.number ?? '?'));
    case 'mail_failed':
      return t.event_mail_failed(String((event.data as { error?: unknown } | null)?.error ?? ''));
    default:
      return t.event_other(actor, event.type);
  }
}

export function History({ events, locale, colleagues }: { events: NonNullable<TicketDetail['events']>; locale: Locale; colleagues: readonly Colleague[] }) {
  const t = inboxText(locale);
  const nameOf = (id: unknown) => (typeof id === 'string' ? (colleagues.find((c) => c.id === id)?.name ?? '?') : t.nobody);
  return (
    <details className="history" open>
      <summary>
        {t.history} ({events.length})
      </summary>
      <ol>
        {events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <time dateTime={event.at} title={dateTime(event.at, locale)}>
              {timeAgo(event.at, locale)}
            </time>{' '}
            {describeEvent(event, locale, nameOf)}
          </li>
        ))}
      </ol>
    </details>
  );
}
