/**
 * The signals intake: anonymous facts from the help pages ("was this
 * helpful" and the effort question at the end of an article, what was
 * missing from an unhelpful one, searches that found nothing), stored once per idempotency key. One insert per table per
 * batch, whatever its size: the pages send these in bursts.
 */
import { sql } from 'drizzle-orm';
import { redactForStorage } from '#core/privacy/redact.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { resultsInOrder } from '../http/idempotency.ts';
import type { Signal, SignalsResult } from './schema.ts';

/**
 * Stores a batch. A key seen before, in an earlier batch or earlier in this
 * one, is a `duplicate` and changes nothing; every other signal is
 * `recorded`. The results keep the order of `signals`.
 *
 * @example
 * await recordSignals(db, [{ key: 'k-12345678', type: 'failed_search', query: 'retour', locale: 'nl', resultCount: 0 }]);
 * // { results: [{ key: 'k-12345678', status: 'recorded' }] }
 */
export async function recordSignals(db: Db, signals: readonly Signal[]): Promise<SignalsResult> {
  const first = new Map<string, Signal>();
  for (const signal of signals) if (!first.has(signal.key)) first.set(signal.key, signal);
  const feedback = [...first.values()].flatMap((s) =>
    s.type === 'article_feedback' ? [{ key: s.key, article_id: s.articleId, locale: s.locale, helpful: s.helpful ?? null, ces: s.ces ?? null }] : [],
  );
  const unhelpful = [...first.values()].flatMap((s) => {
    if (s.type !== 'article_unhelpful') return [];
    // Redacted again, like a failed search; an empty comment is none.
    const comment = s.comment === undefined ? '' : redactForStorage(s.comment);
    return [{ key: s.key, article_id: s.articleId, locale: s.locale, why: s.why, comment: comment === '' ? null : comment }];
  });
  const searches = [...first.values()].flatMap((s) =>
    // Redacted again: the API cannot trust that the browser did. Not cut back to the maximum length,
    // as in recordFailedSearch: a placeholder may be longer than what it replaced.
    s.type === 'failed_search' ? [{ key: s.key, query: redactForStorage(s.query), locale: s.locale, result_count: s.resultCount }] : [],
  );

  const keys = await Promise.all([
    insertOnce(db, 'article_feedback', feedback),
    insertOnce(db, 'article_unhelpful', unhelpful),
    insertOnce(db, 'failed_searches', searches),
  ]);
  const recorded = new Set(keys.flat().map((row) => row.key));
  return { results: resultsInOrder(signals, recorded) };
}

/** Each intake table's columns besides the key, with the types `jsonb_to_recordset` reads them as. */
const INTAKE = {
  article_feedback: { article_id: 'text', locale: 'text', helpful: 'boolean', ces: 'smallint' },
  article_unhelpful: { article_id: 'text', locale: 'text', why: 'text', comment: 'text' },
  failed_searches: { query: 'text', locale: 'text', result_count: 'int' },
} as const;

/**
 * Inserts `records` (the key and the table's columns, by column name) into
 * `table` in one statement, skipping keys stored before; resolves to the
 * keys it stored. Nothing is sent for an empty list.
 */
async function insertOnce(db: Db, table: keyof typeof INTAKE, records: readonly ({ key: string } & Record<string, unknown>)[]): Promise<{ key: string }[]> {
  if (records.length === 0) return [];
  const columns = Object.keys(INTAKE[table]);
  // Names from the constant above, never from a request.
  const names = sql.raw(columns.join(', '));
  const picked = sql.raw(columns.map((column) => `s.${column}`).join(', '));
  const typed = sql.raw(
    Object.entries(INTAKE[table])
      .map(([column, type]) => `${column} ${type}`)
      .join(', '),
  );
  return rows<{ key: string }>(
    db,
    sql`insert into ${sql.identifier(table)} (idempotency_key, ${names})
        select s.key, ${picked}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as s(key text, ${typed})
        on conflict (idempotency_key) do nothing
        returning idempotency_key as key`,
  );
}
