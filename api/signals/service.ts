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

  const recorded = new Set<string>();
  const [feedbackKeys, unhelpfulKeys, searchKeys] = await Promise.all([
    feedback.length === 0
      ? []
      : rows<{ key: string }>(
          db,
          sql`insert into article_feedback (idempotency_key, article_id, locale, helpful, ces)
              select s.key, s.article_id, s.locale, s.helpful, s.ces
              from jsonb_to_recordset(${JSON.stringify(feedback)}::jsonb) as s(key text, article_id text, locale text, helpful boolean, ces smallint)
              on conflict (idempotency_key) do nothing
              returning idempotency_key as key`,
        ),
    unhelpful.length === 0
      ? []
      : rows<{ key: string }>(
          db,
          sql`insert into article_unhelpful (idempotency_key, article_id, locale, why, comment)
              select s.key, s.article_id, s.locale, s.why, s.comment
              from jsonb_to_recordset(${JSON.stringify(unhelpful)}::jsonb) as s(key text, article_id text, locale text, why text, comment text)
              on conflict (idempotency_key) do nothing
              returning idempotency_key as key`,
        ),
    searches.length === 0
      ? []
      : rows<{ key: string }>(
          db,
          sql`insert into failed_searches (idempotency_key, query, locale, result_count)
              select s.key, s.query, s.locale, s.result_count
              from jsonb_to_recordset(${JSON.stringify(searches)}::jsonb) as s(key text, query text, locale text, result_count int)
              on conflict (idempotency_key) do nothing
              returning idempotency_key as key`,
        ),
  ]);
  for (const { key } of [...feedbackKeys, ...unhelpfulKeys, ...searchKeys]) recorded.add(key);
  return { results: resultsInOrder(signals, recorded) };
}
