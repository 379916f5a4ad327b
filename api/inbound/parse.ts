/**
 * Reading one received e-mail: what Wegwijs needs of it, whatever client
 * wrote it. mailparser decodes the MIME (charsets, quoted-printable, HTML-only
 * mail as text); email-reply-parser, after a cut at the separators Outlook
 * and Apple Mail put above the quoted message (which it does not know), keeps only what the customer
 * wrote this time: no quoted history, no signature. Both the new part and the
 * whole text are kept: the thread shows the first, agents can open the
 * second ("show original"). Nothing of the mail is ever kept as HTML.
 *
 * Whether a message is an automatic one (an out-of-office, a bounce) is
 * decided here too (see {@link automaticReason}), from its headers, so the
 * same rules hold for mail from the SMTP listener and from an IMAP mailbox.
 */
import { createHash } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import { type AddressObject, type Headers, simpleParser } from 'mailparser';
import { LOCALES, type Locale } from '#core/locale.ts';

/** An attachment as received: the plain list handed to the attachment store (api/inbound/attachments.ts). */
export interface InboundAttachment {
  /** As the sender named it; `attachment` when it had no name. */
  filename: string;
  /** As the sender declared it; the store checks the bytes itself. */
  contentType: string;
  bytes: Buffer;
}

/** What Wegwijs needs of one received e-mail. */
export interface InboundMail {
  /** `<…>`: the sender's Message-ID, or one derived from the bytes when it has none (so a redelivery still matches). */
  messageId: string;
  /** The sender (From), lower-cased address; null when the mail names none. */
  from: { address: string; name: string | null } | null;
  subject: string;
  /** Every address in To, Cc, Delivered-To and X-Original-To, lower case (IMAP has no envelope; the reply address is among them). */
  headerRecipients: string[];
  /** The whole text as received, quoted history and signature included. */
  text: string;
  /** What the customer wrote this time: quoted history and signature removed. */
  reply: string;
  /** The language the mail declares (Content-Language), when it is one of the site's. */
  language: Locale | null;
  /** Why it is an automatic message (an out-of-office, a bounce…), or null when a person wrote it. */
  automatic: string | null;
  attachments: InboundAttachment[];
}

/** Longest text kept of one e-mail (the original); more is cut, saying so. */
export const MAX_ORIGINAL_CHARACTERS = 200_000;

/** Longest new part put into the thread. */
export const MAX_REPLY_CHARACTERS = 20_000;

/**
 * Lines that start the quoted message in clients whose quote header
 * email-reply-parser does not know: Outlook's "-----Oorspronkelijk
 * bericht-----", its "Van: … Verzonden: …" block without angle brackets, and
 * the separator line Outlook on the web draws above it.
 */
const QUOTE_STARTS = [
  /^-{2,}\s*(?:Oorspronkelijk bericht|Original Message|Oorspronkelijk e-mailbericht|Doorgestuurd bericht|Forwarded message)\s*-{2,}\s*$/im,
  /^_{20,}\s*$/m,
  /^(?:Van|From):\s.*\n(?:(?:Verzonden|Sent|Datum|Date):\s.*\n)/im,
  // Apple Mail in Dutch: "Op 30 nov. 2026, om 14:02 heeft Duinwinkel <…> het volgende geschreven:".
  /^Op\s.+het volgende geschreven\s*:\s*$/im,
];

/** What the customer wrote this time: the text above the quote, without a signature. */
export function visibleReply(text: string): string {
  let cut = text.replace(/\r\n?/g, '\n');
  for (const start of QUOTE_STARTS) {
    const found = start.exec(cut);
    if (found) cut = cut.slice(0, found.index);
  }
  const visible = new EmailReplyParser().read(cut).getVisibleText().trim();
  return visible.length > MAX_REPLY_CHARACTERS ? `${visible.slice(0, MAX_REPLY_CHARACTERS)}…` : visible;
}

/** Prefixes of subjects that automatic replies carry when their headers do not say so (older Outlook, some webmail). */
const AUTOMATIC_SUBJECT =
  /^\s*(?:automatisch antwoord|automatische reactie|automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|afwezig|niet aanwezig|abwesenheitsnotiz|réponse automatique)\s*:/i;

/** Senders no person writes from (RFC 3464 bounces, RFC 2142 role mailboxes). */
const AUTOMATIC_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|no-?reply|do-?not-?reply|bounces?)(?:[+@]|$)/i;

