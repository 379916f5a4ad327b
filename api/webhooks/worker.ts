/**
 * Sends what enqueue.ts put in the outbox. Every API process runs a worker;
 * they share the work through the database: a worker claims due rows with
 * `for update skip locked` and leases them (moves `next_attempt_at` past the
 * request timeout) in one statement, then sends without holding a
 * transaction open. A process that dies mid-send leaves a lease that simply
 * runs out, and another worker (or the restarted one) sends the row again.
 * Receivers should therefore treat `X-Wegwijs-Delivery` as an idempotency key.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { sql } from 'drizzle-orm';
import packageJson from '../../package.json' with { type: 'json' };
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import type { Logger } from '../log.ts';
import { literalHostAllowed, parseTarget, publicOnlyLookup, TargetRefused } from './address.ts';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts';
import { backoffDelayMs } from '#core/util/backoff.ts';

/** How the worker behaves; every field has a default. */
export interface DeliveryOptions {
  /** Deliver to private and loopback addresses too (`WEBHOOKS_ALLOW_PRIVATE`). Default false. */
  allowPrivate?: boolean;
  /** Longest wait for a receiver's answer, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Attempts before a delivery is marked `failed`. Default {@link MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Delay before the first retry, in ms; doubles per attempt (with jitter). Default 30 000. */
  baseDelayMs?: number;
  /** Longest delay between two attempts, in ms. Default 6 hours. */
  maxDelayMs?: number;
  /** Rows claimed per round. Default 20. */
  batchSize?: number;
  /** How long a claimed row stays invisible to other workers, in ms. Default: the timeout plus a minute. */
  leaseMs?: number;
}

/** Attempts before a delivery gives up: with the default delays (30 s doubling, at most 6 h, jittered), about a day of trying. */
export const MAX_ATTEMPTS = 15;

const USER_AGENT = `Wegwijs-Webhooks/${packageJson.version}`;
// What is kept of a receiver's error body or of an exception, for the admin.
const ERROR_LENGTH = 300;

/** A delivery claimed for sending. */
interface Claimed {
  id: number;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

/** The outcome of one attempt. */
type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Claims up to `batchSize` due deliveries of enabled webhooks and leases
 * them for `leaseMs`. Several workers at once get disjoint rows.
 */
export async function claimDue(db: Db, batchSize: number, leaseMs: number): Promise<Claimed[]> {
  return rows<Claimed>(
    db,
    sql`with due as (
          select d.id from webhook_deliveries d
          join webhooks w on w.id = d.webhook_id and w.enabled
          where d.status = 'pending' and d.next_attempt_at <= now()
          order by d.next_attempt_at, d.id
          limit ${batchSize}
          for update of d skip locked
        )
        update webhook_deliveries d
        set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
        from due, webhooks w
        where d.id = due.id and w.id = d.webhook_id
        returning d.id, d.event, d.payload, d.attempts, w.url, w.secret`,
  );
}

/** POSTs `body` to `url`, signed; never throws. */
export function post(
  target: { url: string; secret: string; event: string; deliveryId: number },
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<Attempt> {
  let url: URL;
  try {
    url = parseTarget(target.url);
  } catch (error) {
    return Promise.resolve({ ok: false, status: null, error: (error as Error).message });
  }
  if (!options.allowPrivate) {
    const literal = literalHostAllowed(url);
    if (!literal.ok) return Promise.resolve({ ok: false, status: null, error: `refused: ${literal.address} is a private address` });
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': USER_AGENT,
          'X-Wegwijs-Event': target.event,
          'X-Wegwijs-Delivery': String(target.deliveryId),
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(target.secret, timestamp, body),
        },
        timeout: options.timeoutMs,
        // The address check happens in the lookup the connection uses: no window for DNS to change.
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup as never }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // Only the beginning matters (for the error message); the rest is read and dropped so the socket is freed.
          if (text.length < ERROR_LENGTH) text += chunk;
        });
        res.on('end', () =>
          resolve(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: `HTTP ${status}${text ? `: ${text.slice(0, ERROR_LENGTH)}` : ''}` },
          ),
        );
        res.on('error', (error) => resolve({ ok: false, status, error: error.message }));
      },
    );
    // The whole exchange is bounded, not only idle gaps between packets.
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) =>
      resolve({ ok: false, status: null, error: error instanceof TargetRefused ? `refused: ${error.message}` : error.message.slice(0, ERROR_LENGTH) }),
    );
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}

/**
 * One round: claims due deliveries, sends them in parallel and records the
 * outcomes. Resolves to the number of deliveries attempted.
 */
export async function deliverDue(db: Db, options: DeliveryOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 6 * 60 * 60 * 1000;
  const claimed = await claimDue(db, options.batchSize ?? 20, options.leaseMs ?? timeoutMs + 60_000);
  await Promise.all(
    claimed.map(async (delivery) => {
      const attempt = await post(
        { url: delivery.url, secret: delivery.secret, event: delivery.event, deliveryId: delivery.id },
        JSON.stringify(delivery.payload),
        { allowPrivate: options.allowPrivate ?? false, timeoutMs },
      );
      if (attempt.ok) {
        await db.execute(
          sql`update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status = ${attempt.status}, last_error = null where id = ${delivery.id}`,
        );
        return;
      }
      const giveUp = delivery.attempts >= maxAttempts;
      // Equal jitter: deliveries that failed together do not all come back at the same moment.
      const delay = backoffDelayMs(delivery.attempts, baseDelayMs, maxDelayMs);
      await db.execute(
        sql`update webhook_deliveries
            set status = ${giveUp ? 'failed' : 'pending'}, last_status = ${attempt.status}, last_error = ${attempt.error},
                next_attempt_at = now() + make_interval(secs => ${delay / 1000})
            where id = ${delivery.id}`,
      );
    }),
  );
  return claimed.length;
}

/** A running worker. */
export interface DeliveryWorker {
  /** Runs a round now (and waits for it), e.g. in tests. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * Polls every `intervalMs` (default 5 s) and runs {@link deliverDue}; a full
 * batch is followed at once by another round. The timer does not keep the
 * process alive.
 *
 * @example const worker = startDeliveryWorker(database.db, logger, { allowPrivate: config.webhooks.allowPrivate });
 */
export function startDeliveryWorker(db: Db, logger: Logger, options: DeliveryOptions & { intervalMs?: number } = {}): DeliveryWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const round = (): Promise<number> => {
    running = running.then(
      () => deliverDue(db, options),
      () => deliverDue(db, options),
    );
    return running;
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      round().then(
        (count) => schedule(count >= batchSize ? 0 : intervalMs),
        (error: unknown) => {
          logger.warn(`webhooks: delivering failed: ${error instanceof Error ? error.message : String(error)}`);
          schedule(intervalMs);
        },
      );
    }, delayMs);
    timer.unref();
  };
  schedule(intervalMs);
  return {
    runOnce: round,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
