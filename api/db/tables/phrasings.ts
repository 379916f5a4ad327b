/** Suggested phrasings that teach the assistant. */
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';

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
    /**
     * When an agent approved it: from then on the live assistant knows it (the server
     * compiles it in, api/phrasings/live-model.ts); it stays `pending` until `content pull`.
     */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => agents.id, { onDelete: 'set null' }),
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
