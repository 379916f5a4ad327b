/**
 * `POST /api/searches/failed`: the search box reports a search that found
 * nothing. Fire and forget from the browser, so the route is cheap: a small
 * body, one insert, an empty 202.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { errorBodySchema, validationHook } from '../http/errors.ts';
import { limitBody } from '../http/validation.ts';
import type { SiteLocales } from '../site-settings.ts';
import { failedSearchBodySchema } from './schema.ts';
import { recordFailedSearch } from './service.ts';

/** Largest accepted request body; a report is well under 1 KB. */
export const MAX_BODY_BYTES = 8 * 1024;

/** What the searches routes need. */
export interface SearchRoutesOptions {
  database: Database;
  site: SiteLocales;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
});

/**
 * The searches sub-app, mounted at `/api/searches`.
 *
 * @example app.route('/api/searches', searchRoutes({ database, site }));
 */
export function searchRoutes({ database, site }: SearchRoutesOptions): OpenAPIHono {
  const [first, ...rest] = site.locales;
  if (first === undefined) throw new Error('Wegwijs: the site has no locales');
  const failedSearch = createRoute({
    method: 'post',
    path: '/failed',
    summary: 'Report a search that found nothing',
    middleware: [limitBody(MAX_BODY_BYTES)] as const,
    request: {
      body: { required: true, content: { 'application/json': { schema: failedSearchBodySchema([first, ...rest]) } } },
    },
    responses: {
      202: { description: 'Recorded (the query is redacted of personal data before it is stored).' },
      400: errorResponse('A field is missing or wrong; `field` names it.'),
      413: errorResponse('The body is larger than 8 KB.'),
      415: errorResponse('The body is not JSON.'),
    },
  });

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(failedSearch, async (c) => {
    await recordFailedSearch(database.db, c.req.valid('json'));
    return c.body(null, 202);
  });
  return app;
}
