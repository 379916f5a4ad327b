/**
 * The two attachment stores keep one contract: the folder under DATA_DIR and
 * an S3-compatible bucket (s3rver on 127.0.0.1, real HTTP and signatures).
 * Then the whole path over HTTP with the bucket, on PGlite and PostgreSQL:
 * an upload lands in the bucket, downloads follow the same rules, erasure
 * and the sweep delete the objects.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { listen, type Listener } from '../start.ts';
import { agentHeaders, createTestAgent, handoffBody, testApp, type TestApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { startTestS3, type TestS3 } from '../test/s3.ts';
import { s3Store } from './s3-store.ts';
import { sweepAttachments } from './service.ts';
import { attachmentStoreOf, type AttachmentStore, fileStore, newStorageKey } from './store.ts';
import { DAY_MS } from '#core/util/days.ts';

/** Bytes that are not all alike, so a store that truncated or mixed them up would show. */
const bytesOf = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251);

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const stores: [string, () => AttachmentStore][] = [
  [
    'the folder',
    () => {
      const folder = path.join(tmpdir(), `wegwijs-store-${randomUUID()}`);
      folders.push(folder);
      return fileStore(folder);
    },
  ],
  ['an S3 bucket', () => s3Store(s3.config)],
];

describe.each(stores)('the attachment store in %s', (_name, open) => {
  it('gives back exactly the bytes it was given, and null for a key it does not have', async () => {
    const store = open();
    await store.ready?.();
    const photo = bytesOf(3 * 1024 * 1024 + 7, 1);
    const key = newStorageKey();
    await store.put(key, photo);
    expect(Buffer.from((await store.get(key))!).equals(Buffer.from(photo))).toBe(true);
    expect(await store.get(newStorageKey())).toBeNull();

    // The same key again replaces the bytes (a retry after a timeout that did arrive).
    await store.put(key, bytesOf(10, 2));
    expect(Array.from((await store.get(key))!)).toEqual(Array.from(bytesOf(10, 2)));
    store.close?.();
  });

  it('deletes what it is told to, and a missing key is no error', async () => {
    const store = open();
    const keys = [newStorageKey(), newStorageKey(), newStorageKey()];
    for (const [i, key] of keys.entries()) await store.put(key, bytesOf(100, i));
    await store.remove([keys[0]!, keys[2]!, newStorageKey()]);
    expect(await store.get(keys[0]!)).toBeNull();
    expect(await store.get(keys[2]!)).toBeNull();
    expect(await store.get(keys[1]!)).not.toBeNull();
    // Twice is harmless (erasure retried after a crash).
    await store.remove([keys[0]!]);
    await store.remove([]);
    store.close?.();
  });

  it('lists keys older than a moment for the sweep, and only its own keys', async () => {
    const store = open();
    const key = newStorageKey();
    await store.put(key, bytesOf(50, 3));
    expect(await store.keysBefore(new Date(Date.now() + 60_000))).toContain(key);
    expect(await store.keysBefore(new Date(Date.now() - 60_000))).not.toContain(key);
    store.close?.();
  });

  it('never lets anything but its own keys name a file or an object', async () => {
    const store = open();
    for (const bad of ['../../etc/passwd', 'schade.jpg', '', `${newStorageKey()}/x`]) {
      await expect(store.put(bad, bytesOf(1, 0))).rejects.toThrow(/not an attachment storage key/);
      await expect(store.get(bad)).rejects.toThrow(/not an attachment storage key/);
    }
    store.close?.();
  });
});

