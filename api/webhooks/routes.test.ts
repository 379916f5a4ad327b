import { describe, expect, it } from 'vitest';
import { agentHeaders, createTestAgent, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import type { Webhook } from './schema.ts';

describeOnDatabases('the webhook API', (database) => {
  const admin = async () => agentHeaders(database(), await createTestAgent(database(), { role: 'admin' }));
  const create = (app: ReturnType<typeof testApp>['app'], headers: Record<string, string>, body: unknown) =>
    app.request('/api/agent/webhooks', { method: 'POST', headers, body: JSON.stringify(body) });

  it('creates a webhook, shows its secret only once, lists, changes and deletes it', async () => {
    const { app } = testApp(database(), { webhooks: { allowPrivate: true } });
    const headers = await admin();
    const res = await create(app, headers, { url: 'http://127.0.0.1:9/hook', format: 'slack', events: ['ticket.created', 'ces.high', 'ticket.created'] });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Webhook & { secret: string };
    expect(created).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      format: 'slack',
      events: ['ticket.created', 'ces.high'],
      enabled: true,
      deliveries: { pending: 0, delivered: 0, failed: 0 },
      lastError: null,
    });
    expect(created.secret).toMatch(/^whsec_/);

    const listed = (await (await app.request('/api/agent/webhooks', { headers })).json()) as { webhooks: Record<string, unknown>[] };
    const mine = listed.webhooks.find((w) => w['id'] === created.id);
    expect(mine).toMatchObject({ url: 'http://127.0.0.1:9/hook', format: 'slack' });
    expect(mine).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const patched = await app.request(`/api/agent/webhooks/${created.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ enabled: false, format: 'json', events: ['digest.daily'] }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: created.id, enabled: false, format: 'json', events: ['digest.daily'] });

    expect((await app.request(`/api/agent/webhooks/${created.id}`, { method: 'DELETE', headers })).status).toBe(204);
    expect((await app.request(`/api/agent/webhooks/${created.id}`, { method: 'DELETE', headers })).status).toBe(404);
    expect((await app.request('/api/agent/webhooks/not-an-id', { method: 'PATCH', headers, body: '{"enabled":true}' })).status).toBe(404);
  });

  describe('refuses targets on private addresses (SSRF)', () => {
    it.each([
      'http://127.0.0.1:4321/api',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00::1]/hook',
      'http://10.0.0.5/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data/',
    ])('%s', async (url) => {
      const { app } = testApp(database());
      const res = await create(app, await admin(), { url, format: 'json', events: ['ticket.created'] });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string; field: string } };
      expect(body.error.field).toBe('url');
      expect(body.error.message).toMatch(/^url host .* (private|does not resolve)/);
    });

    it('also when an existing webhook is pointed elsewhere', async () => {
      const { app } = testApp(database());
      const headers = await admin();
      const res = await create(app, headers, { url: 'https://93.184.215.14/hook', format: 'json', events: ['ticket.created'] });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const patched = await app.request(`/api/agent/webhooks/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ url: 'http://192.168.0.1/' }) });
      expect(patched.status).toBe(400);
      expect(((await patched.json()) as { error: { field: string } }).error.field).toBe('url');
    });
  });

  it.each([
    [{ url: 'ftp://hooks.example/', format: 'json', events: ['ticket.created'] }, 'url', 'url must be an http:// or https:// URL'],
    [{ url: 'https://93.184.215.14/', format: 'xml', events: ['ticket.created'] }, 'format', 'format must be one of slack, json'],
    [{ url: 'https://93.184.215.14/', format: 'json', events: [] }, 'events', 'events must name at least one event'],
    [
      { url: 'https://93.184.215.14/', format: 'json', events: ['ticket.deleted'] },
      'events.0',
      'events.0 must be one of ticket.created, ces.high, csat.low, digest.daily',
    ],
    [{ format: 'json', events: ['ticket.created'] }, 'url', 'url is required'],
  ])('answers 400 naming the field for %j', async (body, field, message) => {
    const { app } = testApp(database());
    const res = await create(app, await admin(), body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message, field } });
  });

  it('is for admins only: 403 for an agent, 401 without a session', async () => {
    const { app } = testApp(database(), { webhooks: { allowPrivate: true } });
    const agent = await agentHeaders(database(), await createTestAgent(database(), { role: 'agent' }));
    const body = { url: 'http://127.0.0.1:9/', format: 'json', events: ['ticket.created'] };
    expect((await app.request('/api/agent/webhooks', { headers: agent })).status).toBe(403);
    const refused = await create(app, agent, body);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { message: 'only an admin may do this' } });
    expect((await app.request('/api/agent/webhooks')).status).toBe(401);
    // The CSRF header is needed, as everywhere in the agent API.
    const headers = await admin();
    const { 'x-requested-with': _, ...withoutCsrf } = headers;
    expect((await create(app, withoutCsrf, body)).status).toBe(403);
    expect((await create(app, headers, body)).status).toBe(201);
  });
});
