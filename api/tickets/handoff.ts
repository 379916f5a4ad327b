/**
 * The hand-off: a conversation becomes a ticket. The transcript becomes its
 * first messages (with the assistant's reasons), the customer's message the
 * start of its thread, and a `created` event records the hand-off as a fact.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { tickets, UNRESOLVED_STATUSES } from '../db/tables.ts';
import type { HandoffInput } from '../conversations/schema.ts';
import { ApiError } from '../http/errors.ts';
import { claimWithAnswer, requestHashOf, storedAnswer, type IdempotentResult } from '../http/idempotency.ts';
import { enqueueWebhooks, webhookTargetsJson, type WebhookTarget } from '../webhooks/enqueue.ts';
import { bindAttachments } from '../attachments/service.ts';
import { deriveSubject } from './subject.ts';
import { enabledRulesJson, handoffRoutingOf, ROUTING_CONTEXT_COLUMNS, routeTicket, routingContextValues, type HandoffRouting, type RuleRow } from '../routing/handoff.ts';

/** `'open', 'pending'`, for SQL. */
const UNRESOLVED = sql.raw(UNRESOLVED_STATUSES.map((status) => `'${status}'`).join(', '));

/** Answer of a hand-off. */
export interface HandoffCreated {
  ticketId: string;
  number: string;
}

/**
 * Turns a conversation into a ticket: the transcript becomes its first
 * messages (with the assistant's reasons), the customer's message the start
 * of its thread, and a `created` event records the hand-off as a fact.
 * Idempotent by `key` (as `idempotent()` in api/http, with the claim folded
 * into the ticket's statement: four statements in all, begin and commit
 * included; docs/decisions/021-routing-in-one-call.md); the caller has
 * checked the conversation's token, or passes that check as `access` (SQL
 * giving a boolean, e.g. `opensConversation` of api/conversations), which the
 * ticket's statement then evaluates (404 when false).
 * In the same transaction the ticket is routed (api/routing): `routing` is
 * what the route worked out with content/ (the contact reason's category);
 * without it, routing sees no category.
 *
 * @throws ApiError 404 when `access` is false; 409 (with the open ticket's id and number) when the
 *   conversation already has an unresolved ticket; 422 when `key` was used
 *   for a different hand-off.
 */
