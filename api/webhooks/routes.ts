/**
 * The admin's webhook API, mounted at `/api/agent/webhooks`: admins only
 * (403 for agents); state-changing requests also need
 * `X-Requested-With: wegwijs` (checked for the whole agent API in app.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, idParamSchema, KB, limitBody } from '../http/validation.ts';
import { webhookChangeSchema, webhookCreatedSchema, webhookCreateSchema, webhookSchema } from './schema.ts';
import { createWebhook, deleteWebhook, listWebhooks, updateWebhook } from './service.ts';

/** What the webhook routes need. */
export interface WebhookRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  /** Allow targets on private and loopback addresses (`WEBHOOKS_ALLOW_PRIVATE`). */
  allowPrivate: boolean;
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const idParam = idParamSchema('id', 'The webhook.');
const security = [{ [SESSION_SECURITY]: [] }];
const unauthorized = errorResponse('Not signed in.');
const forbidden = errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.');
const notFound = errorResponse('No such webhook.');

/**
 * The webhooks sub-app.
 *
 * @example agentApi.route('/webhooks', webhookRoutes({ database, ttlHours: 12, allowPrivate: false }));
 */
export function webhookRoutes(options: WebhookRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const { database, allowPrivate } = options;
  const db = database.db;
  const app = agentApp(db, options, { role: 'admin' });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The webhooks',
      description: 'Every webhook with how its deliveries stand; secrets are never shown again after creation.',
      security,
      responses: {
        200: { description: 'The webhooks.', content: json(z.object({ webhooks: z.array(webhookSchema) })) },
        401: unauthorized,
        403: forbidden,
      },
    }),
    async (c) => c.json({ webhooks: await listWebhooks(db) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Add a webhook',
      description:
        'The URL must be http or https on a public address (private, loopback and link-local targets are refused unless `WEBHOOKS_ALLOW_PRIVATE=true`). The answer carries the signing secret, shown only this once.',
      security,
      middleware: [limitBody(8 * KB)] as const,
      request: { body: { required: true, content: json(webhookCreateSchema) } },
      responses: {
        201: { description: 'Added.', content: json(webhookCreatedSchema) },
        400: errorResponse('A field is wrong or the target is not allowed; `field` names it.'),
        401: unauthorized,
        403: forbidden,
      },
    }),
    async (c) => c.json(await createWebhook(db, c.req.valid('json'), c.var.agent.id, allowPrivate), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a webhook',
      description:
        'URL (checked like on creation), format, events or enabled. A disabled webhook gets no new deliveries; pending ones wait until it is enabled again.',
      security,
      middleware: [limitBody(8 * KB)] as const,
      request: { params: idParam, body: { required: true, content: json(webhookChangeSchema) } },
      responses: {
        200: { description: 'Changed.', content: json(webhookSchema) },
        400: errorResponse('A field is wrong or the target is not allowed; `field` names it.'),
        401: unauthorized,
        403: forbidden,
        404: notFound,
      },
    }),
    async (c) => c.json(await updateWebhook(db, c.req.valid('param').id, c.req.valid('json'), allowPrivate), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a webhook',
      description: 'Its deliveries, sent or not, go with it.',
      security,
      request: { params: idParam },
      responses: {
        204: { description: 'Deleted.' },
        401: unauthorized,
        403: forbidden,
        404: notFound,
      },
    }),
    async (c) => {
      await deleteWebhook(db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
