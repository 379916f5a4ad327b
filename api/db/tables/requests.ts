/** What the HTTP layer keeps across processes: idempotency keys and rate-limit counters. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

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
