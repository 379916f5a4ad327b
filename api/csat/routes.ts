/**
 * `POST /api/csat`: the satisfaction question answered through the link in
 * the e-mail sent when a ticket is solved. Public: the link's secret is the
 * credential. (The widget answers through `POST /api/conversations/{id}/csat`.)
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { errorBody, validationHook } from '../http/errors.ts';
import { errorResponse, KB, limitBody } from '../http/validation.ts';
import { csatRecordedSchema, tokenCsatBodySchema } from './schema.ts';
import { recordTokenCsat } from './service.ts';

/**
 * The CSAT sub-app, mounted at `/api/csat`.
 *
 * @example api.route('/csat', csatRoutes({ database }));
 */
export function csatRoutes({ database }: { database: Database }): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Answer the satisfaction question from the e-mail link',
      middleware: [limitBody(4 * KB)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: tokenCsatBodySchema } } } },
      responses: {
        201: { description: 'Recorded.', content: { 'application/json': { schema: csatRecordedSchema } } },
        200: { description: 'Recorded, replacing an earlier answer for this ticket.', content: { 'application/json': { schema: csatRecordedSchema } } },
        400: errorResponse('A field is missing or wrong; `field` names it.'),
        404: errorResponse('No ticket has this link (or a newer e-mail replaced it).'),
        429: errorResponse('Too many requests from this address.'),
      },
    }),
    async (c) => {
      const { token, score } = c.req.valid('json');
      const outcome = await recordTokenCsat(database.db, token, score);
      if (outcome === null) return c.json(errorBody('this link is unknown or no longer valid'), 404);
      return c.json({ score, created: outcome === 'created' }, outcome === 'created' ? 201 : 200);
    },
  );
  return app;
}
