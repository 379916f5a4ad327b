import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox, laneOf, CONVERSATION_SIGNALS_PATH, type KeyValueStorage, type RejectedItem } from './outbox.ts';

/** The Web Storage interface over a Map, as localStorage behaves within one page. */
function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

interface Received {
  path: string;
  key: string | undefined;
  auth: string | undefined;
  body: unknown;
}

/** A real HTTP server on loopback that answers each request with the next status from `statuses` (then 201). */
async function startApi(statuses: number[] = [], headers: Record<string, string> = {}) {
  const received: Received[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    received.push({
      path: req.url ?? '',
      key: req.headers['idempotency-key'] as string | undefined,
      auth: req.headers.authorization,
      body: JSON.parse(raw || 'null'),
    });
    const status = statuses.shift() ?? 201;
    res.writeHead(status, { 'content-type': 'application/json', ...(status >= 400 ? headers : {}) });
    res.end(
      req.url === '/api/conversations' && status < 300
        ? JSON.stringify({ id: 'c1', token: 'secret-token' })
        : status >= 400
          ? '{"error":{"message":"no"}}'
          : '{}',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { received, apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, server };
}

/** A path the outbox sends item by item (the customer's CSAT score), for what holds per item: keys, retries, refusals. */
const CSAT_PATH = '/conversations/{conversation}/csat';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('outbox', () => {
  it('creates the conversation once, then sends each item with its key and the bearer token', async () => {
    const api = await startApi();
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase });
    outbox.enqueue(CSAT_PATH, { score: 2 }, 'k1');
    outbox.enqueue(CSAT_PATH, { score: 4 }, 'k2');
    await outbox.flush();
    expect(api.received.map((r) => r.path)).toEqual(['/api/conversations', '/api/conversations/c1/csat', '/api/conversations/c1/csat']);
    expect(api.received.slice(1).map((r) => [r.key, r.auth, r.body])).toEqual([
      ['k1', 'Bearer secret-token', { score: 2 }],
      ['k2', 'Bearer secret-token', { score: 4 }],
    ]);
    expect(outbox.pending()).toEqual([]);
    expect(outbox.conversation()).toEqual({ id: 'c1', token: 'secret-token' });
  });

  it('keeps items while the API is unreachable and delivers them later, in order', async () => {
    const storage = memoryStorage();
    const time = clock();
    const down = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api', now: time.now, random: () => 0.5 });
    down.enqueue(CSAT_PATH, { score: 1 }, 'a');
    down.enqueue(CSAT_PATH, { score: 2 }, 'b');
    await down.flush();
    expect(down.pending().map((i) => [i.key, i.attempts])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    expect(down.nextAttemptAt()).toBe(time.now() + 750);

    // A reload later, the API is back: a new outbox on the same storage picks up where the old one stopped.
    const api = await startApi();
    time.advance(1000);
    const up = createOutbox({ storage, fetch, apiBase: api.apiBase, now: time.now });
    await up.flush();
    expect(api.received.slice(1).map((r) => r.key)).toEqual(['a', 'b']);
    expect(up.pending()).toEqual([]);
  });

  it('retries with the same key after a server error, so the API can count it once', async () => {
    const time = clock();
    const api = await startApi([201, 503]);
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase, now: time.now });
    outbox.enqueue(CSAT_PATH, { score: 3 }, 'same');
    await outbox.flush();
    expect(outbox.pending()).toHaveLength(1);
    time.advance(60_000);
    await outbox.flush();
    expect(api.received.slice(1).map((r) => r.key)).toEqual(['same', 'same']);
    expect(outbox.pending()).toEqual([]);
  });

  it('waits at least as long as Retry-After says', async () => {
    const time = clock();
    const api = await startApi([201, 429], { 'retry-after': '30' });
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase, now: time.now });
    outbox.enqueue(CSAT_PATH, { score: 3 });
    await outbox.flush();
    expect(outbox.nextAttemptAt()).toBeGreaterThanOrEqual(time.now() + 30_000);
    time.advance(10_000);
    await outbox.flush();
    expect(api.received).toHaveLength(2);
  });

  it('backs off exponentially up to the maximum', async () => {
    const time = clock();
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: 'http://127.0.0.1:9/api', now: time.now, random: () => 0.999999, maxDelay: 8000 });
    outbox.enqueue('/searches', {});
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await outbox.flush();
      const next = outbox.nextAttemptAt() ?? 0;
      delays.push(Math.round((next - time.now()) / 1000));
      time.advance(next - time.now());
    }
    expect(delays).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it('sets aside what the API refuses for good and goes on with the rest', async () => {
    const api = await startApi([201, 400]);
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase });
    outbox.enqueue(CSAT_PATH, { score: 9 }, 'bad');
    outbox.enqueue(CSAT_PATH, { score: 2 }, 'good');
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    expect(outbox.rejected().map((r) => [r.key, r.status])).toEqual([['bad', 400]]);
    expect(api.received.map((r) => r.key).slice(1)).toEqual(['bad', 'good']);
  });

  it('survives a corrupt storage entry', async () => {
    const storage = memoryStorage();
    storage.setItem('wegwijs.outbox', '{not json');
    const outbox = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api' });
    expect(outbox.pending()).toEqual([]);
  });

  it('sends waiting signals together, each with its own key, and no conversation', async () => {
    const api = await startApi([200]);
    const storage = memoryStorage();
    const time = clock();
    // Queued while offline: nothing is sent until the flush below.
    const offline = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api', now: time.now, random: () => 0 });
    offline.enqueue('/signals', { type: 'article_feedback', articleId: 'nl/a', locale: 'nl', helpful: true }, 'feedback-1-helpful');
    offline.enqueue('/signals', { type: 'article_feedback', articleId: 'nl/a', locale: 'nl', ces: 2 }, 'feedback-1-ces');
    await offline.flush();
    expect(offline.pending().map((i) => i.key)).toEqual(['feedback-1-helpful', 'feedback-1-ces']);
    time.advance(60_000);
    const outbox = createOutbox({ storage, fetch, apiBase: api.apiBase, now: time.now });
    await outbox.flush();
    expect(api.received).toHaveLength(1);
    expect(api.received[0]?.path).toBe('/api/signals');
    expect(api.received[0]?.key).toBeUndefined();
    expect(api.received[0]?.body).toEqual({
      signals: [
        { type: 'article_feedback', articleId: 'nl/a', locale: 'nl', helpful: true, key: 'feedback-1-helpful' },
        { type: 'article_feedback', articleId: 'nl/a', locale: 'nl', ces: 2, key: 'feedback-1-ces' },
      ],
    });
    expect(outbox.pending()).toEqual([]);
    expect(outbox.conversation()).toBeNull();
  });

  it("sends at most a batch's maximum per request", async () => {
    const api = await startApi();
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase, batches: { '/signals': { field: 'signals', max: 2 } } });
    for (const key of ['s1', 's2', 's3']) outbox.enqueue('/signals', { type: 'failed_search' }, key);
    await outbox.flush();
    const batches = api.received.map((r) => (r.body as { signals: { key: string }[] }).signals.map((s) => s.key));
    // The first enqueue starts a flush of one; the others follow in batches of at most two.
    expect(batches.flat().sort()).toEqual(['s1', 's2', 's3']);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2);
    expect(outbox.pending()).toEqual([]);
  });

  it('sets aside only the signal the API names and sends the rest again', async () => {
    const api = await startApi([400]);
    api.server.removeAllListeners('request');
    let calls = 0;
    api.server.on('request', async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      api.received.push({ path: req.url ?? '', key: undefined, auth: undefined, body: JSON.parse(raw) });
      calls += 1;
      res.writeHead(calls === 1 ? 400 : 200, { 'content-type': 'application/json' });
      res.end(calls === 1 ? '{"error":{"message":"must be at most 5","field":"signals.1.ces"}}' : '{"results":[]}');
    });
    const storage = memoryStorage();
    const time = clock();
    const offline = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api', now: time.now, random: () => 0 });
    offline.enqueue('/signals', { ces: 2 }, 'ok-1');
    offline.enqueue('/signals', { ces: 9 }, 'bad');
    offline.enqueue('/signals', { ces: 3 }, 'ok-2');
    await offline.flush();
    time.advance(60_000);
    const outbox = createOutbox({ storage, fetch, apiBase: api.apiBase, now: time.now });
    await outbox.flush();
    const sent = api.received.map((r) => (r.body as { signals: { key: string }[] }).signals.map((s) => s.key));
    expect(sent).toEqual([
      ['ok-1', 'bad', 'ok-2'],
      ['ok-1', 'ok-2'],
    ]);
    expect(outbox.rejected().map((r) => [r.key, r.status])).toEqual([['bad', 400]]);
    expect(outbox.pending()).toEqual([]);
  });

  it("sends a conversation's waiting signals in one request, with the conversation's token", async () => {
    const storage = memoryStorage();
    const time = clock();
    // Queued while the API is unreachable, as after an outage or offline.
    const offline = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api', now: time.now, random: () => 0 });
    offline.enqueue(CONVERSATION_SIGNALS_PATH, { type: 'outcome', answerId: 'a1', action: 'answer' }, 'outcome-a1');
    offline.enqueue(CONVERSATION_SIGNALS_PATH, { type: 'helpful', answerId: 'a1', helpful: true }, 'helpful-a1');
    offline.enqueue(CONVERSATION_SIGNALS_PATH, { type: 'ces', answerId: 'a1', score: 2 }, 'ces-a1');
    await offline.flush();
    time.advance(60_000);
    const api = await startApi();
    const outbox = createOutbox({ storage, fetch, apiBase: api.apiBase, now: time.now });
    await outbox.flush();
    expect(api.received.map((r) => [r.path, r.auth])).toEqual([
      ['/api/conversations', undefined],
      ['/api/conversations/c1/signals', 'Bearer secret-token'],
    ]);
    expect((api.received[1]!.body as { signals: { key: string; type: string }[] }).signals.map((r) => [r.key, r.type])).toEqual([
      ['outcome-a1', 'outcome'],
      ['helpful-a1', 'helpful'],
      ['ces-a1', 'ces'],
    ]);
    expect(outbox.pending()).toEqual([]);
  });

  it("keeps waiting signals when the chat restarts, and forgets the conversation's items", async () => {
    const storage = memoryStorage();
    const outbox = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api' });
    outbox.enqueue(CSAT_PATH, { score: 2 }, 'chat');
    outbox.enqueue('/signals', { ces: 2 }, 'article');
    await outbox.flush();
    outbox.reset();
    expect(outbox.pending().map((i) => i.key)).toEqual(['article']);
  });

  it('adopts a conversation opened by a link, sending what comes next with its token, but not while another conversation still has items waiting', async () => {
    const api = await startApi();
    const storage = memoryStorage();
    const outbox = createOutbox({ storage, fetch, apiBase: api.apiBase });
    // Offline: a reply of the first conversation waits.
    const offline = createOutbox({ storage, fetch, apiBase: 'http://127.0.0.1:9/api', baseDelay: 0 });
    offline.enqueue('/conversations/{conversation}/ticket/messages', { body: 'nog iets' }, 'waiting');
    await offline.flush();
    expect(outbox.adopt({ id: 'c2', token: 'phone-token' })).toBe(false);
    await outbox.flush();
    expect(outbox.conversation()).toEqual({ id: 'c1', token: 'secret-token' });
    expect(outbox.adopt({ id: 'c1', token: 'other' })).toBe(true);
    expect(outbox.adopt({ id: 'c2', token: 'phone-token' })).toBe(true);
    outbox.enqueue('/conversations/{conversation}/ticket/messages', { body: 'vanaf mijn telefoon' }, 'phone');
    await outbox.flush();
    expect(api.received.map((r) => [r.path, r.auth])).toEqual([
      ['/api/conversations', undefined],
      ['/api/conversations/c1/ticket/messages', 'Bearer secret-token'],
      ['/api/conversations/c2/ticket/messages', 'Bearer phone-token'],
    ]);
  });

  it('forgets a set-aside item for good', async () => {
    const api = await startApi([201, 409]);
    const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase });
    outbox.enqueue('/conversations/{conversation}/ticket/messages', { body: 'te laat' }, 'late');
    await outbox.flush();
    expect(outbox.rejected().map((r) => [r.key, r.status])).toEqual([['late', 409]]);
    outbox.forget('late');
    expect(outbox.rejected()).toEqual([]);
    expect(outbox.retry('late')).toBe(false);
  });

  describe('cannot be poisoned', () => {
    const HANDOFF = '/conversations/{conversation}/handoff';

    /** An API whose signals route always fails with 500, as the API did for a question cut in the middle of an emoji. */
    async function apiFailingReports() {
      const received: Received[] = [];
      const server = createServer(async (req, res) => {
        let raw = '';
        for await (const chunk of req) raw += chunk;
        received.push({
          path: req.url ?? '',
          key: req.headers['idempotency-key'] as string | undefined,
          auth: req.headers.authorization,
          body: JSON.parse(raw || 'null'),
        });
        const failing = req.url?.endsWith('/signals') ?? false;
        res.writeHead(failing ? 500 : 201, { 'content-type': 'application/json' });
        res.end(req.url === '/api/conversations' ? JSON.stringify({ id: 'c1', token: 't' }) : failing ? '{"error":{"message":"Something went wrong"}}' : '{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      return { received, apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
    }

    it('sends the hand-off at once although an earlier report keeps failing with 500', async () => {
      const api = await apiFailingReports();
      const time = clock();
      const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase, now: time.now });
      outbox.enqueue(CONVERSATION_SIGNALS_PATH, { type: 'outcome', question: 'half an emoji' }, 'poison');
      outbox.enqueue(HANDOFF, { email: 'jan@example.nl', message: 'help' }, 'handoff-1');
      await outbox.flush();
      expect(api.received.filter((r) => r.path === '/api/conversations/c1/handoff').map((r) => r.key)).toEqual(['handoff-1']);
      expect(outbox.pending().map((i) => i.key)).toEqual(['poison']);
    });

    it('sets an item aside after maxServerErrors 5xx answers, tells the page, counts it, and can put it back', async () => {
      const api = await apiFailingReports();
      const time = clock();
      const told: RejectedItem[][] = [];
      const outbox = createOutbox({
        storage: memoryStorage(),
        fetch,
        apiBase: api.apiBase,
        now: time.now,
        maxServerErrors: 3,
        onRejected: (items) => told.push(items),
      });
      outbox.enqueue(CONVERSATION_SIGNALS_PATH, { type: 'ces', score: 2 }, 'poison');
      for (let i = 0; i < 3; i++) {
        expect(outbox.pending().map((p) => p.key)).toEqual(['poison']);
        await outbox.flush();
        time.advance(10 * 60_000);
      }
      expect(api.received.filter((r) => r.path.endsWith('/signals'))).toHaveLength(3);
      expect(outbox.pending()).toEqual([]);
      expect(outbox.nextAttemptAt()).toBeNull();
      expect(outbox.rejected().map((r) => [r.key, r.status, r.serverErrors])).toEqual([['poison', 500, 3]]);
      expect(told.map((list) => list.map((r) => r.key))).toEqual([['poison']]);
      expect(outbox.dropped()).toBe(1);
      // Nothing more is sent for it.
      await outbox.flush();
      expect(api.received.filter((r) => r.path.endsWith('/signals'))).toHaveLength(3);

      expect(outbox.retry('poison')).toBe(true);
      expect(outbox.retry('unknown')).toBe(false);
      await outbox.flush();
      expect(api.received.filter((r) => r.path.endsWith('/signals'))).toHaveLength(4);
      expect(outbox.pending().map((p) => [p.key, p.attempts])).toEqual([['poison', 1]]);
    });

    it('keeps the customer lane in order: a reply waits for the hand-off that creates its ticket', async () => {
      const time = clock();
      const api = await startApi([201, 503]);
      const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase, now: time.now });
      outbox.enqueue(HANDOFF, { message: 'help' }, 'handoff');
      outbox.enqueue('/conversations/{conversation}/ticket/messages', { body: 'and another thing' }, 'reply');
      outbox.enqueue('/signals', { type: 'article_feedback' }, 'signal');
      await outbox.flush();
      expect(api.received.slice(1).map((r) => r.path)).toEqual(['/api/conversations/c1/handoff', '/api/signals']);
      expect(outbox.pending().map((i) => i.key)).toEqual(['handoff', 'reply']);
      time.advance(60_000);
      await outbox.flush();
      expect(api.received.slice(3).map((r) => r.path)).toEqual(['/api/conversations/c1/handoff', '/api/conversations/c1/ticket/messages']);
      expect(laneOf('/conversations/{conversation}/csat')).toBe(laneOf(HANDOFF));
      expect(laneOf(CONVERSATION_SIGNALS_PATH)).not.toBe(laneOf(HANDOFF));
    });

    it('repairs half an emoji before sending, so the API does not refuse what the customer wrote', async () => {
      const api = await startApi();
      const outbox = createOutbox({ storage: memoryStorage(), fetch, apiBase: api.apiBase });
      outbox.enqueue(HANDOFF, { message: 'kapot \ud83d', transcript: [{ text: '😀 ok \ude00' }] }, 'handoff');
      await outbox.flush();
      expect(api.received[1]?.body).toEqual({ message: 'kapot \ufffd', transcript: [{ text: '😀 ok \ufffd' }] });
      expect(outbox.pending()).toEqual([]);
    });
  });
});
