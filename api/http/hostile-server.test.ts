/**
 * What a hostile or unlucky day does to a real HTTP server (node:http, as
 * `npm start` serves): a burst of failed sign-ins must not stall health
 * checks, and a body over the limit must end its connection cleanly.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/database.ts';
import { listen, type Listener } from '../start.ts';
import { NO_LIMITS, testApp } from '../test/app.ts';

let database: Database;
let listener: Listener;
let base: string;

beforeAll(async () => {
  database = await createDatabase({ kind: 'pglite', dataDir: null });
  await database.migrate();
  const { app } = testApp(database, { rateLimits: NO_LIMITS });
  listener = await listen(app.fetch, ['127.0.0.1'], 0);
  base = `http://127.0.0.1:${(listener.servers[0]!.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await listener?.close(1000);
  await database?.close();
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

describe('a real server under a burst of failed sign-ins', () => {
  // 50 in the target; fewer by default, since each costs a full scrypt hash (seconds on a busy test machine). More than libuv's four threads is what stalled it.
  const SIGN_INS = Number(process.env['HOSTILE_SIGN_INS'] ?? 12);

  it(`keeps /api/health fast (p99 well under a second) while ${SIGN_INS} sign-ins hash at full cost`, async () => {
    const signIns = Array.from({ length: SIGN_INS }, (_, i) =>
      fetch(`${base}/api/agent/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'wegwijs', 'accept-encoding': 'br, gzip' },
        body: JSON.stringify({ email: `nobody-${i}@example.com`, password: 'wrong password, long enough' }),
      }).then((res) => res.status),
    );
    let done = false;
    void Promise.all(signIns).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`, { headers: { 'accept-encoding': 'br, gzip' } });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const statuses = await Promise.all(signIns);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(latencies.length).toBeGreaterThan(10);
    const p99 = percentile(latencies, 99);
    console.info(
      `health during ${SIGN_INS} failed sign-ins: ${latencies.length} checks, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
    // Not a speed target (bench:api measures that): the stall this guards against took 5–6 s, and a loaded
    // 2-core CI machine has shown 317 ms, so the bound is the test's name, a second.
    expect(p99).toBeLessThan(1000);
  }, 300_000);
});

describe('a body over the limit', () => {
  const port = () => (listener.servers[0]!.address() as AddressInfo).port;

  /** Writes `requests` on one keep-alive connection; resolves with what came back once `answers` status lines arrived (or the socket closed). */
  function exchange(requests: string, answers: number): Promise<{ received: string; closed: boolean }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port(), '127.0.0.1', () => socket.write(requests));
      let received = '';
      const timer = setTimeout(() => reject(new Error(`no answer in time; received ${JSON.stringify(received.slice(0, 300))}`)), 5000);
      const finish = (closed: boolean) => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ received, closed });
      };
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if ((received.match(/^HTTP\/1\.1 \d{3}/gm) ?? []).length >= answers && received.endsWith('}')) finish(false);
      });
      socket.on('close', () => finish(true));
    });
  }

  it.each([
    ['the whole body', 80_000],
    ['part of the body, the rest never comes', 4000],
  ])('answers 413 with Connection: close and closes the connection when the client sends %s', async (_, sent) => {
    const tooBig = `POST /api/signals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 80000\r\n\r\n${'x'.repeat(sent)}`;
    // A keep-alive client's next request on the same connection: it must not hang waiting for an answer.
    const next = 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n';
    const { received, closed } = await exchange(tooBig + next, 99);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(received).toContain('"error":{"message":"the request body must be at most 65536 bytes"}');
    expect(closed).toBe(true);
  });
});

