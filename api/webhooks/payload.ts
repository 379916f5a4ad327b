/**
 * The bodies webhooks receive: Slack-compatible (`text` plus `blocks`, which
 * Slack, Mattermost and most chat tools accept on an incoming webhook) or
 * plain JSON (`{ event, occurredAt, data }`) for other tools.
 *
 * Nothing that names a customer goes out: no e-mail address, no name, no
 * conversation id; the ticket subject (the customer's first question) is
 * redacted of e-mail addresses, phone numbers and long numbers first.
 */
import { redact } from '#core/privacy/redact.ts';
import type { DigestCounts, WebhookEvent } from './enqueue.ts';

/** A Slack Block Kit section or context block; the small subset used here. */
type SlackBlock = { type: 'section'; text: { type: 'mrkdwn'; text: string } } | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

export interface JsonPayload {
  event: WebhookEvent['type'];
  occurredAt: string;
  data: Record<string, unknown>;
}

/** What an event tells, without anything personal. */
export function eventData(event: WebhookEvent, digest?: { day: string } & DigestCounts): Record<string, unknown> {
  switch (event.type) {
    case 'ticket.created':
      return {
        ticket: {
          id: event.ticket.id,
          number: event.ticket.number,
          locale: event.ticket.locale,
          subject: redact(event.ticket.subject),
          priority: event.ticket.priority,
        },
      };
    case 'ces.high':
      return { score: event.score, articleId: event.articleId, locale: event.locale, answerId: event.answerId };
    case 'csat.low':
      return { ticket: { id: event.ticket.id, number: event.ticket.number, locale: event.ticket.locale }, score: event.score };
    case 'digest.daily':
      return { ...(digest ?? { day: event.day }) };
  }
}

/** Slack reads `&`, `<` and `>` as markup (links, mentions); customer text must stay text. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackPayload(event: WebhookEvent, data: Record<string, unknown>): SlackPayload {
  const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  switch (event.type) {
    case 'ticket.created': {
      const subject = escapeSlack((data.ticket as { subject: string }).subject);
      return {
        text: `New ticket ${event.ticket.number}: ${subject}`,
        blocks: [
          section(`*New ticket ${escapeSlack(event.ticket.number)}*\n>${subject}`),
          context(`Locale: ${event.ticket.locale} · Priority: ${escapeSlack(event.ticket.priority)}`),
        ],
      };
    }
    case 'ces.high': {
      const about = event.articleId ? `article \`${escapeSlack(event.articleId)}\`` : 'an answer without an article';
      return {
        text: `High effort (${event.score}/5) on ${about}`,
        blocks: [section(`*High effort: ${event.score}/5* on ${about}`), context(`Locale: ${event.locale} · 1 = hardly any effort, 5 = a lot`)],
      };
    }
    case 'csat.low':
      return {
        text: `Low satisfaction (${event.score}/5) with ticket ${event.ticket.number}`,
        blocks: [section(`*Low satisfaction: ${event.score}/5* with ticket ${escapeSlack(event.ticket.number)}`), context(`Locale: ${event.ticket.locale}`)],
      };
    case 'digest.daily': {
      const d = data as { day: string } & Partial<DigestCounts>;
      const ces = d.ces?.average == null ? 'no scores' : `${d.ces.average} average over ${d.ces.count}`;
      const lines = [
        `Tickets created: ${d.ticketsCreated ?? 0}`,
        `Tickets solved: ${d.ticketsSolved ?? 0}`,
        `Effort (CES, lower is better): ${ces}`,
        `Questions without a match: ${d.noMatches ?? 0}`,
      ];
      return {
        text: `Wegwijs daily digest for ${d.day}: ${lines.join(' · ')}`,
        blocks: [section(`*Wegwijs daily digest for ${d.day}*`), section(lines.map((line) => `• ${line}`).join('\n'))],
      };
    }
  }
}

/** The body for a webhook of `format`. */
export function renderPayload(
  format: 'slack' | 'json',
  event: WebhookEvent,
  occurredAt: string,
  digest?: { day: string } & DigestCounts,
): SlackPayload | JsonPayload {
  const data = eventData(event, digest);
  return format === 'slack' ? slackPayload(event, data) : { event: event.type, occurredAt, data };
}
