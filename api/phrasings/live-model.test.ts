/**
 * Approved phrasings reach the live assistant: approve through the API, and
 * the model the API names answers the new wording; reject it and the page's
 * own model is current again. On the report fixtures (three Dutch articles),
 * which compile in a moment.
 */
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeModelAsset, decodePhrasings } from '#core/assistant/asset.ts';
import { answer, loadModel, type AssistantModel } from '#core/assistant/index.ts';
import { agentHeaders, createTestAgent, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { CHECK_EVERY_MS, contentModelCompiler, liveModels } from './live-model.ts';
import type { Phrasing } from './schema.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'reports', 'fixtures');
const WORDING = 'mijn zending is zoekgeraakt bij de buren';

const asModel = (bytes: Uint8Array): AssistantModel => {
  const model = decodeModelAsset(gunzipSync(bytes));
  loadModel(model);
  return model;
};

describe('the model compiler', () => {
  it('adds nothing, and compiles nothing, when content/ has every approved wording already', async () => {
    const compile = contentModelCompiler(FIXTURES);
    expect(await compile('nl', [])).toBeNull();
    // Already a phrasing of the article (case and a final question mark aside).
    expect(await compile('nl', [{ articleId: 'track-parcel', text: 'waar is mijn pakket' }])).toBeNull();
    // An article that does not exist (any more) teaches nothing either.
    expect(await compile('nl', [{ articleId: 'gone-article', text: WORDING }])).toBeNull();
  });

  it('compiles a model that answers the approved wording, named by its bytes', async () => {
    const compile = contentModelCompiler(FIXTURES);
    const first = await compile('nl', [{ articleId: 'track-parcel', text: WORDING }]);
    const again = await compile('nl', [{ articleId: 'track-parcel', text: WORDING }]);
    expect(first?.name).toMatch(/^nl\.live\.[0-9a-f]{10}\.bin$/);
    expect(again).toEqual(first);
    expect(answer(asModel(first!.bytes), WORDING)).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
  });
});

describeOnDatabases('the live assistant', (database) => {
  const setup = async () => {
    const { app } = testApp(database(), { contentRoot: FIXTURES });
    const admin = await createTestAgent(database(), { role: 'admin', name: 'Noor' });
    const agent = await createTestAgent(database(), { name: 'Sanne' });
    return { app, admin, adminHeaders: await agentHeaders(database(), admin), headers: await agentHeaders(database(), agent) };
  };
  type App = Awaited<ReturnType<typeof setup>>['app'];
  const suggest = async (app: App, headers: Record<string, string>, body: Record<string, unknown>) =>
    (await (
      await app.request('/api/agent/phrasings', { method: 'POST', headers, body: JSON.stringify({ locale: 'nl', source: 'gap', ...body }) })
    ).json()) as Phrasing;
  const patch = (app: App, headers: Record<string, string>, id: string, body: unknown) =>
    app.request(`/api/agent/phrasings/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) });

  it('goes live when an admin approves, within the check interval, and back when rejected', async () => {
    const { app, admin, adminHeaders, headers } = await setup();
    let clock = 1_000_000;
    const models = liveModels(database().db, contentModelCompiler(FIXTURES), () => clock);
    expect(await models.current('nl')).toBeNull();

    const phrasing = await suggest(app, headers, { articleId: 'track-parcel', text: WORDING });
    // Only admins put a wording in front of customers.
    const refused = await patch(app, headers, phrasing.id, { status: 'approved' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { message: 'only an admin can approve a phrasing for the live assistant', field: 'status' } });
    const approved = await patch(app, adminHeaders, phrasing.id, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      id: phrasing.id,
      status: 'pending',
      approvedAt: expect.any(String),
      approvedBy: { id: admin.id, name: 'Noor' },
    });

    // Looked at no more often than every CHECK_EVERY_MS.
    expect(await models.current('nl')).toBeNull();
    clock += CHECK_EVERY_MS;
    const live = await models.current('nl');
    expect(live).not.toBeNull();
    expect(answer(asModel(live!.bytes), WORDING)).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    expect(await models.byName(live!.name)).toBe(live!.bytes);
    // Its phrasings' file, for the explanations sent with a hand-off, by the name beside the model's.
    expect(await models.byName(live!.name.replace(/\.bin$/, '.phrasings.bin'))).toBe(live!.phrasings);
    expect(decodePhrasings(gunzipSync(live!.phrasings)).get('track-parcel')).toContain(WORDING);
    expect(await models.byName('nl.live.0000000000.bin')).toBeNull();
    expect(await models.byName('nl.live.0000000000.phrasings.bin')).toBeNull();

    // Still pending for `content pull`.
    const pending = (await (await app.request('/api/agent/phrasings?status=pending&locale=nl', { headers })).json()) as { phrasings: Phrasing[] };
    expect(pending.phrasings.find((p) => p.id === phrasing.id)).toMatchObject({ status: 'pending', approvedBy: { name: 'Noor' } });

    expect((await patch(app, headers, phrasing.id, { status: 'rejected' })).status).toBe(200);
    clock += CHECK_EVERY_MS;
    expect(await models.current('nl')).toBeNull();
  });

  it('serves the current model to the widget, and 404 for one that is not current', async () => {
    const { app, adminHeaders, headers } = await setup();
    const other = 'doos nooit aangekomen bij mij';
    const phrasing = await suggest(app, headers, { articleId: 'track-parcel', text: other });
    expect((await patch(app, adminHeaders, phrasing.id, { status: 'approved' })).status).toBe(200);
    // A new app: a process that has not looked yet.
    const { app: fresh } = testApp(database(), { contentRoot: FIXTURES });
    const which = await fresh.request('/api/assistant/models/nl');
    expect(which.status).toBe(200);
    expect(which.headers.get('cache-control')).toBe('public, max-age=30');
    const { url } = (await which.json()) as { url: string };
    expect(url).toMatch(/^\/api\/assistant\/models\/live\/nl\.live\.[0-9a-f]{10}\.bin$/);
    const model = await fresh.request(url);
    expect(model.status).toBe(200);
    expect(model.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer(asModel(new Uint8Array(await model.arrayBuffer())), other)).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    const phrasings = await fresh.request(url.replace(/\.bin$/, '.phrasings.bin'));
    expect(phrasings.status).toBe(200);
    expect(phrasings.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(decodePhrasings(gunzipSync(new Uint8Array(await phrasings.arrayBuffer()))).get('track-parcel')).toContain(other);
    expect((await fresh.request('/api/assistant/models/live/nl.live.0123456789.bin')).status).toBe(404);
    expect((await fresh.request('/api/assistant/models/de')).status).toBe(400);
    // No approved English phrasing: the page's own model.
    expect(await (await fresh.request('/api/assistant/models/en')).json()).toEqual({ url: null });
    expect((await patch(app, adminHeaders, phrasing.id, { status: 'rejected' })).status).toBe(200);
  });

  it('edits a suggestion, asks for approval again after an edit, and never approves a proposal for a new article', async () => {
    const { app, adminHeaders, headers } = await setup();
    const phrasing = await suggest(app, headers, { articleId: 'track-parcel', text: 'pakje kwijt geraakt ergens' });
    expect((await patch(app, adminHeaders, phrasing.id, { status: 'approved' })).status).toBe(200);
    const edited = await patch(app, headers, phrasing.id, { text: '  pakje   kwijtgeraakt, mail jan@example.nl ' });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ text: 'pakje kwijtgeraakt, mail [e-mail]', approvedAt: null, approvedBy: null, status: 'pending' });
    // An edit and an approval at once: approved with the new wording.
    expect(await (await patch(app, adminHeaders, phrasing.id, { text: 'pakje kwijtgeraakt', status: 'approved' })).json()).toMatchObject({
      text: 'pakje kwijtgeraakt',
      approvedAt: expect.any(String),
    });
    const known = await patch(app, headers, phrasing.id, { text: 'Waar is mijn pakket?' });
    expect(known.status).toBe(409);
    expect(((await known.json()) as { error: { field: string } }).error.field).toBe('text');
    const unknownArticle = await patch(app, headers, phrasing.id, { articleId: 'nope' });
    expect(unknownArticle.status).toBe(400);
    expect(await unknownArticle.json()).toEqual({ error: { message: 'articleId "nope" is not a published nl article', field: 'articleId' } });
    expect((await patch(app, headers, phrasing.id, {})).status).toBe(400);

    const proposal = await suggest(app, headers, { articleId: null, text: 'kan ik met bitcoin betalen', proposedTitle: 'Betalen met bitcoin' });
    const refused = await patch(app, adminHeaders, proposal.id, { status: 'approved' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe('articleId');
    // Giving it an article and approving it at once is fine.
    expect(await (await patch(app, adminHeaders, proposal.id, { articleId: 'delivery-times', status: 'approved' })).json()).toMatchObject({
      articleId: 'delivery-times',
      proposedTitle: null,
      approvedAt: expect.any(String),
    });
    for (const id of [phrasing.id, proposal.id]) expect((await patch(app, adminHeaders, id, { status: 'rejected' })).status).toBe(200);
  });
});
