/**
 * Recording what an agent should be told by e-mail, in the transaction of
 * what happened, so a notice exists exactly when the ticket or reply does.
 * Only agents who switched notices on (`agents.notify_by_email`) and are not
 * disabled get one; the digest (./digest.ts) puts them into e-mail later.
 *
 * - A new ticket: its assignee when routing gave it to someone; otherwise the
 *   members of the team it was routed to, or, in the shared queue, every
 *   agent who opted in.
 * - A customer's reply: the agent who holds the ticket.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query.ts';

/** Notices of a new ticket (after routing, in the same transaction). */
export async function noticeNewTicket(tx: Executor, ticketId: string): Promise<void> {
  await tx.execute(
    sql`insert into agent_notices (agent_id, ticket_id, kind)
        select a.id, t.id, 'new_ticket' from tickets t, agents a
        where t.id = ${ticketId}::uuid and a.notify_by_email and not a.disabled
          and (a.id = t.assignee_id
            or (t.assignee_id is null and t.team_id is null)
            or (t.assignee_id is null and exists (select 1 from team_members m where m.team_id = t.team_id and m.agent_id = a.id)))`,
  );
}

/** A notice for the ticket's holder that the customer wrote (a reply in the widget or by e-mail). */
export async function noticeCustomerReplied(tx: Executor, ticketId: string): Promise<void> {
  await tx.execute(
    sql`insert into agent_notices (agent_id, ticket_id, kind)
        select a.id, t.id, 'customer_replied' from tickets t join agents a on a.id = t.assignee_id
        where t.id = ${ticketId}::uuid and a.notify_by_email and not a.disabled`,
  );
}
