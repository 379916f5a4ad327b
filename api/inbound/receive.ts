/**
 * What happens to one e-mail from a customer, however it arrived (the SMTP
 * listener or an IMAP mailbox). See docs/decisions/016-inbound-mail.md.
 *
 * 1. Automatic mail (out-of-office, bounces, reports; see parse.ts) and mail
 *    from Wegwijs's own address is dropped: it never makes a ticket and
 *    never causes an e-mail, so two robots cannot answer each other forever.
 * 2. A message already stored (same Message-ID) is not stored again.
 * 3. The ticket: the first recipient that is a ticket's signed reply address
 *    (api/mail/reply-address.ts); else a `[WW-1234]` tag in the subject, but
 *    only when the sender is that ticket's customer (anyone can type a tag);
 *    else, and for a closed or anonymised ticket, a new ticket.
 * 4. In one transaction: the new part of the text joins the thread (which
 *    reopens a pending or solved ticket and notifies the holder), the whole
 *    text is kept for agents (`inbound_mail`), the attachments go to the
 *    attachment store (./attachments.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import { otherLanguage } from '#core/language/detect.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation, rows, type Tx } from '../db/query.ts';
import type { INBOUND_CHANNELS, INBOUND_MATCHES } from '../db/tables.ts';
import { sha256Hex } from '../http/tokens.ts';
import { mailboxOf, ticketOfReplyAddress } from '../mail/reply-address.ts';
import { noticeNewTicket } from '../notices/record.ts';
import { routeHandoff } from '../routing/handoff.ts';
import { deriveSubject, NO_SUBJECT } from '../tickets/subject.ts';
import type { TicketStatus } from '../tickets/status.ts';
import { appendCustomerMessage } from '../tickets/thread.ts';
import { enqueueWebhooks } from '../webhooks/enqueue.ts';
import type { AttachmentStore } from '../attachments/store.ts';
import { storeInboundAttachments } from './attachments.ts';
import type { InboundMail } from './parse.ts';

/** What receiving needs besides the mail. */
export interface ReceiveSettings {
  /** The key that signs reply addresses (api/http/signed.ts). */
  key: () => Promise<Buffer>;
  /** MAIL_FROM: its mailbox carries the reply addresses. */
  from: string;
  /** Language of a new ticket when the mail gives no clear sign of another. */
  defaultLocale: Locale;
  /** Where attached files go (api/attachments); without it only their names and sizes are kept. */
  attachments?: AttachmentStore;
}

/** How the mail arrived, with what the transport knows of it. */
export interface Delivery {
  channel: (typeof INBOUND_CHANNELS)[number];
  /** Where it was sent: SMTP's RCPT TO addresses; for IMAP the mail's own To, Cc and Delivered-To. */
  recipients: readonly string[];
  /** SMTP's MAIL FROM; an empty string is the null sender of a bounce (RFC 5321, 4.5.5). Undefined over IMAP. */
  envelopeFrom?: string;
}

/** What became of a received e-mail. */
export type ReceiveOutcome =
  | { kind: 'stored'; ticketId: string; number: string; matchedBy: (typeof INBOUND_MATCHES)[number]; messageId: string }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string };

/** Subject of an e-mail ticket that says nothing about itself. */
const NO_MAIL_SUBJECT: Record<Locale, string> = { nl: 'Vraag per e-mail', en: 'Question by e-mail' };

