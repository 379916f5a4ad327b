/**
 * The whole HTTP surface of one Wegwijs process: `/api/*` (one sub-app per
 * domain) and the built site on the same origin. No state lives here beyond
 * what is passed in, so any number of processes can run behind a balancer.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/routes.ts';
import { compress } from './http/compress.ts';
import { apiNotFound, handleErrors, isApiPath, validationHook } from './http/errors.ts';
import { createLogger, type Logger } from './log.ts';
import { searchRoutes } from './searches/routes.ts';
import { readSiteLocales, type SiteLocales } from './site-settings.ts';
import { redirectToLocale } from './static/locale.ts';
import { notFoundPage, serveSite } from './static/serve.ts';

/** Version of the running code, as package.json says. */
export const VERSION: string = packageJson.version;

/** What {@link createApp} needs. */
export interface AppOptions {
  config: Pick<Config, 'distDir' | 'contentRoot' | 'logLevel'>;
  database: Database;
  /** Where errors go. Default: a logger at `config.logLevel`. */
  logger?: Logger;
  /** The site's locales. Default: read from `content/settings.yaml` under `config.contentRoot`. */
  site?: SiteLocales;
}

/**
 * Builds the app. Nothing listens yet: `start.ts` serves it over HTTP, tests
 * call `app.request()`.
 *
 * @example
 * const app = createApp({ config, database });
 * const res = await app.request('/api/health');
 */
export function createApp({ config, database, logger = createLogger(config.logLevel), site = readSiteLocales(config.contentRoot) }: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // No Content-Security-Policy yet: it needs the site's inline scripts hashed (a later issue).
  app.use(secureHeaders());
  app.use(compress());

  const api = new OpenAPIHono({ defaultHook: validationHook });
  api.route('/health', healthRoutes({ database, version: VERSION, logger }));
  api.route('/searches', searchRoutes({ database, site }));
  // Paths in the document are relative to the server URL, `/api`.
  api.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Wegwijs API', version: VERSION }, servers: [{ url: '/api' }] });
  api.all('*', apiNotFound);
  app.route('/api', api);

  app.get('/', redirectToLocale(site));
  app.use(serveSite({ root: config.distDir }));
  const notFound = notFoundPage({ root: config.distDir });
  app.notFound((c) => (isApiPath(c.req.path) ? apiNotFound(c) : notFound(c)));
  app.onError(handleErrors(logger));
  return app;
}
