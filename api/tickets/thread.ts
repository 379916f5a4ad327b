/**
 * The customer's thread: what they see of their newest ticket and their
 * replies on it. Never internal notes, never the transcript they sent.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Executor, Tx } from '../db/query.ts';
import { agents, csatResponses, messages, ticketEvents, tickets } from '../db/tables.ts';
import type { PublicTicket } from '../conversations/schema.ts';
import { ApiError } from '../http/errors.ts';
import { idempotent, type IdempotentResponse, type IdempotentResult } from '../http/idempotency.ts';
import { survivorOf } from './merge.ts';
import { noticeCustomerReplied } from '../notices/record.ts';
import { reopen, resume, type Actor, type TicketStatus } from './status.ts';
import { attachmentsOfMessages, bindAttachments } from '../attachments/service.ts';

/**
 * The newest ticket of a conversation, locked when `forUpdate`; when it was
 * merged into another ticket (api/tickets/merge.ts), the ticket it was
 * merged into: the customer's link and replies lead to the surviving thread.
 */
async function newestTicket(db: Executor, conversationId: string, forUpdate = false) {
  const query = db
    .select({ id: tickets.id })
    .from(tickets)
    .where(eq(tickets.conversationId, conversationId))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(1);
  const [newest] = await query;
  if (!newest) return undefined;
  const id = await survivorOf(db, newest.id);
  const byId = db.select({ id: tickets.id, number: tickets.number, status: tickets.status }).from(tickets).where(eq(tickets.id, id));
  const [ticket] = await (forUpdate ? byId.for('update') : byId);
  return ticket;
}

/**
 * What the customer sees of their (newest) ticket: its number, status and
 * public thread. Never internal notes, never the transcript they sent.
 * Null when the conversation has no ticket.
 */
export async function publicThread(db: Db, conversationId: string): Promise<PublicTicket | null> {
  const ticket = await newestTicket(db, conversationId);
  if (!ticket) return null;
  const thread = await db
    .select({ id: messages.id, author: messages.author, authorName: agents.name, body: messages.body, createdAt: messages.createdAt })
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.agentId))
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.internal, false), eq(messages.transcript, false)))
    // Time order: a merged ticket's messages fall in between this one's.
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const [csat] = await db.select({ score: csatResponses.score }).from(csatResponses).where(eq(csatResponses.ticketId, ticket.id));
  const files = await attachmentsOfMessages(
    db,
    thread.map((m) => m.id),
  );
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    csat: csat?.score ?? null,
    messages: thread.flatMap((m) =>
      m.author === 'assistant'
        ? []
        : [
            {
              id: String(m.id),
              author: m.author,
              authorName: m.author === 'agent' ? m.authorName : null,
              body: m.body,
              createdAt: m.createdAt.toISOString(),
              attachments: files.get(String(m.id)) ?? [],
            },
          ],
    ),
  };
}

/** Answer of a reply: the new message's id. */
export interface MessageCreated {
  id: string;
}

/** A customer's reply: its text (may be empty when files are attached) and the ids of its uploads. */
export interface CustomerReplyInput {
  body: string;
  attachments?: readonly string[] | undefined;
}

async function writeCustomerReply(tx: Tx, conversationId: string, { body, attachments = [] }: CustomerReplyInput): Promise<IdempotentResponse<MessageCreated>> {
  const ticket = await newestTicket(tx, conversationId, true);
  if (!ticket) throw new ApiError(404, 'this conversation has no ticket to reply to');
  if (ticket.status === 'closed')
    throw new ApiError(409, `ticket ${ticket.number} is closed; ask for a person again to open a new one`, {
      details: { ticketId: ticket.id, number: ticket.number },
    });
  const id = await appendCustomerMessage(tx, { id: ticket.id, status: ticket.status, conversationId }, body);
  await bindAttachments(tx, { conversationId, ticketId: ticket.id, messageId: id, uploadedBy: 'customer' }, attachments);
  return { status: 201, body: { id } };
}

/**
 * Adds a customer's message to a ticket's thread (the widget or an e-mail),
 * in the caller's transaction, with the ticket locked and not closed: the
 * message, the `customer_replied` event (with `data`), a pending ticket back
 * to open or a solved one reopened, and a notice for the agent who holds it.
 * Resolves to the new message's id.
 */
export async function appendCustomerMessage(
  tx: Tx,
  ticket: { id: string; status: TicketStatus; conversationId: string },
  body: string,
  data: Record<string, unknown> = {},
): Promise<string> {
  const [message] = await tx
    .insert(messages)
    .values({ conversationId: ticket.conversationId, ticketId: ticket.id, author: 'customer', body })
    .returning({ id: messages.id });
  if (!message) throw new Error('Wegwijs: inserting a message returned no row');
  await tx
    .update(tickets)
    .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()`, waitingSince: sql`coalesce(${tickets.waitingSince}, now())` })
    .where(eq(tickets.id, ticket.id));
  await tx.insert(ticketEvents).values({ ticketId: ticket.id, type: 'customer_replied', actor: 'customer', data: { messageId: String(message.id), ...data } });
  // The customer wrote again: the ticket needs someone's attention.
  const customer: Actor = { type: 'customer' };
  if (ticket.status === 'pending') await resume(tx, ticket.id, customer);
  else if (ticket.status === 'solved') await reopen(tx, ticket.id, customer);
  await noticeCustomerReplied(tx, ticket.id);
  return String(message.id);
}

/**
 * The customer replies on their newest ticket: a pending ticket becomes
 * open again, a solved one is reopened. Idempotent when `key` is given.
 *
 * @throws ApiError 404 without a ticket; 409 when the ticket is closed; 422 for a reused key.
 */
export async function customerReply(db: Db, conversationId: string, reply: CustomerReplyInput, key?: string): Promise<IdempotentResult<MessageCreated>> {
  if (key !== undefined)
    return idempotent(db, { scope: `reply:${conversationId}`, key, request: reply }, (tx) => writeCustomerReply(tx, conversationId, reply));
  const result = await db.transaction((tx) => writeCustomerReply(tx, conversationId, reply));
  return { ...result, replayed: false };
}
