/** Files customers and agents attach to messages; the bytes live in the attachment store (api/attachments/store.ts), not here. */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';
import { conversations, messages } from './conversations.ts';
import { tickets } from './tickets.ts';

/** Who attached a file. */
export const ATTACHMENT_UPLOADERS = ['customer', 'agent'] as const;

/**
 * One attached file: its name, type and size, and where its bytes are
 * (`storage_key` in the attachment store). Uploaded first and bound to its
 * message when the hand-off or reply that names it is stored; until then
 * `message_id` is null and a sweep deletes it after a day. The rows go with
 * their conversation, ticket or message (erasure, retention); the code that
 * deletes them removes the files too (api/attachments/service.ts).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Set once it belongs to a message of a ticket. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** Null while uploaded but not yet named by a hand-off or reply. */
    messageId: bigint('message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by', { enum: ATTACHMENT_UPLOADERS }).notNull(),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** The name as the person gave it, cleaned of paths and control characters. */
    filename: text('filename').notNull(),
    /** The type found in the bytes (never the name's or the declared one). */
    contentType: text('content_type').notNull(),
    /** Bytes as stored (after an image was re-encoded). */
    size: integer('size').notNull(),
    /** Where the bytes are in the attachment store; random, never derived from the name. */
    storageKey: text('storage_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [
    index('attachments_message_id_idx').on(table.messageId),
    index('attachments_conversation_id_idx').on(table.conversationId),
    index('attachments_ticket_id_idx').on(table.ticketId),
    // The sweep of uploads nobody named.
    index('attachments_unbound_created_at_idx').on(table.createdAt).where(sql`${table.messageId} is null`),
    check('attachments_uploaded_by_check', sql`${table.uploadedBy} in (${inList(ATTACHMENT_UPLOADERS)})`),
    check('attachments_size_check', sql`${table.size} >= 0`),
  ],
);
