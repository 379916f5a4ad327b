/**
 * Server configuration, read from environment variables once at start and
 * validated with zod, so a typo stops start-up with a message naming the
 * variable instead of surfacing later as a strange failure.
 *
 * `.env.example` lists every variable with its default; `config.test.ts`
 * keeps the two in step.
 */
import path from 'node:path';
import { z } from 'zod';
import type { S3StoreConfig } from './attachments/s3-store.ts';
import type { DatabaseTarget } from './db/database.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

/** Validated configuration of one server process. */
export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Host name or address to listen on; `localhost` listens on every loopback address it resolves to. */
  host: string;
  /** Absolute folder for local state (the embedded database lives in `<dataDir>/pglite`). */
  dataDir: string;
  /** Which database to use: embedded PGlite unless `DATABASE_URL` is set. */
  database: DatabaseTarget;
  /** Absolute folder of the built site. */
  distDir: string;
  /** Absolute folder that holds `content/` (settings, articles). */
  contentRoot: string;
  /** Least important log level written. */
  logLevel: LogLevel;
  /** Start without checking whether the site build is stale (tests, containers with a prebuilt site). */
  skipBuild: boolean;
  /** How many proxies in front append to `X-Forwarded-For`; 0 ignores the header. */
  trustProxy: number;
  /** Origins (scheme, host, port) whose pages may call the public API from the browser. */
  corsOrigins: string[];
  /** Requests per client address and window; 0 switches a limit off. */
  rateLimits: RateLimits;
  /** Hours a session lasts without use. */
  sessionTtlHours: number;
  /** How customer e-mail goes out. */
  mail: MailConfig;
  /** Public address of the site (scheme, host, optional path), for links in e-mail; unset: links are relative. */
  siteUrl: string | undefined;
  /** The links back to a conversation in customer e-mail. */
  links: LinksConfig;
  /** When the session cookie is `Secure`: `auto` over HTTPS (seen directly, through a trusted proxy, or an https SITE_URL), `always` on every answer. */
  cookieSecure: 'auto' | 'always';
  /** E-mail address of the admin created on the first start, when there are no agents. */
  adminEmail: string;
  /** Days after its last activity that a conversation, its transcript and the customer's e-mail are kept. */
  retentionDays: number;
  /** Outgoing webhooks. */
  webhooks: WebhooksConfig;
  /** The S3-compatible bucket for attachments; unset: the folder `DATA_DIR/attachments`. */
  attachmentsS3: S3StoreConfig | undefined;
}

/** Outgoing webhooks. */
export interface WebhooksConfig {
  /** Allow targets on private, loopback and link-local addresses (normally refused: SSRF). */
  allowPrivate: boolean;
}

/** Rate limits, per client address (and, for sign-in, per address and e-mail). 0 switches one off. */
export interface RateLimits {
  /** Requests to the public API (widget, failed searches) per minute. */
  publicPerMinute: number;
  /** Requests to the agent API per minute. */
  agentPerMinute: number;
  /** Sign-in attempts per address and e-mail address per 15 minutes. */
  loginPer15Minutes: number;
}

/** The signed links in customer e-mail that reopen a conversation (api/conversations/link.ts). */
export interface LinksConfig {
  /** HMAC key; unset: one is generated once and kept in the database (table `server_secrets`). */
  secret: string | undefined;
  /** Days a link works after the e-mail that carried it was written. */
  ttlDays: number;
}

/** Outgoing e-mail. */
export interface MailConfig {
  /** SMTP server URL (nodemailer); unset: messages are written to the log instead. */
  smtpUrl: string | undefined;
  /** Sender of customer e-mail; its mailbox carries the per-ticket reply addresses. */
  from: string;
  /** The SMTP listener for replies (api/inbound/smtp.ts); unset: none. */
  inbound?: InboundSmtpConfig | undefined;
  /** IMAP mailbox polled for replies (api/inbound/imap.ts), e.g. `imaps://user:secret@imap.example/INBOX`; unset: none. */
  imapUrl?: string | undefined;
  /** At most one notice e-mail per agent per this many minutes; what happens in between is collected into it. */
  noticeMinutes?: number;
}

/** The inbound SMTP listener. */
export interface InboundSmtpConfig {
  port: number;
  /** Address to listen on (default: HOST). */
  host: string;
  /** PEM files for STARTTLS; without them the listener speaks plain SMTP only. */
  tls: { keyFile: string; certFile: string } | undefined;
}

