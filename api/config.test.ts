import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from './config.ts';

const cwd = '/srv/wegwijs';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    expect(loadConfig({}, cwd)).toEqual({
      port: 4321,
      host: 'localhost',
      dataDir: '/srv/wegwijs/.data',
      database: { kind: 'pglite', dataDir: '/srv/wegwijs/.data/pglite' },
      distDir: '/srv/wegwijs/dist',
      contentRoot: '/srv/wegwijs',
      logLevel: 'info',
      skipBuild: false,
      trustProxy: 0,
      corsOrigins: [],
      rateLimits: { publicPerMinute: 600, agentPerMinute: 600, loginPer15Minutes: 10 },
      sessionTtlHours: 12,
      cookieSecure: 'auto',
      mail: { smtpUrl: undefined, from: 'Wegwijs <no-reply@localhost>', inbound: undefined, imapUrl: undefined, noticeMinutes: 10 },
      links: { secret: undefined, ttlDays: 30 },
      adminEmail: 'admin@wegwijs.local',
      retentionDays: 180,
      webhooks: { allowPrivate: false },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/wegwijs',
        DATABASE_URL: 'postgres://wegwijs:secret@db.example:5432/wegwijs',
        DIST_DIR: 'build/site',
        CONTENT_ROOT: '../content-repo',
        LOG_LEVEL: 'debug',
        WEGWIJS_SKIP_BUILD: '1',
        TRUST_PROXY: '2',
        CORS_ORIGINS: 'https://shop.example, http://localhost:3000',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
        RATE_LIMIT_AGENT_PER_MINUTE: '100',
        RATE_LIMIT_LOGIN_PER_15_MINUTES: '5',
        SESSION_TTL_HOURS: '8',
        COOKIE_SECURE: 'always',
        SMTP_URL: 'smtps://mailer:secret@smtp.example:465',
        MAIL_FROM: 'Duinwinkel <klantenservice@duinwinkel.example>',
        SMTP_INBOUND_PORT: '2525',
        SMTP_INBOUND_HOST: '0.0.0.0',
        SMTP_INBOUND_TLS_KEY: 'tls/key.pem',
        SMTP_INBOUND_TLS_CERT: '/etc/ssl/wegwijs.pem',
        IMAP_URL: 'imaps://klantenservice%40duinwinkel.example:geheim@imap.duinwinkel.example/INBOX',
        AGENT_NOTICE_MINUTES: '15',
        LINK_SECRET: 'Zr4vL0nGeNoUgHsEcReTfOrTheLiNkS2026xyz',
        LINK_TTL_DAYS: '14',
        ADMIN_EMAIL: 'Beheer@Duinwinkel.example',
        RETENTION_DAYS: '90',
        WEBHOOKS_ALLOW_PRIVATE: 'true',
      },
      cwd,
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/wegwijs',
      database: { kind: 'postgres', url: 'postgres://wegwijs:secret@db.example:5432/wegwijs' },
      distDir: '/srv/wegwijs/build/site',
      contentRoot: '/srv/content-repo',
      logLevel: 'debug',
      skipBuild: true,
      trustProxy: 2,
      corsOrigins: ['https://shop.example', 'http://localhost:3000'],
      rateLimits: { publicPerMinute: 0, agentPerMinute: 100, loginPer15Minutes: 5 },
      sessionTtlHours: 8,
      cookieSecure: 'always',
      mail: {
        smtpUrl: 'smtps://mailer:secret@smtp.example:465',
        from: 'Duinwinkel <klantenservice@duinwinkel.example>',
        inbound: { port: 2525, host: '0.0.0.0', tls: { keyFile: '/srv/wegwijs/tls/key.pem', certFile: '/etc/ssl/wegwijs.pem' } },
        imapUrl: 'imaps://klantenservice%40duinwinkel.example:geheim@imap.duinwinkel.example/INBOX',
        noticeMinutes: 15,
      },
      links: { secret: 'Zr4vL0nGeNoUgHsEcReTfOrTheLiNkS2026xyz', ttlDays: 14 },
      adminEmail: 'beheer@duinwinkel.example',
      retentionDays: 90,
      webhooks: { allowPrivate: true },
    });
  });

  it('refuses a short LINK_SECRET without quoting it back', () => {
    expect(() => loadConfig({ LINK_SECRET: 'geheimpje' }, cwd)).toThrow(
      'Wegwijs: LINK_SECRET must be at least 32 characters (e.g. the output of openssl rand -base64 32) (got 9 characters)',
    );
  });

  it('treats empty values as unset, as .env files write them', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '  ', WEGWIJS_SKIP_BUILD: '' }, cwd);
    expect(config.port).toBe(4321);
    expect(config.database.kind).toBe('pglite');
    expect(config.skipBuild).toBe(false);
  });

  it.each([
    ['HOST', '::1'],
    ['HOST', 'wegwijs.internal'],
    ['PORT', '1'],
    ['PORT', '65535'],
    ['DATABASE_URL', 'postgresql://localhost/wegwijs'],
    ['WEGWIJS_SKIP_BUILD', 'true'],
    ['TRUST_PROXY', 'true'],
    ['MAIL_FROM', 'no-reply@help.example'],
  ])('accepts %s=%j', (name, value) => {
    expect(() => loadConfig({ [name]: value }, cwd)).not.toThrow();
  });

  it.each([
    ['PORT', 'abc', 'Wegwijs: PORT must be an integer between 1 and 65535 (got "abc")'],
    ['PORT', '0', 'Wegwijs: PORT must be an integer between 1 and 65535 (got "0")'],
    ['PORT', '65536', 'Wegwijs: PORT must be an integer between 1 and 65535 (got "65536")'],
    ['PORT', '80.5', 'Wegwijs: PORT must be an integer between 1 and 65535 (got "80.5")'],
    ['HOST', 'http://localhost', 'Wegwijs: HOST must be a host name or IP address, like localhost or 0.0.0.0 (got "http://localhost")'],
    ['HOST', 'localhost:4321', 'Wegwijs: HOST must be a host name or IP address, like localhost or 0.0.0.0 (got "localhost:4321")'],
    ['LOG_LEVEL', 'verbose', 'Wegwijs: LOG_LEVEL must be one of error, warn, info, debug (got "verbose")'],
    ['WEGWIJS_SKIP_BUILD', 'yes', 'Wegwijs: WEGWIJS_SKIP_BUILD must be 1, 0, true or false (got "yes")'],
    ['DATABASE_URL', 'mysql://root@localhost/db', 'Wegwijs: DATABASE_URL must be a postgres:// or postgresql:// URL (got a value starting with "mysql:")'],
    ['TRUST_PROXY', 'yes', 'Wegwijs: TRUST_PROXY must be a number of proxies from 0 to 10, true (one) or false (none) (got "yes")'],
    ['TRUST_PROXY', '11', 'Wegwijs: TRUST_PROXY must be a number of proxies from 0 to 10, true (one) or false (none) (got "11")'],
    [
      'CORS_ORIGINS',
      'https://shop.example/',
      'Wegwijs: CORS_ORIGINS must be a comma-separated list of origins like https://shop.example (got "https://shop.example/")',
    ],
    ['CORS_ORIGINS', '*', 'Wegwijs: CORS_ORIGINS must be a comma-separated list of origins like https://shop.example (got "*")'],
    ['RATE_LIMIT_PUBLIC_PER_MINUTE', '-1', 'Wegwijs: RATE_LIMIT_PUBLIC_PER_MINUTE must be a whole number, 0 or more (got "-1")'],
    ['SESSION_TTL_HOURS', '0', 'Wegwijs: SESSION_TTL_HOURS must be a whole number of hours from 1 to 720 (got "0")'],
    ['MAIL_FROM', 'Wegwijs', 'Wegwijs: MAIL_FROM must be an e-mail address, optionally with a name: Name <address> (got "Wegwijs")'],
    ['RETENTION_DAYS', '0', 'Wegwijs: RETENTION_DAYS must be a whole number of days from 1 to 3650 (got "0")'],
    ['WEBHOOKS_ALLOW_PRIVATE', 'yes', 'Wegwijs: WEBHOOKS_ALLOW_PRIVATE must be true, false, 1 or 0 (got "yes")'],
    ['SMTP_URL', 'http://smtp.example', 'Wegwijs: SMTP_URL must be an smtp:// or smtps:// URL (got a value starting with "http:")'],
    ['SMTP_INBOUND_PORT', '25a', 'Wegwijs: SMTP_INBOUND_PORT must be an integer between 1 and 65535 (got "25a")'],
    ['SMTP_INBOUND_TLS_KEY', 'key.pem', 'Wegwijs: SMTP_INBOUND_TLS_KEY and SMTP_INBOUND_TLS_CERT must be set together (STARTTLS needs both)'],
    [
      'IMAP_URL',
      'imaps://imap.example/INBOX',
      'Wegwijs: IMAP_URL must be an imap:// or imaps:// URL, like imaps://user:secret@imap.example/INBOX (got a value starting with "imaps:")',
    ],
    ['AGENT_NOTICE_MINUTES', '0', 'Wegwijs: AGENT_NOTICE_MINUTES must be a whole number of minutes from 1 to 1440 (got "0")'],
  ])('rejects %s=%j, naming the variable', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it('never repeats a database password in its message', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'postgres//wegwijs:hunter2@db' });
    expect(problem).toContain('DATABASE_URL');
    expect(problem).not.toContain('hunter2');
  });

  it('never repeats an SMTP password in its message', () => {
    const [problem] = problemsOf({ SMTP_URL: 'smtp//mailer:hunter2@smtp.example' });
    expect(problem).toContain('SMTP_URL');
    expect(problem).not.toContain('hunter2');
  });

  it('never repeats an IMAP password in its message', () => {
    const [problem] = problemsOf({ IMAP_URL: 'imaps//support:hunter2@imap.example' });
    expect(problem).toContain('IMAP_URL');
    expect(problem).not.toContain('hunter2');
  });

  it('reads a bucket for attachments, with or without its own key pair', () => {
    expect(loadConfig({}, cwd).attachmentsS3).toBeUndefined();
    expect(loadConfig({ ATTACHMENTS_S3_BUCKET: 'wegwijs-bijlagen', ATTACHMENTS_S3_REGION: 'eu-west-1' }, cwd).attachmentsS3).toEqual({
      bucket: 'wegwijs-bijlagen',
      region: 'eu-west-1',
      endpoint: undefined,
      credentials: undefined,
    });
    const minio = loadConfig(
      {
        ATTACHMENTS_S3_BUCKET: 'bijlagen',
        ATTACHMENTS_S3_ENDPOINT: 'http://minio.internal:9000/',
        ATTACHMENTS_S3_ACCESS_KEY_ID: 'wegwijs',
        ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'hunter2hunter2',
      },
      cwd,
    );
    expect(minio.attachmentsS3).toEqual({
      bucket: 'bijlagen',
      region: 'us-east-1',
      endpoint: 'http://minio.internal:9000',
      credentials: { accessKeyId: 'wegwijs', secretAccessKey: 'hunter2hunter2' },
    });
  });

  it.each([
    [
      { ATTACHMENTS_S3_ENDPOINT: 'http://minio.internal:9000' },
      'Wegwijs: ATTACHMENTS_S3_BUCKET must be set when ATTACHMENTS_S3_ENDPOINT is (the bucket switches the S3 store on; unset them all to keep attachments in DATA_DIR/attachments)',
    ],
    [
      { ATTACHMENTS_S3_ACCESS_KEY_ID: 'abc', ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'def' },
      'Wegwijs: ATTACHMENTS_S3_BUCKET must be set when ATTACHMENTS_S3_ACCESS_KEY_ID, ATTACHMENTS_S3_SECRET_ACCESS_KEY are (the bucket switches the S3 store on; unset them all to keep attachments in DATA_DIR/attachments)',
    ],
    [
      { ATTACHMENTS_S3_BUCKET: 'bijlagen', ATTACHMENTS_S3_ENDPOINT: 'http://minio.internal:9000', ATTACHMENTS_S3_ACCESS_KEY_ID: 'wegwijs' },
      'Wegwijs: ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY must be set together (or neither: the AWS SDK then finds credentials itself)',
    ],
    [
      { ATTACHMENTS_S3_BUCKET: 'bijlagen' },
      'Wegwijs: ATTACHMENTS_S3_REGION must be set for a bucket on AWS S3, like eu-west-1 (or set ATTACHMENTS_S3_ENDPOINT for another S3-compatible server)',
    ],
    [
      { ATTACHMENTS_S3_BUCKET: 'Bijlagen_2026', ATTACHMENTS_S3_REGION: 'eu-west-1' },
      'Wegwijs: ATTACHMENTS_S3_BUCKET must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens (got "Bijlagen_2026")',
    ],
    [
      { ATTACHMENTS_S3_BUCKET: 'bijlagen', ATTACHMENTS_S3_ENDPOINT: 'minio.internal:9000' },
      'Wegwijs: ATTACHMENTS_S3_ENDPOINT must be an http:// or https:// URL without path, like https://minio.internal:9000 (got "minio.internal:9000")',
    ],
  ])('refuses half a bucket configuration: %j', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('never repeats the bucket secret in its message', () => {
    const problems = problemsOf({
      ATTACHMENTS_S3_BUCKET: 'bijlagen',
      ATTACHMENTS_S3_REGION: 'eu-west-1',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'AKIAVOORBEELD',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'zeer geheim',
    });
    expect(problems).toEqual(['Wegwijs: ATTACHMENTS_S3_SECRET_ACCESS_KEY must be a secret key without spaces (got 11 characters)']);
  });

  it('lists every bad variable at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' }, cwd);
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message.split('\n')).toEqual([
      'Wegwijs: PORT must be an integer between 1 and 65535 (got "x")',
      'Wegwijs: LOG_LEVEL must be one of error, warn, info, debug (got "loud")',
    ]);
  });
});

describe('.env.example', () => {
  const example = readFileSync(path.resolve(import.meta.dirname, '../.env.example'), 'utf8');

  it.each(Object.entries(configVariables))('lists %s with its default', (name, variable) => {
    const line = example.split('\n').find((l) => l.replace(/^#\s*/, '').startsWith(`${name}=`));
    expect(line, `${name} is missing from .env.example`).toBeDefined();
    expect(line?.replace(/^#\s*/, '')).toBe(`${name}=${variable.default ?? ''}`);
  });

  it('holds values loadConfig accepts', () => {
    const env = Object.fromEntries(
      example
        .split('\n')
        .map((l) => l.replace(/^#\s*/, ''))
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(env, cwd)).not.toThrow();
  });
});
