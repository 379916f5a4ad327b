/**
 * Writes webhook notifications into the outbox (`webhook_deliveries`): one
 * row per enabled webhook subscribed to the event, inside the caller's
 * transaction, so a notification exists exactly when the fact it reports was
 * committed. The delivery worker (worker.ts) sends them later.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/query.ts';
import { sha256Hex } from '../http/tokens.ts';
import { renderPayload } from './payload.ts';

/** A webhook that wants an event. */
export interface WebhookTarget {
  id: string;
  format: 'slack' | 'json';
}

/**
 * SQL: the enabled webhooks subscribed to `type`, as one JSON array of
 * {@link WebhookTarget} (a scalar subquery), for a hot path that reads them
 * in a statement it runs anyway and hands them to {@link enqueueWebhooks}
 * (in the same transaction).
 */
export function webhookTargetsJson(type: WebhookEvent['type']): SQL {
  return sql`(select coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'format', w.format) order by w.created_at), '[]'::jsonb) from webhooks w where w.enabled and ${type} = any(w.events))`;
}

/** Lowest effort score (CES, 1–5) that notifies `ces.high` webhooks. */
export const HIGH_EFFORT = 4;

/** Highest satisfaction score (CSAT, 1–5) that notifies `csat.low` webhooks. */
export const LOW_SATISFACTION = 2;

/** Something webhooks can be told about (the names are `WEBHOOK_EVENTS` in the schema). */
export type WebhookEvent =
  | { type: 'ticket.created'; ticket: { id: string; number: string; locale: 'nl' | 'en'; subject: string; priority: string } }
  | {
      type: 'ces.high';
      score: number;
      articleId: string | null;
      locale: 'nl' | 'en';
      answerId: string;
      /**
       * Optional extension of the contract: answer ids are only unique within
       * a conversation, so the conversation keeps two answers apart in the
       * dedupe key. Never put in the payload.
       */
      conversationId?: string;
    }
  | { type: 'csat.low'; ticket: { id: string; number: string; locale: 'nl' | 'en' }; score: number }
  | { type: 'digest.daily'; day: string };

/** The figures of one UTC day that the daily digest reports. */
export interface DigestCounts {
  ticketsCreated: number;
  ticketsSolved: number;
  ces: { average: number | null; count: number };
  noMatches: number;
}

/**
 * Enqueues `event` for every enabled webhook that subscribed to it
 * (`subscribed`, when the caller read them already: {@link webhookTargetsJson}).
 * Idempotent: enqueueing the same event twice (same ticket, same day…) adds nothing.
 *
 * @example
 * await db.transaction(async (tx) => {
 *   const ticket = await insertTicket(tx, …);
 *   await enqueueWebhooks(tx, { type: 'ticket.created', ticket });
 * });
 */
export async function enqueueWebhooks(db: Executor, event: WebhookEvent, subscribed?: readonly WebhookTarget[]): Promise<void> {
  const targets =
    subscribed ?? (await rows<WebhookTarget>(db, sql`select id, format from webhooks where enabled and ${event.type} = any(events) order by created_at`));
  if (targets.length === 0) return;

  const data = event.type === 'digest.daily' ? { day: event.day, ...(await digestCounts(db, event.day)) } : undefined;
  const occurredAt = new Date().toISOString();
  const dedupeKey = dedupeKeyOf(event);
  const ticketId = event.type === 'ticket.created' || event.type === 'csat.low' ? event.ticket.id : null;
  for (const target of targets) {
    const payload = renderPayload(target.format, event, occurredAt, data);
    await db.execute(
      sql`insert into webhook_deliveries (webhook_id, event, dedupe_key, ticket_id, payload)
          values (${target.id}::uuid, ${event.type}, ${dedupeKey}, ${ticketId}::uuid, ${JSON.stringify(payload)}::jsonb)
          on conflict (webhook_id, dedupe_key) do nothing`,
    );
  }
}

function dedupeKeyOf(event: WebhookEvent): string {
  switch (event.type) {
    case 'ticket.created':
      return `ticket.created:${event.ticket.id}`;
    case 'csat.low':
      // A customer may change their score; each low score is worth one message, not one per resend.
      return `csat.low:${event.ticket.id}:${event.score}`;
    case 'ces.high':
      // Hashed: the key is stored for as long as the delivery and must not become a way back to the conversation.
      return `ces.high:${sha256Hex(`${event.conversationId ?? ''}\n${event.answerId}`)}`;
    case 'digest.daily':
      return `digest.daily:${event.day}`;
  }
}

/** Counts of UTC day `day` (YYYY-MM-DD): anonymous figures only. */
export async function digestCounts(db: Executor, day: string): Promise<DigestCounts> {
  const [row] = await rows<{
    created: string | number;
    solved: string | number;
    ces_average: string | number | null;
    ces_count: string | number;
    no_matches: string | number;
  }>(
    db,
    sql`with bounds as (select ${day}::date::timestamp at time zone 'UTC' as start_at,
                               (${day}::date + 1)::timestamp at time zone 'UTC' as end_at)
        select
          (select count(*) from tickets, bounds where created_at >= start_at and created_at < end_at) as created,
          (select count(*) from tickets, bounds where solved_at >= start_at and solved_at < end_at) as solved,
          (select round(avg(score)::numeric, 2) from ces_responses, bounds where created_at >= start_at and created_at < end_at) as ces_average,
          (select count(*) from ces_responses, bounds where created_at >= start_at and created_at < end_at) as ces_count,
          (select count(*) from conversation_events, bounds
            where type = 'outcome' and action = 'nomatch' and created_at >= start_at and created_at < end_at) as no_matches`,
  );
  return {
    ticketsCreated: Number(row?.created ?? 0),
    ticketsSolved: Number(row?.solved ?? 0),
    ces: { average: row?.ces_average == null ? null : Number(row.ces_average), count: Number(row?.ces_count ?? 0) },
    noMatches: Number(row?.no_matches ?? 0),
  };
}
