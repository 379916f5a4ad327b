/**
 * The durable e-mail outbox. A reply or a solved ticket writes its e-mail
 * into `mail_outbox` in the same transaction (enqueueMail), so nothing is
 * lost when the process dies after the commit; a worker sends it afterwards.
 * Every API process runs one; they share the work through the database, as
 * the webhook worker does: due rows are claimed with `for update skip
 * locked` and leased for the length of a send. A failed send is retried
 * with backoff (1 minute doubling to 6 hours, jittered); after
 * {@link MAX_MAIL_ATTEMPTS} the row is `failed` and the ticket gets a
 * `mail_failed` event, so agents see that the customer was not told.
 *
 * Agents' notices travel the same way: each round first turns waiting
 * notices into digest rows (`kind` notice, `agent_id` set, no ticket;
 * api/notices/digest.ts), whose text is written when they are sent.
 *
 * The Message-ID is fixed at the first attempt and kept for every retry, so
 * a process that dies after the SMTP server took the message but before it
 * was marked sent resends the same message, which mail servers and clients
 * recognise as one (delivery is at least once, identified exactly once).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import type { MAIL_KINDS } from '../db/tables.ts';
import type { Logger } from '../log.ts';
import type { LinkSigner } from '../conversations/link.ts';
import { conversationLink, replyMail, solvedMail } from '../tickets/notifications.ts';
import type { ReplyNotification } from '../tickets/agent-reply.ts';
import type { SolvedNotification } from '../tickets/change.ts';
import { backoffDelayMs } from '#core/util/backoff.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { mailboxOf, replyAddress } from './reply-address.ts';
import { digestNotices, NOTICE_MINUTES, noticeMailOf } from '../notices/digest.ts';

/** What an e-mail to a customer is about, with what it says (agents' notices are written by api/notices/digest.ts). */
export type OutgoingMail = { kind: 'reply'; notification: ReplyNotification } | { kind: 'solved'; notification: SolvedNotification };

/** Attempts before an e-mail is given up on: about a day with the default delays. */
export const MAX_MAIL_ATTEMPTS = 10;

/** What composing and sending need. */
export interface MailSettings {
  /** MAIL_FROM: its domain names the Message-IDs, its mailbox carries the reply addresses. */
  from: string;
  links: LinkSigner;
  siteUrl: string | undefined;
  /** Whether replies to the e-mail reach Wegwijs (an inbound listener or mailbox is configured). */
  inbound?: boolean;
  /** AGENT_NOTICE_MINUTES: at most one notice e-mail per agent per this many minutes (api/notices). Default 10. */
  noticeMinutes?: number;
}

/** Retry behaviour; every field has a default. */
export interface MailRetryOptions {
  maxAttempts?: number;
  /** Delay before the first retry. Default 60 000 ms. */
  baseDelayMs?: number;
  /** Longest delay. Default 6 hours. */
  maxDelayMs?: number;
  batchSize?: number;
  /** How long a claimed row stays invisible to other workers. Default 2 minutes (nodemailer's own timeouts are shorter). */
  leaseMs?: number;
}

/** Writes `mail` for `ticketId` into the outbox, in the caller's transaction. */
export async function enqueueMail(tx: Executor, ticketId: string, mail: OutgoingMail): Promise<void> {
  await tx.execute(
    sql`insert into mail_outbox (ticket_id, kind, payload) values (${ticketId}::uuid, ${mail.kind}, ${JSON.stringify(mail.notification)}::jsonb)`,
  );
}

/** A row claimed for sending. */
interface ClaimedMail {
  id: number;
  /** Null for an agent's digest of notices. */
  ticket_id: string | null;
  kind: (typeof MAIL_KINDS)[number];
  payload: unknown;
  message_id: string;
  attempts: number;
  /** Message-IDs of the ticket's earlier e-mails, oldest first. */
  earlier: string[] | null;
}

/** The ticket's thread root: never sent itself, referenced by every e-mail of the ticket so clients thread them together. */
export function threadRoot(ticketId: string, domain: string): string {
  return `<ticket.${ticketId}@${domain}>`;
}

/** Claims due rows, fixing each one's Message-ID on its first attempt. */
async function claimDueMail(db: Db, domain: string, batchSize: number, leaseMs: number): Promise<ClaimedMail[]> {
  return rows<ClaimedMail>(
    db,
    sql`with due as (
          select m.id from mail_outbox m
          where m.status = 'pending' and m.next_attempt_at <= now()
          order by m.next_attempt_at, m.id
          limit ${batchSize}
          for update of m skip locked
        )
        update mail_outbox m
        set attempts = m.attempts + 1,
            next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}),
            message_id = coalesce(m.message_id,
              '<' || coalesce((select lower(t.number) from tickets t where t.id = m.ticket_id), 'notice') || '.' || gen_random_uuid() || '@' || ${domain} || '>')
        from due
        where m.id = due.id
        returning m.id, m.ticket_id, m.kind, m.payload, m.message_id, m.attempts,
          (select array_agg(e.message_id order by e.id) from mail_outbox e
            where e.ticket_id = m.ticket_id and e.id < m.id and e.message_id is not null) as earlier`,
  );
}

