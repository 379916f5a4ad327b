/**
 * E-mail: to customers and agents, kept until it is sent (the durable outbox,
 * api/mail/outbox.ts); the agents' notices waiting for their digest; and
 * e-mail received from customers (api/inbound).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';
import { messages } from './conversations.ts';
import { tickets } from './tickets.ts';

/** What an e-mail is about: an agent's reply or a solved ticket (to the customer), or a digest of notices (to an agent). */
export const MAIL_KINDS = ['reply', 'solved', 'notice'] as const;

/** Where an e-mail is: waiting (or being retried), sent, or given up on. */
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * One e-mail to a customer, written in the same transaction as the reply or
 * status change it tells about, so a crash after the commit loses no e-mail:
 * a worker sends it afterwards, with retries. Its Message-ID is fixed at the
 * first attempt, so a resend after a crash mid-send carries the same id and
 * mail clients and servers see one message. Deleted with its ticket
 * (erasure); retention deletes the rows of the tickets it anonymises.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The ticket a customer e-mail is about; null for an agent's digest of notices. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The agent a digest of notices goes to; null for customer e-mail. */
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MAIL_KINDS }).notNull(),
    /** What the e-mail says, as api/tickets/notifications.ts composes it; cleared once sent (it holds the CSAT secret). */
    payload: jsonb('payload'),
    /** `<…@domain>`, fixed by the first attempt to send (the domain is MAIL_FROM's) and kept for every retry. */
    messageId: text('message_id'),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the last attempt failed (the SMTP server's answer), for agents. */
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('mail_outbox_message_id_idx').on(table.messageId),
    index('mail_outbox_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('mail_outbox_ticket_id_idx').on(table.ticketId, table.id),
    // The digest's rate limit: an agent's newest notice e-mail.
    index('mail_outbox_agent_id_created_at_idx').on(table.agentId, table.createdAt).where(sql`${table.agentId} is not null`),
    check('mail_outbox_kind_check', sql`${table.kind} in (${inList(MAIL_KINDS)})`),
    check('mail_outbox_recipient_check', sql`(${table.kind} = 'notice') = (${table.agentId} is not null and ${table.ticketId} is null)`),
    check('mail_outbox_status_check', sql`${table.status} in (${inList(MAIL_STATUSES)})`),
  ],
);

/** What an agent is told about by e-mail. */
export const NOTICE_KINDS = ['new_ticket', 'customer_replied'] as const;

/**
 * Something an agent who asked for e-mail notices should hear about: a new
 * ticket in their queue, or a customer's reply on a ticket they hold. Rows
 * wait here until the digest (api/notices) puts them into one e-mail per
 * agent per AGENT_NOTICE_MINUTES; the e-mail is written from them when it is
 * sent, so erasing a customer (which deletes the ticket) takes the line out
 * of a digest not yet sent.
 */
export const agentNotices = pgTable(
  'agent_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    /** The digest e-mail that carries it; null while it waits for one. */
    mailId: bigint('mail_id', { mode: 'number' }).references(() => mailOutbox.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('agent_notices_waiting_idx').on(table.agentId, table.id).where(sql`${table.mailId} is null`),
    index('agent_notices_mail_id_idx').on(table.mailId),
    index('agent_notices_ticket_id_idx').on(table.ticketId),
    check('agent_notices_kind_check', sql`${table.kind} in (${inList(NOTICE_KINDS)})`),
  ],
);

/** How an inbound e-mail found its ticket (api/inbound/receive.ts). */
export const INBOUND_MATCHES = ['reply_address', 'subject_tag', 'new_ticket'] as const;

/** How an inbound e-mail arrived. */
export const INBOUND_CHANNELS = ['smtp', 'imap'] as const;

/**
 * An e-mail from a customer that became a message of a ticket's thread: the
 * Message-ID (unique, so a message delivered twice is stored once), the
 * sender and the whole text as received, quoted history and signature
 * included, for the agents' "show original". The thread's message holds only
 * the new part. Deleted with its message or ticket (erasure, retention).
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** `<…>` as the sender wrote it; for a message without one, derived from its bytes. */
    messageId: text('message_id').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** The thread's message made from it. */
    threadMessageId: bigint('thread_message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    /** The whole text as received (HTML-only mail as its text), quoted history and signature included. */
    original: text('original').notNull(),
    /** Attachments as received: file name, type and size (the bytes go to api/attachments through api/inbound/attachments.ts). */
    attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
    matchedBy: text('matched_by', { enum: INBOUND_MATCHES }).notNull(),
    channel: text('channel', { enum: INBOUND_CHANNELS }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('inbound_mail_message_id_idx').on(table.messageId),
    index('inbound_mail_ticket_id_idx').on(table.ticketId),
    uniqueIndex('inbound_mail_thread_message_id_idx').on(table.threadMessageId),
    check('inbound_mail_matched_by_check', sql`${table.matchedBy} in (${inList(INBOUND_MATCHES)})`),
    check('inbound_mail_channel_check', sql`${table.channel} in (${inList(INBOUND_CHANNELS)})`),
  ],
);
