/**
 * `npm start`: one process that serves the built site and `/api`.
 *
 * 1. Reads the configuration (a bad variable stops here, exit code 1).
 * 2. Builds the site when the build is missing or older than its sources
 *    (skipped with `WEGWIJS_SKIP_BUILD=1`).
 * 3. Opens the database and applies pending migrations; on the very first
 *    start (no agents yet) creates an admin and prints its password once.
 * 4. Listens; SIGINT or SIGTERM stops accepting connections, lets requests
 *    in flight finish (at most {@link SHUTDOWN_TIMEOUT_MS}), closes the
 *    database and exits 0.
 *
 * Several copies run side by side when each has its own PORT and DATA_DIR.
 */
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync, type Stats, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { DEFAULT_COST, type ScryptCost } from './agents/password.ts';
import { ensureFirstAdmin } from './agents/service.ts';
import { attachmentSweepJob } from './attachments/service.ts';
import { attachmentStoreOf } from './attachments/store.ts';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDatabase, type Database, type DatabaseTarget } from './db/database.ts';
import { createLogger, type Logger } from './log.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { startMailWorker } from './mail/outbox.ts';
import { signingKey } from './http/signed.ts';
import { startMaintenance } from './maintenance.ts';
import type { ImapPoller } from './inbound/imap.ts';
import type { InboundSmtp } from './inbound/smtp.ts';
import { contentModelCompiler, liveModels } from './phrasings/live-model.ts';
import { readSiteLocales } from './site-settings.ts';
import { retentionJob } from './privacy/retention.ts';
import { reportRollupJob } from './reports/rollup.ts';
import { digestJob } from './webhooks/digest.ts';
import { startDeliveryWorker } from './webhooks/worker.ts';

/** The repository: where `core/`, `site/`, `astro.config.mjs` and `node_modules/` are. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** Longest wait for requests in flight when stopping, in ms. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Newest modification time (ms) of the files under `paths` (files or
 * folders, searched recursively); 0 when none exist. Tests and test fixtures
 * are skipped: they cannot change the build.
 */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    let stats: Stats;
    try {
      stats = statSync(entry);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(entry)) {
        if (name === 'node_modules' || name === 'fixtures' || name.endsWith('.test.ts')) continue;
        visit(path.join(entry, name));
      }
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** What the build depends on, for {@link isBuildStale}. */
export function buildSources(config: Pick<Config, 'contentRoot'>, repoRoot = REPO_ROOT): string[] {
  return [path.join(config.contentRoot, 'content'), path.join(repoRoot, 'core'), path.join(repoRoot, 'site'), path.join(repoRoot, 'astro.config.mjs')];
}

/**
 * Whether the site must be (re)built: `<distDir>/index.html` is missing or
 * older than the newest file in `sources`.
 *
 * @example isBuildStale('/srv/dist', buildSources(config)) // true on a fresh clone
 */