/** The e-mail of an outbox row, with its threading headers and reply address. */
export async function composeMail(
  row: Pick<ClaimedMail, 'ticket_id' | 'kind' | 'payload' | 'message_id' | 'earlier'> & { ticket_id: string },
  settings: MailSettings,
): Promise<MailMessage> {
  const { domain } = mailboxOf(settings.from);
  const notification = row.payload as ReplyNotification & SolvedNotification;
  const link = await conversationLink(settings.links, notification.conversationId, settings.siteUrl);
  const text = row.kind === 'reply' ? replyMail(notification, link, settings.inbound) : solvedMail(notification, link, settings.siteUrl, settings.inbound);
  // The root first, then the last few e-mails: RFC 5322 allows trimming the middle of a long chain.
  const references = [threadRoot(row.ticket_id, domain), ...(row.earlier ?? []).slice(-9)];
  return {
    ...text,
    messageId: row.message_id,
    inReplyTo: references.at(-1),
    references,
    replyTo: replyAddress(await settings.links.key(), settings.from, notification.number),
    ...(row.kind === 'solved' ? { autoSubmitted: 'auto-generated' as const } : {}),
  };
}

/**
 * One round: claims due e-mails, sends them and records the outcome.
 * Resolves to the number attempted; never rejects for a failed send.
 */
export async function sendDueMail(db: Db, mailer: Mailer, settings: MailSettings, options: MailRetryOptions = {}): Promise<number> {
  const maxAttempts = options.maxAttempts ?? MAX_MAIL_ATTEMPTS;
  const { domain } = mailboxOf(settings.from);
  const noticeMinutes = settings.noticeMinutes ?? NOTICE_MINUTES;
  // Agents' waiting notices become digest rows first, so they go out in this very round.
  await digestNotices(db, noticeMinutes);
  const claimed = await claimDueMail(db, domain, options.batchSize ?? 20, options.leaseMs ?? 120_000);
  for (const row of claimed) {
    try {
      if (row.ticket_id === null) {
        const notice = await noticeMailOf(db, row.id, { siteUrl: settings.siteUrl, minutes: noticeMinutes });
        // Nothing left to tell (the tickets were erased since): nothing is sent.
        if (notice) await mailer.send({ ...notice, messageId: row.message_id });
      } else {
        await mailer.send(await composeMail({ ...row, ticket_id: row.ticket_id }, settings));
      }
      // Sent: what it said (with the satisfaction link's secret) is not kept; the thread has the reply.
      await db.execute(sql`update mail_outbox set status = 'sent', sent_at = now(), payload = null, last_error = null where id = ${row.id}`);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      const giveUp = row.attempts >= maxAttempts;
      const delay = backoffDelayMs(row.attempts, options.baseDelayMs ?? 60_000, options.maxDelayMs ?? 6 * 3_600_000);
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update mail_outbox set status = ${giveUp ? 'failed' : 'pending'}, last_error = ${message},
                next_attempt_at = now() + make_interval(secs => ${delay / 1000})
              where id = ${row.id}`,
        );
        // The agents see in the ticket's history that the customer was not told.
        if (giveUp && row.ticket_id !== null) {
          await tx.execute(
            sql`insert into ticket_events (ticket_id, type, actor, data)
                values (${row.ticket_id}::uuid, 'mail_failed', 'system', ${JSON.stringify({ kind: row.kind, attempts: row.attempts, error: message })}::jsonb)`,
          );
        }
      });
    }
  }
  return claimed.length;
}

/** A running mail worker. */
export interface MailWorker {
  /** Runs a round now and waits for it (after a reply, and in tests). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Sends the outbox every `intervalMs` (default 15 s) and whenever
 * {@link MailWorker.runOnce} is called; rounds never overlap within a
 * process. Failures of a round are logged. The timer does not keep the
 * process alive.
 */
export function startMailWorker(
  db: Db,
  mailer: Mailer,
  settings: MailSettings,
  logger: Logger,
  options: MailRetryOptions & { intervalMs?: number } = {},
): MailWorker {
  const intervalMs = options.intervalMs ?? 15_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);
  const round = (): Promise<number> => {
    const next = running
      .then(() => sendDueMail(db, mailer, settings, options))
      .catch((error: unknown) => {
        logger.warn(`mail: sending the outbox failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      });
    running = next;
    return next;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void round().then(schedule), intervalMs);
    timer.unref();
  };
  if (intervalMs > 0) schedule();
  return {
    runOnce: round,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
