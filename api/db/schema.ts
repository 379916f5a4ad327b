/**
 * The database schema: one drizzle table per fact the API stores. drizzle-kit
 * reads this file to generate the migrations in `migrations/`
 * (`npm run db:generate`); never edit a generated migration by hand.
 *
 * Keep this file free of imports from the rest of the code base: drizzle-kit
 * loads it with its own module loader.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Locales a row can be in. The same list as `LOCALES` in
 * site/search/analysis.ts (a test keeps them equal); repeated here because a
 * new locale needs a migration anyway.
 */
export const DB_LOCALES = ['nl', 'en'] as const;

/**
 * A search on the help pages that found nothing (or too little), reported by
 * the browser. Input for the content-gap report: which article to write next.
 * The query is redacted of personal data in the browser and again by the API.
 */
export const failedSearches = pgTable(
  'failed_searches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** What the visitor typed, with e-mail addresses, phone numbers and long numbers replaced. */
    query: text('query').notNull(),
    /** Locale of the page the search ran on. */
    locale: text('locale', { enum: DB_LOCALES }).notNull(),
    /** How many results the search showed (0 for none). */
    resultCount: integer('result_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The report reads one locale over a period.
    index('failed_searches_locale_created_at_idx').on(table.locale, table.createdAt),
    check('failed_searches_locale_check', sql`${table.locale} in (${sql.raw(DB_LOCALES.map((l) => `'${l}'`).join(', '))})`),
    check('failed_searches_result_count_check', sql`${table.resultCount} >= 0`),
  ],
);

// ---------------------------------------------------------------------------
// Conversations, tickets and agents (issue 4).
// ---------------------------------------------------------------------------

/** Who wrote a message. */
export const MESSAGE_AUTHORS = ['customer', 'assistant', 'agent', 'system'] as const;

/** What the assistant did for one answer (site/assistant: `Reply.action`). */
export const ASSISTANT_ACTIONS = ['answer', 'clarify', 'nomatch', 'rule'] as const;

/** Ticket statuses; the allowed moves between them are in api/tickets/status.ts. */
export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;

/** Statuses in which a ticket still waits for someone: a conversation has at most one such ticket. */
export const UNRESOLVED_STATUSES = ['open', 'pending'] as const;

/** Ticket priorities, lowest first. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** What an agent may do: admins also manage other agents' tickets. */
export const AGENT_ROLES = ['agent', 'admin'] as const;

/** Who caused a ticket event. */
export const EVENT_ACTORS = ['customer', 'agent', 'system'] as const;

/** Kinds of anonymous conversation events. */
export const CONVERSATION_EVENT_TYPES = ['outcome', 'helpful'] as const;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Ticket numbers (`WW-1001`, `WW-1002`…): readable on the phone, never reused. */
export const ticketNumbers = pgSequence('ticket_number_seq', { startWith: 1001 });

/**
 * An anonymous chat with the assistant, created by the widget the first time
 * it has something to send. Whoever holds its token (kept in the customer's
 * browser) may act on it; only the token's SHA-256 is stored.
 */
export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** SHA-256 of the bearer token, hex. */
  tokenHash: text('token_hash').notNull(),
  createdAt: createdAt(),
});

/**
 * One line of a conversation: the hand-off transcript (what the customer
 * asked and the assistant answered before asking for a person) and, after the
 * hand-off, the ticket's thread. Bodies are plain text, never HTML.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The ticket this message belongs to; every message written since the hand-off has one. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    author: text('author', { enum: MESSAGE_AUTHORS }).notNull(),
    /** The agent who wrote it (author `agent`). */
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** The text, exactly as written. */
    body: text('body').notNull(),
    /** An agent's note for colleagues: never shown to the customer. */
    internal: boolean('internal').notNull().default(false),
    /** Part of the transcript sent with the hand-off (what happened before the ticket). */
    transcript: boolean('transcript').notNull().default(false),
    /** The assistant's explanation of its answer (site/assistant: `Reply.why`). */
    why: jsonb('why'),
    /** Article the assistant offered. */
    articleId: text('article_id'),
    /** What the assistant did (answer, clarify, nomatch, rule). */
    action: text('action'),
    /** Effort score the customer gave this answer in the widget, 1–5. */
    ces: smallint('ces'),
    /** "Did this help?" as answered in the widget. */
    helpful: boolean('helpful'),
    /** When the customer's browser says it was written (transcript lines); the order is the id's. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('messages_ticket_id_id_idx').on(table.ticketId, table.id),
    index('messages_conversation_id_id_idx').on(table.conversationId, table.id),
    check('messages_author_check', sql`${table.author} in (${inList(MESSAGE_AUTHORS)})`),
    check('messages_ces_check', sql`${table.ces} between 1 and 5`),
  ],
);

/**
 * A Customer Effort Score: how much effort one answer took, 1 (hardly any)
 * to 5 (a lot). Counted once per answer.
 */
