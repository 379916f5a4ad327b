/**
 * Retention: what identifies a customer is kept for `RETENTION_DAYS` (default
 * 180) after the conversation's last activity, then deleted by a daily job.
 *
 * For each conversation whose last activity (the conversation itself, its
 * messages, its tickets' changes, its scores and events) is older than the
 * limit, and none of whose tickets is still open or pending:
 * - the conversation, every message and every attachment (row and file) are deleted;
 * - its tickets (solved or closed) are anonymised: e-mail address, name and
 *   CSAT link cleared, subject replaced by "—", ticket events and webhook
 *   deliveries about them deleted. The row stays with its number, status,
 *   priority, locale and timestamps, so ticket counts, response and solve
 *   times and CSAT stay in the reports.
 * Besides, no-match questions and comments on unhelpful articles (both
 * redacted already) older than the limit are cleared, and sent or failed
 * webhook deliveries older than the limit deleted. Anonymous facts (effort
 * scores, outcome and helpful events, article feedback and the reasons given
 * after "No", CSAT scores, failed searches) stay: nothing in them leads back
 * to a person once the conversation is gone.
 *
 * A ticket still open or pending is active work, however old: it and its
 * conversation are kept until it is solved and the limit has passed again.
 * Expired sessions and day-old idempotency keys are swept by api/maintenance.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import type { DailyJob } from '../jobs/scheduler.ts';
import { DAY_MS } from '#core/util/days.ts';
import { deleteAttachmentRows, removeFiles } from '../attachments/service.ts';
import type { AttachmentStore } from '../attachments/store.ts';

/** What a retention run removed, per kind. */
export interface RetentionResult {
  conversations: number;
  messages: number;
  /** Tickets anonymised (not deleted). */
  tickets: number;
  ticketEvents: number;
  webhookDeliveries: number;
  /** No-match questions cleared from conversation events. */
  questions: number;
  /** Comments on unhelpful articles cleared (their reasons stay). */
  comments: number;
  /** Stored answers of the conversations' hand-offs and replies (else kept a day). */
  idempotencyKeys: number;
  /** Attached files (rows; their bytes are removed from the store after each batch commits). */
  attachments: number;
}

/** What replaces the subject of an anonymised ticket. */
export const ANONYMISED_SUBJECT = '—';

// Conversations per transaction: keeps each transaction short on a large backlog.
const BATCH_SIZE = 500;

const uuidList = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

async function count(db: Executor, query: SQL): Promise<number> {
  return (await rows<{ id: unknown }>(db, query)).length;
}

/**
 * Anonymises tickets `ids` (solved or closed): clears everything personal and
 * deletes their thread, events and webhook deliveries.
 */
async function anonymiseTickets(tx: Executor, ids: readonly string[], result: RetentionResult, storageKeys: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = uuidList(ids);
  const keys = await deleteAttachmentRows(tx, { tickets: ids });
  storageKeys.push(...keys);
  result.attachments += keys.length;
  result.ticketEvents += await count(tx, sql`delete from ticket_events where ticket_id in (${list}) returning id`);
  result.webhookDeliveries += await count(tx, sql`delete from webhook_deliveries where ticket_id in (${list}) returning id`);
  // E-mail to the customer (address and text) goes too, sent or not; erasure deletes it with the ticket.
  await tx.execute(sql`delete from mail_outbox where ticket_id in (${list})`);
  result.messages += await count(tx, sql`delete from messages where ticket_id in (${list}) returning id`);
  result.tickets += await count(
    tx,
    sql`update tickets set customer_email = null, customer_name = null, subject = ${ANONYMISED_SUBJECT}, csat_token_hash = null, anonymised_at = now()
        where id in (${list}) returning id`,
  );
}

/**
 * Applies retention as of `now`: everything personal whose last activity is
 * more than `days` days old goes (see the module comment). Safe to run at any
 * time and more than once. `files`: the attachment store, whose files of the
 * deleted attachments are removed after each commit; without it they stay
 * until the daily sweep finds them without rows.
 *
 * @example await applyRetention(db, config.retentionDays, new Date(), { files }) // { conversations: 12, tickets: 3, … }
 */