function headerValue(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return String(value);
}

/**
 * Why a message is automatic, or null when a person wrote it:
 * `Auto-Submitted` other than `no` (RFC 3834) — alone enough; `Precedence:
 * bulk|junk|auto_reply|list`; the X-Autoreply/X-Autorespond headers some
 * servers add; a `multipart/report` (delivery or read report, RFC 6522); a
 * sender like mailer-daemon or postmaster, or an empty return path
 * (`returnPath`, the raw Return-Path header: bounces);
 * the subject prefix of an out-of-office when nothing else marks it.
 */
export function automaticReason(headers: Headers, from: string | null, subject: string, returnPath = ''): string | null {
  const autoSubmitted = headerValue(headers, 'auto-submitted').split(';')[0]?.trim().toLowerCase() ?? '';
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = headerValue(headers, 'precedence').trim().toLowerCase();
  if (['bulk', 'junk', 'auto_reply', 'list'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response']) {
    if (headers.has(name)) return name;
  }
  const contentType = headerValue(headers, 'content-type').toLowerCase();
  if (contentType.startsWith('multipart/report')) return 'multipart/report';
  if (from !== null && AUTOMATIC_SENDER.test(from)) return `sender ${from.split('@')[0]}`;
  if (/^<\s*>$/.test(returnPath.trim())) return 'empty return path';
  if (AUTOMATIC_SUBJECT.test(subject)) return 'out-of-office subject';
  return null;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => [entry.address, ...(entry.group ?? []).map((member) => member.address)]).filter((a): a is string => typeof a === 'string'),
  );
}

/** Addresses in a plain header such as Delivered-To (which mailparser leaves as text). */
function plainAddresses(headers: Headers, name: string): string[] {
  return [...headerValue(headers, name).matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((match) => match[0]);
}

/** `<id>` normalised: angle brackets, no white space; null when there is nothing usable. */
export function normaliseMessageId(value: string | undefined): string | null {
  const inner = value?.trim().replace(/^<|>$/g, '').trim();
  if (!inner || inner.length > 900 || /\s/.test(inner)) return null;
  return `<${inner}>`;
}

/**
 * Parses one e-mail's bytes (RFC 5322, as received).
 *
 * @example const mail = await parseInbound(readFileSync('reply.eml')); mail.reply // 'Het pakket is nog steeds niet aangekomen.'
 */
export async function parseInbound(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true });
  const fromEntry = parsed.from?.value.find((entry) => typeof entry.address === 'string' && entry.address.includes('@'));
  const from = fromEntry?.address ? { address: fromEntry.address.trim().toLowerCase(), name: fromEntry.name.trim() || null } : null;
  const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim();
  // mailparser gives HTML-only mail its text too; never the HTML itself.
  let text = (parsed.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (text.length > MAX_ORIGINAL_CHARACTERS) text = `${text.slice(0, MAX_ORIGINAL_CHARACTERS)}\n[…]`;
  const declared = headerValue(parsed.headers, 'content-language').trim().toLowerCase().slice(0, 2);
  const recipients = [
    ...addresses(parsed.to),
    ...addresses(parsed.cc),
    ...plainAddresses(parsed.headers, 'delivered-to'),
    ...plainAddresses(parsed.headers, 'x-original-to'),
  ];
  return {
    messageId: normaliseMessageId(parsed.messageId) ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}@wegwijs.invalid>`,
    from,
    subject,
    headerRecipients: [...new Set(recipients.map((address) => address.trim().toLowerCase()))],
    text,
    reply: visibleReply(text),
    language: (LOCALES as readonly string[]).includes(declared) ? (declared as Locale) : null,
    // The raw line: mailparser reads Return-Path as an address list, in which `<>` (the null sender of a bounce) vanishes.
    automatic: automaticReason(
      parsed.headers,
      from?.address ?? null,
      subject,
      parsed.headerLines.find((line) => line.key === 'return-path')?.line.replace(/^return-path:/i, '') ?? '',
    ),
    attachments: parsed.attachments
      // Inline images of an HTML signature (logos) are not something the customer sent.
      .filter((attachment) => !(attachment.related && attachment.contentDisposition !== 'attachment'))
      .map((attachment) => ({ filename: attachment.filename ?? 'attachment', contentType: attachment.contentType, bytes: attachment.content })),
  };
}
