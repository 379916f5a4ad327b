/**
 * Polling a mailbox for customers' replies (`IMAP_URL`), for teams whose mail
 * lives with a hosted provider and who cannot point a relay at the SMTP
 * listener. Every few seconds, and as soon as the server says in IDLE that a
 * message arrived, the unseen messages of the folder are read, each handed
 * to {@link receiveFromMailbox} (the same parsing and matching as the SMTP
 * listener) and then marked \Seen. A message whose storing fails stays unseen
 * and is tried again next round; one stored twice (two processes polling the
 * same mailbox, a crash before the \Seen flag) is recognised by its
 * Message-ID.
 *
 * The loop (this file's {@link startImapPoller}) is kept apart from what is
 * done with each message ({@link receiveFromMailbox}), which is tested on
 * real-looking .eml files from common clients (imap.test.ts); the loop runs
 * against an IMAP server in the test process (imap-server.test.ts).
 */
import { ImapFlow } from 'imapflow';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { backoffDelayMs } from '#core/util/backoff.ts';
import { parseInbound } from './parse.ts';
import { receive, type ReceiveOutcome, type ReceiveSettings } from './receive.ts';

/** Seconds between polls; IDLE usually brings a message sooner. */
export const IMAP_POLL_MS = 5_000;

/** Messages fetched per round trip. */
const BATCH = 20;

/**
 * What happens to one message read from the mailbox: parsed and received
 * like one from the SMTP listener, its recipients taken from its own
 * headers (IMAP has no envelope; the reply address is in To, Cc or
 * Delivered-To).
 */
export async function receiveFromMailbox(db: Db, raw: Buffer, settings: ReceiveSettings): Promise<ReceiveOutcome> {
  const mail = await parseInbound(raw);
  return receive(db, mail, { channel: 'imap', recipients: mail.headerRecipients }, settings);
}

/** Where to connect, from `IMAP_URL` (`imaps://user:secret@host[:port]/folder`). */
export function imapTarget(url: string): { host: string; port: number; secure: boolean; user: string; pass: string; folder: string } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  const folder = decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
    folder,
  };
}

/** What the poller needs. */
export interface ImapPollerOptions extends ReceiveSettings {
  db: Db;
  logger: Logger;
  url: string;
  /** Milliseconds between polls. Default {@link IMAP_POLL_MS}. */
  intervalMs?: number;
}

/** A running poller. */
export interface ImapPoller {
  /** One round now (tests); resolves to the number of messages handled. */
  pollOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts polling `options.url`. Connection failures are logged and retried
 * with backoff (up to a minute); they never stop the server.
 */
export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const { db, logger } = options;
  const target = imapTarget(options.url);
  const intervalMs = options.intervalMs ?? IMAP_POLL_MS;
  let client: ImapFlow | null = null;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const connect = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    const next = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.pass },
      logger: false,
      // IDLE a second after each round: imapflow's default (15 s) never comes between polls 5 s apart, and
      // servers tell of a new message (EXISTS) at once only to a connection in IDLE (found against a real server).
      autoIdleDelay: 1_000,
    });
    next.on('error', (error: Error) => logger.warn(`IMAP: ${error.message}`));
    // IDLE tells at once that a message arrived.
    next.on('exists', () => void round());
    await next.connect();
    await next.mailboxOpen(target.folder);
    client = next;
    return next;
  };

  const poll = async (): Promise<number> => {
    const imap = await connect();
    const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
    let handled = 0;
    for (let start = 0; start < unseen.length && !stopped; start += BATCH) {
      const batch = unseen.slice(start, start + BATCH);
      // Fetched first, handled after: no other IMAP command may run inside a FETCH.
      const fetched = await imap.fetchAll(batch, { uid: true, source: true }, { uid: true });
      for (const message of fetched) {
        if (!message.source) continue;
        const outcome = await receiveFromMailbox(db, message.source, options);
        if (outcome.kind === 'stored') logger.info(`IMAP: stored in ${outcome.number} (${outcome.matchedBy})`);
        // imapflow answers false rather than throwing when the connection is gone: end the round, reconnect;
        // the message is read again then and recognised by its Message-ID (stored once, flagged then).
        if (!(await imap.messageFlagsAdd([message.uid], ['\\Seen'], { uid: true }))) throw new Error(`could not mark message ${message.uid} \\Seen`);
        handled++;
      }
    }
    return handled;
  };

  const round = (): Promise<number> => {
    const next = running.then(poll).then(
      (handled) => {
        failures = 0;
        return handled;
      },
      (error: unknown) => {
        failures++;
        logger.warn(`IMAP: polling ${target.host} failed: ${error instanceof Error ? error.message : String(error)}`);
        client?.close();
        client = null;
        return 0;
      },
    );
    running = next;
    return next;
  };

  const schedule = () => {
    if (stopped) return;
    const delay = failures === 0 ? intervalMs : backoffDelayMs(failures, intervalMs, 60_000);
    timer = setTimeout(() => void round().then(schedule), delay);
    timer.unref();
  };
  void round().then(schedule);

  return {
    pollOnce: round,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await client?.logout().catch(() => client?.close());
      client = null;
    },
  };
}
