/**
 * Attachments as rows and files: storing one ({@link storeAttachment}, the
 * one way in for the widget, the inbox and inbound e-mail), binding uploads
 * to the message that names them, listing them with their messages, finding
 * one for a download, and deleting the files of rows that go (erasure,
 * retention, the sweep of uploads nobody named).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import { type IncomingFile, inspectAttachment, type InspectedFile, MAX_ATTACHMENTS_PER_MESSAGE } from './inspect.ts';
import { type AttachmentStore, newStorageKey } from './store.ts';

/** An attachment as the thread lists it (customer and agent alike). */
export interface AttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
}

/** Whose an attachment is: the conversation always; the ticket and message once known. */
export interface AttachmentOwner {
  conversationId: string;
  /** The ticket, when known at upload (an agent's upload; an inbound e-mail). */
  ticketId?: string | null;
  /** The message, when it exists already (an inbound e-mail); else it is bound later by {@link bindAttachments}. */
  messageId?: number | string | null;
  uploadedBy: 'customer' | 'agent';
  agentId?: string | null;
}

/**
 * Stores an already inspected file: the bytes in `store` under a fresh key,
 * then the row. When the row cannot be written the bytes are removed again;
 * when a transaction around it rolls back later, the sweep removes them
 * ({@link sweepAttachments}).
 */
export async function saveInspected(db: Executor, store: AttachmentStore, owner: AttachmentOwner, file: InspectedFile): Promise<AttachmentInfo> {
  const storageKey = newStorageKey();
  await store.put(storageKey, file.bytes);
  try {
    const [row] = await rows<{ id: string }>(
      db,
      sql`insert into attachments (conversation_id, ticket_id, message_id, uploaded_by, agent_id, filename, content_type, size, storage_key)
          values (${owner.conversationId}::uuid, ${owner.ticketId ?? null}::uuid, ${owner.messageId === undefined || owner.messageId === null ? null : String(owner.messageId)}::bigint,
                  ${owner.uploadedBy}, ${owner.agentId ?? null}::uuid, ${file.filename}, ${file.contentType}, ${file.bytes.byteLength}, ${storageKey})
          returning id`,
    );
    if (!row) throw new Error('Wegwijs: inserting an attachment returned no row');
    return { id: row.id, filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength };
  } catch (error) {
    await store.remove([storageKey]).catch(() => {});
    throw error;
  }
}

/**
 * Checks, cleans and stores one file for a conversation: the type from its
 * bytes, images re-encoded without metadata (api/attachments/inspect.ts),
 * the bytes in `store`, the row in `db`. With `owner.messageId` it belongs
 * to that message at once (an inbound e-mail's attachments: call it once per
 * file after writing the message, in the same transaction or after it);
 * without, it waits for the hand-off or reply that names it.
 *
 * @throws AttachmentRefused (an ApiError: 400, 413, 415 or 422 with `code` and `filename`) when the file is not taken.
 * @example
 * const info = await storeAttachment(tx, store, { conversationId, ticketId, messageId, uploadedBy: 'customer' }, { filename: 'schade.jpg', contentType: 'image/jpeg', bytes });
 */
export async function storeAttachment(db: Executor, store: AttachmentStore, owner: AttachmentOwner, file: IncomingFile): Promise<AttachmentInfo> {
  return saveInspected(db, store, owner, await inspectAttachment(file));
}

const uuidList = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Gives uploads `ids` to message `messageId` of ticket `ticketId`, in the
 * transaction that writes the message. Only uploads of this conversation by
 * this kind of author (and, for agents, by this agent) that no message has
 * yet can be bound; anything else is a 400 naming the first such id, so a
 * replayed or forged list cannot move another conversation's file.
 *
 * @throws ApiError 400 with `field` `attachments[i]`.
 */
export async function bindAttachments(
  tx: Executor,
  target: { conversationId: string; ticketId: string; messageId: number | string; uploadedBy: 'customer' | 'agent'; agentId?: string },
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ATTACHMENTS_PER_MESSAGE)
    throw new ApiError(400, `attachments must have at most ${MAX_ATTACHMENTS_PER_MESSAGE} items`, { field: 'attachments' });
  const valid = unique.filter(isUuid);
  const bound =
    valid.length === 0
      ? []
      : await rows<{ id: string }>(
          tx,
          sql`update attachments set message_id = ${String(target.messageId)}::bigint, ticket_id = ${target.ticketId}::uuid
              where id in (${uuidList(valid)}) and conversation_id = ${target.conversationId}::uuid and message_id is null
                and uploaded_by = ${target.uploadedBy} ${target.agentId ? sql`and agent_id = ${target.agentId}::uuid` : sql``}
              returning id`,
        );
  if (bound.length !== unique.length) {
    const done = new Set(bound.map((row) => row.id));
    const index = ids.findIndex((id) => !done.has(id));
    throw new ApiError(400, `attachments[${index}] is not a file uploaded for this message (unknown, from elsewhere, or already sent)`, {
      field: `attachments[${index}]`,
    });
  }
}