export async function applyRetention(db: Db, days: number, now: Date = new Date(), { files }: { files?: AttachmentStore } = {}): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const result: RetentionResult = {
    conversations: 0,
    messages: 0,
    tickets: 0,
    ticketEvents: 0,
    webhookDeliveries: 0,
    questions: 0,
    comments: 0,
    idempotencyKeys: 0,
    attachments: 0,
  };

  for (;;) {
    const batch = await rows<{ id: string }>(
      db,
      sql`select c.id from conversations c
          where c.created_at < ${cutoff}::timestamptz
            and not exists (select 1 from messages m where m.conversation_id = c.id and m.created_at >= ${cutoff}::timestamptz)
            and not exists (select 1 from tickets t where t.conversation_id = c.id
                              and (t.status in ('open', 'pending') or t.updated_at >= ${cutoff}::timestamptz))
            and not exists (select 1 from conversation_events e where e.conversation_id = c.id and e.created_at >= ${cutoff}::timestamptz)
            and not exists (select 1 from ces_responses r where r.conversation_id = c.id and r.created_at >= ${cutoff}::timestamptz)
          limit ${BATCH_SIZE}`,
    );
    if (batch.length === 0) break;
    const ids = batch.map((row) => row.id);
    const storageKeys: string[] = [];
    await db.transaction(async (tx) => {
      const list = uuidList(ids);
      // Locked so that a customer reply cannot reopen one of them between the check above and the anonymising.
      const ticketIds = (
        await rows<{ id: string }>(tx, sql`select id from tickets where conversation_id in (${list}) and status in ('solved', 'closed') for update`)
      ).map((t) => t.id);
      await anonymiseTickets(tx, ticketIds, result, storageKeys);
      const keys = await deleteAttachmentRows(tx, { conversations: ids });
      storageKeys.push(...keys);
      result.attachments += keys.length;
      result.messages += await count(tx, sql`delete from messages where conversation_id in (${list}) returning id`);
      const scopes = sql.join(
        ids.flatMap((id) => [sql`${`handoff:${id}`}`, sql`${`reply:${id}`}`]),
        sql`, `,
      );
      result.idempotencyKeys += await count(tx, sql`delete from idempotency_keys where scope in (${scopes}) returning key`);
      // Deleting the conversation sets the tickets' conversation_id to null (foreign key).
      result.conversations += await count(
        tx,
        sql`delete from conversations c where c.id in (${list})
              and not exists (select 1 from tickets t where t.conversation_id = c.id and t.status in ('open', 'pending'))
            returning c.id`,
      );
    });
    await removeFiles(files, storageKeys);
    if (batch.length < BATCH_SIZE) break;
  }

  // Solved tickets whose conversation is already gone but that were never anonymised.
  const orphanKeys: string[] = [];
  await db.transaction(async (tx) => {
    const orphans = await rows<{ id: string }>(
      tx,
      sql`select id from tickets where conversation_id is null and anonymised_at is null
            and status in ('solved', 'closed') and updated_at < ${cutoff}::timestamptz for update`,
    );
    await anonymiseTickets(
      tx,
      orphans.map((t) => t.id),
      result,
      orphanKeys,
    );
  });
  await removeFiles(files, orphanKeys);

  result.questions += await count(
    db,
    sql`update conversation_events set question = null where question is not null and created_at < ${cutoff}::timestamptz returning id`,
  );
  // Typed by a customer, even if redacted: kept no longer than a conversation.
  result.comments += await count(
    db,
    sql`update article_unhelpful set comment = null, comment_deleted_at = now() where comment is not null and created_at < ${cutoff}::timestamptz returning id`,
  );
  result.webhookDeliveries += await count(
    db,
    sql`delete from webhook_deliveries where status <> 'pending' and created_at < ${cutoff}::timestamptz returning id`,
  );
  return result;
}

/** The scheduled job that applies retention once a day; `files`: the attachment store. */
export function retentionJob(days: number, files?: AttachmentStore): DailyJob {
  return { name: 'retention', run: async (db, now) => ({ ...(await applyRetention(db, days, now, files ? { files } : {})) }) };
}
