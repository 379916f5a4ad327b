/**
 * The admin's privacy API, mounted at `/api/agent/privacy`: admins only (403
 * for agents), `X-Requested-With: wegwijs` like every change in the agent API.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, expecting, KB, limitBody, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';
import type { Logger } from '../log.ts';
import { eraseCustomer } from './erase.ts';
import type { AttachmentStore } from '../attachments/store.ts';

/** What the privacy routes need. */
export interface PrivacyRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  logger: Logger;
  /** Where the erased customer's attachments are; their files go too. */
  attachments: AttachmentStore;
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const security = [{ [SESSION_SECURITY]: [] }];

/** Body of `POST /agent/privacy/erase`. */
export const eraseBodySchema = z
  .object({
    email: z
      .string({ error: expecting('an e-mail address') })
      .trim()
      .max(320, 'must be at most 320 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  })
  .openapi('Erase');

const count = z.number().int();

/** Answer of `POST /agent/privacy/erase`. */
export const erasedSchema = z
  .object({
    removed: z.object({
      conversations: count,
      tickets: count,
      messages: count,
      ticketEvents: count,
      cesResponses: count,
      conversationEvents: count,
      csatResponses: count,
      webhookDeliveries: count,
      idempotencyKeys: count,
      attachments: count,
    }),
  })
  .openapi('Erased');

/**
 * The privacy sub-app.
 *
 * @example agentApi.route('/privacy', privacyRoutes({ database, logger, ttlHours: 12 }));
 */
export function privacyRoutes(options: PrivacyRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const { database, logger } = options;
  const app = agentApp(database.db, options, { role: 'admin' });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/erase',
      summary: 'Erase a customer',
      description:
        'Deletes, in one transaction, every ticket with this e-mail address (case-insensitive), the conversations they came from, and all their messages, attachments (rows and files), ticket events, effort scores, conversation events, CSAT scores and webhook deliveries. Answers how many rows of each kind went; all zero when nothing matched.',
      security,
      middleware: [limitBody(2 * KB)] as const,
      request: { body: { required: true, content: json(eraseBodySchema) } },
      responses: {
        200: { description: 'Erased.', content: json(erasedSchema) },
        400: errorResponse('`email` is missing or not an e-mail address.'),
        401: errorResponse('Not signed in.'),
        403: errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.'),
      },
    }),
    async (c) => {
      const removed = await eraseCustomer(database.db, c.req.valid('json').email, { files: options.attachments });
      // Who erased how much, for accountability; never whom.
      logger.info(`privacy: ${c.var.agent.email} erased a customer: ${JSON.stringify(removed)}`);
      return c.json({ removed }, 200);
    },
  );

  return app;
}
