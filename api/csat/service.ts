/**
 * Customer satisfaction (CSAT) with a solved ticket: 1–5, 4 and 5 count as
 * satisfied. Asked in the widget (the conversation's token) and by a link in
 * the e-mail sent when the ticket is solved (a secret of its own, stored only
 * as its SHA-256 in `tickets.csat_token_hash`). One answer per ticket: a
 * second replaces the first. A low score (≤ 2) notifies webhooks, in the
 * same transaction as the answer.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor, type Tx } from '../db/query.ts';
import { tickets } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { randomToken, sha256Hex } from '../http/tokens.ts';
import { isUuid } from '../http/validation.ts';
import type { Locale } from '#core/locale.ts';
import { enqueueWebhooks, LOW_SATISFACTION } from '../webhooks/enqueue.ts';

/** Where the answer was given. */
export type CsatChannel = 'widget' | 'email';

/** `created` for a first answer, `replaced` when it replaced an earlier one. */
export type CsatOutcome = 'created' | 'replaced';

/**
 * A new secret for the CSAT link of `ticketId`; its hash replaces any
 * earlier one, so only the newest e-mail's link works.
 */
export async function issueCsatToken(tx: Executor, ticketId: string): Promise<string> {
  const token = randomToken();
  await tx
    .update(tickets)
    .set({ csatTokenHash: sha256Hex(token) })
    .where(eq(tickets.id, ticketId));
  return token;
}

/**
 * The page that asks the question, `/<locale>/feedback/?t=<token>`: absolute
 * under `siteUrl` when the server knows its public address, else a path.
 *
 * @example csatLink('nl', 'abc', 'https://help.shop.example') // 'https://help.shop.example/nl/feedback/?t=abc'
 */
export function csatLink(locale: Locale, token: string, siteUrl?: string): string {
  return `${siteUrl ?? ''}/${locale}/feedback/?t=${encodeURIComponent(token)}`;
}

async function saveScore(tx: Tx, ticket: { id: string; number: string; locale: Locale }, score: number, channel: CsatChannel): Promise<CsatOutcome> {
  // `xmax = 0` holds for a freshly inserted row, not for one the upsert updated.
  const [saved] = await rows<{ inserted: boolean }>(
    tx,
    sql`insert into csat_responses (ticket_id, score, locale, channel)
        values (${ticket.id}::uuid, ${score}::smallint, ${ticket.locale}, ${channel})
        on conflict (ticket_id) do update set score = excluded.score, channel = excluded.channel, updated_at = now()
        returning (xmax = 0) as inserted`,
  );
  if (score <= LOW_SATISFACTION) await enqueueWebhooks(tx, { type: 'csat.low', ticket, score });
  return saved?.inserted ? 'created' : 'replaced';
}

/**
 * The customer answers in the widget, about the conversation's newest ticket.
 * The caller has checked the conversation's token.
 *
 * @throws ApiError 404 when the conversation has no ticket; 409 when its newest ticket is not solved or closed.
 */
export async function recordConversationCsat(db: Db, conversationId: string, score: number): Promise<CsatOutcome> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({ id: tickets.id, number: tickets.number, locale: tickets.locale, status: tickets.status })
      .from(tickets)
      .where(eq(tickets.conversationId, conversationId))
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(1);
    if (!ticket) throw new ApiError(404, 'this conversation has no ticket');
    if (ticket.status !== 'solved' && ticket.status !== 'closed') {
      throw new ApiError(409, `ticket ${ticket.number} is ${ticket.status}; satisfaction is asked once it is solved`, { details: { status: ticket.status } });
    }
    return saveScore(tx, ticket, score, 'widget');
  });
}

/** The customer answers through the link in the e-mail. Null for a token no ticket has (any more). */
export async function recordTokenCsat(db: Db, token: string, score: number): Promise<CsatOutcome | null> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({ id: tickets.id, number: tickets.number, locale: tickets.locale })
      .from(tickets)
      .where(eq(tickets.csatTokenHash, sha256Hex(token)));
    return ticket ? saveScore(tx, ticket, score, 'email') : null;
  });
}

/** The score given for a ticket, or null. */
export async function csatOf(db: Executor, ticketId: string): Promise<number | null> {
  if (!isUuid(ticketId)) return null;
  const [found] = await rows<{ score: number }>(db, sql`select score::int as score from csat_responses where ticket_id = ${ticketId}::uuid`);
  return found?.score ?? null;
}
