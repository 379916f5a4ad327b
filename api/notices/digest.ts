/**
 * Agents' notices by e-mail, rate-limited into digests: at most one e-mail
 * per agent per AGENT_NOTICE_MINUTES. The first notice after a quiet spell
 * goes out with the next round of the mail worker (seconds); what happens
 * while the agent's last notice e-mail is younger than the limit waits and
 * goes out together, in one e-mail, when the limit has passed.
 *
 * A digest is a `notice` row in the durable mail outbox (api/mail/outbox.ts:
 * retries, backoff, at-least-once with one Message-ID); the notices it
 * carries point to it. Its text is written when it is sent, from the
 * notices and their tickets, in the agent's language, so a ticket erased in
 * the meantime is no longer in it.
 */
import { sql } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import type { NOTICE_KINDS } from '../db/tables.ts';
import type { MailMessage } from '../mail/mailer.ts';

/** Default of AGENT_NOTICE_MINUTES. */
export const NOTICE_MINUTES = 10;

/**
 * Puts every agent's waiting notices into a digest e-mail when the agent's
 * last one is at least `minutes` old. Each agent's row is locked while
 * deciding, so two processes never write two digests for one agent at once.
 * Notices of agents who switched e-mail off (or were disabled) since are
 * dropped. Resolves to the number of digests written.
 */
export async function digestNotices(db: Db, minutes: number = NOTICE_MINUTES): Promise<number> {
  const waiting = await rows<{ agent_id: string }>(db, sql`select distinct agent_id from agent_notices where mail_id is null limit 200`);
  let written = 0;
  for (const { agent_id: agentId } of waiting) {
    const wrote = await db.transaction(async (tx) => {
      const [agent] = await rows<{ notify_by_email: boolean; disabled: boolean }>(
        tx,
        sql`select notify_by_email, disabled from agents where id = ${agentId}::uuid for update`,
      );
      if (!agent?.notify_by_email || agent.disabled) {
        await tx.execute(sql`delete from agent_notices where agent_id = ${agentId}::uuid and mail_id is null`);
        return false;
      }
      const [recent] = await rows<{ id: number }>(
        tx,
        sql`select id from mail_outbox where agent_id = ${agentId}::uuid and created_at > now() - make_interval(mins => ${minutes}) limit 1`,
      );
      if (recent) return false;
      const [mail] = await rows<{ id: number }>(tx, sql`insert into mail_outbox (agent_id, kind) values (${agentId}::uuid, 'notice') returning id`);
      if (!mail) throw new Error('Wegwijs: inserting a notice e-mail returned no row');
      await tx.execute(sql`update agent_notices set mail_id = ${mail.id} where agent_id = ${agentId}::uuid and mail_id is null`);
      return true;
    });
    if (wrote) written++;
  }
  return written;
}

/** One line of a digest. */
export interface NoticeLine {
  kind: (typeof NOTICE_KINDS)[number];
  number: string;
  subject: string;
}

const TEXT = {
  nl: {
    subject: (news: number, replies: number) =>
      `Wegwijs: ${[news > 0 ? `${news} ${news === 1 ? 'nieuw ticket' : 'nieuwe tickets'}` : '', replies > 0 ? `${replies} ${replies === 1 ? 'reactie' : 'reacties'} van klanten` : ''].filter(Boolean).join(', ')}`,
    greeting: (name: string) => `Hallo ${name},`,
    newTickets: 'Nieuw in je wachtrij:',
    replies: 'Klanten reageerden op jouw tickets:',
    open: (url: string) => `Open de inbox: ${url}`,
    why: (minutes: number) =>
      `Je krijgt deze e-mail omdat je meldingen per e-mail hebt aangezet (in de inbox, bij Routering). Hooguit één e-mail per ${minutes} minuten; wat in de tussentijd gebeurt, komt in de volgende.`,
  },
  en: {
    subject: (news: number, replies: number) =>
      `Wegwijs: ${[news > 0 ? `${news} new ${news === 1 ? 'ticket' : 'tickets'}` : '', replies > 0 ? `${replies} customer ${replies === 1 ? 'reply' : 'replies'}` : ''].filter(Boolean).join(', ')}`,
    greeting: (name: string) => `Hello ${name},`,
    newTickets: 'New in your queue:',
    replies: 'Customers replied on your tickets:',
    open: (url: string) => `Open the inbox: ${url}`,
    why: (minutes: number) =>
      `You get this e-mail because you switched on notices by e-mail (in the inbox, under Routing). At most one e-mail per ${minutes} minutes; what happens in between goes into the next.`,
  },
} as const;

/** The digest e-mail for `agent`, or null when it has no lines left (their tickets were erased). */
export function noticeMail(
  agent: { email: string; name: string; locale: Locale },
  lines: readonly NoticeLine[],
  options: { siteUrl: string | undefined; minutes: number },
): MailMessage | null {
  if (lines.length === 0) return null;
  const t = TEXT[agent.locale];
  const list = (kind: NoticeLine['kind']) => {
    // One line per ticket, however often the customer wrote.
    const seen = new Set<string>();
    return lines.filter((line) => line.kind === kind && !seen.has(line.number) && seen.add(line.number)).map((line) => `- ${line.number} · ${line.subject}`);
  };
  const news = list('new_ticket');
  const replies = list('customer_replied');
  const body = [t.greeting(agent.name), ''];
  if (news.length > 0) body.push(t.newTickets, ...news, '');
  if (replies.length > 0) body.push(t.replies, ...replies, '');
  body.push(t.open(`${options.siteUrl ?? ''}/agent/`), '', t.why(options.minutes), '');
  return { to: agent.email, subject: t.subject(news.length, replies.length), text: body.join('\n'), autoSubmitted: 'auto-generated' };
}

/** The agent and lines of digest `mailId`, read when it is sent. */
export async function noticeMailOf(db: Executor, mailId: number, options: { siteUrl: string | undefined; minutes: number }): Promise<MailMessage | null> {
  const [agent] = await rows<{ email: string; name: string; locale: Locale }>(
    db,
    sql`select a.email, a.name, a.locale from mail_outbox m join agents a on a.id = m.agent_id where m.id = ${mailId}`,
  );
  if (!agent) return null;
  const lines = await rows<NoticeLine>(
    db,
    sql`select n.kind, t.number, t.subject from agent_notices n join tickets t on t.id = n.ticket_id where n.mail_id = ${mailId} order by n.id`,
  );
  return noticeMail(agent, lines, options);
}
