/**
 * The whole HTTP surface of one Wegwijs process: `/api/*` (one sub-app per
 * domain) and the built site on the same origin. No state lives here beyond
 * what is passed in, so any number of processes can run behind a balancer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import packageJson from '../package.json' with { type: 'json' };
import { agentRoutes, SESSION_SECURITY } from './agents/routes.ts';
import { agentAttachmentRoutes, customerAttachmentRoutes } from './attachments/routes.ts';
import { type AttachmentStore, fileStore } from './attachments/store.ts';
import { SESSION_COOKIE } from './agents/sessions.ts';
import { loadConfig, type Config } from './config.ts';
import { CONVERSATION_TOKEN, conversationRoutes } from './conversations/routes.ts';
import { csatRoutes } from './csat/routes.ts';
import type { LinkSigner } from './conversations/link.ts';
import { linkPage } from './conversations/link-page.ts';
import { customerRoutes } from './customers/routes.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/routes.ts';
import { clientAddress } from './http/client-address.ts';
import { compress } from './http/compress.ts';
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, inlineHashesOfSite } from './http/content-security-policy.ts';
import { requireCsrfHeader } from './http/csrf.ts';
import { signingKey } from './http/signed.ts';
import { apiNotFound, handleErrors, isApiPath, validationHook } from './http/errors.ts';
import { createRateLimiter, rateLimit } from './http/rate-limit.ts';
import { createLogger, type Logger } from './log.ts';
import { logMailer, type Mailer } from './mail/mailer.ts';
import { type MailSettings, startMailWorker } from './mail/outbox.ts';
import { noticeRoutes } from './notices/routes.ts';
import { contentCatalog } from './phrasings/articles.ts';
import { contentModelCompiler, liveModelRoutes, liveModels, type LiveModels } from './phrasings/live-model.ts';
import { articleRoutes, phrasingRoutes } from './phrasings/routes.ts';
import type { ReportContent } from './reports/content.ts';
import { lazyReportContent, reportRoutes } from './reports/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { reasonRoutes } from './reasons/routes.ts';
import { signalRoutes } from './signals/routes.ts';
import { readResponseTargets, readSiteLocales, type SiteLocales } from './site-settings.ts';
import type { ResponseTargets } from '#core/targets/settings.ts';
import { redirectToLocale } from './static/locale.ts';
import { notFoundPage, serveSite } from './static/serve.ts';
import { routingRoutes } from './routing/routes.ts';
import { targetRoutes } from './targets/routes.ts';
import { presenceRoutes } from './tickets/presence.ts';
import { ticketRoutes } from './tickets/routes.ts';
import { savedReplyRoutes } from './tickets/saved-replies.ts';
import { webhookRoutes } from './webhooks/routes.ts';

/** Version of the running code, as package.json says. */
export const VERSION: string = packageJson.version;

/** The configuration the app reads; the security settings default to the environment variables' defaults. */
export type AppConfig = Pick<Config, 'distDir' | 'contentRoot' | 'logLevel'> &
  Partial<
    Pick<Config, 'dataDir' | 'trustProxy' | 'corsOrigins' | 'rateLimits' | 'sessionTtlHours' | 'webhooks' | 'siteUrl' | 'cookieSecure' | 'links' | 'mail'>
  >;

/** What {@link createApp} needs. */
export interface AppOptions {
  config: AppConfig;
  database: Database;
  /** Where errors go. Default: a logger at `config.logLevel`. */
  logger?: Logger;
  /** The site's locales. Default: read from `content/settings.yaml` under `config.contentRoot`. */
  site?: SiteLocales;
  /** How customer e-mail goes out. Default: written to `logger`. */
  mailer?: Mailer;
  /** Whether replies to customer e-mail reach Wegwijs (the e-mail then says the customer may simply reply). */
  mailInbound?: boolean;
  /** Receives each reply e-mail's delivery attempt, which responses do not wait for (tests). */
  onNotify?: (delivery: Promise<void>) => void;
  /** What the reports read from content/. Default: `config.contentRoot`, loaded on the first report. */
  reportContent?: () => Promise<ReportContent>;
  /** The live assistant models. Default: compiled from `config.contentRoot` and the approved phrasings. */
  liveModels?: LiveModels;
  /** Response targets; null: none. Default: `responseTargets` of `content/settings.yaml` under `config.contentRoot` (none when there is no such file). */
  targets?: ResponseTargets | null;
  /** Where attachments' bytes live (start.ts passes the bucket when one is configured). Default: the folder `attachments` in `config.dataDir`. */
  attachments?: AttachmentStore;
}

