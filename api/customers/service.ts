/**
 * The customer beside a ticket: everything the product already holds about
 * the person with the same e-mail address (compared case-insensitively) —
 * their other tickets, the effort they reported to the assistant, their
 * satisfaction answers — and where they were when they opened the chat.
 * Nothing is fetched from anywhere else; what erasure deletes is gone from
 * here too, because this reads the same rows.
 *
 * One ticket's panel never shows anything of another address: every query
 * is keyed by the address of the ticket asked about, never by input.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { isUuid } from '../http/validation.ts';
import type { CustomerPanel } from './schema.ts';

/** Most earlier tickets the panel lists (newest first). */
export const MAX_PANEL_TICKETS = 50;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The panel of ticket `ticketId`, or null when there is no such ticket. An
 * anonymised ticket (no address left) has only itself.
 */
export async function customerPanel(db: Db, ticketId: string): Promise<CustomerPanel | null> {
  if (!isUuid(ticketId)) return null;
  const [ticket] = await rows<{
    customer_email: string | null;
    customer_name: string | null;
    locale: 'nl' | 'en';
    device: string | null;
    entry_page: string | null;
    entry_article_id: string | null;
    conversation_id: string | null;
  }>(db, sql`select customer_email, customer_name, locale, device, entry_page, entry_article_id, conversation_id from tickets where id = ${ticketId}::uuid`);
  if (!ticket) return null;
  const email = ticket.customer_email;
  // The customer's tickets, this one included: by address, or only this one when it was anonymised.
  const theirs = email === null ? sql`t.id = ${ticketId}::uuid` : sql`lower(t.customer_email) = lower(${email})`;
  const [tickets, effort, satisfaction] = await Promise.all([
    rows<{ id: string; number: string; subject: string; status: string; created_at: Date | string; solved_at: Date | string | null }>(
      db,
      sql`select t.id, t.number, t.subject, t.status, t.created_at, t.solved_at from tickets t
          where ${theirs} and t.id <> ${ticketId}::uuid order by t.created_at desc, t.id desc limit ${MAX_PANEL_TICKETS}`,
    ),
    rows<{ number: string; score: number; article_id: string | null; created_at: Date | string }>(
      db,
      sql`select t.number, c.score, c.article_id, c.created_at from tickets t join ces_responses c on c.conversation_id = t.conversation_id
          where ${theirs} order by c.created_at desc, c.id desc limit 100`,
    ),
    rows<{ number: string; score: number; created_at: Date | string }>(
      db,
      sql`select t.number, s.score, s.created_at from tickets t join csat_responses s on s.ticket_id = t.id
          where ${theirs} order by s.created_at desc limit 100`,
    ),
  ]);
  const average = (scores: readonly { score: number }[]) =>
    scores.length === 0 ? null : Math.round((scores.reduce((sum, s) => sum + Number(s.score), 0) / scores.length) * 10) / 10;
  return {
    email,
    name: ticket.customer_name,
    locale: ticket.locale,
    device: ticket.device as CustomerPanel['device'],
    entryPage: ticket.entry_page,
    entryArticleId: ticket.entry_article_id,
    otherTickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status as CustomerPanel['otherTickets'][number]['status'],
      createdAt: iso(t.created_at) ?? '',
      solvedAt: iso(t.solved_at),
    })),
    effort: {
      average: average(effort),
      scores: effort.map((e) => ({ ticketNumber: e.number, score: Number(e.score), articleId: e.article_id, at: iso(e.created_at) ?? '' })),
    },
    satisfaction: {
      average: average(satisfaction),
      scores: satisfaction.map((s) => ({ ticketNumber: s.number, score: Number(s.score), at: iso(s.created_at) ?? '' })),
    },
  };
}
