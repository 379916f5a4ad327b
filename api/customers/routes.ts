/**
 * The customer panel, mounted at `/api/agent/customers`: for any signed-in
 * agent (they can open every ticket), keyed by a ticket so it can only ever
 * show that ticket's customer.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { agentApp, agentRoute, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, idParamSchema, json } from '../http/validation.ts';
import { customerPanelSchema } from './schema.ts';
import { customerPanel } from './service.ts';

/** What the customer routes need. */
export interface CustomerRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
}

/**
 * The customers sub-app.
 *
 * @example agentApi.route('/customers', customerRoutes({ database, ttlHours: 12 }));
 */
export function customerRoutes(options: CustomerRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);
  app.openapi(
    agentRoute({
      method: 'get',
      path: '/{ticketId}',
      summary: 'The customer beside a ticket',
      description:
        'Their other tickets (same e-mail address, any case), effort scores and satisfaction answers, the page and article they opened the chat on, locale and device class. Only what the product holds; erasure removes it. An anonymised ticket has no other tickets.',
      request: { params: idParamSchema('ticketId', 'The ticket whose customer to show.') },
      responses: {
        200: { description: 'The customer.', content: json(customerPanelSchema) },
        404: errorResponse('No such ticket.'),
      },
    }),
    async (c) => {
      const panel = await customerPanel(db, c.req.valid('param').ticketId);
      return panel ? c.json(panel, 200) : c.json(errorBody('no such ticket'), 404);
    },
  );
  return app;
}
