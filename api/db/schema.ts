/**
 * The database schema: one drizzle table per fact the API stores. drizzle-kit
 * reads this file to generate the migrations in `migrations/`
 * (`npm run db:generate`); never edit a generated migration by hand.
 *
 * Keep this file free of imports from the rest of the code base but the
 * import-free core/locale.ts: drizzle-kit loads it with its own module loader.
 */
import { sql } from 'drizzle-orm';
import { LOCALES } from '../../core/locale.ts';
import { bigint, boolean, check, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';


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
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** How many results the search showed (0 for none). */
    resultCount: integer('result_count').notNull(),
    /**
     * The browser's idempotency key when the report came through the batched
     * signals intake (`POST /api/signals`), so a resend is not counted twice;
     * null for reports through `POST /api/searches/failed`.
     */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The report reads one locale over a period.
    index('failed_searches_locale_created_at_idx').on(table.locale, table.createdAt),
    // Nulls are distinct, so the reports without a key never collide.
    uniqueIndex('failed_searches_idempotency_key_idx').on(table.idempotencyKey),
    check('failed_searches_locale_check', sql`${table.locale} in (${sql.raw(LOCALES.map((l) => `'${l}'`).join(', '))})`),
    check('failed_searches_result_count_check', sql`${table.resultCount} >= 0`),
  ],
);

// ---------------------------------------------------------------------------
// Conversations, tickets and agents (issue 4).
// ---------------------------------------------------------------------------

/** Who wrote a message. */
export const MESSAGE_AUTHORS = ['customer', 'assistant', 'agent', 'system'] as const;

/** What the assistant did for one answer (core/assistant: `Reply.action`). */
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

/**
 * Kinds of anonymous conversation events: what the assistant did, whether it
 * helped, and that the customer handed off (so deflection can be counted
 * after retention has deleted the ticket itself).
 */