/** One environment variable: its schema, default and the words used when it is wrong. */
interface Variable<T> {
  /** Value used when the variable is unset or empty; `undefined` means "stays unset". */
  default: string | undefined;
  /** What a good value looks like, completing "NAME must be …". */
  expected: string;
  /** One line for `.env.example` and the README. */
  description: string;
  schema: z.ZodType<T, string>;
  /** How to quote a bad value back; secrets must not end up in logs. */
  show?: (value: string) => string;
}

function variable<T>(definition: Variable<T>): Variable<T> {
  return definition;
}

const folder = z.string().trim().min(1);

/** A URL of a server: one of `protocols`, with a host name (and a user name when `user`). */
function serverUrl(protocols: readonly string[], { user = false } = {}) {
  return z.string().refine((value) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && url.hostname !== '' && (!user || url.username !== '');
    } catch {
      return false;
    }
  });
}
const count = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** An http(s) URL without credentials, query or fragment (and, unless `path`, without a path), trailing slashes cut. */
function webAddress({ path }: { path: boolean }) {
  return z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          (path || url.pathname === '/') &&
          url.search === '' &&
          url.hash === '' &&
          url.username === '' &&
          url.password === ''
        );
      } catch {
        return false;
      }
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

/**
 * Every variable the server reads, in `.env.example` order. Empty values
 * count as unset, as they do in most `.env` tooling.
 */
