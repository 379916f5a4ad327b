/**
 * Merging two tickets of one customer, over real HTTP, on PGlite and
 * PostgreSQL: every message once and in time order, events on both, the
 * merged ticket's link and replies lead to the survivor, retries do not
 * duplicate, and another customer's ticket is refused.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signingKey } from '../http/signed.ts';
import { listen, type Listener } from '../start.ts';
import { agentHeaders, createTestAgent, handoffBody, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { makeLink } from '../conversations/link.ts';
import type { TicketDetail } from './schema.ts';

const SECRET = 'een geheim van minstens tweeëndertig tekens lang!';

describeOnDatabases('merging tickets', (database) => {
  let listener: Listener;
  let base: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const { app } = testApp(database(), { links: { secret: SECRET, ttlDays: 30 } });
    listener = await listen(app.fetch, ['127.0.0.1'], 0);
    base = `http://127.0.0.1:${(listener.servers[0]!.address() as AddressInfo).port}`;
    headers = await agentHeaders(database(), await createTestAgent(database(), { name: 'Sanne' }));
  }, 120_000);
  afterAll(async () => listener?.close(1000));

  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Record<string, unknown> };
  };
  /** A conversation handed off as a customer does: its token and ticket. */
  async function handOff(overrides: Record<string, unknown>) {
    const started = (await (
      await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    ).json()) as { id: string; token: string };
    const customer = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
    const res = await fetch(`${base}/api/conversations/${started.id}/handoff`, {
      method: 'POST',
      headers: { ...customer, 'idempotency-key': randomUUID() },
      body: JSON.stringify(handoffBody(overrides)),
    });
    expect(res.status).toBe(201);
    const { ticketId, number } = (await res.json()) as { ticketId: string; number: string };
    const write = (body: string, key: string) =>
      fetch(`${base}/api/conversations/${started.id}/ticket/messages`, {
        method: 'POST',
        headers: { ...customer, 'idempotency-key': key },
        body: JSON.stringify({ body }),
      });
    return { conversation: started, customer, ticketId, number, write };
  }
  const detail = async (id: string) => (await call('GET', `/api/agent/tickets/${id}`)).body as unknown as TicketDetail;

  it('keeps every message once, in time order, and leads the merged ticket to the survivor', { timeout: 120_000 }, async () => {
    const first = await handOff({ email: 'Marieke.Jansen@example.nl', message: 'mn pakket is nog steeds niet binnen hoor' });
    expect(
      (await call('POST', `/api/agent/tickets/${first.ticketId}/replies`, { body: 'Ik zoek het voor je uit!', internal: false }, { 'idempotency-key': 'r-1' }))
        .status,
    ).toBe(201);
    // The customer writes again in a new chat the next day: a second ticket.
    const second = await handOff({ email: 'marieke.jansen@example.nl', message: 'heb ik al gevraagd maar pakket is er nog steeds nie' });
    const agentKey = randomUUID();
    expect(
      (
        await call(
          'POST',
          `/api/agent/tickets/${second.ticketId}/replies`,
          { body: 'Dubbel ticket, ik voeg ze samen.', internal: false },
          { 'idempotency-key': agentKey },
        )
      ).status,
    ).toBe(201);
    const followUpKey = randomUUID();
    expect((await second.write('ok top, dank je wel', followUpKey)).status).toBe(201);

    // From the younger ticket: the older survives whichever side the agent starts from.
    const merged = await call('POST', `/api/agent/tickets/${second.ticketId}/merge`, { ticketId: first.ticketId });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      survivor: { id: first.ticketId, number: first.number, status: 'open' },
      merged: { id: second.ticketId, number: second.number },
    });

    const survivor = await detail(first.ticketId);
    const thread = survivor.messages.filter((m) => !m.transcript).map((m) => m.body);
    expect(thread).toEqual([
      'mn pakket is nog steeds niet binnen hoor',
      'Ik zoek het voor je uit!',
      'heb ik al gevraagd maar pakket is er nog steeds nie',
      'Dubbel ticket, ik voeg ze samen.',
      'ok top, dank je wel',
    ]);
    const times = survivor.messages.map((m) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(survivor.messages.map((m) => m.id)).size).toBe(survivor.messages.length);
    expect(survivor.events.at(-1)).toMatchObject({ type: 'merged', actor: 'Sanne', data: { from: { id: second.ticketId, number: second.number } } });
    // The customer's last message waits for an answer: the survivor is open and waiting.
    expect(survivor.waitingSince).not.toBeNull();

    const gone = await detail(second.ticketId);
    expect(gone).toMatchObject({ status: 'closed', mergedInto: { id: first.ticketId, number: first.number }, messages: [] });
    expect(gone.events.map((e) => e.type)).toEqual(expect.arrayContaining(['status', 'merged_into']));
    expect(gone.events.find((e) => e.type === 'merged_into')?.data).toEqual({ into: { id: first.ticketId, number: first.number } });
    expect(gone.events.find((e) => e.type === 'status' && (e.data as { transition: string }).transition === 'merge')?.data).toMatchObject({
      from: 'open',
      to: 'closed',
    });

    // Retries on the merged-away ticket do not duplicate: the customer's follow-up and the agent's reply are replayed.
    const retried = await second.write('ok top, dank je wel', followUpKey);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const agentRetry = await call(
      'POST',
      `/api/agent/tickets/${second.ticketId}/replies`,
      { body: 'Dubbel ticket, ik voeg ze samen.', internal: false },
      { 'idempotency-key': agentKey },
    );
    expect(agentRetry).toMatchObject({ status: 201, replayed: 'true' });
    expect((await detail(first.ticketId)).messages.length).toBe(survivor.messages.length);

    // The merged ticket's conversation: its link and its chat show the surviving thread, and a new message lands there.
    const link = await makeLink({ key: signingKey(database().db, SECRET), ttlDays: 30 }, second.conversation.id);
    const opened = await fetch(`${base}/api/conversations/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ link }),
    });
    expect(opened.status).toBe(200);
    const shown = (await opened.json()) as { ticket: { number: string; messages: { body: string }[] } };
    expect(shown.ticket.number).toBe(first.number);
    expect(shown.ticket.messages.map((m) => m.body)).toEqual(thread);
    expect((await second.write('nog 1 vraagje: kan t ook bij de buren?', randomUUID())).status).toBe(201);
    const chat = (await (await fetch(`${base}/api/conversations/${second.conversation.id}/ticket`, { headers: second.customer })).json()) as {
      number: string;
      messages: { body: string }[];
    };
    expect(chat.number).toBe(first.number);
    expect(chat.messages.at(-1)?.body).toBe('nog 1 vraagje: kan t ook bij de buren?');

    // Once merged, it cannot be merged again.
    expect((await call('POST', `/api/agent/tickets/${second.ticketId}/merge`, { ticketId: first.ticketId })).status).toBe(409);
  });

  it("refuses another customer's ticket, the same ticket twice and an unknown one, changing nothing", { timeout: 60_000 }, async () => {
    const mine = await handOff({ email: 'jan@example.nl' });
    const theirs = await handOff({ email: 'els@example.be', message: 'waar blijft mijn retour geld??' });
    const refused = await call('POST', `/api/agent/tickets/${mine.ticketId}/merge`, { ticketId: theirs.ticketId });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: {
        message: `${mine.number} and ${theirs.number} are not of the same customer (e-mail address); only one customer's tickets can be merged`,
        field: 'ticketId',
      },
    });
    expect((await detail(theirs.ticketId)).messages.some((m) => m.body === 'waar blijft mijn retour geld??')).toBe(true);
    expect((await detail(mine.ticketId)).events.some((e) => e.type.startsWith('merged'))).toBe(false);
    expect((await call('POST', `/api/agent/tickets/${mine.ticketId}/merge`, { ticketId: mine.ticketId })).status).toBe(422);
    expect((await call('POST', `/api/agent/tickets/${mine.ticketId}/merge`, { ticketId: randomUUID() })).status).toBe(404);
    expect((await call('POST', `/api/agent/tickets/${mine.ticketId}/merge`, {})).body).toMatchObject({ error: { field: 'ticketId' } });
  });
});
