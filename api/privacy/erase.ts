/**
 * Erasure ("right to be forgotten", GDPR art. 17): an admin names a
 * customer's e-mail address and everything that identifies them goes, in one
 * transaction: every ticket with that address (compared case-insensitively),
 * every conversation those tickets came from and every other ticket of those
 * conversations, with all their messages, attachments (the rows in the
 * transaction, the files right after it commits), ticket events, effort scores,
 * conversation events, CSAT scores, webhook deliveries and stored
 * idempotent answers; with the tickets (foreign keys, on delete cascade) go
 * their e-mail: the outbox rows, what was kept of e-mail the customer sent
 * (`inbound_mail`: sender, subject, whole text, attachment list) and agents'
 * notices about them not yet sent. Unlike retention, tickets are deleted, not
 * anonymised: the person asked for it, the reports lose those rows.
 *
 * Not covered, because nothing ties them to the address: conversations that
 * never reached a hand-off, failed searches, phrasings and comments on
 * unhelpful articles (all redacted of e-mail addresses and phone numbers
 * when stored; an admin deletes a comment from the content-gap report, and
 * retention clears comments after `RETENTION_DAYS`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { sha256Hex } from '../http/tokens.ts';
import { deleteAttachmentRows, removeFiles } from '../attachments/service.ts';
import type { AttachmentStore } from '../attachments/store.ts';

/** How many rows erasure removed, per table. */
export interface ErasureCounts {
  conversations: number;
  tickets: number;
  messages: number;
  ticketEvents: number;
  cesResponses: number;
  conversationEvents: number;
  csatResponses: number;
  webhookDeliveries: number;
  idempotencyKeys: number;
  /** Attached files (rows; their bytes are removed from the store after the commit). */
  attachments: number;
}

const uuidList = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
const textList = (values: readonly string[]): SQL =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

async function count(db: Executor, query: SQL): Promise<number> {
  return (await rows<{ id: unknown }>(db, query)).length;
}

/**
 * Erases the customer with e-mail address `email`. Resolves to the counts
 * per table (all 0 when nothing matched). `files`: the attachment store,
 * whose files of the erased attachments are removed after the commit;
 * without it they stay until the daily sweep finds them without rows.
 *
 * @example await eraseCustomer(db, 'Jan@Example.nl', { files }) // { conversations: 1, tickets: 1, messages: 7, … }
 */
export async function eraseCustomer(db: Db, email: string, { files }: { files?: AttachmentStore } = {}): Promise<ErasureCounts> {
  const counts: ErasureCounts = {
    conversations: 0,
    tickets: 0,
    messages: 0,
    ticketEvents: 0,
    cesResponses: 0,
    conversationEvents: 0,
    csatResponses: 0,
    webhookDeliveries: 0,
    idempotencyKeys: 0,
    attachments: 0,
  };
  const address = email.trim();
  if (address === '') return counts;
  let storageKeys: string[] = [];
  const erased = await db.transaction(async (tx) => {
    const direct = await rows<{ id: string; conversation_id: string | null }>(
      tx,
      sql`select id, conversation_id from tickets where lower(customer_email) = lower(${address}) for update`,
    );
    if (direct.length === 0) return counts;
    const conversationIds = [...new Set(direct.map((t) => t.conversation_id).filter((id): id is string => id !== null))];
    const conversationList = conversationIds.length > 0 ? uuidList(conversationIds) : null;
    // Other tickets of the same conversations are the same person's, whatever address they gave.
    const siblings = conversationList
      ? await rows<{ id: string }>(tx, sql`select id from tickets where conversation_id in (${conversationList}) for update`)
      : [];
    const ticketIds = [...new Set([...direct.map((t) => t.id), ...siblings.map((t) => t.id)])];
    const ticketList = uuidList(ticketIds);

    if (conversationList) {
      // `ces.high` deliveries name no ticket; their dedupe key is derived from conversation and answer (api/webhooks/enqueue.ts).
      const answers = await rows<{ conversation_id: string; answer_id: string }>(
        tx,
        sql`select conversation_id, answer_id from ces_responses where conversation_id in (${conversationList})`,
      );
      if (answers.length > 0) {
        const keys = answers.map((a) => `ces.high:${sha256Hex(`${a.conversation_id}\n${a.answer_id}`)}`);
        counts.webhookDeliveries += await count(tx, sql`delete from webhook_deliveries where dedupe_key in (${textList(keys)}) returning id`);
      }
      counts.cesResponses = await count(tx, sql`delete from ces_responses where conversation_id in (${conversationList}) returning id`);
      counts.conversationEvents = await count(tx, sql`delete from conversation_events where conversation_id in (${conversationList}) returning id`);
      const scopes = conversationIds.flatMap((id) => [`handoff:${id}`, `reply:${id}`, `attachment:${id}`]);
      counts.idempotencyKeys = await count(tx, sql`delete from idempotency_keys where scope in (${textList(scopes)}) returning key`);
    }
    // Before the messages, tickets and conversations whose deletion would cascade to them unseen.
    storageKeys = await deleteAttachmentRows(tx, { tickets: ticketIds, conversations: conversationIds });
    // An agent's upload stored its answer (the file's name) with its key for a day.
    counts.idempotencyKeys += await count(
      tx,
      sql`delete from idempotency_keys where ${sql.join(
        ticketIds.map((id) => sql`scope like ${`agent-attachment:${id}:%`}`),
        sql` or `,
      )} returning key`,
    );
    counts.attachments = storageKeys.length;
    counts.webhookDeliveries += await count(tx, sql`delete from webhook_deliveries where ticket_id in (${ticketList}) returning id`);
    counts.csatResponses = await count(tx, sql`delete from csat_responses where ticket_id in (${ticketList}) returning id`);
    counts.ticketEvents = await count(tx, sql`delete from ticket_events where ticket_id in (${ticketList}) returning id`);
    counts.messages = await count(
      tx,
      conversationList
        ? sql`delete from messages where ticket_id in (${ticketList}) or conversation_id in (${conversationList}) returning id`
        : sql`delete from messages where ticket_id in (${ticketList}) returning id`,
    );
    counts.tickets = await count(tx, sql`delete from tickets where id in (${ticketList}) returning id`);
    if (conversationList) counts.conversations = await count(tx, sql`delete from conversations where id in (${conversationList}) returning id`);
    return counts;
  });
  // Only once the rows are surely gone: a rolled-back erasure must not have lost the files.
  await removeFiles(files, storageKeys);
  return erased;
}
