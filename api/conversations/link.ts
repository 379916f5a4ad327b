/**
 * The link back to a conversation that every e-mail to the customer carries:
 * `<SITE_URL>/c/<link>`, where `<link>` is `<conversation id>.<expiry>.<signature>`
 * (expiry in seconds since the epoch, base 36; signature: api/http/signed.ts).
 * Nothing is stored per link: the signature proves the server made it, the
 * expiry limits how long it works, and erasure or retention revokes it by
 * deleting the conversation it names.
 *
 * Opening it (`POST /api/conversations/links`, called by the widget on the
 * page `/c/<link>` leads to) gives that browser a token of its own for the
 * conversation (table `conversation_tokens`), so the customer continues on
 * their phone what they started on a laptop, and both keep working.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { conversations, conversationTokens, messages, tickets } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { sign, type SigningKey, verifySignature } from '../http/signed.ts';
import { randomToken, sha256Hex } from '../http/tokens.ts';
import { isUuid } from '../http/validation.ts';
import type { Locale } from '#core/locale.ts';
import type { PublicTicket } from './schema.ts';
import { publicThread } from '../tickets/thread.ts';

/** How links are made: the key and how long they last. */
export interface LinkSigner {
  key: SigningKey;
  /** Days a link works after it was made. */
  ttlDays: number;
}

/** Why a link does not open its conversation. */
export type LinkProblem = 'invalid' | 'expired' | 'gone';

/** The shape of a link; anything else is refused before any work. */
const LINK = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

/** Most tokens one conversation keeps from links; the oldest go first (a link opened on many devices). */
export const MAX_LINK_TOKENS = 20;

/**
 * A new link to `conversationId`, valid for the signer's days from `now`.
 *
 * @example await makeLink(signer, '1b4e…') // '1b4e….t3k2ab.Xr4…'
 */
export async function makeLink(signer: LinkSigner, conversationId: string, now: Date = new Date()): Promise<string> {
  const expires = Math.floor(now.getTime() / 1000 + signer.ttlDays * 86_400).toString(36);
  const payload = `${conversationId}.${expires}`;
  return `${payload}.${sign(await signer.key(), 'conversation-link', payload)}`;
}

/** The address of the page that opens `link`: absolute under `siteUrl`, else a path. */
export function linkUrl(link: string, siteUrl: string | undefined): string {
  return `${siteUrl ?? ''}/c/${link}`;
}

/**
 * Checks a link's shape, signature and expiry (not yet whether its
 * conversation still exists): the conversation id, or the problem.
 */
export async function checkLink(signer: LinkSigner, link: string, now: Date = new Date()): Promise<{ conversationId: string } | { problem: LinkProblem }> {
  const match = LINK.exec(link);
  if (!match?.[1] || !match[2] || !match[3]) return { problem: 'invalid' };
  if (!verifySignature(await signer.key(), 'conversation-link', `${match[1]}.${match[2]}`, match[3])) return { problem: 'invalid' };
  if (Number.parseInt(match[2], 36) * 1000 <= now.getTime()) return { problem: 'expired' };
  return { conversationId: match[1] };
}

/** What a link leads to: its conversation and the locale of its newest ticket; or the problem. */
export async function resolveLink(
  db: Executor,
  signer: LinkSigner,
  link: string,
  now: Date = new Date(),
): Promise<{ conversationId: string; locale: Locale } | { problem: LinkProblem }> {
  const checked = await checkLink(signer, link, now);
  if ('problem' in checked) return checked;
  if (!isUuid(checked.conversationId)) return { problem: 'invalid' };
  const [ticket] = await db
    .select({ locale: tickets.locale })
    .from(tickets)
    .innerJoin(conversations, eq(conversations.id, tickets.conversationId))
    .where(eq(tickets.conversationId, checked.conversationId))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(1);
  // Erased, or deleted by retention (an anonymised ticket has no conversation): the link is revoked.
  if (!ticket) return { problem: 'gone' };
  return { conversationId: checked.conversationId, locale: ticket.locale };
}

/** The refusals of {@link openLink}, with the `code` the widget translates. */
export const LINK_ERRORS: Record<LinkProblem, { status: 400 | 410; message: string }> = {
  invalid: { status: 400, message: 'this link is not valid: it was changed or cut off; open the whole link from the e-mail' },
  expired: { status: 410, message: 'this link has expired; the newest e-mail about the question has a fresh one' },
  gone: { status: 410, message: 'this conversation no longer exists (it was erased or its retention period ended)' },
};

/** What opening a link gives the browser: a token of its own and the thread to show. */
export interface OpenedLink {
  id: string;
  token: string;
  locale: Locale;
  ticket: PublicTicket;
  /** What the customer and the assistant said before the hand-off (text only, no reasons), so the other device shows the whole conversation. */
  transcript: { from: 'customer' | 'assistant'; text: string; at: string }[];
}

/**
 * Opens `link` for one browser: a new token for its conversation (its hash
 * stored; at most {@link MAX_LINK_TOKENS} per conversation are kept) and the
 * public thread.
 *
 * @throws ApiError 400 for a changed or cut-off link, 410 for an expired one
 *   or one whose conversation was erased; each with `code` (`link-invalid`,
 *   `link-expired`, `link-gone`).
 */
export async function openLink(db: Db, signer: LinkSigner, link: string, now: Date = new Date()): Promise<OpenedLink> {
  const resolved = await resolveLink(db, signer, link, now);
  if ('problem' in resolved) {
    const refusal = LINK_ERRORS[resolved.problem];
    throw new ApiError(refusal.status, refusal.message, { field: 'link', details: { code: `link-${resolved.problem}` } });
  }
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.insert(conversationTokens).values({ conversationId: resolved.conversationId, tokenHash: sha256Hex(token) });
    await rows(
      tx,
      sql`delete from conversation_tokens where conversation_id = ${resolved.conversationId}::uuid and id not in (
            select id from conversation_tokens where conversation_id = ${resolved.conversationId}::uuid order by id desc limit ${MAX_LINK_TOKENS})
          returning id`,
    );
  });
  const ticket = await publicThread(db, resolved.conversationId);
  if (!ticket) throw new ApiError(410, LINK_ERRORS.gone.message, { field: 'link', details: { code: 'link-gone' } });
  const lines = await db
    .select({ author: messages.author, body: messages.body, sentAt: messages.sentAt, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.transcript, true), inArray(messages.author, ['customer', 'assistant'])))
    .orderBy(asc(messages.id));
  const transcript = lines.map((line) => ({
    from: line.author as 'customer' | 'assistant',
    text: line.body,
    at: (line.sentAt ?? line.createdAt).toISOString(),
  }));
  return { id: resolved.conversationId, token, locale: resolved.locale, ticket, transcript };
}
