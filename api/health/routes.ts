/**
 * `GET /api/health`: for load balancers and uptime checks. 200 while the
 * process can reach its database, 503 when it cannot, so a balancer takes
 * the process out of rotation instead of sending it customers.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';

/** Body of `GET /api/health`. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    /** Version of the running code (package.json). */
    version: z.string(),
    database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean() }),
  })
  .openapi('Health');

/** What the health route needs. */
export interface HealthRoutesOptions {
  database: Database;
  version: string;
  logger: Logger;
  /** How long the database may take to answer, in ms. Default 2000. */
  pingTimeoutMs?: number;
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Whether this process can serve requests',
  responses: {
    200: { description: 'Ready.', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'The database does not answer.', content: { 'application/json': { schema: healthSchema } } },
  },
});

/**
 * The health sub-app, mounted at `/api/health`.
 *
 * @example app.route('/api/health', healthRoutes({ database, version: '0.1.0', logger }));
 */
export function healthRoutes({ database, version, logger, pingTimeoutMs }: HealthRoutesOptions): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    // A health answer must be fresh; a cached "ok" would hide an outage.
    c.header('Cache-Control', 'no-store');
    try {
      await database.ping(pingTimeoutMs);
      return c.json({ status: 'ok' as const, version, database: { kind: database.kind, ok: true } }, 200);
    } catch (error) {
      logger.warn(`health: database ${database.kind} did not answer: ${error instanceof Error ? error.message : String(error)}`);
      return c.json({ status: 'unavailable' as const, version, database: { kind: database.kind, ok: false } }, 503);
    }
  });
  return app;
}
