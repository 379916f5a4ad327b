/**
 * Webhooks as admins manage them. Queries only, no Hono.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { webhooks, type WEBHOOK_EVENTS } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import { checkTarget, TargetRefused } from './address.ts';
import type { Webhook, WebhookChange, WebhookCreate } from './schema.ts';
import { newWebhookSecret } from './signature.ts';

type Row = typeof webhooks.$inferSelect;

interface Stats {
  webhook_id: string;
  pending: number | string;
  delivered: number | string;
  failed: number | string;
}

async function describe(db: Db, list: Row[]): Promise<Webhook[]> {
  if (list.length === 0) return [];
  const ids = sql.join(
    list.map((row) => sql`${row.id}::uuid`),
    sql`, `,
  );
  const stats = await rows<Stats>(
    db,
    sql`select webhook_id,
               count(*) filter (where status = 'pending') as pending,
               count(*) filter (where status = 'delivered') as delivered,
               count(*) filter (where status = 'failed') as failed
        from webhook_deliveries where webhook_id in (${ids}) group by webhook_id`,
  );
  const errors = await rows<{ webhook_id: string; event: string; attempts: number; last_status: number | null; last_error: string }>(
    db,
    sql`select distinct on (webhook_id) webhook_id, event, attempts, last_status, last_error
        from webhook_deliveries where webhook_id in (${ids}) and last_error is not null
        order by webhook_id, id desc`,
  );
  return list.map((row) => {
    const stat = stats.find((s) => s.webhook_id === row.id);
    const error = errors.find((e) => e.webhook_id === row.id);
    return {
      id: row.id,
      url: row.url,
      format: row.format,
      events: row.events as (typeof WEBHOOK_EVENTS)[number][],
      enabled: row.enabled,
      createdAt: row.createdAt.toISOString(),
      deliveries: { pending: Number(stat?.pending ?? 0), delivered: Number(stat?.delivered ?? 0), failed: Number(stat?.failed ?? 0) },
      lastError: error
        ? {
            event: error.event,
            attempts: Number(error.attempts),
            status: error.last_status === null ? null : Number(error.last_status),
            error: error.last_error,
          }
        : null,
    };
  });
}

async function checkedUrl(url: string, allowPrivate: boolean): Promise<string> {
  try {
    return (await checkTarget(url, allowPrivate)).href;
  } catch (error) {
    if (error instanceof TargetRefused) throw new ApiError(400, `url ${error.message}`, { field: 'url' });
    throw error;
  }
}

/** Every webhook, oldest first. */
export async function listWebhooks(db: Db): Promise<Webhook[]> {
  return describe(db, await db.select().from(webhooks).orderBy(webhooks.createdAt, webhooks.id));
}

/**
 * Saves a new webhook after checking its URL (SSRF, see address.ts) and
 * returns it with its secret, which is never shown again.
 *
 * @throws ApiError 400 naming `url` when the target is not allowed.
 */
export async function createWebhook(db: Db, input: WebhookCreate, agentId: string, allowPrivate: boolean): Promise<Webhook & { secret: string }> {
  const url = await checkedUrl(input.url, allowPrivate);
  const secret = newWebhookSecret();
  const [row] = await db
    .insert(webhooks)
    .values({ url, format: input.format, events: input.events, enabled: input.enabled, secret, createdBy: agentId })
    .returning();
  if (!row) throw new Error('Wegwijs: inserting a webhook returned no row');
  const [described] = await describe(db, [row]);
  return { ...(described as Webhook), secret };
}

/**
 * Changes a webhook. Pending deliveries go to the new URL and are rendered
 * in the format they were enqueued in.
 *
 * @throws ApiError 404 for an unknown id, 400 naming `url` for a target not allowed.
 */
export async function updateWebhook(db: Db, id: string, change: WebhookChange, allowPrivate: boolean): Promise<Webhook> {
  if (!isUuid(id)) throw new ApiError(404, 'no such webhook');
  const values: Partial<Row> = {};
  if (change.url !== undefined) values.url = await checkedUrl(change.url, allowPrivate);
  if (change.format !== undefined) values.format = change.format;
  if (change.events !== undefined) values.events = change.events;
  if (change.enabled !== undefined) values.enabled = change.enabled;
  const [row] = await db.update(webhooks).set(values).where(eq(webhooks.id, id)).returning();
  if (!row) throw new ApiError(404, 'no such webhook');
  const [described] = await describe(db, [row]);
  return described as Webhook;
}

/** Deletes a webhook and its deliveries. @throws ApiError 404 for an unknown id. */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  const deleted = isUuid(id) ? await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id }) : [];
  if (deleted.length === 0) throw new ApiError(404, 'no such webhook');
}
