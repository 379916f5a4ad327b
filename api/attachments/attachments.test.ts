/**
 * Attachments over real HTTP (node:http, as `npm start` serves), on PGlite
 * and PostgreSQL: what a customer's photo becomes, what is refused and how,
 * who may download what, and that erasure, retention and the sweep leave no
 * file behind.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rows } from '../db/query.ts';
import { applyRetention } from '../privacy/retention.ts';
import { listen, type Listener } from '../start.ts';
import { agentHeaders, createTestAgent, handoffBody, testApp, type TestApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { MAX_ATTACHMENT_BYTES } from './inspect.ts';
import { sweepAttachments } from './service.ts';
import { fileStore } from './store.ts';
import { DAY_MS } from '#core/util/days.ts';

/** A 40×20 photo taken "sideways" (EXIF orientation 6) with a GPS position and a camera make. */
async function photoWithGps(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c33' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'Duinwinkel Camera' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
      })
      .toBuffer(),
  );
}

/** Whether TIFF/EXIF bytes hold a GPS directory (tag 0x8825, little-endian as libvips writes it). */
const hasGpsDirectory = (exif: Buffer | undefined) => exif !== undefined && exif.indexOf(Buffer.from([0x25, 0x88])) >= 0;

/** The start of a Windows program: what file-type knows as .exe. */
const PROGRAM = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(200).fill(0)]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Every file under `folder` (none when it does not exist). */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describeOnDatabases('attachments over HTTP', (database) => {
  let test: TestApp;
  let listener: Listener;
  let base: string;

  beforeAll(async () => {
    test = testApp(database());
    listener = await listen(test.app.fetch, ['127.0.0.1'], 0);
    base = `http://127.0.0.1:${(listener.servers[0]!.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await listener?.close(1000);
    if (test) rmSync(test.attachmentsDir, { recursive: true, force: true });
  });

  const api = (url: string, init: RequestInit = {}) => fetch(`${base}/api${url}`, init);

  async function conversation() {
    const res = await api('/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { id, token } = (await res.json()) as { id: string; token: string };
    return { id, token, auth: { authorization: `Bearer ${token}` } };
  }

  function upload(url: string, headers: Record<string, string>, bytes: Uint8Array, filename: string, type = 'image/jpeg', key: string | null = randomUUID()) {
    const form = new FormData();
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), filename);
    return api(url, { method: 'POST', headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, body: form });
  }

  const handoffOf = (attachments: string[], email = `kim.${randomUUID().slice(0, 6)}@example.nl`) =>
    JSON.stringify(handoffBody({ email, message: 'de lamp is kapot aangekomen, foto in de bijlage', attachments }));

  function handOff(
    c: Awaited<ReturnType<typeof conversation>>,
    attachments: string[],
    email?: string,
    key = randomUUID(),
    body = handoffOf(attachments, email),
  ) {
    return api(`/conversations/${c.id}/handoff`, { method: 'POST', headers: { ...c.auth, 'content-type': 'application/json', 'idempotency-key': key }, body });
  }

  const agent = async (role: 'agent' | 'admin' = 'agent') => {
    const headers = await agentHeaders(database(), await createTestAgent(database(), { role }));
    const { 'content-type': _json, ...rest } = headers;
    return { json: headers, plain: rest };
  };

  it('takes a photo with the hand-off, strips its GPS position, turns it upright and serves it as an attachment', async () => {
    const original = await photoWithGps();
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(hasGpsDirectory(before.exif)).toBe(true);

    const c = await conversation();
    const res = await upload(`/conversations/${c.id}/attachments`, c.auth, original, 'schade aan de lamp 📷.jpg');
    expect(res.status).toBe(201);
    const uploaded = (await res.json()) as { id: string; filename: string; contentType: string; size: number };
    expect(uploaded).toMatchObject({ filename: 'schade aan de lamp 📷.jpg', contentType: 'image/jpeg' });

    const handoff = await handOff(c, [uploaded.id]);
    expect(handoff.status).toBe(201);
    const { ticketId } = (await handoff.json()) as { ticketId: string };

    const sanne = await agent();
    const detail = (await (await api(`/agent/tickets/${ticketId}`, { headers: sanne.plain })).json()) as {
      messages: { body: string; attachments: { id: string }[] }[];
    };
    const carrying = detail.messages.filter((m) => m.attachments.length > 0);
    expect(carrying).toHaveLength(1);
    expect(carrying[0]).toMatchObject({ body: 'de lamp is kapot aangekomen, foto in de bijlage', attachments: [{ id: uploaded.id, size: uploaded.size }] });

    const download = await api(`/agent/tickets/${ticketId}/attachments/${uploaded.id}`, { headers: sanne.plain });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="schade aan de lamp .jpg"; filename*=UTF-8''${encodeURIComponent('schade aan de lamp 📷.jpg')}`,
    );
    expect(download.headers.get('cache-control')).toContain('no-store');
    const stored = Buffer.from(await download.arrayBuffer());
    expect(stored.byteLength).toBe(uploaded.size);
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(hasGpsDirectory(after.exif)).toBe(false);
    expect(stored.includes(Buffer.from('Duinwinkel Camera'))).toBe(false);
    expect(after.orientation).toBeUndefined();
    // Upright: the sideways 40×20 photo is now 20 wide and 40 high.
    expect([after.width, after.height]).toEqual([20, 40]);

    const preview = await api(`/agent/tickets/${ticketId}/attachments/${uploaded.id}?preview=1`, { headers: sanne.plain });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await preview.arrayBuffer())).metadata()).exif).toBeUndefined();

    // The customer's own thread lists it and the customer's token downloads it.
    const thread = (await (await api(`/conversations/${c.id}/ticket`, { headers: c.auth })).json()) as {
      messages: { attachments: { id: string; filename: string }[] }[];
    };
    expect(thread.messages.flatMap((m) => m.attachments)).toEqual([expect.objectContaining({ id: uploaded.id, filename: 'schade aan de lamp 📷.jpg' })]);
    const own = await api(`/conversations/${c.id}/attachments/${uploaded.id}`, { headers: c.auth });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await own.arrayBuffer()).equals(stored)).toBe(true);

    // Another conversation's token gets 404, for its own id as well as for this one's.
    const stranger = await conversation();
    expect((await api(`/conversations/${stranger.id}/attachments/${uploaded.id}`, { headers: stranger.auth })).status).toBe(404);
    expect((await api(`/conversations/${c.id}/attachments/${uploaded.id}`, { headers: stranger.auth })).status).toBe(404);
    // No session, no file; no token, no file.
    expect((await api(`/agent/tickets/${ticketId}/attachments/${uploaded.id}`)).status).toBe(401);
    expect((await api(`/conversations/${c.id}/attachments/${uploaded.id}`)).status).toBe(401);
  });

  it('refuses a program renamed .jpg, whatever type it declares, naming the file', async () => {
    const c = await conversation();
    const res = await upload(`/conversations/${c.id}/attachments`, c.auth, PROGRAM, 'schade.jpg', 'image/jpeg');
    expect(res.status).toBe(415);
    const body = (await res.json()) as { code: string; filename: string; error: { message: string; field: string } };
    expect(body).toMatchObject({ code: 'attachment-type', filename: 'schade.jpg', error: { field: 'file' } });
    expect(body.error.message).toBe(
      '"schade.jpg" is a .exe file (application/x-msdownload), whatever its name says; attach a photo (JPEG, PNG, WebP, GIF) or a PDF',
    );
    expect(await rows(database().db, sql`select id from attachments where conversation_id = ${c.id}::uuid`)).toEqual([]);

    // Bytes that claim to be a JPEG but are not one.
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(7)]);
    const unreadable = await upload(`/conversations/${c.id}/attachments`, c.auth, broken, 'kapot.jpg');
    expect(unreadable.status).toBe(422);
    expect(await unreadable.json()).toMatchObject({ code: 'attachment-unreadable', filename: 'kapot.jpg' });
  });

  it("refuses an iPhone's HEIC photo, saying so and what to do, because sharp here cannot decode HEVC", async () => {
    // Made with libheif's heif-enc (x265) from a 64×48 JPEG: the container and codec an iPhone writes by default.
    const heic = new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', 'IMG_4032.HEIC')));
    // The reason, checked rather than assumed: when a sharp build can decode it, this fails and HEIC can be taken.
    await expect(sharp(heic).jpeg().toBuffer()).rejects.toThrow(/HEVC/);
    const c = await conversation();
    const res = await upload(`/conversations/${c.id}/attachments`, c.auth, heic, 'IMG_4032.HEIC', 'image/heic');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      code: 'attachment-heic',
      filename: 'IMG_4032.HEIC',
      error: {
        field: 'file',
        message: `"IMG_4032.HEIC" is an HEIC photo (the iPhone's own format), which cannot be read here; send it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible) or attach a PNG, WebP, GIF or PDF`,
      },
    });
    expect(await rows(database().db, sql`select id from attachments where conversation_id = ${c.id}::uuid`)).toEqual([]);
  });

  it('holds files to 10 MB each and 5 per message, and wants a file', async () => {
    const c = await conversation();
    const tooLarge = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    tooLarge.set(PDF);
    const large = await upload(`/conversations/${c.id}/attachments`, c.auth, tooLarge, 'scan.pdf', 'application/pdf');
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ code: 'attachment-too-large', filename: 'scan.pdf' });
    const far = await upload(`/conversations/${c.id}/attachments`, c.auth, new Uint8Array(MAX_ATTACHMENT_BYTES + 200_000), 'huge.pdf', 'application/pdf');
    expect(far.status).toBe(413);

    const none = await api(`/conversations/${c.id}/attachments`, {
      method: 'POST',
      headers: { ...c.auth, 'idempotency-key': randomUUID() },
      body: new FormData(),
    });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: { field: 'file' } });
    const empty = await upload(`/conversations/${c.id}/attachments`, c.auth, new Uint8Array(0), 'leeg.pdf', 'application/pdf');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'attachment-empty' });

    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await upload(`/conversations/${c.id}/attachments`, c.auth, PDF, `bon-${i}.pdf`, 'application/pdf');
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const six = await handOff(c, ids);
    expect(six.status).toBe(400);
    expect(await six.json()).toMatchObject({ error: { field: 'attachments' } });
    const five = await handOff(c, ids.slice(0, 5));
    expect(five.status).toBe(201);
  });

  it('uploads once and hands off once when the same keys come twice (a double click, a retry)', async () => {
    const c = await conversation();
    const key = randomUUID();
    const first = await upload(`/conversations/${c.id}/attachments`, c.auth, PDF, 'factuur.pdf', 'application/pdf', key);
    const again = await upload(`/conversations/${c.id}/attachments`, c.auth, PDF, 'factuur.pdf', 'application/pdf', key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { id } = (await first.json()) as { id: string };
    expect(((await again.json()) as { id: string }).id).toBe(id);
    expect(await rows(database().db, sql`select id from attachments where conversation_id = ${c.id}::uuid`)).toHaveLength(1);

    const handoffKey = randomUUID();
    const email = `dubbel.${randomUUID().slice(0, 6)}@example.nl`;
    const body = handoffOf([id], email);
    const [one, two] = await Promise.all([handOff(c, [id], email, handoffKey, body), handOff(c, [id], email, handoffKey, body)]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(((await one.json()) as { ticketId: string }).ticketId).toBe(((await two.json()) as { ticketId: string }).ticketId);
    expect(await rows(database().db, sql`select id from tickets where conversation_id = ${c.id}::uuid`)).toHaveLength(1);
  });

  it("refuses another conversation's upload in a hand-off or reply", async () => {
    const mine = await conversation();
    const theirs = await conversation();
    const res = await upload(`/conversations/${theirs.id}/attachments`, theirs.auth, PDF, 'hun-bon.pdf', 'application/pdf');
    const { id } = (await res.json()) as { id: string };
    const handoff = await handOff(mine, [id]);
    expect(handoff.status).toBe(400);
    expect(await handoff.json()).toMatchObject({ error: { field: 'attachments[0]' } });
  });

  it('lets agents attach to replies and notes; the customer gets the reply, never the note', async () => {
    const c = await conversation();
    const handoff = await handOff(c, []);
    const { ticketId } = (await handoff.json()) as { ticketId: string };
    const sanne = await agent();
    const pdf = await upload(`/agent/tickets/${ticketId}/attachments`, sanne.plain, PDF, 'retourlabel.pdf', 'application/pdf');
    expect(pdf.status).toBe(201);
    const label = (await pdf.json()) as { id: string };
    const note = await upload(`/agent/tickets/${ticketId}/attachments`, sanne.plain, PDF, 'intern.pdf', 'application/pdf');
    const internal = (await note.json()) as { id: string };
    // Without the CSRF header an agent's upload is refused.
    const { 'x-requested-with': _csrf, ...withoutCsrf } = sanne.plain;
    expect((await upload(`/agent/tickets/${ticketId}/attachments`, withoutCsrf, PDF, 'x.pdf', 'application/pdf')).status).toBe(403);

    const reply = await api(`/agent/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: sanne.json,
      body: JSON.stringify({ body: '', attachments: [label.id] }),
    });
    expect(reply.status).toBe(201);
    const noted = await api(`/agent/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: sanne.json,
      body: JSON.stringify({ body: 'klant belde al', internal: true, attachments: [internal.id] }),
    });
    expect(noted.status).toBe(201);
    const empty = await api(`/agent/tickets/${ticketId}/replies`, { method: 'POST', headers: sanne.json, body: JSON.stringify({ body: '  ' }) });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { field: 'body' } });

    const thread = (await (await api(`/conversations/${c.id}/ticket`, { headers: c.auth })).json()) as { messages: { attachments: { id: string }[] }[] };
    expect(thread.messages.flatMap((m) => m.attachments.map((a) => a.id))).toEqual([label.id]);
    const got = await api(`/conversations/${c.id}/attachments/${label.id}`, { headers: c.auth });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect((await api(`/conversations/${c.id}/attachments/${internal.id}`, { headers: c.auth })).status).toBe(404);

    // The customer answers with a photo only.
    const photo = await upload(`/conversations/${c.id}/attachments`, c.auth, await photoWithGps(), 'nog een foto.jpg');
    const { id: photoId } = (await photo.json()) as { id: string };
    const answer = await api(`/conversations/${c.id}/ticket/messages`, {
      method: 'POST',
      headers: { ...c.auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ body: '', attachments: [photoId] }),
    });
    expect(answer.status).toBe(201);
  });

  it('erasure removes the files from disk with the rows', async () => {
    const email = `wis.mij.${randomUUID().slice(0, 6)}@example.nl`;
    const c = await conversation();
    const ids = [];
    for (const name of ['a.jpg', 'b.jpg']) {
      const res = await upload(`/conversations/${c.id}/attachments`, c.auth, await photoWithGps(), name);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const { ticketId } = (await (await handOff(c, ids, email)).json()) as { ticketId: string };
    const keys = (await rows<{ storage_key: string }>(database().db, sql`select storage_key from attachments where ticket_id = ${ticketId}::uuid`)).map(
      (r) => r.storage_key,
    );
    expect(keys).toHaveLength(2);
    const stored = filesUnder(test.attachmentsDir).filter((file) => keys.includes(path.basename(file)));
    expect(stored).toHaveLength(2);

    const admin = await agent('admin');
    const erase = await api('/agent/privacy/erase', { method: 'POST', headers: admin.json, body: JSON.stringify({ email }) });
    expect(erase.status).toBe(200);
    expect(await erase.json()).toMatchObject({ removed: { attachments: 2, tickets: 1 } });
    expect(stored.filter((file) => existsSync(file))).toEqual([]);
    expect(await rows(database().db, sql`select id from attachments where ticket_id = ${ticketId}::uuid`)).toEqual([]);
  });

  it('retention and the daily sweep remove the files too', async () => {
    const store = fileStore(test.attachmentsDir);
    const c = await conversation();
    const res = await upload(`/conversations/${c.id}/attachments`, c.auth, PDF, 'oud.pdf', 'application/pdf');
    const { id } = (await res.json()) as { id: string };
    const { ticketId } = (await (await handOff(c, [id])).json()) as { ticketId: string };
    await database().db.execute(sql`update tickets set status = 'solved', solved_at = now() where id = ${ticketId}::uuid`);
    const [kept] = await rows<{ storage_key: string }>(database().db, sql`select storage_key from attachments where id = ${id}::uuid`);
    expect(await store.get(kept!.storage_key)).not.toBeNull();

    // An upload nobody named, and a file whose row never committed.
    const waiting = await upload(`/conversations/${c.id}/attachments`, c.auth, PDF, 'vergeten.pdf', 'application/pdf');
    const { id: waitingId } = (await waiting.json()) as { id: string };
    const [unbound] = await rows<{ storage_key: string }>(database().db, sql`select storage_key from attachments where id = ${waitingId}::uuid`);
    const orphan = randomUUID();
    await store.put(orphan, PDF);

    const later = new Date(Date.now() + 200 * DAY_MS);
    const result = await applyRetention(database().db, 180, later, { files: store });
    expect(result.attachments).toBeGreaterThanOrEqual(2);
    expect(await store.get(kept!.storage_key)).toBeNull();
    expect(await rows(database().db, sql`select id from attachments where conversation_id = ${c.id}::uuid`)).toEqual([]);
    expect(await store.get(unbound!.storage_key)).toBeNull();

    const swept = await sweepAttachments(database().db, store, later);
    expect(swept.orphans).toBeGreaterThanOrEqual(1);
    expect(await store.get(orphan)).toBeNull();
  });
});
