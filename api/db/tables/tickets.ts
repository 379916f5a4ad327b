/** Tickets born from hand-offs, their numbers and their event log. */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, index, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';
import { conversations } from './conversations.ts';
import { teams } from './routing.ts';

/** Ticket statuses; the allowed moves between them are in api/tickets/status.ts. */
export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;

/** Statuses in which a ticket still waits for someone: a conversation has at most one such ticket. */
export const UNRESOLVED_STATUSES = ['open', 'pending'] as const;

/** Ticket priorities, lowest first. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Device classes the widget reports with a hand-off, from the viewport's width and pointer. */
export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop'] as const;

/** Who caused a ticket event. */
export const EVENT_ACTORS = ['customer', 'agent', 'system'] as const;

/** Ticket numbers (`WW-1001`, `WW-1002`…): readable on the phone, never reused. */
export const ticketNumbers = pgSequence('ticket_number_seq', { startWith: 1001 });

/**
 * What the assistant could not solve: a hand-off to a person, carrying the
 * whole conversation. Status moves only through api/tickets/status.ts.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Readable number, `WW-1001`. */
    number: text('number').notNull().unique().default(sql`('WW-' || nextval('ticket_number_seq'))`),
    /** Null once retention has deleted the conversation (the ticket stays, anonymised, for the reports). */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** From the customer's first question, at most about 80 characters. */
    subject: text('subject').notNull(),
    /** Null once the ticket is anonymised by retention. */
    customerEmail: text('customer_email'),
    customerName: text('customer_name'),
    /** When retention removed everything personal (e-mail, name, subject, thread); only timestamps and counts remain. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    /** SHA-256 of the secret in the CSAT link of the e-mail sent when the ticket is solved. */
    csatTokenHash: text('csat_token_hash'),
    /** The agent who holds it; null while nobody has claimed it. */
    assigneeId: uuid('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Any change, message included: the queue's "newest activity first". */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The first public reply of an agent. */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    /** When it was last solved; cleared when it is reopened. */
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    /** The newest message of the thread, internal notes included. */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /**
     * Since when the customer has waited for an agent: the hand-off, or their
     * first message after the last public agent reply; null while an agent
     * wrote last and once solved or closed. The queue's default order.
     */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    /** The team a routing rule sent it to; null: the shared queue. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Contact reason: the category the assistant (or the customer) associated with it; an agent may correct it. */
    reasonCategoryId: text('reason_category_id'),
    /** Contact reason: the article (translation key) the assistant last offered; an agent may correct it. */
    reasonArticleId: text('reason_article_id'),
    /** The path of the page the customer opened the chat on, e.g. `/nl/bezorging/waar-is-mijn-pakket/`. */
    entryPage: text('entry_page'),
    /** The article (translation key) of that page, when it was one. */
    entryArticleId: text('entry_article_id'),
    /** The customer's device class when handing off (`mobile`, `tablet`, `desktop`). */
    device: text('device', { enum: DEVICE_CLASSES }),
    /**
     * Number, subject, customer e-mail and name in lower case, kept by
     * PostgreSQL, for the inbox's search on part of them: one LIKE on a stored
     * column instead of four ILIKEs per ticket (bench:api, the queue at 10,000
     * tickets).
     */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower("number" || ' ' || "subject" || ' ' || coalesce("customer_email", '') || ' ' || coalesce("customer_name", ''))`,
    ),
    /**
     * Set when an agent merged this ticket into another of the same customer
     * (api/tickets/merge.ts): it is closed, its messages moved there, and
     * its conversation's link and replies lead to that ticket.
     */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => tickets.id, { onDelete: 'set null' }),
  },
  (table) => [
    // The queue: by status (all / unassigned) and by assignee ("mine"), newest activity first.
    index('tickets_status_updated_at_idx').on(table.status, table.updatedAt.desc()),
    index('tickets_assignee_id_status_updated_at_idx').on(table.assigneeId, table.status, table.updatedAt.desc()),
    index('tickets_conversation_id_idx').on(table.conversationId, table.createdAt),
    // The queue's default order: the customer who has waited longest first.
    index('tickets_waiting_since_idx').on(table.waitingSince, table.createdAt),
    // At most one unresolved ticket per conversation, however many hand-offs race.
    uniqueIndex('tickets_one_unresolved_per_conversation_idx')
      .on(table.conversationId)
      .where(sql`${table.status} in (${inList(UNRESOLVED_STATUSES)})`),
    check('tickets_status_check', sql`${table.status} in (${inList(TICKET_STATUSES)})`),
    check('tickets_priority_check', sql`${table.priority} in (${inList(TICKET_PRIORITIES)})`),
    check('tickets_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
    check('tickets_customer_email_check', sql`${table.customerEmail} is not null or ${table.anonymisedAt} is not null`),
    // Reports: tickets created in a period.
    index('tickets_created_at_idx').on(table.createdAt),
    uniqueIndex('tickets_csat_token_hash_idx').on(table.csatTokenHash),
    // The customer panel: every ticket of one e-mail address.
    index('tickets_customer_email_lower_idx').on(sql`lower(${table.customerEmail})`, table.createdAt),
    check('tickets_device_check', sql`${table.device} in (${inList(DEVICE_CLASSES)})`),
    // Following merges to the surviving ticket, and erasure of a ticket others were merged into.
    index('tickets_merged_into_id_idx').on(table.mergedIntoId).where(sql`${table.mergedIntoId} is not null`),
  ],
);

/** Everything that happened to a ticket: who, what, when, and the details. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** What happened: `created`, `status`, `claimed`, `assigned`, `priority`, `replied`, `noted`, `customer_replied`. */
    type: text('type').notNull(),
    actor: text('actor', { enum: EVENT_ACTORS }).notNull(),
    /** The agent who did it (actor `agent`). */
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** Details, e.g. `{ from: 'open', to: 'pending', transition: 'awaitCustomer' }`. */
    data: jsonb('data'),
    createdAt: createdAt(),
  },
  (table) => [
    index('ticket_events_ticket_id_id_idx').on(table.ticketId, table.id),
    check('ticket_events_actor_check', sql`${table.actor} in (${inList(EVENT_ACTORS)})`),
  ],
);

/**
 * Who has a ticket open in the inbox and who is typing a reply on it: each
 * open inbox says so every few seconds; a row older than a few polls means
 * the agent has gone (api/tickets/presence.ts). In PostgreSQL, so every API
 * process sees every agent.
 */
export const ticketPresence = pgTable(
  'ticket_presence',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** The agent's inbox last said it shows the ticket. */
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The agent's inbox last said they were typing a reply or note on it. */
    typingAt: timestamp('typing_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.ticketId, table.agentId] }), index('ticket_presence_seen_at_idx').on(table.seenAt)],
);