export const CONVERSATION_EVENT_TYPES = ['outcome', 'helpful', 'handoff'] as const;

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
    /** The assistant's explanation of its answer (core/assistant: `Reply.why`). */
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
    // The inbox's search inside messages: full-text in both site languages (PGlite has both configurations too).
    index('messages_body_dutch_fts_idx').using('gin', sql`to_tsvector('dutch', ${table.body})`),
    index('messages_body_english_fts_idx').using('gin', sql`to_tsvector('english', ${table.body})`),
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
    /**
     * The conversation scored. Deliberately no foreign key: the score is an
     * anonymous count that reports keep after retention deletes the
     * conversation; erasure deletes it explicitly (api/privacy).
     */
    conversationId: uuid('conversation_id').notNull(),
    /** The widget's id of the answer that was scored. */
    answerId: text('answer_id').notNull(),
    /** Article the answer offered, if any. */
    articleId: text('article_id'),
    score: smallint('score').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('ces_responses_conversation_id_answer_id_idx').on(table.conversationId, table.answerId),
    index('ces_responses_locale_created_at_idx').on(table.locale, table.createdAt),
    // Reports over all locales read a period with everything they need from the index alone.
    index('ces_responses_created_at_report_idx').on(table.createdAt, table.locale, table.score, table.articleId),
    // The content-gap report's high-effort answers, from the index alone.
    index('ces_responses_high_effort_idx').on(table.locale, table.createdAt, table.articleId).where(sql`${table.score} >= 4 and ${table.articleId} is not null`),
    check('ces_responses_score_check', sql`${table.score} between 1 and 5`),
    check('ces_responses_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
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
    /** No foreign key, as in `ces_responses`: anonymous facts outlive the conversation. */
    conversationId: uuid('conversation_id').notNull(),
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
    locale: text('locale', { enum: LOCALES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('conversation_events_conversation_id_key_idx').on(table.conversationId, table.idempotencyKey),
    index('conversation_events_conversation_id_idx').on(table.conversationId),
    // Events of a kind in a period; for the reports' counts and deflection, from the index alone.
    index('conversation_events_type_created_at_report_idx').on(table.type, table.createdAt, table.locale, table.action, table.conversationId),
    // The content-gap report's signals: few rows among many events, read from the index alone
    // (the question or article is part of the key, so a year is an index-only scan).
    index('conversation_events_nomatch_idx')
      .on(table.locale, table.createdAt, table.question)
      .where(sql`${table.type} = 'outcome' and ${table.action} = 'nomatch' and ${table.question} is not null`),
    index('conversation_events_not_helpful_idx')
      .on(table.locale, table.createdAt, table.articleId)
      .where(sql`${table.type} = 'helpful' and ${table.helpful} = false and ${table.articleId} is not null`),
    check('conversation_events_type_check', sql`${table.type} in (${inList(CONVERSATION_EVENT_TYPES)})`),
    check('conversation_events_action_check', sql`${table.action} in (${inList(ASSISTANT_ACTIONS)})`),
    check('conversation_events_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
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
 * A saved reply: text an agent inserts into a reply with one choice, per
 * locale, managed by admins. Placeholders `{klant}`/`{customer}`,
 * `{ticket}` and `{medewerker}`/`{agent}` are filled in by the inbox.
 */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** What the agent picks it by. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The admin who added it. */
    createdBy: uuid('created_by').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('saved_replies_locale_title_idx').on(table.locale, table.title),
    check('saved_replies_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
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

// ---------------------------------------------------------------------------
// Insights, teaching the assistant, notifications, privacy (issue 5).
// ---------------------------------------------------------------------------

/**
 * "Was this helpful?" and the effort question at the end of an article page.
 * Anonymous: no conversation, no address; once per idempotency key.
 */
export const articleFeedback = pgTable(
  'article_feedback',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The browser's idempotency key: a resend is not counted twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    articleId: text('article_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    helpful: boolean('helpful'),
    /** Effort, 1 (hardly any) to 5 (a lot). */
    ces: smallint('ces'),
    createdAt: createdAt(),
  },
  (table) => [
    index('article_feedback_locale_created_at_idx').on(table.locale, table.createdAt),
    index('article_feedback_created_at_report_idx').on(table.createdAt, table.locale, table.ces, table.helpful, table.articleId),
    // The content-gap report's high-effort and unhelpful articles, from the index alone.
    index('article_feedback_gap_idx').on(table.locale, table.createdAt, table.articleId).where(sql`${table.ces} >= 4 or ${table.helpful} = false`),
    check('article_feedback_ces_check', sql`${table.ces} between 1 and 5`),
    check('article_feedback_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
    check('article_feedback_something_check', sql`${table.helpful} is not null or ${table.ces} is not null`),
  ],
);

/**
 * Customer satisfaction with a solved ticket, 1–5 (4 and 5 count as
 * satisfied). One per ticket: a second answer replaces the first. Survives
 * the ticket's erasure as an anonymous count.
 */
export const csatResponses = pgTable(
  'csat_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    score: smallint('score').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** Where it was given: the widget or the link in the e-mail. */
    channel: text('channel', { enum: ['widget', 'email'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('csat_responses_ticket_id_idx').on(table.ticketId),
    index('csat_responses_created_at_idx').on(table.createdAt),
    check('csat_responses_score_check', sql`${table.score} between 1 and 5`),
    check('csat_responses_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** Where a phrasing an agent attached came from. */
export const PHRASING_SOURCES = ['ticket', 'nomatch', 'gap', 'search'] as const;

/** `pending` until `npm run -s content -- pull` writes it into the article; `rejected` when an agent drops it. */
export const PHRASING_STATUSES = ['pending', 'pulled', 'rejected'] as const;

/**
 * A customer's wording an agent wants the assistant to learn: a new phrasing
 * for an article, or (no article) a proposal for a new article. Content stays
 * in git; `content pull` writes pending rows into the articles' frontmatter.
 */
export const phrasingSuggestions = pgTable(
  'phrasing_suggestions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The article to teach; null proposes a new article. */
    articleId: text('article_id'),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** The wording, redacted of personal data. */
    text: text('text').notNull(),
    /** Title for a proposed new article. */
    proposedTitle: text('proposed_title'),
    source: text('source', { enum: PHRASING_SOURCES }).notNull(),
    /** What it came from, e.g. a ticket number. */
    sourceRef: text('source_ref'),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    status: text('status', { enum: PHRASING_STATUSES }).notNull().default('pending'),
    createdAt: createdAt(),
    /** When `content pull` wrote it into the article. */
    pulledAt: timestamp('pulled_at', { withTimezone: true }),
  },
  (table) => [
    index('phrasing_suggestions_status_idx').on(table.status, table.createdAt),
    check('phrasing_suggestions_source_check', sql`${table.source} in (${inList(PHRASING_SOURCES)})`),
    check('phrasing_suggestions_status_check', sql`${table.status} in (${inList(PHRASING_STATUSES)})`),
    check('phrasing_suggestions_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

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

/**
 * Scheduled jobs (retention, daily digest, report rollup): when each last ran, so that of
 * several API processes only one runs a job per period.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  /** What the last run did, e.g. `{ conversations: 12, tickets: 3 }`. */
  lastResult: jsonb('last_result'),
});

// ---------------------------------------------------------------------------
// Report rollups: anonymous counts per UTC day and locale (api/reports/rollup.ts).
// ---------------------------------------------------------------------------

/** What a rolled-up outcome counts: an assistant action, or a hand-off. */
export const ROLLUP_OUTCOMES = [...ASSISTANT_ACTIONS, 'handoff'] as const;

/** Where an effort score was given: in the widget after an answer, or at the end of an article page. */
export const EFFORT_SOURCES = ['widget', 'article'] as const;

const day = () => date('day', { mode: 'string' }).notNull();
const count = (name: string) => integer(name).notNull();

/**
 * The UTC days whose rollup rows are complete: the summary reads these days
 * from the rollup tables and every other day from the events. A day is
 * listed, and its rows written, in one transaction.
 */
export const reportRollupDays = pgTable('report_rollup_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  /** When its rows were last computed. */
  rolledUpAt: timestamp('rolled_up_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Effort scores per day, locale, source and score (both sources of `ces_responses` and `article_feedback.ces`). */
export const reportDailyEffort = pgTable(
  'report_daily_effort',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    source: text('source', { enum: EFFORT_SOURCES }).notNull(),
    score: smallint('score').notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.source, table.score] }),
    check('report_daily_effort_source_check', sql`${table.source} in (${inList(EFFORT_SOURCES)})`),
    check('report_daily_effort_score_check', sql`${table.score} between 1 and 5`),
    check('report_daily_effort_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Effort scores that name an article, per day, locale and article id as sent
 * (a translation key or a `<locale>/<slug>` id): how many and their sum.
 * Kept apart from {@link reportDailyEffort} so a day stays a few rows per
 * article instead of one per article, source and score.
 */
export const reportDailyArticleEffort = pgTable(
  'report_daily_article_effort',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    articleId: text('article_id').notNull(),
    count: count('count'),
    /** Sum of the scores. */
    total: count('total'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.articleId] }),
    check('report_daily_article_effort_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** Outcome events per action, and hand-off events, per day and locale. */
export const reportDailyOutcomes = pgTable(
  'report_daily_outcomes',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    outcome: text('outcome', { enum: ROLLUP_OUTCOMES }).notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.outcome] }),
    check('report_daily_outcomes_outcome_check', sql`${table.outcome} in (${inList(ROLLUP_OUTCOMES)})`),
    check('report_daily_outcomes_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** "Was this helpful?" on article pages per day and locale. */
export const reportDailyArticleFeedback = pgTable(
  'report_daily_article_feedback',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    helpful: count('helpful'),
    notHelpful: count('not_helpful'),
  },
  (table) => [primaryKey({ columns: [table.day, table.locale] }), check('report_daily_article_feedback_locale_check', sql`${table.locale} in (${inList(LOCALES)})`)],
);

/** CSAT answers per day (of the first answer), locale and score. */
export const reportDailyCsat = pgTable(
  'report_daily_csat',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    score: smallint('score').notNull(),
    count: count('count'),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.locale, table.score] }),
    check('report_daily_csat_score_check', sql`${table.score} between 1 and 5`),
    check('report_daily_csat_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * Conversations with a question, counted on the day and in the locale of
 * their first question, and how many of them were not handed off.
 */
export const reportDailyConversations = pgTable(
  'report_daily_conversations',
  {
    day: day(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    withQuestion: count('with_question'),
    deflected: count('deflected'),
  },
  (table) => [primaryKey({ columns: [table.day, table.locale] }), check('report_daily_conversations_locale_check', sql`${table.locale} in (${inList(LOCALES)})`)],
);
