/** Conversations with the assistant: their transcript lines, effort scores and events. */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';
import { tickets } from './tickets.ts';

/** Who wrote a message. */
export const MESSAGE_AUTHORS = ['customer', 'assistant', 'agent', 'system'] as const;

/** What the assistant did for one answer (core/assistant: `Reply.action`). */
export const ASSISTANT_ACTIONS = ['answer', 'clarify', 'nomatch', 'rule'] as const;

/**
 * Kinds of anonymous conversation events: what the assistant did, whether it
 * helped, and that the customer handed off (so deflection can be counted
 * after retention has deleted the ticket itself).
 */
export const CONVERSATION_EVENT_TYPES = ['outcome', 'helpful', 'handoff'] as const;

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
 * Further bearer tokens of a conversation, one per browser that opened it
 * through the link in an e-mail (api/conversations/link.ts): the customer's
 * phone reaches the conversation the laptop started, and the laptop keeps its
 * own token. Only SHA-256 hashes; deleted with the conversation (erasure,
 * retention).
 */
export const conversationTokens = pgTable(
  'conversation_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** SHA-256 of the bearer token, hex. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('conversation_tokens_conversation_id_token_hash_idx').on(table.conversationId, table.tokenHash)],
);

/** PostgreSQL's `tsvector`, which drizzle has no column type for; read as its text form (it never is). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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
    /** The articles the assistant offered as buttons ("did you mean…", alternatives after a "no"), in order; null when none. */
    offered: jsonb('offered').$type<string[]>(),
    /**
     * A customer's line that was a pick from the buttons of the assistant's
     * line before it: the article picked, or `{ articleId: null }` for "none
     * of these"; null for a line the customer typed.
     */
    choice: jsonb('choice').$type<{ articleId: string | null }>(),
    /** When the customer's browser says it was written (transcript lines); the order is the id's. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * The words of the text for the inbox's search, in both site languages'
     * forms (Dutch and English stemming in one vector), kept by PostgreSQL.
     * Stored rather than an index on the expression: a search for a common
     * word fetches thousands of rows, and with the expression each would be
     * analysed twice again (bench:api, the queue at 10,000 tickets).
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('dutch', "body") || to_tsvector('english', "body")`),
    createdAt: createdAt(),
  },
  (table) => [
    index('messages_ticket_id_id_idx').on(table.ticketId, table.id),
    index('messages_conversation_id_id_idx').on(table.conversationId, table.id),
    // The inbox's search inside messages: full-text in both site languages (PGlite has both configurations too).
    index('messages_search_vector_idx').using('gin', table.searchVector),
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
    index('ces_responses_high_effort_idx')
      .on(table.locale, table.createdAt, table.articleId)
      .where(sql`${table.score} >= 4 and ${table.articleId} is not null`),
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