/** `Re:`, `Fwd:`, `Antw:`, `Doorst:` and the like at the start of a subject. */
const REPLY_PREFIX = /^(?:\s*(?:re|fw|fwd|aw|antw|antwoord|doorst|wg|tr|sv)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** The ticket number in a subject tag, `[WW-1042]`. */
const SUBJECT_TAG = /\[\s*(WW-\d{1,12})\s*\]/i;

interface TicketRow {
  id: string;
  number: string;
  status: TicketStatus;
  conversation_id: string | null;
  customer_email: string | null;
}

async function ticketByNumber(tx: Tx, number: string): Promise<TicketRow | undefined> {
  const [ticket] = await rows<TicketRow>(
    tx,
    sql`select id, number, status, conversation_id, customer_email from tickets where number = ${number.toUpperCase()} for update`,
  );
  return ticket;
}

/** A ticket that can take the customer's message: it exists, has its conversation, and is not closed. */
function usable(ticket: TicketRow | undefined): ticket is TicketRow & { conversation_id: string } {
  return ticket !== undefined && ticket.conversation_id !== null && ticket.status !== 'closed';
}

/**
 * Stores `mail` where it belongs (see the module comment). Never throws for
 * what the mail says; throws only when the database fails, so the transport
 * can ask the sender to try again later.
 *
 * @example await receive(db, await parseInbound(raw), { channel: 'smtp', recipients: ['support+ww-1042.3f9a…@shop.example'] }, settings)
 */
export async function receive(db: Db, mail: InboundMail, delivery: Delivery, settings: ReceiveSettings): Promise<ReceiveOutcome> {
  if (delivery.envelopeFrom === '') return { kind: 'ignored', reason: 'null sender (a bounce)' };
  if (mail.automatic) return { kind: 'ignored', reason: mail.automatic };
  if (!mail.from) return { kind: 'ignored', reason: 'no sender' };
  const own = mailboxOf(settings.from);
  const [senderLocal = '', senderDomain = ''] = [
    mail.from.address.slice(0, mail.from.address.lastIndexOf('@')),
    mail.from.address.slice(mail.from.address.lastIndexOf('@') + 1),
  ];
  if (senderDomain === own.domain && senderLocal.split('+')[0] === own.local.toLowerCase()) return { kind: 'ignored', reason: 'sent by Wegwijs itself' };

  const [seen] = await rows<{ id: number }>(db, sql`select id from inbound_mail where message_id = ${mail.messageId}`);
  if (seen) return { kind: 'duplicate' };

  const key = await settings.key();
  const numbers = delivery.recipients.map((address) => ticketOfReplyAddress(key, settings.from, address)).filter((n): n is string => n !== null);
  const tagged = SUBJECT_TAG.exec(mail.subject)?.[1]?.toUpperCase() ?? null;
  const sender = mail.from;
  try {
    return await db.transaction(async (tx): Promise<ReceiveOutcome> => {
      for (const number of numbers) {
        const ticket = await ticketByNumber(tx, number);
        if (usable(ticket)) return appendToTicket(tx, ticket, mail, delivery, settings.attachments, 'reply_address');
      }
      if (tagged !== null) {
        const ticket = await ticketByNumber(tx, tagged);
        // A tag alone proves nothing: the sender must be the ticket's customer.
        if (usable(ticket) && ticket.customer_email?.toLowerCase() === sender.address)
          return appendToTicket(tx, ticket, mail, delivery, settings.attachments, 'subject_tag');
      }
      return newTicket(tx, mail, delivery, settings, numbers[0] ?? tagged);
    });
  } catch (error) {
    // The same message delivered twice at once: the other delivery stored it.
    if (isUniqueViolation(error, 'inbound_mail_message_id_idx')) return { kind: 'duplicate' };
    throw error;
  }
}

/** The text the thread shows: the new part; the whole text when nothing is left of it (a reply written inside the quote). */
function threadText(mail: InboundMail): string {
  return mail.reply || mail.text || mail.subject;
}

async function appendToTicket(
  tx: Tx,
  ticket: TicketRow & { conversation_id: string },
  mail: InboundMail,
  delivery: Delivery,
  store: AttachmentStore | undefined,
  matchedBy: 'reply_address' | 'subject_tag',
): Promise<ReceiveOutcome> {
  const messageId = await appendCustomerMessage(tx, { id: ticket.id, status: ticket.status, conversationId: ticket.conversation_id }, threadText(mail), {
    channel: 'email',
  });
  await keepOriginal(tx, mail, delivery, store, { ticketId: ticket.id, conversationId: ticket.conversation_id, messageId }, matchedBy);
  return { kind: 'stored', ticketId: ticket.id, number: ticket.number, matchedBy, messageId };
}

async function keepOriginal(
  tx: Tx,
  mail: InboundMail,
  delivery: Delivery,
  store: AttachmentStore | undefined,
  target: { ticketId: string; conversationId: string; messageId: string },
  matchedBy: (typeof INBOUND_MATCHES)[number],
): Promise<void> {
  // In this transaction: the files belong to the message from the start (see ./attachments.ts).
  const attachments = await storeInboundAttachments(tx, store, target, mail.attachments);
  await tx.execute(
    sql`insert into inbound_mail (message_id, ticket_id, thread_message_id, from_address, subject, original, attachments, matched_by, channel)
        values (${mail.messageId}, ${target.ticketId}::uuid, ${target.messageId}, ${mail.from?.address ?? ''}, ${mail.subject}, ${mail.text},
          ${JSON.stringify(attachments)}::jsonb, ${matchedBy}, ${delivery.channel})`,
  );
}

/** The language of a new e-mail ticket: what the mail declares, else what its words clearly are, else the site's default. */
export function guessLocale(mail: Pick<InboundMail, 'language' | 'subject' | 'reply'>, defaultLocale: Locale): Locale {
  return mail.language ?? otherLanguage(`${mail.subject}\n${mail.reply}`, defaultLocale) ?? defaultLocale;
}

/**
 * The subject of a new e-mail ticket: the one the customer wrote (without
 * Re:/Fwd: and tags) when it says anything, else the first line of the text
 * when that does (api/tickets/subject.ts decides what "says anything" means).
 */
export function mailTicketSubject(mail: Pick<InboundMail, 'subject' | 'reply'>, locale: Locale): string {
  const subject = mail.subject.replace(REPLY_PREFIX, '').replace(SUBJECT_TAG, '').trim();
  const fromSubject = deriveSubject({ transcript: [], message: subject, locale });
  if (fromSubject !== NO_SUBJECT[locale]) return fromSubject;
  const firstLine = mail.reply.split('\n').find((line) => line.trim() !== '') ?? '';
  const fromText = deriveSubject({ transcript: [], message: firstLine, locale });
  return fromText === NO_SUBJECT[locale] ? NO_MAIL_SUBJECT[locale] : fromText;
}

async function newTicket(tx: Tx, mail: InboundMail, delivery: Delivery, settings: ReceiveSettings, followUpOf: string | null): Promise<ReceiveOutcome> {
  const sender = mail.from as NonNullable<InboundMail['from']>;
  const locale = guessLocale(mail, settings.defaultLocale);
  const subject = mailTicketSubject(mail, locale);
  const body = threadText(mail);
  // A conversation nobody holds a token for yet: the link in the first reply e-mail gives the customer one.
  const [ticket] = await rows<{ id: string; number: string; conversation_id: string; message_id: string }>(
    tx,
    sql`with conversation as (
          insert into conversations (token_hash) values (${sha256Hex(randomBytes(32).toString('base64url'))}) returning id
        ), ticket as (
          insert into tickets (conversation_id, locale, subject, customer_email, customer_name, last_message_at, waiting_since)
          select id, ${locale}, ${subject}, ${sender.address}, ${sender.name}, now(), now() from conversation
          returning id, number, conversation_id
        ), message as (
          insert into messages (conversation_id, ticket_id, author, body)
          select conversation_id, id, 'customer', ${body} from ticket returning id
        ), event as (
          insert into ticket_events (ticket_id, type, actor, data)
          select id, 'created', 'customer', ${JSON.stringify({ channel: 'email', ...(followUpOf ? { followUpOf } : {}) })}::jsonb from ticket
        )
        select ticket.id, ticket.number, ticket.conversation_id, message.id::text as message_id from ticket, message`,
  );
  if (!ticket) throw new Error('Wegwijs: creating a ticket from an e-mail returned no row');
  await keepOriginal(
    tx,
    mail,
    delivery,
    settings.attachments,
    { ticketId: ticket.id, conversationId: ticket.conversation_id, messageId: ticket.message_id },
    'new_ticket',
  );
  await enqueueWebhooks(tx, { type: 'ticket.created', ticket: { id: ticket.id, number: ticket.number, locale, subject, priority: 'normal' } });
  // Routed like a hand-off: by language and the words of the mail (no article, no category).
  await routeHandoff(tx, ticket.id, {
    locale,
    note: `${subject}\n${body}`,
    reasonCategoryId: null,
    reasonArticleId: null,
    entryPage: null,
    entryArticleId: null,
    device: null,
  });
  await noticeNewTicket(tx, ticket.id);
  return { kind: 'stored', ticketId: ticket.id, number: ticket.number, matchedBy: 'new_ticket', messageId: ticket.message_id };
}
