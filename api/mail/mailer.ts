/**
 * Outgoing e-mail: through an SMTP server (nodemailer) when `SMTP_URL` is
 * set, otherwise written to the log, so a development setup shows what would
 * have been sent. Always plain text: customer and agent text is never
 * interpreted as HTML.
 */
import type { MailConfig } from '../config.ts';
import { oneLine, type Logger } from '../log.ts';

/** One e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text body. */
  text: string;
  /** Threading (RFC 5322, 3.6.4): this message's `<id@domain>`, the one it answers and the whole chain, so mail clients keep a ticket in one thread. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Where the customer's answer should go: the ticket's own reply address. */
  replyTo?: string;
  /** `auto-generated` for notices no person wrote (RFC 3834), so vacation replies do not answer them. */
  autoSubmitted?: 'auto-generated';
}

/** Something that sends e-mail; tests pass their own. */
export interface Mailer {
  /** How mail leaves: `smtp` or `log`. */
  readonly kind: 'smtp' | 'log';
  /** Sends `message`; rejects when the SMTP server refuses it. */
  send(message: MailMessage): Promise<void>;
  /** Closes SMTP connections. */
  close(): void;
}

/** A mailer that writes each e-mail to `logger` (at info) instead of sending it. */
export function logMailer(logger: Logger): Mailer {
  return {
    kind: 'log',
    async send(message) {
      // To and Subject can hold a customer's name: escaped, so CR/LF in it cannot forge log lines; the body is indented for the same reason.
      const body = message.text
        .split(/\r\n|\r|\n/)
        .map((line) => `  | ${line}`)
        .join('\n');
      const replyTo = message.replyTo ? `  Reply-To: ${oneLine(message.replyTo)}\n` : '';
      logger.info(`mail not sent (SMTP_URL is not set):\n  To: ${oneLine(message.to)}\n${replyTo}  Subject: ${oneLine(message.subject)}\n${body}\n`);
    },
    close() {},
  };
}

/**
 * Creates the mailer `config` describes. nodemailer is loaded only when
 * there is an SMTP server to talk to.
 *
 * @example
 * const mailer = await createMailer({ smtpUrl: undefined, from: 'Wegwijs <no-reply@localhost>' }, logger);
 * await mailer.send({ to: 'jan@example.nl', subject: 'Hallo', text: 'Tekst' }); // logged
 */
export async function createMailer(config: MailConfig, logger: Logger): Promise<Mailer> {
  if (config.smtpUrl === undefined) return logMailer(logger);
  const { createTransport } = await import('nodemailer');
  const transport = createTransport(config.smtpUrl);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { messageId: message.messageId } : {}),
        ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
        ...(message.references?.length ? { references: message.references } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.autoSubmitted ? { headers: { 'Auto-Submitted': message.autoSubmitted } } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
