/**
 * Anonymous conversations and the signals the widget sends about them: effort
 * scores and answer outcomes. Each write checks the token and inserts in one
 * statement; a duplicate (the same answer scored again, the same key sent
 * again) inserts nothing and is told apart from a wrong token only then.
 */
import { sql, type SQL } from 'drizzle-orm';
import { redactForStorage } from '#core/privacy/redact.ts';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { conversations } from '../db/tables.ts';
import { resultsInOrder } from '../http/idempotency.ts';
import { randomToken, sha256Hex } from '../http/tokens.ts';
import { isUuid } from '../http/validation.ts';
import { enqueueWebhooks, HIGH_EFFORT } from '../webhooks/enqueue.ts';
import type { ConversationSignal } from './schema.ts';

/** A conversation as the widget holds it. */
export interface ConversationCredentials {
  id: string;
  /** Bearer token; only its hash is stored. */
  token: string;
}

/** Starts a conversation. */
export async function createConversation(db: Db): Promise<ConversationCredentials> {
  const token = randomToken();
  const [created] = await db
    .insert(conversations)
    .values({ tokenHash: sha256Hex(token) })
    .returning({ id: conversations.id });
  if (!created) throw new Error('Wegwijs: inserting a conversation returned no row');
  return { id: created.id, token };
}

/**
 * SQL: conversation `c` is opened by the token with hash `tokenHash`: the
 * token it was created with, or one a link in an e-mail gave another browser
 * (api/conversations/link.ts).
 */
function holdsToken(tokenHash: string): SQL {
  return sql`(c.token_hash = ${tokenHash} or exists (select 1 from conversation_tokens t where t.conversation_id = c.id and t.token_hash = ${tokenHash}))`;
}

/**
 * SQL (a boolean): `token` opens conversation `id`, a uuid: for a hot path
 * that checks it in a statement it runs anyway (the hand-off).
 */
export function opensConversation(id: string, token: string): SQL {
  return sql`exists (select 1 from conversations c where c.id = ${id}::uuid and ${holdsToken(sha256Hex(token))})`;
}

/** Whether `token` opens conversation `id`. */
export async function conversationExists(db: Db, id: string, token: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const found = await rows<{ id: string }>(db, sql`select c.id from conversations c where c.id = ${id}::uuid and ${holdsToken(sha256Hex(token))}`);
  return found.length > 0;
}

/** What became of each signal of a batch, in the order sent (see {@link recordConversationSignals}). */
export interface SignalsOutcome {
  results: { key: string; status: 'recorded' | 'duplicate' }[];
}

/**
 * Stores what the widget's outbox had waiting for one conversation: effort
 * scores, outcomes and "helpful" answers, one insert per table whatever the
 * batch's size (the point of batching: a busy widget sends one request, not
 * ten). A score counts once per answer,
 * an event once per key; a key seen earlier in the batch is a `duplicate`.
 * A high score also notifies webhooks, in the same transaction.
 *
 * @example
 * await recordConversationSignals(db, id, token, [{ key: 'k1', type: 'ces', answerId: 'a1', articleId: null, score: 2, locale: 'nl' }]);
 * // { results: [{ key: 'k1', status: 'recorded' }] }
 */
export async function recordConversationSignals(
  db: Db,
  id: string,
  token: string,
  signals: readonly ConversationSignal[],
): Promise<SignalsOutcome | 'not-found'> {
  if (!isUuid(id)) return 'not-found';
  const first = new Map<string, ConversationSignal>();
  for (const signal of signals) if (!first.has(signal.key)) first.set(signal.key, signal);
  const scores = [...first.values()].flatMap((r) =>
    r.type === 'ces' ? [{ key: r.key, answer_id: r.answerId, article_id: r.articleId, score: r.score, locale: r.locale }] : [],
  );
  const events = [...first.values()].flatMap((r) =>
    r.type === 'ces'
      ? []
      : [
          {
            key: r.key,
            type: r.type,
            answer_id: r.answerId,
            action: r.type === 'outcome' ? r.action : null,
            article_id: r.articleId,
            helpful: r.type === 'helpful' ? r.helpful : null,
            // Redacted again: the API cannot trust that the browser did.
            question: r.type === 'outcome' && r.question ? redactForStorage(r.question) || null : null,
            locale: r.locale,
          },
        ],
  );
  const tokenHash = sha256Hex(token);

  const insert = async (executor: Executor) => {
    const [scored, happened] = await Promise.all([
      scores.length === 0
        ? []
        : rows<{ answer_id: string }>(
            executor,
            sql`insert into ces_responses (conversation_id, answer_id, article_id, score, locale)
                select c.id, s.answer_id, s.article_id, s.score, s.locale
                from conversations c, jsonb_to_recordset(${JSON.stringify(scores)}::jsonb) as s(answer_id text, article_id text, score smallint, locale text)
                where c.id = ${id}::uuid and ${holdsToken(tokenHash)}
                on conflict (conversation_id, answer_id) do nothing
                returning answer_id`,
          ),
      events.length === 0
        ? []
        : rows<{ key: string }>(
            executor,
            sql`insert into conversation_events (conversation_id, idempotency_key, type, answer_id, action, article_id, helpful, question, locale)
                select c.id, e.key, e.type, e.answer_id, e.action, e.article_id, e.helpful, e.question, e.locale
                from conversations c, jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
                  as e(key text, type text, answer_id text, action text, article_id text, helpful boolean, question text, locale text)
                where c.id = ${id}::uuid and ${holdsToken(tokenHash)}
                on conflict (conversation_id, idempotency_key) do nothing
                returning idempotency_key as key`,
          ),
    ]);
    // A score counts once per answer: of two scores for one answer in a batch, the first was stored.
    const scoredAnswers = new Set(scored.map((row) => row.answer_id));
    const recorded = new Set(happened.map((row) => row.key));
    for (const score of scores) {
      if (!scoredAnswers.delete(score.answer_id)) continue;
      recorded.add(score.key);
      if (score.score >= HIGH_EFFORT) {
        await enqueueWebhooks(executor, {
          type: 'ces.high',
          score: score.score,
          articleId: score.article_id,
          locale: score.locale,
          answerId: score.answer_id,
          conversationId: id,
        });
      }
    }
    return recorded;
  };
  // Only a high score notifies webhooks; without one the batch needs no transaction.
  const recorded = scores.some((score) => score.score >= HIGH_EFFORT) ? await db.transaction((tx) => insert(tx)) : await insert(db);
  if (recorded.size === 0 && !(await conversationExists(db, id, token))) return 'not-found';

  return { results: resultsInOrder(signals, recorded) };
}
