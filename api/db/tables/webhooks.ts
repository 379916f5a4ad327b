/** Webhooks and the durable outbox of their deliveries. */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';
import { tickets } from './tickets.ts';

/** What a webhook can be told about. */
export const WEBHOOK_EVENTS = ['ticket.created', 'ces.high', 'csat.low', 'digest.daily'] as const;

/** Payload shapes: Slack-compatible (`text` plus `blocks`) or plain JSON. */
export const WEBHOOK_FORMATS = ['slack', 'json'] as const;

/** An outgoing webhook an admin configured. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    format: text('format', { enum: WEBHOOK_FORMATS }).notNull(),
    /** Events it receives, a subset of WEBHOOK_EVENTS. */
    events: text('events').array().notNull(),
    /** Key of the HMAC-SHA256 signature header; shown once, when the webhook is created. */
    secret: text('secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [check('webhooks_format_check', sql`${table.format} in (${inList(WEBHOOK_FORMATS)})`)],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * The durable outbox of webhook deliveries: written in the same transaction
 * as what it reports, sent by whichever API process gets to it first
 * (`for update skip locked`), retried with backoff until delivered or out of
 * attempts. A restart loses nothing.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** Makes enqueueing idempotent, e.g. `ticket.created:<ticket id>` or `digest.daily:2026-11-23`. */
    dedupeKey: text('dedupe_key').notNull(),
    /** The ticket it is about, so erasing the ticket erases its notifications too. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The body to send, already in the webhook's format. */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** HTTP status of the last attempt, if it got one. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_webhook_id_dedupe_key_idx').on(table.webhookId, table.dedupeKey),
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    check('webhook_deliveries_status_check', sql`${table.status} in (${inList(WEBHOOK_DELIVERY_STATUSES)})`),
  ],
);
