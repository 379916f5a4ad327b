/**
 * An agent changes a ticket's status (through ./status.ts), priority or
 * assignee, each with its event, all or nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { agents, ticketEvents, tickets } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { Locale } from '#core/locale.ts';
import { issueCsatToken } from '../csat/service.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { ticketSummary } from './queue.ts';
import type { TicketChange, TicketSummary } from './schema.ts';
import { changeStatus, type Actor } from './status.ts';

/**
 * Changes status (through the state machine), priority or assignee, each
 * with its event, all or nothing. Anyone may take an unassigned ticket or
 * pass on their own; taking one another agent holds is for admins.
 *
 * @throws ApiError 404 for no such ticket; 409 for a move the state machine
 *   does not allow or a ticket held by someone else; 422 for an assignee who
 *   is not an active agent.
 */
export async function updateTicket(db: Db, id: string, agent: SignedInAgent, change: TicketChange): Promise<TicketSummary> {
  return (await changeTicket(db, id, agent, change)).ticket;
}

/** What to tell the customer when their ticket is solved: the CSAT link's secret with it. */
export interface SolvedNotification {
  /** The conversation the link in the e-mail reopens. */
  conversationId: string;
  to: string;
  name: string | null;
  locale: Locale;
  number: string;
  subject: string;
  /** The secret of the satisfaction link; only its hash is stored. */
  csatToken: string;
}

/**
 * {@link updateTicket}, also returning the e-mail to send when this change
 * solved the ticket: a new CSAT secret is issued (its hash stored) in the
 * same transaction. None for an anonymised ticket (no address left).
 */
export async function changeTicket(
  db: Db,
  id: string,
  agent: SignedInAgent,
  change: TicketChange,
): Promise<{ ticket: TicketSummary; solved: SolvedNotification | null }> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    if (!ticket) throw new ApiError(404, 'no such ticket');
    const actor: Actor = { type: 'agent', agentId: agent.id };
    const event = (type: string, data: Record<string, unknown>) =>
      tx.insert(ticketEvents).values({ ticketId: id, type, actor: 'agent', agentId: agent.id, data });

    if (change.assigneeId !== undefined && change.assigneeId !== ticket.assigneeId) {
      if (ticket.assigneeId !== null && ticket.assigneeId !== agent.id && agent.role !== 'admin') {
        const [holder] = await tx.select({ name: agents.name }).from(agents).where(eq(agents.id, ticket.assigneeId));
        throw new ApiError(409, `${ticket.number} is held by ${holder?.name ?? 'someone else'}; only they or an admin can pass it on`);
      }
      if (change.assigneeId !== null) {
        const [target] = isUuid(change.assigneeId)
          ? await tx
              .select({ id: agents.id })
              .from(agents)
              .where(and(eq(agents.id, change.assigneeId), eq(agents.disabled, false)))
          : [];
        if (!target) throw new ApiError(422, 'assigneeId must be the id of an active agent', { field: 'assigneeId' });
      }
      await tx.update(tickets).set({ assigneeId: change.assigneeId, updatedAt: sql`now()` }).where(eq(tickets.id, id));
      // Taking a ticket a colleague holds is its own fact: the report and the holder can see it was taken over.
      const takenOver = change.assigneeId === agent.id && ticket.assigneeId !== null;
      await event(change.assigneeId === null ? 'unassigned' : takenOver ? 'taken_over' : 'assigned', { from: ticket.assigneeId, to: change.assigneeId });
    }
    if (change.priority !== undefined && change.priority !== ticket.priority) {
      await tx.update(tickets).set({ priority: change.priority, updatedAt: sql`now()` }).where(eq(tickets.id, id));
      await event('priority', { from: ticket.priority, to: change.priority });
    }
    const moved = change.status !== undefined ? await changeStatus(tx, id, ticket.status, change.status, actor) : null;
    const solved =
      moved?.to === 'solved' && ticket.customerEmail !== null && ticket.conversationId !== null
        ? {
            conversationId: ticket.conversationId,
            to: ticket.customerEmail,
            name: ticket.customerName,
            locale: ticket.locale,
            number: ticket.number,
            subject: ticket.subject,
            csatToken: await issueCsatToken(tx, id),
          }
        : null;
    // In the same transaction, like a reply's e-mail: it carries the satisfaction link.
    if (solved) await enqueueMail(tx, id, { kind: 'solved', notification: solved });
    const summary = await ticketSummary(tx, id);
    if (!summary) throw new ApiError(404, 'no such ticket');
    return { ticket: summary, solved };
  });
}
