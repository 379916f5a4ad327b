/**
 * `POST /api/signals`: the help pages' batched, anonymous intake. Public
 * (rate-limited and CORS like the widget's routes, see app.ts); nothing in
 * it identifies a visitor.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { batchValidationHook, validationHook } from '../http/errors.ts';
import { errorResponse, KB, limitBody } from '../http/validation.ts';
import type { SiteLocales } from '../site-settings.ts';
import { signalsBodySchema, signalsResultSchema } from './schema.ts';
import { recordSignals } from './service.ts';

/** Largest accepted body: 50 signals of well under 1 KB each. */
export const MAX_SIGNALS_BODY_BYTES = 64 * KB;

/** What the signals route needs. */
export interface SignalRoutesOptions {
  database: Database;
  site: SiteLocales;
}

/**
 * The signals sub-app, mounted at `/api/signals`.
 *
 * @example api.route('/signals', signalRoutes({ database, site }));
 */
export function signalRoutes({ database, site }: SignalRoutesOptions): OpenAPIHono {
  const [first, ...rest] = site.locales;
  if (first === undefined) throw new Error('Wegwijs: the site has no locales');
  const route = createRoute({
    method: 'post',
    path: '/',
    summary: 'Record anonymous signals from the help pages',
    description:
      'Article feedback ("was this helpful", the effort question), what was missing from an unhelpful article (a reason and a redacted comment) and searches that found nothing, 1 to 50 per request. Each signal has its own key: a key recorded before answers `duplicate` and is not counted again.',
    middleware: [limitBody(MAX_SIGNALS_BODY_BYTES)] as const,
    request: { body: { required: true, content: { 'application/json': { schema: signalsBodySchema([first, ...rest]) } } } },
    responses: {
      200: { description: 'What became of each signal, in the order sent.', content: { 'application/json': { schema: signalsResultSchema } } },
      400: errorResponse('A signal is wrong; `field` names it, e.g. `signals[2].ces`.'),
      413: errorResponse('The body is larger than 64 KB.'),
      415: errorResponse('The body is not JSON.'),
      429: errorResponse('Too many requests from this address; `Retry-After` says when to try again.'),
    },
  });

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    route,
    async (c) => c.json(await recordSignals(database.db, c.req.valid('json').signals), 200),
    (result, c) => batchValidationHook(result, c),
  );
  return app;
}
