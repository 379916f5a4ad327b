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
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/query.ts';

/** Notices of a new ticket (after routing, in the same transaction). */
export async function noticeNewTicket(tx: Executor, ticketId: string): Promise<void> {
  const ticket = sql`(select t.id from tickets t where t.id = ${ticketId}::uuid)`;
  await tx.execute(
    newTicketNotices(
      ticket,
      sql`(select assignee_id from tickets where id = ${ticketId}::uuid)`,
      sql`(select team_id from tickets where id = ${ticketId}::uuid)`,
    ),
  );
}

/**
 * SQL: the insert of {@link noticeNewTicket}, given where routing sent the
 * ticket (`assigneeId`, `teamId`: SQL uuids, null for none), so the hand-off
 * can record its notices in the statement that routes it (a CTE).
 */
export function newTicketNotices(ticketId: SQL, assigneeId: SQL, teamId: SQL): SQL {
  return sql`insert into agent_notices (agent_id, ticket_id, kind)
        select a.id, ${ticketId}, 'new_ticket' from agents a
        where ${ticketId} is not null and a.notify_by_email and not a.disabled
          and (a.id = ${assigneeId}
            or (${assigneeId} is null and ${teamId} is null)
            or (${assigneeId} is null and exists (select 1 from team_members m where m.team_id = ${teamId} and m.agent_id = a.id)))`;
}

/** A notice for the ticket's holder that the customer wrote (a reply in the widget or by e-mail). */
export async function noticeCustomerReplied(tx: Executor, ticketId: string): Promise<void> {
  await tx.execute(
    sql`insert into agent_notices (agent_id, ticket_id, kind)
        select a.id, t.id, 'customer_replied' from tickets t join agents a on a.id = t.assignee_id
        where t.id = ${ticketId}::uuid and a.notify_by_email and not a.disabled`,
  );
}