describe('the S3 bucket', () => {
  it('keeps objects under attachments/ and leaves the rest of a shared bucket alone', async () => {
    const store = s3Store(s3.config);
    const key = newStorageKey();
    await store.put(key, bytesOf(20, 4));
    const listed = await store.client.send(new (await import('@aws-sdk/client-s3')).ListObjectsV2Command({ Bucket: s3.config.bucket }));
    expect((listed.Contents ?? []).map((object) => object.Key)).toContain(`attachments/${key}`);
    // Another application's object whose name looks like one of ours, outside attachments/: never listed, never swept.
    const { PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const foreign = newStorageKey();
    await store.client.send(new PutObjectCommand({ Bucket: s3.config.bucket, Key: foreign, Body: 'not ours' }));
    expect(await store.keysBefore(new Date(Date.now() + 60_000))).not.toContain(foreign);
    expect((await store.client.send(new GetObjectCommand({ Bucket: s3.config.bucket, Key: foreign }))).ContentLength).toBe(8);
    store.close?.();
  });

  it('says at start which bucket is wrong, and never shows the secret', async () => {
    const missing = s3Store({ ...s3.config, bucket: 'bestaat-niet' });
    await expect(missing.ready?.()).rejects.toThrow(/^Wegwijs: cannot keep attachments: bucket "bestaat-niet" at http:\/\/127\.0\.0\.1:\d+ answered 404/);
    missing.close?.();

    // s3rver checks the access key id (it does not recompute V4 signatures): a key it does not know is refused.
    const wrongKey = s3Store({ ...s3.config, credentials: { accessKeyId: 'ONBEKENDESLEUTEL', secretAccessKey: 'geheim-en-fout' } });
    const refused = await wrongKey.ready!().then(
      () => null,
      (error: Error) => error,
    );
    expect(refused?.message).toMatch(/^Wegwijs: cannot keep attachments: bucket "wegwijs-test" at .* answered 403/);
    expect(refused?.message).not.toContain('geheim-en-fout');
    expect(refused?.message).not.toContain('ONBEKENDESLEUTEL');
    // An upload with the wrong key fails too: nothing half-stored pretends to be kept.
    await expect(wrongKey.put(newStorageKey(), bytesOf(5, 5))).rejects.toThrow(/^Wegwijs: could not store attachments: bucket "wegwijs-test"/);
    wrongKey.close?.();
  });

  it('is what a server uses when a bucket is configured, the folder otherwise', async () => {
    const bucket = await attachmentStoreOf({ dataDir: '/tmp/niet-gebruikt', attachmentsS3: s3.config });
    expect(bucket.kind).toBe('s3');
    await bucket.ready?.();
    bucket.close?.();
    expect((await attachmentStoreOf({ dataDir: '/tmp/niet-gebruikt' })).kind).toBe('files');
  });
});

describeOnDatabases('attachments over HTTP in an S3 bucket', (database) => {
  let test: TestApp;
  let store: ReturnType<typeof s3Store>;
  let listener: Listener;
  let base: string;

  beforeAll(async () => {
    store = s3Store(s3.config);
    test = testApp(database(), {}, undefined, { attachments: store });
    listener = await listen(test.app.fetch, ['127.0.0.1'], 0);
    base = `http://127.0.0.1:${(listener.servers[0]!.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await listener?.close(1000);
    store?.close?.();
  });

  const api = (url: string, init: RequestInit = {}) => fetch(`${base}/api${url}`, init);
  /** The files s3rver keeps for our objects: what is really in the bucket. */
  const objectFiles = () =>
    existsSync(s3.directory)
      ? readdirSync(s3.directory, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name))
      : [];
  const keysOf = async (ticketId: string) =>
    (await rows<{ storage_key: string }>(database().db, sql`select storage_key from attachments where ticket_id = ${ticketId}::uuid`)).map(
      (r) => r.storage_key,
    );

  async function conversation() {
    const res = await api('/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { id, token } = (await res.json()) as { id: string; token: string };
    return { id, token, auth: { authorization: `Bearer ${token}` } };
  }
  function upload(c: { id: string; auth: Record<string, string> }, bytes: Uint8Array, filename: string, type: string) {
    const form = new FormData();
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), filename);
    return api(`/conversations/${c.id}/attachments`, { method: 'POST', headers: { ...c.auth, 'idempotency-key': randomUUID() }, body: form });
  }
  async function handOff(c: { id: string; auth: Record<string, string> }, attachments: string[], email: string) {
    const res = await api(`/conversations/${c.id}/handoff`, {
      method: 'POST',
      headers: { ...c.auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(handoffBody({ email, message: 'kijk ff naar de foto, de poot van de stoel is afgebroken', attachments })),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { ticketId: string }).ticketId;
  }

  it('stores an upload in the bucket and serves it by the same rules as from the folder', async () => {
    const photo = new Uint8Array(
      await sharp({ create: { width: 30, height: 30, channels: 3, background: '#3a3' } })
        .jpeg()
        .withExif({ IFD0: { Make: 'Telefoon van Kim' } })
        .toBuffer(),
    );
    const c = await conversation();
    const res = await upload(c, photo, 'stoel.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const { id, size } = (await res.json()) as { id: string; size: number };
    const ticketId = await handOff(c, [id], `kim.${randomUUID().slice(0, 6)}@example.be`);
    const [key] = await keysOf(ticketId);
    const inBucket = await store.get(key!);
    expect(inBucket?.byteLength).toBe(size);
    expect(Buffer.from(inBucket!).includes(Buffer.from('Telefoon van Kim'))).toBe(false);
    // Nothing was written to a folder: the app has no other place for it.
    expect(existsSync(test.attachmentsDir)).toBe(false);

    const own = await api(`/conversations/${c.id}/attachments/${id}`, { headers: c.auth });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/jpeg');
    expect(own.headers.get('content-disposition')).toBe(`attachment; filename="stoel.jpg"; filename*=UTF-8''stoel.jpg`);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await own.arrayBuffer()).equals(Buffer.from(inBucket!))).toBe(true);

    const stranger = await conversation();
    expect((await api(`/conversations/${c.id}/attachments/${id}`, { headers: stranger.auth })).status).toBe(404);
    expect((await api(`/conversations/${c.id}/attachments/${id}`)).status).toBe(401);
    const agent = await agentHeaders(database(), await createTestAgent(database()));
    const preview = await api(`/agent/tickets/${ticketId}/attachments/${id}?preview=1`, { headers: agent });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/jpeg');

    // The row without its object (deleted by hand in the bucket): 404, not a 500.
    await store.remove([key!]);
    expect((await api(`/conversations/${c.id}/attachments/${id}`, { headers: c.auth })).status).toBe(404);
  });

  it('erasure deletes the objects from the bucket with the rows', async () => {
    const email = `wis.alles.${randomUUID().slice(0, 6)}@example.nl`;
    const c = await conversation();
    const ids: string[] = [];
    for (const name of ['bon.pdf', 'garantie.pdf']) {
      const res = await upload(c, new TextEncoder().encode(`%PDF-1.4\n% ${name}\n%%EOF\n`), name, 'application/pdf');
      ids.push(((await res.json()) as { id: string }).id);
    }
    const ticketId = await handOff(c, ids, email);
    const keys = await keysOf(ticketId);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await store.get(key)).not.toBeNull();
    expect(objectFiles().filter((file) => keys.some((key) => file.includes(key))).length).toBeGreaterThan(0);

    const admin = await agentHeaders(database(), await createTestAgent(database(), { role: 'admin' }));
    const erase = await api('/agent/privacy/erase', { method: 'POST', headers: admin, body: JSON.stringify({ email }) });
    expect(erase.status).toBe(200);
    expect(await erase.json()).toMatchObject({ removed: { attachments: 2, tickets: 1 } });
    for (const key of keys) expect(await store.get(key)).toBeNull();
    // Gone from the server's disk too, not just hidden.
    expect(objectFiles().filter((file) => keys.some((key) => file.includes(key)))).toEqual([]);
  });

  it('the daily sweep deletes uploads nobody sent and objects no row knows', async () => {
    const c = await conversation();
    const res = await upload(c, new TextEncoder().encode('%PDF-1.4\n% vergeten\n%%EOF\n'), 'vergeten.pdf', 'application/pdf');
    const { id } = (await res.json()) as { id: string };
    const [waiting] = await rows<{ storage_key: string }>(database().db, sql`select storage_key from attachments where id = ${id}::uuid`);
    const orphan = newStorageKey();
    await store.put(orphan, bytesOf(10, 9));

    const later = new Date(Date.now() + 2 * DAY_MS);
    const swept = await sweepAttachments(database().db, store, later);
    expect(swept.unbound).toBeGreaterThanOrEqual(1);
    expect(swept.orphans).toBeGreaterThanOrEqual(1);
    expect(await store.get(waiting!.storage_key)).toBeNull();
    expect(await store.get(orphan)).toBeNull();
    expect(await rows(database().db, sql`select id from attachments where id = ${id}::uuid`)).toEqual([]);
  });
});