export async function handOff(
  db: Db,
  conversationId: string,
  key: string,
  input: HandoffInput,
  routing?: HandoffRouting,
  { access }: { access?: SQL } = {},
): Promise<IdempotentResult<HandoffCreated>> {
  const routed = routing ?? (await handoffRoutingOf(input));
  const scope = `handoff:${conversationId}`;
  const requestHash = requestHashOf(input);
  const subject = deriveSubject(input);
  return db.transaction(async (tx): Promise<IdempotentResult<HandoffCreated>> => {
    const message = input.message.trim();
    const files = input.attachments ?? [];
    const lines = input.transcript.map((entry, position) => ({
      position,
      author: entry.from,
      body: entry.text,
      transcript: true,
      why: entry.why ?? null,
      article_id: entry.articleId ?? null,
      action: entry.action ?? null,
      ces: entry.ces ?? null,
      helpful: entry.helpful ?? null,
      offered: entry.offered && entry.offered.length > 0 ? entry.offered : null,
      choice: entry.choice ?? null,
      sent_at: entry.at,
    }));
    // Files need a message to hang on: the customer's last word, empty when they said nothing.
    if (message !== '' || files.length > 0)
      lines.push({
        position: lines.length,
        author: 'customer',
        body: message,
        transcript: false,
        why: null,
        article_id: null,
        action: null,
        ces: null,
        helpful: null,
        offered: null,
        choice: null,
        sent_at: new Date().toISOString(),
      });
    const assistantTurns = input.transcript.filter((entry) => entry.from === 'assistant');
    // The hand-off as its own fact: what was tried before the customer asked for a person.
    const created = {
      transcriptLines: input.transcript.length,
      assistantAnswers: assistantTurns.length,
      articlesOffered: articlesOffered(assistantTurns),
      lastAction: assistantTurns.at(-1)?.action ?? null,
      withMessage: message !== '',
    };
    // The Idempotency-Key's claim (with the answer), the ticket (with routing's facts), its messages and
    // events in one statement, which also reads the routing rules and the webhooks to notify: a hand-off is
    // the hot path of the agents' side, and every round trip costs both processes CPU. The ticket's id is
    // made here and its number drawn first, so the claim can store the answer before the ticket exists; the
    // ticket and all after it are inserted only when the key was claimed (a replay draws a number it does
    // not use). The partial unique index allows one unresolved ticket per conversation, even when hand-offs
    // race; when it refuses, the other inserts find no ticket and insert nothing.
    const ticketId = randomUUID();
    const opened = access ?? sql`true`;
    const [written] = await rows<{ opened: boolean; claimed: boolean; id: string | null; number: string | null; rules: RuleRow[]; webhooks: WebhookTarget[] }>(
      tx,
      sql`with numbered as materialized (
            select 'WW-' || nextval('ticket_number_seq') as number
          ), claimed as (
            ${claimWithAnswer(scope, key, requestHash, 201, sql`jsonb_build_object('ticketId', ${ticketId}::uuid, 'number', (select number from numbered))`)}
          ), ticket as (
            insert into tickets (id, number, conversation_id, locale, subject, customer_email, customer_name, last_message_at, waiting_since, ${ROUTING_CONTEXT_COLUMNS})
            select ${ticketId}::uuid, numbered.number, ${conversationId}::uuid, ${input.locale}, ${subject}, ${input.email}, ${input.name ?? null}, ${message === '' && files.length === 0 ? sql`null::timestamptz` : sql`now()`}, now(), ${routingContextValues(routed)}
            from numbered where exists (select 1 from claimed) and ${opened}
            on conflict (conversation_id) where status in (${UNRESOLVED}) do nothing
            returning id, number
          ), transcript as (
            insert into messages (conversation_id, ticket_id, author, body, transcript, why, article_id, action, ces, helpful, offered, choice, sent_at)
            select ${conversationId}::uuid, ticket.id, line.author, line.body, line.transcript, line.why, line.article_id, line.action, line.ces, line.helpful, line.offered, line.choice, line.sent_at
            from ticket, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
              as line(position int, author text, body text, transcript boolean, why jsonb, article_id text, action text, ces smallint, helpful boolean, offered jsonb, choice jsonb, sent_at timestamptz)
            order by line.position
          ), event as (
            insert into ticket_events (ticket_id, type, actor, data)
            select ticket.id, 'created', 'customer', ${JSON.stringify(created)}::jsonb from ticket
          ), handoff as (
            -- The anonymous fact for the reports (deflection): it outlives the ticket's retention. Keyed by
            -- the ticket, so a replayed hand-off (which returns before getting here) never counts twice.
            insert into conversation_events (conversation_id, idempotency_key, type, answer_id, article_id, locale)
            select ${conversationId}::uuid, 'handoff:' || ticket.id, 'handoff', 'handoff', ${created.articlesOffered.at(-1) ?? null}, ${input.locale} from ticket
          )
          select ${opened} as opened, exists (select 1 from claimed) as claimed, ticket.id, ticket.number, ${enabledRulesJson} as rules, ${webhookTargetsJson('ticket.created')} as webhooks
          from (select 1) as one left join ticket on true`,
    );
    // Before the key: a retry for a conversation that is gone (erased) is a 404 as well.
    if (!written?.opened) throw new ApiError(404, 'no such conversation');
    if (!written.claimed) return storedAnswer<HandoffCreated>(tx, scope, key, requestHash);
    const ticket = written.id !== null && written.number !== null ? { id: written.id, number: written.number } : undefined;
    if (!ticket) {
      const [open] = await tx
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(and(eq(tickets.conversationId, conversationId), sql`${tickets.status} in (${UNRESOLVED})`));
      throw new ApiError(409, `this conversation already has an open ticket${open ? `, ${open.number}` : ''}; reply to it instead`, {
        details: open ? { ticketId: open.id, number: open.number } : {},
      });
    }
    if (files.length > 0) {
      const [last] = await rows<{ id: string }>(tx, sql`select max(id)::text as id from messages where ticket_id = ${ticket.id}::uuid and transcript = false`);
      if (!last?.id) throw new Error('Wegwijs: the hand-off wrote no message to attach files to');
      await bindAttachments(tx, { conversationId, ticketId: ticket.id, messageId: last.id, uploadedBy: 'customer' }, files);
    }
    // In the same transaction: the notification exists exactly when the ticket does (no statement at all
    // when no webhook wants it).
    await enqueueWebhooks(tx, { type: 'ticket.created', ticket: { id: ticket.id, number: ticket.number, locale: input.locale, subject, priority: 'normal' } }, written.webhooks);
    // Routing last, with the notices (which follow where it went) in its statement: the team's
    // round-robin lock is taken in there and held to the commit, which follows at once.
    await routeTicket(tx, ticket.id, routed, written.rules, { notify: true });
    return { status: 201, body: { ticketId: ticket.id, number: ticket.number }, replayed: false };
  });
}

/** The articles the assistant offered in `lines`, each once, in order. */
export function articlesOffered(lines: readonly { articleId?: string | null }[]): string[] {
  return [...new Set(lines.map((line) => line.articleId).filter((id): id is string => typeof id === 'string' && id !== ''))];
}
