import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runDueJobs } from '../jobs/scheduler.ts';
import { rows } from '../db/query.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, sendSignals, startConversation, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { recordingLogger } from '../test/logger.ts';
import { digestJob } from './digest.ts';
import { enqueueWebhooks } from './enqueue.ts';
import { claimDue, deliverDue, startDeliveryWorker } from './worker.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

/** A receiver on 127.0.0.1 that records what arrives and answers with the next status in line (then 200). */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let receiverUrl = '';
const received: Received[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end(res.statusCode === 200 ? 'ok' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** What a receiver does with the README's recipe: HMAC-SHA256 over "<timestamp>.<raw body>". */
function verifiedByReceiver(secret: string, message: Received): boolean {
  const timestamp = String(message.headers['x-wegwijs-timestamp']);
  const given = Buffer.from(String(message.headers['x-wegwijs-signature']));
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${message.body}`).digest('hex')}`);
  return Math.abs(Date.now() / 1000 - Number(timestamp)) < 300 && given.length === expected.length && timingSafeEqual(given, expected);
}

describeOnDatabases('webhook delivery', (database) => {
  const setup = () => testApp(database(), { webhooks: { allowPrivate: true } });
  const send = { allowPrivate: true, baseDelayMs: 30_000 };

  beforeEach(async () => {
    await database().db.execute(sql`delete from webhooks`);
    received.length = 0;
    statuses.length = 0;
  });

  async function addWebhook(app: ReturnType<typeof setup>['app'], body: Record<string, unknown>) {
    const headers = await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' }));
    const res = await app.request('/api/agent/webhooks', { method: 'POST', headers, body: JSON.stringify({ url: receiverUrl, ...body }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string };
  }

  const deliveries = () =>
    rows<{
      id: number;
      status: string;
      attempts: number;
      event: string;
      last_status: number | null;
      last_error: string | null;
      due_in_seconds: number;
      payload: unknown;
    }>(
      database().db,
      sql`select id, status, attempts, event, last_status, last_error, payload, extract(epoch from next_attempt_at - now())::float8 as due_in_seconds from webhook_deliveries order by id`,
    );

  it("sends a new ticket, signed, without the customer's e-mail address or name, once per ticket", async () => {
    const { app } = setup();
    const json = await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    const slack = await addWebhook(app, { format: 'slack', events: ['ticket.created', 'ces.high'] });
    await addWebhook(app, { format: 'json', events: ['digest.daily'] });
    const disabled = await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    await database().db.execute(sql`update webhooks set enabled = false where id = ${disabled.id}::uuid`);

    const body = handoffBody({
      transcript: [{ from: 'customer', text: 'Mail me at jan.jansen@example.nl about <order> 12345678', at: new Date().toISOString() }],
    });
    const { ticketId, number } = await createTicketVia(app, body);
    expect((await deliveries()).map((d) => d.event)).toEqual(['ticket.created', 'ticket.created']);
    // Idempotent: enqueueing the same ticket again adds nothing.
    await enqueueWebhooks(database().db, { type: 'ticket.created', ticket: { id: ticketId, number, locale: 'nl', subject: 'x', priority: 'normal' } });
    expect(await deliveries()).toHaveLength(2);

    expect(await deliverDue(database().db, send)).toBe(2);
    expect(received).toHaveLength(2);
    const byEvent = (secret: string) => received.find((message) => verifiedByReceiver(secret, message));
    const jsonMessage = byEvent(json.secret);
    const slackMessage = byEvent(slack.secret);
    expect(jsonMessage).toBeDefined();
    expect(slackMessage).toBeDefined();
    expect(jsonMessage).not.toBe(slackMessage);
    // A changed body no longer verifies.
    expect(verifiedByReceiver(json.secret, { ...jsonMessage!, body: jsonMessage!.body.replace(number, 'WW-0') })).toBe(false);

    expect(jsonMessage!.headers['x-wegwijs-event']).toBe('ticket.created');
    expect(jsonMessage!.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(jsonMessage!.body) as { event: string; occurredAt: string; data: { ticket: Record<string, unknown> } };
    expect(payload).toMatchObject({
      event: 'ticket.created',
      data: { ticket: { id: ticketId, number, locale: 'nl', priority: 'normal', subject: 'Mail me at [e-mail] about <order> [number]' } },
    });
    expect(Date.parse(payload.occurredAt)).not.toBeNaN();
    const slackPayload = JSON.parse(slackMessage!.body) as { text: string; blocks: { type: string }[] };
    expect(slackPayload.text).toBe(`New ticket ${number}: Mail me at [e-mail] about &lt;order&gt; [number]`);
    expect(slackPayload.blocks.map((b) => b.type)).toEqual(['section', 'context']);
    for (const message of received) {
      expect(message.body).not.toContain('jan.jansen@example.nl');
      expect(message.body).not.toContain('Jan Jansen');
    }
    expect((await deliveries()).map((d) => [d.status, d.attempts, d.last_status])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 1, 200],
    ]);
    // Nothing is sent twice.
    expect(await deliverDue(database().db, send)).toBe(0);
  });

  it('retries a failed delivery with backoff, then delivers it', async () => {
    const { app } = setup();
    const hook = await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    await createTicketVia(app);
    statuses.push(500);
    await deliverDue(database().db, send);
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, last_error: 'HTTP 500: receiver is down' });
    // 30 s base delay with equal jitter: between 15 and 30 s from now.
    expect(failed!.due_in_seconds).toBeGreaterThan(14);
    expect(failed!.due_in_seconds).toBeLessThanOrEqual(30.5);
    expect(await deliverDue(database().db, send)).toBe(0);

    const list = (await (
      await app.request('/api/agent/webhooks', { headers: await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' })) })
    ).json()) as { webhooks: { id: string; deliveries: unknown; lastError: unknown }[] };
    expect(list.webhooks.find((w) => w.id === hook.id)).toMatchObject({
      deliveries: { pending: 1, delivered: 0, failed: 0 },
      lastError: { event: 'ticket.created', attempts: 1, status: 500, error: 'HTTP 500: receiver is down' },
    });

    // Time passes.
    await database().db.execute(sql`update webhook_deliveries set next_attempt_at = now()`);
    expect(await deliverDue(database().db, send)).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 2, last_status: 200 }]);
    expect(received).toHaveLength(2);
    // Both attempts carry the same delivery id, so the receiver can tell a retry from a new event.
    expect(received[0]!.headers['x-wegwijs-delivery']).toBe(received[1]!.headers['x-wegwijs-delivery']);
    expect(received.every((message) => verifiedByReceiver(hook.secret, message))).toBe(true);
  });

  it('gives up after the last attempt', async () => {
    const { app } = setup();
    await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    await createTicketVia(app);
    statuses.push(503, 503);
    await deliverDue(database().db, { ...send, baseDelayMs: 0, maxAttempts: 2 });
    await deliverDue(database().db, { ...send, baseDelayMs: 0, maxAttempts: 2 });
    expect(await deliveries()).toMatchObject([{ status: 'failed', attempts: 2, last_status: 503 }]);
    expect(await deliverDue(database().db, { ...send, baseDelayMs: 0 })).toBe(0);
  });

  it('delivers after a restart what was pending or claimed by a worker that died', async () => {
    const { app } = setup();
    await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    await createTicketVia(app);
    await createTicketVia(app);
    // A worker claims both and dies before sending: its lease runs out. A second long: on a loaded machine
    // the next claim came more than 200 ms after this one and found the lease already over.
    expect(await claimDue(database().db, 10, 1_000)).toHaveLength(2);
    expect(await deliverDue(database().db, send)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The process starts again: a new worker on the same database.
    const worker = startDeliveryWorker(database().db, recordingLogger(), { ...send, intervalMs: 60_000 });
    try {
      expect(await worker.runOnce()).toBe(2);
    } finally {
      await worker.stop();
    }
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
    ]);
    expect(received).toHaveLength(2);
  });

  it('sends each delivery once when several workers run at once', async () => {
    const { app } = setup();
    await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    for (let i = 0; i < 6; i++) await createTicketVia(app);
    const counts = await Promise.all([
      deliverDue(database().db, { ...send, batchSize: 2 }),
      deliverDue(database().db, { ...send, batchSize: 2 }),
      deliverDue(database().db, { ...send, batchSize: 2 }),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    const ids = received.map((message) => message.headers['x-wegwijs-delivery']);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toHaveLength(6);
  });

  it('refuses at delivery time a target that is private now, by literal address or by name', async () => {
    const { app } = setup();
    await addWebhook(app, { format: 'json', events: ['ticket.created'] });
    await addWebhook(app, { url: receiverUrl.replace('127.0.0.1', 'localhost'), format: 'json', events: ['ticket.created'] });
    await createTicketVia(app);
    await deliverDue(database().db, { allowPrivate: false });
    expect(received).toHaveLength(0);
    const [byAddress, byName] = await deliveries();
    expect(byAddress).toMatchObject({ status: 'pending', attempts: 1, last_status: null, last_error: 'refused: 127.0.0.1 is a private address' });
    expect(byName?.last_error).toMatch(/^refused: host localhost resolves to a private address/);
  });

  it('sends high effort scores (4 and 5) only, once per answer', async () => {
    const { app } = setup();
    const hook = await addWebhook(app, { format: 'json', events: ['ces.high'] });
    const conversation = await startConversation(app);
    // A random key each time, as a second score from another tab would have: the answer still counts once.
    const ces = (answerId: string, score: number) =>
      sendSignals(app, conversation, [{ key: randomUUID(), type: 'ces', answerId, articleId: 'track-parcel', score, locale: 'nl' }]);
    expect((await ces('a1', 5)).status).toBeLessThan(300);
    expect((await ces('a1', 5)).status).toBeLessThan(300);
    expect((await ces('a2', 3)).status).toBeLessThan(300);
    expect((await ces('a3', 4)).status).toBeLessThan(300);
    // Another conversation's answer with the same widget id is another answer.
    const other = await startConversation(app);
    await sendSignals(app, other, [{ type: 'ces', answerId: 'a1', articleId: null, score: 4, locale: 'en' }]);
    expect(await deliverDue(database().db, send)).toBe(3);
    const data = received.map((message) => (JSON.parse(message.body) as { data: Record<string, unknown> }).data);
    expect(data).toEqual(
      expect.arrayContaining([
        { score: 5, articleId: 'track-parcel', locale: 'nl', answerId: 'a1' },
        { score: 4, articleId: 'track-parcel', locale: 'nl', answerId: 'a3' },
        { score: 4, articleId: null, locale: 'en', answerId: 'a1' },
      ]),
    );
    expect(received.every((message) => verifiedByReceiver(hook.secret, message) && !message.body.includes(conversation.id))).toBe(true);
  });

  it("sends yesterday's digest once a day, whichever process checks", async () => {
    const { app } = setup();
    await addWebhook(app, { format: 'slack', events: ['digest.daily'] });
    const db = database().db;
    await db.execute(sql`delete from scheduled_jobs`);
    const today = new Date();
    const yesterday = new Date(today.getTime() - DAY_MS);
    const day = utcDay(yesterday);
    // Yesterday: two tickets, one solved; three effort scores; one no-match.
    const { ticketId } = await createTicketVia(app);
    const { ticketId: otherTicketId } = await createTicketVia(app);
    const conversation = await startConversation(app);
    for (const [answerId, score] of [
      ['d1', 2],
      ['d2', 4],
      ['d3', 5],
    ] as const) {
      await sendSignals(app, conversation, [{ type: 'ces', answerId, articleId: null, score, locale: 'nl' }]);
    }
    await sendSignals(app, conversation, [
      { key: 'digest-nomatch-1', type: 'outcome', answerId: 'd4', action: 'nomatch', articleId: null, locale: 'nl', question: 'waar is de kassa' },
    ]);
    await db.execute(sql`delete from webhook_deliveries`);
    const at = yesterday.toISOString();
    await db.execute(sql`update tickets set created_at = ${at}::timestamptz where id in (${ticketId}::uuid, ${otherTicketId}::uuid)`);
    await db.execute(sql`update tickets set status = 'solved', solved_at = ${at}::timestamptz where id = ${ticketId}::uuid`);
    await db.execute(sql`update ces_responses set created_at = ${at}::timestamptz where conversation_id = ${conversation.id}::uuid`);
    await db.execute(sql`update conversation_events set created_at = ${at}::timestamptz where conversation_id = ${conversation.id}::uuid`);

    const logger = recordingLogger();
    // Two processes check at the same moment: one runs it.
    const ran = await Promise.all([runDueJobs(db, [digestJob], logger, today), runDueJobs(db, [digestJob], logger, today)]);
    expect(ran.flat()).toEqual(['digest.daily']);
    expect(await runDueJobs(db, [digestJob], logger, new Date(today.getTime() + 60_000))).toEqual([]);
    expect(await deliverDue(db, send)).toBe(1);
    const payload = JSON.parse(received[0]!.body) as { text: string };
    expect(payload.text).toBe(
      `Wegwijs daily digest for ${day}: Tickets created: 2 · Tickets solved: 1 · Effort (CES, lower is better): 3.67 average over 3 · Questions without a match: 1`,
    );
    // The next day it runs again.
    expect(await runDueJobs(db, [digestJob], logger, new Date(today.getTime() + DAY_MS))).toEqual(['digest.daily']);
  });
});