export const configVariables = {
  PORT: variable({
    default: '4321',
    expected: 'an integer between 1 and 65535',
    description: 'TCP port of the HTTP server.',
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535)),
  }),
  HOST: variable({
    default: 'localhost',
    expected: 'a host name or IP address, like localhost or 0.0.0.0',
    description: 'Address to listen on; 0.0.0.0 (or ::) accepts other machines.',
    // No scheme, port, path or spaces: those belong to other variables or are typos.
    schema: z.string().regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/),
  }),
  DATA_DIR: variable({
    default: '.data',
    expected: 'a folder path',
    description: 'Folder for local state; the embedded database (PGlite) lives in DATA_DIR/pglite.',
    schema: folder,
  }),
  DATABASE_URL: variable({
    default: undefined,
    expected: 'a postgres:// or postgresql:// URL',
    description: 'PostgreSQL server to use instead of the embedded database (unset: PGlite in DATA_DIR).',
    schema: serverUrl(['postgres:', 'postgresql:']),
    // A database URL usually carries a password: quote no more than its scheme.
    show: (value) => `a value starting with ${JSON.stringify(value.split('//')[0] ?? '')}`,
  }),
  DIST_DIR: variable({
    default: 'dist',
    expected: 'a folder path',
    description: 'Folder of the built site; `npm run build` writes it there too.',
    schema: folder,
  }),
  CONTENT_ROOT: variable({
    default: '.',
    expected: 'a folder path',
    description: 'Folder holding content/ (site settings, articles).',
    schema: folder,
  }),
  LOG_LEVEL: variable({
    default: 'info',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    description: `How much the server logs: ${LOG_LEVELS.join(', ')}.`,
    schema: z.enum(LOG_LEVELS),
  }),
  WEGWIJS_SKIP_BUILD: variable({
    default: '0',
    expected: '1, 0, true or false',
    description: 'Set to 1 to start without rebuilding a stale site (tests, images with a prebuilt dist/).',
    schema: z.enum(['1', '0', 'true', 'false']).transform((value) => value === '1' || value === 'true'),
  }),
  TRUST_PROXY: variable({
    default: '0',
    expected: 'a number of proxies from 0 to 10, true (one) or false (none)',
    description: 'Proxies in front that append to X-Forwarded-For (0: the header is ignored, the socket address counts).',
    schema: z
      .string()
      .regex(/^(?:\d{1,2}|true|false)$/)
      .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value)))
      .pipe(z.number().int().min(0).max(10)),
  }),
  CORS_ORIGINS: variable({
    default: '',
    expected: 'a comma-separated list of origins like https://shop.example',
    description: 'Other sites whose pages may call the public API (the widget on another origin); empty: same origin only.',
    schema: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/))),
  }),
  RATE_LIMIT_PUBLIC_PER_MINUTE: variable({
    default: '600',
    expected: 'a whole number, 0 or more',
    description: 'Requests per minute one client address may make to the public API (widget, failed searches); 0: no limit.',
    schema: count,
  }),
  RATE_LIMIT_AGENT_PER_MINUTE: variable({
    default: '600',
    expected: 'a whole number, 0 or more',
    description: 'Requests per minute one client address may make to the agent API; 0: no limit.',
    schema: count,
  }),
  RATE_LIMIT_LOGIN_PER_15_MINUTES: variable({
    default: '10',
    expected: 'a whole number, 0 or more',
    description: 'Sign-in attempts per 15 minutes for one client address and e-mail address; 0: no limit.',
    schema: count,
  }),
  SESSION_TTL_HOURS: variable({
    default: '12',
    expected: 'a whole number of hours from 1 to 720',
    description: 'Hours an agent stays signed in without using the inbox.',
    schema: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(720)),
  }),
  SMTP_URL: variable({
    default: undefined,
    expected: 'an smtp:// or smtps:// URL',
    description: 'SMTP server for customer e-mail, e.g. smtps://user:secret@smtp.example:465 (unset: e-mail is written to the log).',
    schema: serverUrl(['smtp:', 'smtps:']),
    // Carries a password, like DATABASE_URL.
    show: (value) => `a value starting with ${JSON.stringify(value.split('//')[0] ?? '')}`,
  }),
  MAIL_FROM: variable({
    default: 'Wegwijs <no-reply@localhost>',
    expected: 'an e-mail address, optionally with a name: Name <address>',
    description: 'Sender of customer e-mail.',
    schema: z
      .string()
      .trim()
      .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/),
  }),
  SMTP_INBOUND_PORT: variable({
    default: undefined,
    expected: 'an integer between 1 and 65535',
    description: 'Port of the SMTP listener that takes replies to ticket e-mail from a mail relay (unset: no listener).',
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535)),
  }),
  SMTP_INBOUND_HOST: variable({
    default: undefined,
    expected: 'a host name or IP address, like 0.0.0.0',
    description: 'Address the SMTP listener listens on (unset: the same as HOST).',
    schema: z.string().regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/),
  }),
  SMTP_INBOUND_TLS_KEY: variable({
    default: undefined,
    expected: 'a file path',
    description: 'PEM private key for STARTTLS on the SMTP listener (with SMTP_INBOUND_TLS_CERT; unset: plain SMTP only).',
    schema: folder,
  }),
  SMTP_INBOUND_TLS_CERT: variable({
    default: undefined,
    expected: 'a file path',
    description: 'PEM certificate (chain) for STARTTLS on the SMTP listener (with SMTP_INBOUND_TLS_KEY).',
    schema: folder,
  }),
  IMAP_URL: variable({
    default: undefined,
    expected: 'an imap:// or imaps:// URL, like imaps://user:secret@imap.example/INBOX',
    description: 'Mailbox polled for replies to ticket e-mail (imaps://user:secret@host[:port]/folder; unset: none).',
    schema: serverUrl(['imap:', 'imaps:'], { user: true }),
    // Carries a password, like SMTP_URL.
    show: (value) => `a value starting with ${JSON.stringify(value.split('//')[0] ?? '')}`,
  }),
  AGENT_NOTICE_MINUTES: variable({
    default: '10',
    expected: 'a whole number of minutes from 1 to 1440',
    description:
      'At most one notice e-mail per agent per this many minutes (new tickets, customer replies); what happens in between is collected into the next.',
    schema: z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(1440)),
  }),
  SITE_URL: variable({
    default: undefined,
    expected: 'an http:// or https:// URL without query or fragment, like https://help.shop.example',
    description: 'Public address of the site, for the links in customer e-mail (the satisfaction question); unset: the links are relative.',
    // Without the trailing slash, so `${siteUrl}/nl/…` never doubles it.
    schema: webAddress({ path: true }),
  }),
  LINK_SECRET: variable({
    default: undefined,
    expected: 'at least 32 characters (e.g. the output of openssl rand -base64 32)',
    description:
      'Key that signs the links back to a conversation in customer e-mail; unset: generated once and kept in the database. Changing it makes every earlier link invalid.',
    schema: z.string().trim().min(32),
    // A key: never quoted back.
    show: (value) => `${value.trim().length} characters`,
  }),
  LINK_TTL_DAYS: variable({
    default: '30',
    expected: 'a whole number of days from 1 to 365',
    description: 'Days the link in a customer e-mail reopens the conversation (on any device); later it says it has expired.',
    schema: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(365)),
  }),
  COOKIE_SECURE: variable({
    default: 'auto',
    expected: 'auto or always',
    description:
      'When the session cookie is Secure. auto: when the request came over HTTPS (directly, or per X-Forwarded-Proto from a trusted proxy) or SITE_URL is https; always: on every answer (behind a TLS proxy that TRUST_PROXY does not cover).',
    schema: z.enum(['auto', 'always']),
  }),
  ADMIN_EMAIL: variable({
    default: 'admin@wegwijs.local',
    expected: 'an e-mail address',
    description: 'Sign-in of the admin created (with a generated password, printed once) on the first start, when there are no agents.',
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@]+@[^\s@]+$/),
  }),
  RETENTION_DAYS: variable({
    default: '180',
    expected: 'a whole number of days from 1 to 3650',
    description:
      'Days after their last activity that conversations, transcripts and customer e-mail addresses are kept; then they are deleted (tickets anonymised).',
    schema: z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(3650)),
  }),
  ATTACHMENTS_S3_BUCKET: variable({
    default: undefined,
    expected: 'an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    description: 'S3-compatible bucket for attachments (photos, PDFs) instead of DATA_DIR/attachments; unset: the folder.',
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
  }),
  ATTACHMENTS_S3_REGION: variable({
    default: undefined,
    expected: 'a region name like eu-west-1 (or auto)',
    description: 'Region of the bucket; required for AWS S3, us-east-1 when unset with ATTACHMENTS_S3_ENDPOINT.',
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/),
  }),
  ATTACHMENTS_S3_ENDPOINT: variable({
    default: undefined,
    expected: 'an http:// or https:// URL without path, like https://minio.internal:9000',
    description: 'Server of an S3-compatible service (MinIO, Garage, R2, Ceph…), addressed path-style; unset: AWS S3.',
    schema: webAddress({ path: false }),
  }),
  ATTACHMENTS_S3_ACCESS_KEY_ID: variable({
    default: undefined,
    expected: 'an access key id without spaces',
    description:
      'Access key for the bucket (with ATTACHMENTS_S3_SECRET_ACCESS_KEY); unset: the AWS SDK finds one (AWS_ACCESS_KEY_ID, a profile, an instance role).',
    schema: z
      .string()
      .trim()
      .regex(/^\S{3,128}$/),
    show: (value) => `${value.trim().length} characters`,
  }),
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: variable({
    default: undefined,
    expected: 'a secret key without spaces',
    description: 'Secret of that access key.',
    schema: z
      .string()
      .trim()
      .regex(/^\S{3,256}$/),
    // A secret: never quoted back.
    show: (value) => `${value.trim().length} characters`,
  }),
  WEBHOOKS_ALLOW_PRIVATE: variable({
    default: 'false',
    expected: 'true, false, 1 or 0',
    description: 'Allow webhooks to private, loopback and link-local addresses (refused by default against SSRF).',
    schema: z.enum(['1', '0', 'true', 'false']).transform((value) => value === '1' || value === 'true'),
  }),
} as const;

