/**
 * Teaching the assistant, for agents: `GET /api/agent/articles` (the picker)
 * and `/api/agent/phrasings` (attach a customer's wording to an article, or
 * propose a new article; list; reject). Every route needs a session;
 * state-changing ones also `X-Requested-With: wegwijs` (checked for the whole
 * agent API in app.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SESSION_SECURITY } from '../agents/routes.ts';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, idParamSchema, KB, limitBody } from '../http/validation.ts';
import type { ArticleCatalog } from './articles.ts';
import { articleListingSchema, articleQuerySchema, phrasingBodySchema, phrasingChangeSchema, phrasingQuerySchema, phrasingSchema } from './schema.ts';
import { changePhrasing, listPhrasings, suggestPhrasing } from './service.ts';

/** What the routes need. */
export interface PhrasingRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  /** The articles of content/ (see ./articles.ts). */
  catalog: ArticleCatalog;
}

type AgentApp = OpenAPIHono<{ Variables: AgentVariables }>;

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const security = [{ [SESSION_SECURITY]: [] }];
const unauthorized = errorResponse('Not signed in.');
const forbidden = errorResponse('No `X-Requested-With: wegwijs` header.');

/**
 * The article picker, mounted at `/api/agent/articles`.
 *
 * @example agentApi.route('/articles', articleRoutes({ database, catalog, ttlHours: 12 }));
 */
export function articleRoutes(options: PhrasingRoutesOptions): AgentApp {
  const app = agentApp(options.database.db, options);
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Published articles, for pickers',
      description: 'The articles of content/ the running site was built from, by locale and title. `id` is the translation key, the id the assistant reports.',
      security,
      request: { query: articleQuerySchema },
      responses: {
        200: { description: 'The articles.', content: json(z.array(articleListingSchema)) },
        400: errorResponse('`locale` is wrong.'),
        401: unauthorized,
      },
    }),
    async (c) => {
      const articles = await options.catalog.list(c.req.valid('query').locale);
      return c.json(
        articles.map(({ id, locale, title, categoryId, url }) => ({ id, locale, title, categoryId, url })),
        200,
      );
    },
  );
  return app;
}

/**
 * Phrasing suggestions, mounted at `/api/agent/phrasings`.
 *
 * @example agentApi.route('/phrasings', phrasingRoutes({ database, catalog, ttlHours: 12 }));
 */
export function phrasingRoutes(options: PhrasingRoutesOptions): AgentApp {
  const { catalog } = options;
  const db = options.database.db;
  const app = agentApp(options.database.db, options);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: "Attach a customer's wording to an article, or propose a new article",
      description:
        'The text is stored with white space folded and personal data (e-mail addresses, phone and long numbers) replaced; it must still say something (3 to 200 characters). ' +
        'The same wording for the same article and locale (ignoring case and a final question mark), pending or pulled, is not stored twice: the answer is then 200 with the existing suggestion. ' +
        '`npm run -s content -- pull` writes pending suggestions into content/.',
      security,
      middleware: [limitBody(8 * KB)] as const,
      request: { body: { required: true, content: json(phrasingBodySchema) } },
      responses: {
        201: { description: 'Stored.', content: json(phrasingSchema) },
        200: { description: 'The same wording was suggested before: that suggestion.', content: json(phrasingSchema) },
        400: errorResponse('A field is wrong (`field` names it): an unknown `articleId`, or a `text` with nothing left after redaction.'),
        401: unauthorized,
        403: forbidden,
        409: errorResponse('The article already has this phrasing in content/ (`field`: `text`).'),
      },
    }),
    async (c) => {
      const { created, phrasing } = await suggestPhrasing(db, catalog, c.var.agent, c.req.valid('json'));
      return created ? c.json(phrasing, 201) : c.json(phrasing, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Phrasing suggestions',
      description: 'Suggestions with one status (default `pending`), newest first, at most 500.',
      security,
      request: { query: phrasingQuerySchema },
      responses: {
        200: { description: 'The suggestions.', content: json(z.object({ phrasings: z.array(phrasingSchema) })) },
        400: errorResponse('A filter is wrong; `field` names it.'),
        401: unauthorized,
      },
    }),
    async (c) => c.json({ phrasings: await listPhrasings(db, c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Approve, reject or edit a suggestion',
      description:
        '`status: approved` (admins): the live assistant learns it within a minute, and it stays pending for `content pull`; `rejected`: `content pull` will not write it and the live assistant forgets it; `pending`: back to a plain suggestion. `text` or `articleId` edit it (an approved one needs approving again). Rejecting twice is 200; a suggestion already pulled into content/ is 409.',
      security,
      middleware: [limitBody(4 * KB)] as const,
      request: { params: idParamSchema('id', 'The suggestion.'), body: { required: true, content: json(phrasingChangeSchema) } },
      responses: {
        200: { description: 'The suggestion after the change.', content: json(phrasingSchema) },
        400: errorResponse('The body is wrong; `field` names it.'),
        401: unauthorized,
        403: errorResponse('Approving as an agent who is not an admin, or no `X-Requested-With: wegwijs` header.'),
        404: errorResponse('No such suggestion.'),
        409: errorResponse('Already pulled into content/, or the article (or another suggestion) has this wording already.'),
      },
    }),
    async (c) => {
      const change = c.req.valid('json');
      if (change.status === 'approved' && c.var.agent.role !== 'admin')
        return c.json(errorBody('only an admin can approve a phrasing for the live assistant', 'status'), 403);
      return c.json(await changePhrasing(db, options.catalog, c.var.agent, c.req.valid('param').id, change), 200);
    },
  );

  return app;
}
