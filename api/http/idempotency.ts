/**
 * `Idempotency-Key` for requests that create something (a hand-off, a
 * customer reply): the first request with a key does the work and its
 * answer is stored with the key, in the same transaction; a retry with the
 * same key and the same body gets that answer again; the same key with a
 * different body is refused (422), because it is a mistake, not a retry.
 * Keys live in the database, so a retry may reach any API process.
 */
import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import type { Executor, Tx } from '../db/query.ts';
import { idempotencyKeys } from '../db/tables.ts';
import { ApiError } from './errors.ts';
import { sha256Hex } from './tokens.ts';

/** How long a key is remembered: a day covers the widget's retries. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** The header, validated: 1–200 visible ASCII characters (a UUID fits). */
export const idempotencyKeySchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters without spaces')
  .openapi({ description: 'A random key (a UUID) per intended action; a retry sends the same key.', example: '0f8fad5b-d9cb-469f-a165-70867728950e' });

/**
 * JSON with object keys sorted, so two bodies that mean the same hash the same
 * whatever order their fields came in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An answer to store and send. */
export interface IdempotentResponse<T> {
  status: 200 | 201;
  body: T;
}

/** What {@link idempotent} returns: the answer, and whether it is a replay of an earlier one. */
export interface IdempotentResult<T> extends IdempotentResponse<T> {
  replayed: boolean;
}

/**
 * Runs `work` once per `(scope, key)`, in a transaction with the key's row.
 * A concurrent request with the same key waits for the first to commit and
 * then gets its answer. When `work` throws (an {@link ApiError} such as a
 * 409), the transaction rolls back and the key is free again.
 *
 * @throws ApiError 422 when the key was used with a different `request`.
 * @example
 * const result = await idempotent(db, { scope: `handoff:${id}`, key, request: body }, (tx) => createTicket(tx, …));
 */
export async function idempotent<T>(
  db: Db,
  { scope, key, request }: { scope: string; key: string; request: unknown },
  work: (tx: Tx) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResult<T>> {
  const requestHash = requestHashOf(request);
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(idempotencyKeys).values({ scope, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) return storedAnswer<T>(tx, scope, key, requestHash);
    const response = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: response.status, responseBody: response.body })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    return { ...response, replayed: false };
  });
}

/** The hash a key's request is stored and compared by. */
export function requestHashOf(request: unknown): string {
  return sha256Hex(canonicalJson(request));
}

/**
 * SQL (a common table expression's body) that claims `(scope, key)` with its
 * answer already known (`status` and `body`, SQL giving jsonb), returning
 * `key` when this request claimed it and nothing when it was claimed before:
 * a hot path (the hand-off) claims its key in the statement that does its
 * work, the work's inserts conditional on the claim. A concurrent request
 * with the same key waits for this transaction, as with {@link idempotent};
 * when nothing was claimed, answer with {@link storedAnswer}.
 */
export function claimWithAnswer(scope: string, key: string, requestHash: string, status: 200 | 201, body: SQL): SQL {
  return sql`insert into idempotency_keys (scope, key, request_hash, response_status, response_body)
    values (${scope}, ${key}, ${requestHash}, ${status}, ${body}) on conflict do nothing returning key`;
}

/**
 * The answer stored with `(scope, key)` for a request whose claim found the
 * key taken: the same answer again when the request is the same.
 *
 * @throws ApiError 422 when the key was used with a different request; 409 when it expired in between.
 */
export async function storedAnswer<T>(tx: Executor, scope: string, key: string, requestHash: string): Promise<IdempotentResult<T>> {
  const [stored] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  // Gone already (forgotten after a day, between the two statements): the caller may simply retry.
  if (!stored) throw new ApiError(409, 'this Idempotency-Key expired just now; please send the request again');
  if (stored.requestHash !== requestHash || stored.responseStatus === null) {
    throw new ApiError(422, 'this Idempotency-Key was already used for a different request; send a new key for a new request', { field: 'Idempotency-Key' });
  }
  return { status: stored.responseStatus as 200 | 201, body: stored.responseBody as T, replayed: true };
}

/** Forgets keys stored before `before`. */
export async function sweepIdempotencyKeys(db: Db, before: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
}

/**
 * The answer of a batch whose items carry their own keys: each item's fate
 * in the order sent. Only the first occurrence of a key in the batch can have
 * been recorded; a repeat, or a key stored before, is a `duplicate`.
 *
 * @example resultsInOrder([{ key: 'a' }, { key: 'a' }], new Set(['a'])) // [{ key: 'a', status: 'recorded' }, { key: 'a', status: 'duplicate' }]
 */
export function resultsInOrder(items: readonly { key: string }[], recorded: ReadonlySet<string>): { key: string; status: 'recorded' | 'duplicate' }[] {
  const claimed = new Set<string>();
  return items.map(({ key }) => {
    const isFirst = !claimed.has(key);
    claimed.add(key);
    return { key, status: isFirst && recorded.has(key) ? 'recorded' : 'duplicate' };
  });
}