export const cesResponses = pgTable(
  'ces_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The widget's id of the answer that was scored. */
    answerId: text('answer_id').notNull(),
    /** Article the answer offered, if any. */
    articleId: text('article_id'),
    score: smallint('score').notNull(),
    locale: text('locale', { enum: DB_LOCALES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('ces_responses_conversation_id_answer_id_idx').on(table.conversationId, table.answerId),
    index('ces_responses_locale_created_at_idx').on(table.locale, table.createdAt),
    check('ces_responses_score_check', sql`${table.score} between 1 and 5`),
    check('ces_responses_locale_check', sql`${table.locale} in (${inList(DB_LOCALES)})`),
  ],
);

/**
 * Anonymous facts about the assistant's answers, for the learning loop: what
 * it did (outcome) and whether the customer found it helpful. Each is
 * recorded once per idempotency key, however often the widget resends it.
 */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The widget's `Idempotency-Key`. */
    idempotencyKey: text('idempotency_key').notNull(),
    type: text('type', { enum: CONVERSATION_EVENT_TYPES }).notNull(),
    answerId: text('answer_id').notNull(),
    /** Outcome: what the assistant did. */
    action: text('action', { enum: ASSISTANT_ACTIONS }),
    articleId: text('article_id'),
    /** Helpful: the customer's answer. */
    helpful: boolean('helpful'),
    /** Outcome of a no-match: the question, redacted of personal data. */
    question: text('question'),
    locale: text('locale', { enum: DB_LOCALES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('conversation_events_conversation_id_key_idx').on(table.conversationId, table.idempotencyKey),
    index('conversation_events_type_created_at_idx').on(table.type, table.createdAt),
    check('conversation_events_type_check', sql`${table.type} in (${inList(CONVERSATION_EVENT_TYPES)})`),
    check('conversation_events_action_check', sql`${table.action} in (${inList(ASSISTANT_ACTIONS)})`),
    check('conversation_events_locale_check', sql`${table.locale} in (${inList(DB_LOCALES)})`),
  ],
);

/** A person on the support team who signs in to the inbox. */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Sign-in name, stored in lower case. */
    email: text('email').notNull().unique(),
    /** Shown to colleagues and, with replies, to customers. */
    name: text('name').notNull(),
    role: text('role', { enum: AGENT_ROLES }).notNull().default('agent'),
    /** scrypt hash in the PHC-like form written by api/agents/password.ts. */
    passwordHash: text('password_hash').notNull(),
    /** A disabled agent cannot sign in and loses their sessions. */
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('agents_role_check', sql`${table.role} in (${inList(AGENT_ROLES)})`),
    check('agents_email_lower_check', sql`${table.email} = lower(${table.email})`),
  ],
);

/**
 * What the assistant could not solve: a hand-off to a person, carrying the
 * whole conversation. Status moves only through api/tickets/status.ts.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Readable number, `WW-1001`. */
    number: text('number')
      .notNull()
      .unique()
      .default(sql`('WW-' || nextval('ticket_number_seq'))`),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    locale: text('locale', { enum: DB_LOCALES }).notNull(),
    /** From the customer's first question, at most about 80 characters. */
    subject: text('subject').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerName: text('customer_name'),
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
  },
  (table) => [
    // The queue: by status (all / unassigned) and by assignee ("mine"), newest activity first.
    index('tickets_status_updated_at_idx').on(table.status, table.updatedAt.desc()),
    index('tickets_assignee_id_status_updated_at_idx').on(table.assigneeId, table.status, table.updatedAt.desc()),
    index('tickets_conversation_id_idx').on(table.conversationId, table.createdAt),
    // At most one unresolved ticket per conversation, however many hand-offs race.
    uniqueIndex('tickets_one_unresolved_per_conversation_idx')
      .on(table.conversationId)
      .where(sql`${table.status} in (${inList(UNRESOLVED_STATUSES)})`),
    check('tickets_status_check', sql`${table.status} in (${inList(TICKET_STATUSES)})`),
    check('tickets_priority_check', sql`${table.priority} in (${inList(TICKET_PRIORITIES)})`),
    check('tickets_locale_check', sql`${table.locale} in (${inList(DB_LOCALES)})`),
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

/** A signed-in agent. Only the SHA-256 of the session id (the cookie) is stored. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session id, hex. */
    idHash: text('id_hash').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_agent_id_idx').on(table.agentId), index('sessions_expires_at_idx').on(table.expiresAt)],
);

/**
 * The answer given to a request with an `Idempotency-Key`, so a retry gets
 * the same answer instead of doing the work twice. Kept for a day.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** What the key is for, e.g. `handoff:<conversation id>`; keys of different scopes never meet. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] }), index('idempotency_keys_created_at_idx').on(table.createdAt)],
);

/**
 * Requests per client in fixed windows, shared by every API process. An
 * UNLOGGED table (see the migration): counters need no crash safety, and
 * skipping the write-ahead log keeps the hot path fast.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    /** Limit and client, e.g. `public:203.0.113.7`. */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);