/** The attachments of messages `messageIds`, by message id (as a string), oldest first. */
export async function attachmentsOfMessages(db: Executor, messageIds: readonly (number | string)[]): Promise<Map<string, AttachmentInfo[]>> {
  const byMessage = new Map<string, AttachmentInfo[]>();
  if (messageIds.length === 0) return byMessage;
  const found = await rows<{ id: string; message_id: string | number; filename: string; content_type: string; size: number }>(
    db,
    sql`select id, message_id, filename, content_type, size from attachments
        where message_id in (${sql.join(
          messageIds.map((id) => sql`${String(id)}::bigint`),
          sql`, `,
        )})
        order by created_at, id`,
  );
  for (const row of found) {
    const key = String(row.message_id);
    const list = byMessage.get(key) ?? [];
    list.push({ id: row.id, filename: row.filename, contentType: row.content_type, size: Number(row.size) });
    byMessage.set(key, list);
  }
  return byMessage;
}

/** A stored attachment, for a download. */
export interface StoredAttachment extends AttachmentInfo {
  storageKey: string;
}

/**
 * Attachment `id` as `reader` may see it, or null (then the route answers
 * 404, whether it does not exist or is not theirs):
 * - a customer (by conversation): their own uploads, and files on messages
 *   of their conversation they can read (agent replies, never internal
 *   notes, never an agent's upload not yet sent);
 * - an agent: any attachment.
 */
export async function findAttachment(db: Db, id: string, reader: { conversationId: string } | 'agent'): Promise<StoredAttachment | null> {
  if (!isUuid(id)) return null;
  const visible =
    reader === 'agent'
      ? sql``
      : sql`and a.conversation_id = ${reader.conversationId}::uuid
            and (a.uploaded_by = 'customer' or (m.id is not null and m.internal = false))`;
  const [row] = await rows<{ id: string; filename: string; content_type: string; size: number; storage_key: string }>(
    db,
    sql`select a.id, a.filename, a.content_type, a.size, a.storage_key
        from attachments a left join messages m on m.id = a.message_id
        where a.id = ${id}::uuid ${visible}`,
  );
  return row ? { id: row.id, filename: row.filename, contentType: row.content_type, size: Number(row.size), storageKey: row.storage_key } : null;
}

/**
 * Deletes the attachment rows of `tickets` and of `conversations` and
 * returns their storage keys: call it in the transaction that deletes them
 * (erasure, retention), then {@link removeFiles} after the commit. Files are
 * removed only once the rows are surely gone; a crash in between leaves
 * files without rows, which the sweep removes.
 */
export async function deleteAttachmentRows(
  tx: Executor,
  { tickets = [], conversations = [] }: { tickets?: readonly string[]; conversations?: readonly string[] },
): Promise<string[]> {
  const conditions: SQL[] = [];
  if (tickets.length > 0) conditions.push(sql`ticket_id in (${uuidList(tickets)})`);
  if (conversations.length > 0) conditions.push(sql`conversation_id in (${uuidList(conversations)})`);
  if (conditions.length === 0) return [];
  const deleted = await rows<{ storage_key: string }>(tx, sql`delete from attachments where ${sql.join(conditions, sql` or `)} returning storage_key`);
  return deleted.map((row) => row.storage_key);
}

/** Removes the files of `keys` from `store` when there is one; the rows are gone already. */
export async function removeFiles(store: AttachmentStore | undefined, keys: readonly string[]): Promise<void> {
  if (store && keys.length > 0) await store.remove(keys);
}

/** How long an upload may wait for the hand-off or reply that names it, and how old a file without a row must be before the sweep takes it. */
export const UNBOUND_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The daily sweep: uploads no message named within a day (a customer who
 * closed the tab after choosing a photo) are deleted with their files, and
 * files older than a day that no row knows (a crash between a commit and a
 * file's removal, a rolled-back transaction) are removed.
 */
export async function sweepAttachments(db: Db, store: AttachmentStore, now: Date = new Date()): Promise<{ unbound: number; orphans: number }> {
  const before = new Date(now.getTime() - UNBOUND_TTL_MS);
  const unbound = await rows<{ storage_key: string }>(
    db,
    sql`delete from attachments where message_id is null and created_at < ${before.toISOString()}::timestamptz returning storage_key`,
  );
  await store.remove(unbound.map((row) => row.storage_key));
  const keys = await store.keysBefore(before);
  let orphans = 0;
  for (let start = 0; start < keys.length; start += 500) {
    const slice = keys.slice(start, start + 500);
    const known = new Set(
      (
        await rows<{ storage_key: string }>(
          db,
          sql`select storage_key from attachments where storage_key in (${sql.join(
            slice.map((key) => sql`${key}`),
            sql`, `,
          )})`,
        )
      ).map((row) => row.storage_key),
    );
    const gone = slice.filter((key) => !known.has(key));
    await store.remove(gone);
    orphans += gone.length;
  }
  return { unbound: unbound.length, orphans };
}

/** The daily job that runs {@link sweepAttachments}. */
export function attachmentSweepJob(store: AttachmentStore) {
  return { name: 'attachment-sweep', run: async (db: Db, now: Date) => ({ ...(await sweepAttachments(db, store, now)) }) };
}