describe('a client still sending a body over the limit', () => {
  const port = () => (listener.servers[0]!.address() as AddressInfo).port;

  /**
   * Streams a body of `total` bytes to `path` in 64 KB writes a few ms apart, as a browser uploads a file, and
   * reads the answer only once it has sent it all, as many clients do (Python's requests, PHP): the server has
   * answered long before. Resolves with what came back and whether the upload broke off (EPIPE or ECONNRESET:
   * the server closed with the body unread, the kernel reset the connection, and the answer can be lost).
   * `chunked`: without a Content-Length (Transfer-Encoding: chunked), so the server reads up to its limit first.
   */
  function uploadThenRead(
    path: string,
    total: number,
    headers = 'Content-Type: application/json',
    chunked = false,
  ): Promise<{ received: string; broke: string | undefined; sent: number }> {
    return new Promise((resolve) => {
      const socket = connect(port(), '127.0.0.1');
      const chunk = Buffer.alloc(64 * 1024, 0x78);
      let sent = 0;
      let received = '';
      let broke: string | undefined;
      const finish = () => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ received, broke, sent });
      };
      const timer = setTimeout(finish, 15_000);
      // Not read while sending: what the server answered waits in the kernel until the whole body is out.
      socket.pause();
      socket.on('data', (data) => (received += data.toString('latin1')));
      socket.on('end', finish);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        broke = error.code ?? error.message;
        finish();
      });
      const write = () => {
        if (broke) return;
        if (sent >= total) return void (chunked ? socket.write('0\r\n\r\n', () => socket.resume()) : socket.resume());
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        const framed = chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
        socket.write(framed, () => setTimeout(write, 3));
      };
      const length = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`;
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n${length}\r\n\r\n`, write);
    });
  }

  it('gets its 413 and the JSON error after sending it all, instead of a reset connection', async () => {
    // 512 KB to a route taking 64 KB: refused at once (the Content-Length says too much), then read to its end.
    const { received, broke, sent } = await uploadThenRead('/api/signals', 512 * 1024);
    expect(broke, 'the upload broke off').toBeUndefined();
    expect(sent).toBe(512 * 1024);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({ error: { message: 'the request body must be at most 65536 bytes' } });
    // The server is still well.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 30_000);

  it("gets a file too large named, with the code the widget says in the customer's language, when the upload is over the limit", async () => {
    // A 12 MB photo from curl or a script to the upload route (10 MB): more than the sockets' buffers hold, so
    // the client gets to the end only if the server reads on after answering.
    const total = 12 * 1024 * 1024;
    const headers = `Authorization: Bearer ${'t'.repeat(43)}\r\nContent-Type: multipart/form-data; boundary=x`;
    const { received, broke, sent } = await uploadThenRead(`/api/conversations/${randomUUID()}/attachments`, total, headers);
    expect(broke, 'the upload broke off').toBeUndefined();
    expect(sent).toBe(total);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { message: 'file must be at most 10 MB', field: 'file' },
      code: 'attachment-too-large',
    });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 60_000);

  it('reads on after refusing a body sent in chunks, without a Content-Length, part of which was read', async () => {
    // 14 MB in chunks to the upload route: the server reads 10 MB, refuses, and reads the rest to its end.
    const total = 14 * 1024 * 1024;
    const headers = `Authorization: Bearer ${'t'.repeat(43)}\r\nContent-Type: multipart/form-data; boundary=x`;
    const { received, broke, sent } = await uploadThenRead(`/api/conversations/${randomUUID()}/attachments`, total, headers, true);
    expect(broke, 'the upload broke off').toBeUndefined();
    expect(sent).toBe(total);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('"code":"attachment-too-large"');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 60_000);

  it('reads no more of a far larger body than its bound, then closes', async () => {
    // 16 MB to a route taking 64 KB: after the 413, at most 1 MB more is read; then the connection closes.
    const total = 16 * 1024 * 1024;
    const { received, broke, sent } = await uploadThenRead('/api/signals', total);
    expect(broke, 'the server closed the connection').toMatch(/EPIPE|ECONNRESET/);
    // What the socket buffers on both sides (a few MB on loopback) is sent before the writes fail.
    expect(sent).toBeLessThan(total);
    expect(received).toBe('');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 30_000);
});
