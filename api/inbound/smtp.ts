/**
 * The SMTP listener for customers' replies (`SMTP_INBOUND_PORT`), run inside
 * the server process: a mail relay (the shop's mail server, Postfix, a
 * hosted inbound service) delivers to it what customers send to the ticket
 * reply addresses. Plain SMTP (RFC 5321) without AUTH: it is a final
 * destination, not a relay, so it accepts a recipient only when it is
 * MAIL_FROM's own mailbox or one of its signed reply addresses, and answers
 * every other RCPT with 550 (5.7.1) before any data is sent. STARTTLS is
 * offered when a key and certificate are configured, never required.
 *
 * A message is answered 250 only once it is stored (or recognised as a
 * duplicate or an automatic message, which are dropped on purpose); a
 * database failure answers 451, so the relay tries again later and nothing
 * is lost.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { mailboxOf, ticketOfReplyAddress } from '../mail/reply-address.ts';
import { parseInbound } from './parse.ts';
import { receive, type ReceiveOutcome, type ReceiveSettings } from './receive.ts';

/** Largest message taken, in bytes (SIZE, RFC 1870): five 10 MB attachments in base64 and the text. */
export const INBOUND_MAX_BYTES = 70 * 1024 * 1024;

/** Most recipients of one message: a reply goes to one ticket. */
const MAX_RECIPIENTS = 10;

/** What the listener needs. */
export interface InboundSmtpOptions extends ReceiveSettings {
  db: Db;
  logger: Logger;
  port: number;
  host: string;
  /** PEM key and certificate for STARTTLS; without them STARTTLS is not offered. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** Largest message in bytes. Default {@link INBOUND_MAX_BYTES}. */
  maxBytes?: number;
  /** Told about each message taken (tests). */
  onReceived?: (outcome: ReceiveOutcome) => void;
}

/** A running listener. */
export interface InboundSmtp {
  /** The port it listens on (the configured one, or the one the system chose for 0). */
  port: number;
  close(): Promise<void>;
}

/** An SMTP error answer: `code` is the reply code, the message starts with its enhanced status code (RFC 3463). */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Reads the PEM files of `SMTP_INBOUND_TLS_KEY`/`_CERT`, with a message naming the file that cannot be read. */
export function readTlsFiles(tls: { keyFile: string; certFile: string } | undefined): { key: Buffer; cert: Buffer } | undefined {
  if (!tls) return undefined;
  const read = (file: string, name: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`Wegwijs: cannot read ${name} (${file}): ${(error as Error).message}`);
    }
  };
  return { key: read(tls.keyFile, 'SMTP_INBOUND_TLS_KEY'), cert: read(tls.certFile, 'SMTP_INBOUND_TLS_CERT') };
}

/**
 * Starts the listener on `options.host`:`options.port`.
 *
 * @throws Error naming the port when it is taken.
 * @example const smtp = await startInboundSmtp({ db, logger, port: 2525, host: '127.0.0.1', key, from, defaultLocale: 'nl' });
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { db, logger } = options;
  const maxBytes = options.maxBytes ?? INBOUND_MAX_BYTES;
  const own = mailboxOf(options.from);
  const ownAddress = `${own.local}@${own.domain}`.toLowerCase();

  const isOurs = async (address: string): Promise<boolean> => {
    const lower = address.trim().toLowerCase();
    return lower === ownAddress || ticketOfReplyAddress(await options.key(), options.from, lower) !== null;
  };

  const server = new SMTPServer({
    name: own.domain,
    banner: 'Wegwijs',
    size: maxBytes,
    // A destination, not a relay: nobody signs in, nothing is sent on.
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !options.tls,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disableReverseLookup: true,
    maxClients: 50,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, '4.5.3 Too many recipients'));
      isOurs(address.address).then(
        (ours) => callback(ours ? null : smtpError(550, `5.7.1 <${address.address}>: relay access denied; this server takes only replies to Wegwijs tickets`)),
        (error: unknown) => {
          logger.warn(`inbound SMTP: checking a recipient failed: ${error instanceof Error ? error.message : String(error)}`);
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is only counted, not kept in memory.
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) return callback(smtpError(552, `5.3.4 Message too big; the limit is ${maxBytes} bytes`));
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        parseInbound(Buffer.concat(chunks))
          .then((mail) => receive(db, mail, { channel: 'smtp', recipients, envelopeFrom }, options))
          .then(
            (outcome) => {
              options.onReceived?.(outcome);
              if (outcome.kind === 'stored') logger.info(`inbound SMTP: stored in ${outcome.number} (${outcome.matchedBy})`);
              else logger.debug(`inbound SMTP: ${outcome.kind === 'duplicate' ? 'already stored' : `not stored: ${outcome.reason}`}`);
              callback(
                null,
                outcome.kind === 'stored'
                  ? `2.0.0 Stored in ${outcome.number}`
                  : outcome.kind === 'duplicate'
                    ? '2.0.0 Already stored'
                    : '2.0.0 Accepted (automatic message, not stored)',
              );
            },
            (error: unknown) => {
              logger.warn(`inbound SMTP: storing a message failed: ${error instanceof Error ? error.message : String(error)}`);
              callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
            },
          );
      });
    },
  });
  server.on('error', (error) => logger.warn(`inbound SMTP: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Wegwijs: SMTP_INBOUND_PORT ${options.port} is already in use on ${options.host}`) : error);
    };
    server.server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.server.off('error', fail);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