export function isBuildStale(distDir: string, sources: readonly string[]): boolean {
  let built: number;
  try {
    built = statSync(path.join(distDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources) > built;
}

/**
 * Runs `astro build` into `config.distDir`, its output shown as it comes.
 *
 * @throws Error naming the exit code when the build fails.
 */
export function buildSite(config: Pick<Config, 'distDir' | 'contentRoot'>, repoRoot = REPO_ROOT): Promise<void> {
  // The astro binary through this Node, not `npx`: same program, no PATH lookup, no npm start-up.
  const astro = path.join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(process.execPath, [astro, 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // astro.config.mjs reads DIST_DIR, the content loader CONTENT_ROOT: the build lands where the server looks.
    env: { ...process.env, DIST_DIR: config.distDir, CONTENT_ROOT: config.contentRoot },
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`Wegwijs: could not run astro build: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `Wegwijs: building the site failed (astro build ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}); see its output above`,
          ),
        );
    });
  });
}

/**
 * The addresses to listen on for `host`. An IP address is itself; a name is
 * every address it resolves to, so `localhost` answers on 127.0.0.1 and ::1
 * alike (Node would otherwise take only the first, and which one comes first
 * differs between machines).
 */
export async function listenAddresses(host: string): Promise<string[]> {
  if (isIP(host) !== 0) return [host];
  const found = await lookup(host, { all: true });
  return [...new Set(found.map((entry) => entry.address))];
}

/** Listening HTTP servers that stop together. */
export interface Listener {
  servers: Server[];
  /** Addresses that could not be used, with the reason (e.g. ::1 on a machine without IPv6). */
  skipped: string[];
  /** Stops accepting, waits for requests in flight (at most `timeoutMs`), resolves when every server is closed. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Serves `fetch` on `port` at each of `addresses` (see {@link listenAddresses}).
 *
 * @throws Error saying which port is taken, or why no address could be used.
 */
export async function listen(fetch: (request: Request) => Response | Promise<Response>, addresses: readonly string[], port: number): Promise<Listener> {
  const handler = getRequestListener(fetch);
  const servers: Server[] = [];
  const failures: string[] = [];
  for (const address of addresses) {
    const server = createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
        throw new Error(`Wegwijs: port ${port} is already in use on ${address}; set PORT to a free port`);
      }
      // One family missing (a machine without IPv6) is fine while another address works.
      failures.push(`${address}: ${(error as Error).message}`);
    }
  }
  if (servers.length === 0) throw new Error(`Wegwijs: cannot listen on port ${port} (${failures.join('; ')})`);
  return {
    servers,
    skipped: failures,
    close: (timeoutMs = SHUTDOWN_TIMEOUT_MS) => Promise.all(servers.map((server) => closeGracefully(server, timeoutMs))).then(() => {}),
  };
}

function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive connections that finish their request go idle; close them as they do.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The URL people should open, for the start-up line: `localhost` when listening on every address. */
export function publicUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** What is printed once when the first start created an admin. */
export function firstAdminNotice(admin: { email: string; password: string }, url: string): string {
  return [
    '',
    'Wegwijs: there were no agents yet, so an admin was created. Sign in to the inbox at',
    `  ${url}/agent/`,
    `  e-mail:   ${admin.email}`,
    `  password: ${admin.password}`,
    'This password is shown only now. Add agents with',
    '  npm run -s agents -- add --email <e-mail> --name <name> --role agent',
    'and change this password with: npm run -s agents -- password --email ' + admin.email,
    '',
    '',
  ].join('\n');
}

/** A running server, for tests and for the signal handlers. */
export interface Running {
  config: Config;
  database: Database;
  listener: Listener;
  /** Graceful stop: no new connections, requests in flight finish, the database closes. */
  stop(): Promise<void>;
}

/** What a caller other than `npm start` may hand to {@link start}. */
export interface StartOptions {
  /**
   * A migrated PGlite database (a `dumpDataDir()` tarball) to create the
   * embedded database from, when DATA_DIR holds none yet: tests start their
   * servers from one instead of running initdb and every migration.
   */
  pgliteDump?: Blob;
  /**
   * Keeps the embedded database in memory instead of `<DATA_DIR>/pglite`
   * (test servers, which never restart on it: writing the 40 MB dump to disk
   * and deleting it again cost each browser test file seconds).
   */
  pgliteInMemory?: boolean;
  /**
   * The scrypt cost of the first admin's password hash. Unset (as `npm
   * start` leaves it): {@link DEFAULT_COST}. Test servers pass a cheap one:
   * each starts on an empty database, and a production hash is a few
   * hundred ms of CPU per test file.
   */
  passwordCost?: ScryptCost;
  /**
   * How often the live assistant looks for newly approved phrasings, in ms.
   * Unset: every 10 s (`CHECK_EVERY_MS`, api/phrasings/live-model.ts). Test
   * servers look every half second: a browser test of an approval need not
   * wait out the production interval.
   */
  liveModelCheckMs?: number;
}

/**
 * Starts Wegwijs from environment variables `env`, relative folders resolved
 * against `cwd`. Throws {@link ConfigError} or an `Error` whose message is
 * meant for the person starting it.
 */
export async function start(env: NodeJS.ProcessEnv, cwd: string, logger?: Logger, options: StartOptions = {}): Promise<Running> {
  const startedAt = performance.now();
  const config = loadConfig(env, cwd);
  const log = logger ?? createLogger(config.logLevel);

  if (!config.skipBuild && isBuildStale(config.distDir, buildSources(config))) {
    const shown = path.relative(cwd, config.distDir);
    log.info(`Wegwijs: building the site into ${shown && !shown.startsWith('..') ? shown : config.distDir} (it is missing or older than content/ and site/)`);
    await buildSite(config);
  }

  const target: DatabaseTarget = options.pgliteInMemory && config.database.kind === 'pglite' ? { ...config.database, dataDir: null } : config.database;
  // A dump only seeds a database that does not exist yet (PGlite refuses to load one over another).
  const empty = target.kind === 'pglite' && (target.dataDir === null || !existsSync(path.join(target.dataDir, 'PG_VERSION')));
  const database = await createDatabase(empty && options.pgliteDump ? { ...target, loadDataDir: options.pgliteDump } : target);
  const links = { key: signingKey(database.db, config.links.secret), ttlDays: config.links.ttlDays };
  const mailInbound = config.mail.inbound !== undefined || config.mail.imapUrl !== undefined;
  const attachments = await attachmentStoreOf(config);
  const receiveSettings = { key: links.key, from: config.mail.from, defaultLocale: readSiteLocales(config.contentRoot).defaultLocale, attachments };
  let listener: Listener | undefined;
  let inboundSmtp: InboundSmtp | undefined;
  let firstAdmin: { email: string; password: string } | null;
  let mailer: Mailer | undefined;
  try {
    mailer = await createMailer(config.mail, log);
    // A wrong bucket, key or endpoint stops the start here, not at a customer's first photo.
    await attachments.ready?.();
    await database.migrate().catch((error: unknown) => {
      // The driver's words (ECONNREFUSED, authentication failed…) say what to fix; the URL, with its password, stays out.
      throw new Error(`Wegwijs: could not prepare the ${database.kind} database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    firstAdmin = await ensureFirstAdmin(database.db, config.adminEmail, options.passwordCost ?? DEFAULT_COST);
    const models =
      options.liveModelCheckMs === undefined
        ? undefined
        : liveModels(database.db, contentModelCompiler(config.contentRoot), Date.now, options.liveModelCheckMs);
    const app = createApp({ config, database, logger: log, mailer, mailInbound, attachments, liveModels: models });
    listener = await listen(app.fetch, await listenAddresses(config.host), config.port);
    // Replies by e-mail (api/inbound): a listener for a mail relay, when SMTP_INBOUND_PORT is set.
    // Loaded only when configured: without the mail variables `npm start` loads no mail parser or server.
    if (config.mail.inbound) {
      const { readTlsFiles, startInboundSmtp } = await import('./inbound/smtp.ts');
      inboundSmtp = await startInboundSmtp({
        ...receiveSettings,
        db: database.db,
        logger: log,
        port: config.mail.inbound.port,
        host: config.mail.inbound.host,
        tls: readTlsFiles(config.mail.inbound.tls),
      });
    }
  } catch (error) {
    await listener?.close();
    mailer?.close();
    attachments.close?.();
    await database.close();
    throw error;
  }
  const openMailer = mailer;
  // …and a polled mailbox, when IMAP_URL is set.
  let imapPoller: ImapPoller | undefined;
  if (config.mail.imapUrl) {
    const { imapTarget, startImapPoller } = await import('./inbound/imap.ts');
    imapPoller = startImapPoller({ ...receiveSettings, db: database.db, logger: log, url: config.mail.imapUrl });
    log.info(`Wegwijs polls ${imapTarget(config.mail.imapUrl).host} for replies by e-mail`);
  }
  // Every process sweeps, checks the daily jobs and sends webhooks; the database decides who does what.
  const stopMaintenance = startMaintenance(database.db, log, {
    jobs: [retentionJob(config.retentionDays, attachments), digestJob, reportRollupJob, attachmentSweepJob(attachments)],
  });
  const webhookWorker = startDeliveryWorker(database.db, log, { allowPrivate: config.webhooks.allowPrivate });
  // E-mail left in the outbox (a failed attempt, or a process that stopped after the commit) and agents' notices go out from here.
  const mailWorker = startMailWorker(
    database.db,
    openMailer,
    { from: config.mail.from, links, siteUrl: config.siteUrl, inbound: mailInbound, noticeMinutes: config.mail.noticeMinutes },
    log,
  );
  void mailWorker.runOnce();
  for (const skipped of listener.skipped) log.warn(`not listening on ${skipped}`);
  log.debug(
    `started in ${Math.round(performance.now() - startedAt)} ms (database: ${database.kind}, e-mail: ${openMailer.kind === 'smtp' ? 'SMTP' : 'written to the log'})`,
  );
  if (inboundSmtp && config.mail.inbound) log.info(`Wegwijs takes replies by e-mail over SMTP on ${config.mail.inbound.host}:${inboundSmtp.port}`);
  log.info(`Wegwijs is running at ${publicUrl(config.host, config.port)}`);
  if (firstAdmin) {
    // A credential, not a log line: printed whatever LOG_LEVEL says, and only this once.
    process.stdout.write(firstAdminNotice(firstAdmin, publicUrl(config.host, config.port)));
  }

  const openListener = listener;
  const openInbound = inboundSmtp;
  const openPoller = imapPoller;
  return {
    config,
    database,
    listener: openListener,
    async stop() {
      stopMaintenance();
      await openListener.close();
      await openInbound?.close();
      await openPoller?.stop();
      await webhookWorker.stop();
      await mailWorker.stop();
      openMailer.close();
      attachments.close?.();
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  let running: Running;
  try {
    running = await start(process.env, process.cwd());
  } catch (error) {
    // Our own errors are sentences for the person at the terminal; anything else keeps its stack.
    const ours = error instanceof ConfigError || (error instanceof Error && error.message.startsWith('Wegwijs:'));
    console.error(ours ? (error as Error).message : error);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(1);
    }
    stopping = true;
    console.log(`Wegwijs is stopping (${signal})…`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run only as the entry point (`node api/start.ts`), not when a test imports the pieces.
if (process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  await main();
}