/** Name of a variable the server reads. */
export type ConfigVariable = keyof typeof configVariables;

/** Thrown by {@link loadConfig}; its message has one line per bad variable, ready to print. */
export class ConfigError extends Error {
  /** One `Wegwijs: NAME must be …` line per bad variable. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Values = { [Name in ConfigVariable]: z.output<(typeof configVariables)[Name]['schema']> | undefined };

/**
 * Reads the configuration from `env`. Pure: no file system, no globals.
 * Relative folders are resolved against `cwd`.
 *
 * @throws {@link ConfigError} naming every bad variable, e.g.
 *   `Wegwijs: PORT must be an integer between 1 and 65535 (got "abc")`.
 * @example
 * const config = loadConfig(process.env, process.cwd());
 * config.port; // 4321 unless PORT says otherwise
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const problems: string[] = [];
  const values: Partial<Record<ConfigVariable, unknown>> = {};
  for (const [name, definition] of Object.entries(configVariables) as [ConfigVariable, Variable<unknown>][]) {
    const given = env[name];
    const raw = given === undefined || given.trim() === '' ? definition.default : given;
    if (raw === undefined) continue;
    const result = definition.schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else problems.push(`Wegwijs: ${name} must be ${definition.expected} (got ${definition.show?.(raw) ?? JSON.stringify(raw)})`);
  }
  if ((env['SMTP_INBOUND_TLS_KEY']?.trim() ? 1 : 0) !== (env['SMTP_INBOUND_TLS_CERT']?.trim() ? 1 : 0))
    problems.push('Wegwijs: SMTP_INBOUND_TLS_KEY and SMTP_INBOUND_TLS_CERT must be set together (STARTTLS needs both)');
  problems.push(...bucketProblems(env));
  if (problems.length > 0) throw new ConfigError(problems);

  // Every variable without a default parsed or threw above, so the casts only restore the types.
  const v = values as Values;
  const dataDir = path.resolve(cwd, v.DATA_DIR as string);
  return {
    port: v.PORT as number,
    host: v.HOST as string,
    dataDir,
    database: v.DATABASE_URL ? { kind: 'postgres', url: v.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    distDir: path.resolve(cwd, v.DIST_DIR as string),
    contentRoot: path.resolve(cwd, v.CONTENT_ROOT as string),
    logLevel: v.LOG_LEVEL as LogLevel,
    skipBuild: v.WEGWIJS_SKIP_BUILD as boolean,
    trustProxy: v.TRUST_PROXY as number,
    corsOrigins: v.CORS_ORIGINS as string[],
    rateLimits: {
      publicPerMinute: v.RATE_LIMIT_PUBLIC_PER_MINUTE as number,
      agentPerMinute: v.RATE_LIMIT_AGENT_PER_MINUTE as number,
      loginPer15Minutes: v.RATE_LIMIT_LOGIN_PER_15_MINUTES as number,
    },
    sessionTtlHours: v.SESSION_TTL_HOURS as number,
    mail: {
      smtpUrl: v.SMTP_URL,
      from: v.MAIL_FROM as string,
      inbound:
        v.SMTP_INBOUND_PORT === undefined
          ? undefined
          : {
              port: v.SMTP_INBOUND_PORT,
              host: v.SMTP_INBOUND_HOST ?? (v.HOST as string),
              tls:
                v.SMTP_INBOUND_TLS_KEY && v.SMTP_INBOUND_TLS_CERT
                  ? { keyFile: path.resolve(cwd, v.SMTP_INBOUND_TLS_KEY), certFile: path.resolve(cwd, v.SMTP_INBOUND_TLS_CERT) }
                  : undefined,
            },
      imapUrl: v.IMAP_URL,
      noticeMinutes: v.AGENT_NOTICE_MINUTES as number,
    },
    siteUrl: v.SITE_URL,
    links: { secret: v.LINK_SECRET, ttlDays: v.LINK_TTL_DAYS as number },
    cookieSecure: v.COOKIE_SECURE as 'auto' | 'always',
    adminEmail: v.ADMIN_EMAIL as string,
    retentionDays: v.RETENTION_DAYS as number,
    webhooks: { allowPrivate: v.WEBHOOKS_ALLOW_PRIVATE as boolean },
    attachmentsS3: v.ATTACHMENTS_S3_BUCKET
      ? {
          bucket: v.ATTACHMENTS_S3_BUCKET,
          // Checked above: unset only with an endpoint, where most compatible servers take any region.
          region: v.ATTACHMENTS_S3_REGION ?? 'us-east-1',
          endpoint: v.ATTACHMENTS_S3_ENDPOINT,
          credentials:
            v.ATTACHMENTS_S3_ACCESS_KEY_ID && v.ATTACHMENTS_S3_SECRET_ACCESS_KEY
              ? { accessKeyId: v.ATTACHMENTS_S3_ACCESS_KEY_ID, secretAccessKey: v.ATTACHMENTS_S3_SECRET_ACCESS_KEY }
              : undefined,
        }
      : undefined,
  };
}

/**
 * The ATTACHMENTS_S3_* variables only make sense together: half a bucket
 * configuration would otherwise quietly keep files in the folder, or fail at
 * a customer's first photo.
 */
function bucketProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  const problems: string[] = [];
  const others = ['ATTACHMENTS_S3_REGION', 'ATTACHMENTS_S3_ENDPOINT', 'ATTACHMENTS_S3_ACCESS_KEY_ID', 'ATTACHMENTS_S3_SECRET_ACCESS_KEY'].filter(set);
  if (!set('ATTACHMENTS_S3_BUCKET')) {
    if (others.length > 0)
      problems.push(
        `Wegwijs: ATTACHMENTS_S3_BUCKET must be set when ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} (the bucket switches the S3 store on; unset them all to keep attachments in DATA_DIR/attachments)`,
      );
    return problems;
  }
  if (set('ATTACHMENTS_S3_ACCESS_KEY_ID') !== set('ATTACHMENTS_S3_SECRET_ACCESS_KEY'))
    problems.push(
      'Wegwijs: ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY must be set together (or neither: the AWS SDK then finds credentials itself)',
    );
  if (!set('ATTACHMENTS_S3_ENDPOINT') && !set('ATTACHMENTS_S3_REGION'))
    problems.push(
      'Wegwijs: ATTACHMENTS_S3_REGION must be set for a bucket on AWS S3, like eu-west-1 (or set ATTACHMENTS_S3_ENDPOINT for another S3-compatible server)',
    );
  return problems;
}