const MINUTE = 60_000;

/**
 * Powerful browser features no page of a help center uses, switched off for
 * every page and any frame in it (`Permissions-Policy: camera=(), …`), so an
 * injected script or an embedded frame cannot ask for them either.
 */
export const PERMISSIONS_POLICY = {
  camera: [],
  microphone: [],
  geolocation: [],
  payment: [],
  usb: [],
  serial: [],
  bluetooth: [],
  hid: [],
  midi: [],
  magnetometer: [],
  gyroscope: [],
  accelerometer: [],
  displayCapture: [],
  screenWakeLock: [],
  browsingTopics: [],
} as const satisfies Record<string, []>;

/**
 * Builds the app. Nothing listens yet: `start.ts` serves it over HTTP, tests
 * call `app.request()`.
 *
 * @example
 * const app = createApp({ config, database });
 * const res = await app.request('/api/health');
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const { config, database, logger = createLogger(config.logLevel), site = readSiteLocales(config.contentRoot), onNotify } = options;
  // Without a settings file (tests that pass `site` and a made-up content root) there are no targets; a wrong one still fails the start.
  const targets =
    options.targets !== undefined
      ? options.targets
      : existsSync(path.join(config.contentRoot, 'content', 'settings.yaml'))
        ? readResponseTargets(config.contentRoot)
        : null;
  const defaults = loadConfig({}, config.contentRoot);
  const trustProxy = config.trustProxy ?? defaults.trustProxy;
  const limits = config.rateLimits ?? defaults.rateLimits;
  // Behind a TLS proxy that TRUST_PROXY does not cover the request looks like http: an https SITE_URL says otherwise.
  const alwaysSecure = (config.cookieSecure ?? defaults.cookieSecure) === 'always' || config.siteUrl?.startsWith('https:') === true;
  const sessions = { ttlHours: config.sessionTtlHours ?? defaults.sessionTtlHours, trustProxy, alwaysSecure };
  const mailer = options.mailer ?? logMailer(logger);
  const attachments = options.attachments ?? fileStore(path.join(config.dataDir ?? defaults.dataDir, 'attachments'));
  const linkSettings = config.links ?? defaults.links;
  const links: LinkSigner = { key: signingKey(database.db, linkSettings.secret), ttlDays: linkSettings.ttlDays };
  // Rounds of the mail outbox run right after a reply; start.ts also runs the same on a timer, for retries.
  const mailConfig = config.mail ?? defaults.mail;
  const mailSettings: MailSettings = {
    from: mailConfig.from,
    links,
    siteUrl: config.siteUrl,
    noticeMinutes: mailConfig.noticeMinutes ?? defaults.mail.noticeMinutes,
    ...(options.mailInbound ? { inbound: true } : {}),
  };
  const mailRound = startMailWorker(database.db, mailer, mailSettings, logger, { intervalMs: 0 });

  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Every answer carries X-Request-Id (the proxy's, when it sent a sane one); error logs name it, so a report can be found.
  app.use(requestId({ limitLength: 100 }));
  // Registered first, so it runs last: the API's answers get their own, empty policy.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  });
  // Every inline script and style of the built site is allowed by its hash; nothing else inline runs.
  app.use(secureHeaders({ contentSecurityPolicy: contentSecurityPolicy(inlineHashesOfSite(config.distDir)), permissionsPolicy: PERMISSIONS_POLICY }));
  app.use(compress());

  const api = new OpenAPIHono({ defaultHook: validationHook });
  const addressOf = (c: Context) => clientAddress(c, trustProxy);
  const limiter = (name: string, limit: number, windowMs: number) => createRateLimiter(database.db, { name, limit, windowMs });

  // The public API: the widget, possibly embedded on other configured origins.
  const corsOrigins = config.corsOrigins ?? defaults.corsOrigins;
  const publicLimit = rateLimit(limiter('public', limits.publicPerMinute, MINUTE), addressOf);
  for (const path of ['/conversations/*', '/signals/*', '/csat/*']) {
    if (corsOrigins.length > 0) {
      // Only the listed origins; no cookies (the widget authenticates with its token).
      api.use(
        path,
        cors({
          origin: corsOrigins,
          allowMethods: ['GET', 'POST'],
          allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
          exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
          maxAge: 600,
        }),
      );
    }
    api.use(path, publicLimit);
  }
  api.route('/health', healthRoutes({ database, version: VERSION, logger }));
  // content/ is read on first use: the article picker, phrasing suggestions and the categories routing matches on.
  const catalog = contentCatalog(config.contentRoot);
  api.route('/conversations', conversationRoutes({ database, site, links, categoryOf: async (locale, id) => (await catalog.find(locale, id))?.categoryId }));
  api.route('/conversations', customerAttachmentRoutes({ database, store: attachments }));
  api.route('/signals', signalRoutes({ database, site }));
  api.route('/csat', csatRoutes({ database }));
  // Which assistant model the widget loads: the built one, or one with phrasings approved since (api/phrasings/live-model.ts).
  api.route('/assistant', liveModelRoutes({ database, models: options.liveModels ?? liveModels(database.db, contentModelCompiler(config.contentRoot)) }));

  // The agent API: same origin only (no CORS), session cookie, CSRF header on every change.
  api.use('/agent/*', rateLimit(limiter('agent', limits.agentPerMinute, MINUTE), addressOf), requireCsrfHeader());
  const agentApi = new OpenAPIHono({ defaultHook: validationHook });
  agentApi.route(
    '/',
    agentRoutes({
      database,
      ...sessions,
      loginLimiter: limiter('login', limits.loginPer15Minutes, 15 * MINUTE),
      // Many e-mail addresses from one address: five times the per-address-and-e-mail limit.
      loginAddressLimiter: limiter('login-address', limits.loginPer15Minutes * 5, 15 * MINUTE),
    }),
  );
  agentApi.route('/me/notices', noticeRoutes({ database, ttlHours: sessions.ttlHours }));
  agentApi.route('/presence', presenceRoutes({ database, ttlHours: sessions.ttlHours }));
  agentApi.route('/tickets', ticketRoutes({ database, sendMail: mailRound.runOnce, ttlHours: sessions.ttlHours, targets, ...(onNotify ? { onNotify } : {}) }));
  agentApi.route('/tickets', agentAttachmentRoutes({ database, store: attachments, ttlHours: sessions.ttlHours }));
  agentApi.route('/routing', routingRoutes({ database, ttlHours: sessions.ttlHours }));
  agentApi.route('/customers', customerRoutes({ database, ttlHours: sessions.ttlHours }));
  const reportContent = options.reportContent ?? lazyReportContent(config.contentRoot);
  agentApi.route('/reasons', reasonRoutes({ database, catalog, content: reportContent, ttlHours: sessions.ttlHours }));
  agentApi.route('/saved-replies', savedReplyRoutes({ database, ttlHours: sessions.ttlHours }));
  // Teaching the assistant: the article picker and phrasing suggestions.
  agentApi.route('/articles', articleRoutes({ database, catalog, ttlHours: sessions.ttlHours }));
  agentApi.route('/phrasings', phrasingRoutes({ database, catalog, ttlHours: sessions.ttlHours }));
  agentApi.route('/reports', reportRoutes({ database, site, content: reportContent, ttlHours: sessions.ttlHours }));
  agentApi.route('/targets', targetRoutes({ database, targets, ttlHours: sessions.ttlHours }));
  // Admins only: outgoing webhooks and erasure.
  agentApi.route('/webhooks', webhookRoutes({ database, ttlHours: sessions.ttlHours, allowPrivate: (config.webhooks ?? defaults.webhooks).allowPrivate }));
  agentApi.route('/privacy', privacyRoutes({ database, logger, ttlHours: sessions.ttlHours, attachments }));
  api.route('/agent', agentApi);

  api.openAPIRegistry.registerComponent('securitySchemes', CONVERSATION_TOKEN, {
    type: 'http',
    scheme: 'bearer',
    description: 'The token `POST /conversations` returned; it reaches only its own conversation.',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', SESSION_SECURITY, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by `POST /agent/login`. State-changing agent requests also need the header `X-Requested-With: wegwijs`.',
  });
  // Paths in the document are relative to the server URL, `/api`.
  api.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Wegwijs API', version: VERSION }, servers: [{ url: '/api' }] });
  api.all('*', apiNotFound);
  app.route('/api', api);

  app.get('/', redirectToLocale(site));
  // The link back to a conversation in every customer e-mail.
  app.get('/c/:link', linkPage({ db: database.db, site, links }));
  app.use(serveSite({ root: config.distDir }));
  const notFound = notFoundPage({ root: config.distDir });
  app.notFound((c) => (isApiPath(c.req.path) ? apiNotFound(c) : notFound(c)));
  app.onError(handleErrors(logger));
  return app;
}
