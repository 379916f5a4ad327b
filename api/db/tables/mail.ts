/** E-mail to customers, kept until it is sent (the durable outbox, api/mail/outbox.ts). */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inList } from './columns.ts';
import { tickets } from './tickets.ts';

/** What an e-mail is about. */
export const MAIL_KINDS = ['reply', 'solved'] as const;

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
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
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
    check('mail_outbox_kind_check', sql`${table.kind} in (${inList(MAIL_KINDS)})`),
    check('mail_outbox_status_check', sql`${table.status} in (${inList(MAIL_STATUSES)})`),
  ],
);
