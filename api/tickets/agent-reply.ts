/**
 * An agent answers a ticket (or writes an internal note): the message, its
 * event and the status move in one transaction, and what to e-mail back.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Tx } from '../db/query.ts';
import { messages, ticketEvents, tickets } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { idempotent, type IdempotentResponse } from '../http/idempotency.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { Locale } from '#core/locale.ts';
import { survivorOf } from './merge.ts';
import { awaitCustomer, type Actor } from './status.ts';
import type { MessageCreated } from './thread.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { attachmentsOfMessages, bindAttachments } from '../attachments/service.ts';

/** An agent's reply or note: text (may be empty when files are attached), whether it is internal, and the ids of its uploads. */
export interface AgentReplyInput {
  body: string;
  internal: boolean;
  attachments?: readonly string[] | undefined;
}

/** What to tell the customer after a public reply. */
export interface ReplyNotification {
  /** The conversation the link in the e-mail reopens. */
  conversationId: string;
  to: string;
  name: string | null;
  locale: Locale;
  number: string;
  subject: string;
  agentName: string;
  body: string;
  /** The files on the reply, named in the e-mail (they are opened in the conversation; absent in rows written before). */
  attachments?: { filename: string; size: number }[];
}

/**
 * An agent's reply or internal note. A public reply sets the first-response
 * time once and moves an open ticket to pending; it returns what the
 * customer must be told. An internal note changes nothing the customer sees.
 * The customer's e-mail goes into the mail outbox in the same transaction.
 * With `key` (the inbox sends one per draft) a retry or a double click posts
 * once: the repeat gets the first answer, `replayed`, and no notification, so
 * the customer is e-mailed once.
 *
 * @throws ApiError 404 for no such ticket; 409 for a public reply on a closed ticket; 422 for a key reused with other text.
 */
export async function addAgentReply(
  db: Db,
  id: string,
  agent: SignedInAgent,
  reply: AgentReplyInput,
  key?: string,
): Promise<{ id: string; notification: ReplyNotification | null; replayed: boolean }> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  // A reply to a ticket merged since (a retry, or an inbox that has not refreshed) belongs to the ticket it went into;
  // the merge carried the keys over, so a retry is still recognised there.
  const target = await survivorOf(db, id);
  let notification: ReplyNotification | null = null;
  const work = async (tx: Tx): Promise<IdempotentResponse<MessageCreated>> => {
    const written = await writeAgentReply(tx, target, agent, reply);
    notification = written.notification;
    return { status: 201, body: { id: written.id } };
  };
  // The key is the agent's: two agents cannot replay each other's replies.
  const result =
    key !== undefined
      ? await idempotent(db, { scope: `agent-reply:${target}:${agent.id}`, key, request: reply }, work)
      : { ...(await db.transaction(work)), replayed: false };
  return { id: result.body.id, notification: result.replayed ? null : notification, replayed: result.replayed };
}

async function writeAgentReply(
  tx: Tx,
  id: string,
  agent: SignedInAgent,
  reply: AgentReplyInput,
): Promise<{ id: string; notification: ReplyNotification | null }> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!ticket) throw new ApiError(404, 'no such ticket');
  if (!reply.internal && ticket.status === 'closed') throw new ApiError(409, `${ticket.number} is closed; the customer can no longer be answered through it`);
  if (ticket.conversationId === null) throw new ApiError(409, `${ticket.number} was anonymised by retention; its conversation no longer exists`);
  const [message] = await tx
    .insert(messages)
    .values({ conversationId: ticket.conversationId, ticketId: id, author: 'agent', agentId: agent.id, body: reply.body, internal: reply.internal })
    .returning({ id: messages.id });
  if (!message) throw new Error('Wegwijs: inserting a message returned no row');
  await bindAttachments(
    tx,
    { conversationId: ticket.conversationId, ticketId: id, messageId: message.id, uploadedBy: 'agent', agentId: agent.id },
    reply.attachments ?? [],
  );
  await tx
    .update(tickets)
    .set({
      lastMessageAt: sql`now()`,
      updatedAt: sql`now()`,
      ...(reply.internal ? {} : { firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, now())`, waitingSince: null }),
    })
    .where(eq(tickets.id, id));
  const actor: Actor = { type: 'agent', agentId: agent.id };
  await tx
    .insert(ticketEvents)
    .values({ ticketId: id, type: reply.internal ? 'noted' : 'replied', actor: 'agent', agentId: agent.id, data: { messageId: String(message.id) } });
  if (reply.internal) return { id: String(message.id), notification: null };
  if (ticket.status === 'open') await awaitCustomer(tx, id, actor);
  if (ticket.customerEmail === null) return { id: String(message.id), notification: null };
  const notification: ReplyNotification = {
    conversationId: ticket.conversationId,
    to: ticket.customerEmail,
    name: ticket.customerName,
    locale: ticket.locale,
    number: ticket.number,
    subject: ticket.subject,
    agentName: agent.name,
    body: reply.body,
    attachments: (reply.attachments?.length ? ((await attachmentsOfMessages(tx, [message.id])).get(String(message.id)) ?? []) : []).map(
      ({ filename, size }) => ({ filename, size }),
    ),
  };
  // In the same transaction: the e-mail exists exactly when the reply does, whatever happens after the commit.
  await enqueueMail(tx, id, { kind: 'reply', notification });
  return { id: String(message.id), notification };
}
