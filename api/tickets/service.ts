/**
 * Tickets: born from a hand-off, worked on by agents, answered back to the
 * customer. Queries and transactions, no Hono. Every status change goes
 * through ./status.ts; every other change writes its own ticket event in the
 * same transaction.
 */
import { and, asc, desc, eq, getTableColumns, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { rows, type Executor, type Tx } from '../db/query.ts';
import { agents, cesResponses, csatResponses, messages, ticketEvents, tickets, UNRESOLVED_STATUSES } from '../db/schema.ts';
import type { HandoffInput, PublicTicket } from '../conversations/schema.ts';
import { ApiError } from '../http/errors.ts';
import { idempotent, type IdempotentResponse, type IdempotentResult } from '../http/idempotency.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { Locale } from '#core/locale.ts';
import type { TicketChange, TicketDetail, TicketQuery, TicketSummary } from './schema.ts';
import { awaitCustomer, changeStatus, reopen, resume, type Actor } from './status.ts';
import { enqueueWebhooks } from '../webhooks/enqueue.ts';
import { issueCsatToken } from '../csat/service.ts';
import { deriveSubject } from './subject.ts';
import { handoffRoutingOf, routeHandoff, type HandoffRouting } from '../routing/handoff.ts';

export { deriveSubject, NO_SUBJECT, SUBJECT_LENGTH } from './subject.ts';

/** `'open', 'pending'`, for SQL. */
const UNRESOLVED = sql.raw(UNRESOLVED_STATUSES.map((status) => `'${status}'`).join(', '));

const assignee = alias(agents, 'assignee');

const summaryColumns = { ...getTableColumns(tickets), assigneeName: assignee.name };
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function toSummary(row: SummaryRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    locale: row.locale,
    subject: row.subject,
    customerEmail: row.customerEmail,
    customerName: row.customerName,
    assignee: row.assigneeId !== null && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    firstResponseAt: iso(row.firstResponseAt),
    solvedAt: iso(row.solvedAt),
    lastMessageAt: iso(row.lastMessageAt),
    waitingSince: iso(row.waitingSince),
    // Waiting although an agent has answered before: the customer wrote back.
    customerWroteLast: row.waitingSince !== null && row.firstResponseAt !== null,
  };
}

function selectSummaries(db: Executor) {
  return db.select(summaryColumns).from(tickets).leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
}

/** The ticket `id` as a queue row, or null when there is none. */
export async function ticketSummary(db: Executor, id: string): Promise<TicketSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectSummaries(db).where(eq(tickets.id, id));
  return row ? toSummary(row) : null;
}

// ---------------------------------------------------------------------------
// The customer's side.
// ---------------------------------------------------------------------------

/** Answer of a hand-off. */
export interface HandoffCreated {
  ticketId: string;
  number: string;
}

/**
 * Turns a conversation into a ticket: the transcript becomes its first
 * messages (with the assistant's reasons), the customer's message the start
 * of its thread, and a `created` event records the hand-off as a fact.
 * Idempotent by `key`; the caller has checked the conversation's token.
 *
 * @throws ApiError 409 (with the open ticket's id and number) when the
 *   conversation already has an unresolved ticket; 422 when `key` was used
 *   for a different hand-off.
 */
export async function handOff(db: Db, conversationId: string, key: string, input: HandoffInput, routing?: HandoffRouting): Promise<IdempotentResult<HandoffCreated>> {
  const routed = routing ?? (await handoffRoutingOf(input));
  return idempotent(db, { scope: `handoff:${conversationId}`, key, request: input }, async (tx): Promise<IdempotentResponse<HandoffCreated>> => {
    const message = input.message.trim();
    const lines = input.transcript.map((entry, position) => ({
      position,
      author: entry.from,
      body: entry.text,
      transcript: true,
      why: entry.why ?? null,
      article_id: entry.articleId ?? null,
      action: entry.action ?? null,
      ces: entry.ces ?? null,
      helpful: entry.helpful ?? null,
      sent_at: entry.at,
    }));
    if (message !== '') lines.push({ position: lines.length, author: 'customer', body: message, transcript: false, why: null, article_id: null, action: null, ces: null, helpful: null, sent_at: new Date().toISOString() });
    const assistantTurns = input.transcript.filter((entry) => entry.from === 'assistant');
    // The hand-off as its own fact: what was tried before the customer asked for a person.
    const created = {
      transcriptLines: input.transcript.length,
      assistantAnswers: assistantTurns.length,
      articlesOffered: articlesOffered(assistantTurns),
      lastAction: assistantTurns.at(-1)?.action ?? null,
      withMessage: message !== '',
    };
    // Ticket, messages and event in one statement (one round trip): a hand-off is the hot path of the
    // agents' side. The partial unique index allows one unresolved ticket per conversation, even when
    // hand-offs race; when it refuses, the other two inserts find no ticket and insert nothing.
    const [ticket] = await rows<{ id: string; number: string }>(
      tx,
      sql`with ticket as (
            insert into tickets (conversation_id, locale, subject, customer_email, customer_name, last_message_at, waiting_since)
            values (${conversationId}::uuid, ${input.locale}, ${deriveSubject(input)}, ${input.email}, ${input.name ?? null}, ${message === '' ? sql`null` : sql`now()`}, now())
            on conflict (conversation_id) where status in (${UNRESOLVED}) do nothing
            returning id, number
          ), transcript as (
            insert into messages (conversation_id, ticket_id, author, body, transcript, why, article_id, action, ces, helpful, sent_at)
            select ${conversationId}::uuid, ticket.id, line.author, line.body, line.transcript, line.why, line.article_id, line.action, line.ces, line.helpful, line.sent_at
            from ticket, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
              as line(position int, author text, body text, transcript boolean, why jsonb, article_id text, action text, ces smallint, helpful boolean, sent_at timestamptz)
            order by line.position
          ), event as (
            insert into ticket_events (ticket_id, type, actor, data)
            select ticket.id, 'created', 'customer', ${JSON.stringify(created)}::jsonb from ticket
          ), handoff as (
            -- The anonymous fact for the reports (deflection): it outlives the ticket's retention. Keyed by
            -- the ticket, so a replayed hand-off (which returns before getting here) never counts twice.
            insert into conversation_events (conversation_id, idempotency_key, type, answer_id, article_id, locale)
            select ${conversationId}::uuid, 'handoff:' || ticket.id, 'handoff', 'handoff', ${created.articlesOffered.at(-1) ?? null}, ${input.locale} from ticket
          )
          select id, number from ticket`,
    );
    if (!ticket) {
      const [open] = await tx
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(and(eq(tickets.conversationId, conversationId), sql`${tickets.status} in (${UNRESOLVED})`));
      throw new ApiError(409, `this conversation already has an open ticket${open ? `, ${open.number}` : ''}; reply to it instead`, {
        details: open ? { ticketId: open.id, number: open.number } : {},
      });
    }
    // In the same transaction: the notification exists exactly when the ticket does.
    await enqueueWebhooks(tx, { type: 'ticket.created', ticket: { id: ticket.id, number: ticket.number, locale: input.locale, subject: deriveSubject(input), priority: 'normal' } });
    // Last, so the team's round-robin lock is held only until the commit that follows.
    await routeHandoff(tx, ticket.id, routed);
    return { status: 201, body: { ticketId: ticket.id, number: ticket.number } };
  });
}

function articlesOffered(lines: readonly { articleId?: string | null }[]): string[] {
  return [...new Set(lines.map((line) => line.articleId).filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** The newest ticket of a conversation, locked when `forUpdate`. */
async function newestTicket(db: Executor, conversationId: string, forUpdate = false) {
  const query = db
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(eq(tickets.conversationId, conversationId))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(1);
  const [ticket] = await (forUpdate ? query.for('update') : query);
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
    .orderBy(asc(messages.id));
  const [csat] = await db.select({ score: csatResponses.score }).from(csatResponses).where(eq(csatResponses.ticketId, ticket.id));
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    csat: csat?.score ?? null,
    messages: thread.flatMap((m) =>
      m.author === 'assistant' ? [] : [{ id: String(m.id), author: m.author, authorName: m.author === 'agent' ? m.authorName : null, body: m.body, createdAt: m.createdAt.toISOString() }],
    ),
  };
}

/** Answer of a reply: the new message's id. */
export interface MessageCreated {
  id: string;
}

async function writeCustomerReply(tx: Tx, conversationId: string, body: string): Promise<IdempotentResponse<MessageCreated>> {
  const ticket = await newestTicket(tx, conversationId, true);
  if (!ticket) throw new ApiError(404, 'this conversation has no ticket to reply to');
  if (ticket.status === 'closed') throw new ApiError(409, `ticket ${ticket.number} is closed; ask for a person again to open a new one`, { details: { ticketId: ticket.id, number: ticket.number } });
  const [message] = await tx.insert(messages).values({ conversationId, ticketId: ticket.id, author: 'customer', body }).returning({ id: messages.id });
  if (!message) throw new Error('Wegwijs: inserting a message returned no row');
  await tx
    .update(tickets)
    .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()`, waitingSince: sql`coalesce(${tickets.waitingSince}, now())` })
    .where(eq(tickets.id, ticket.id));
  await tx.insert(ticketEvents).values({ ticketId: ticket.id, type: 'customer_replied', actor: 'customer', data: { messageId: String(message.id) } });
  // The customer wrote again: the ticket needs someone's attention.
  const customer: Actor = { type: 'customer' };
  if (ticket.status === 'pending') await resume(tx, ticket.id, customer);
  else if (ticket.status === 'solved') await reopen(tx, ticket.id, customer);
  return { status: 201, body: { id: String(message.id) } };
}

/**
 * The customer replies on their newest ticket: a pending ticket becomes
 * open again, a solved one is reopened. Idempotent when `key` is given.
 *
 * @throws ApiError 404 without a ticket; 409 when the ticket is closed; 422 for a reused key.
 */
export async function customerReply(db: Db, conversationId: string, body: string, key?: string): Promise<IdempotentResult<MessageCreated>> {
  if (key !== undefined) return idempotent(db, { scope: `reply:${conversationId}`, key, request: { body } }, (tx) => writeCustomerReply(tx, conversationId, body));
  const result = await db.transaction((tx) => writeCustomerReply(tx, conversationId, body));
  return { ...result, replayed: false };
}

// ---------------------------------------------------------------------------
// The agents' side.
// ---------------------------------------------------------------------------

/** Orderings of the queue; the first is the default. */
const QUEUE_ORDER = {
  // Oldest waiting first, then tickets nobody waits on, oldest first.
  waiting: [sql`${tickets.waitingSince} asc nulls last`, asc(tickets.createdAt), asc(tickets.id)],
  newest: [desc(tickets.createdAt), desc(tickets.id)],
  oldest: [asc(tickets.createdAt), asc(tickets.id)],
  activity: [desc(tickets.updatedAt), desc(tickets.id)],
} as const satisfies Record<TicketQuery['sort'], readonly SQL[]>;

/**
 * Matches `q` in a ticket's number, subject, customer e-mail or name (part of
 * the text), or in the words of any of its messages (PostgreSQL full-text
 * search with the Dutch and the English configuration, so `pakketten` finds
 * "pakket" and `delivered` finds "delivery"; PGlite has both configurations,
 * so it behaves the same).
 */
function searchCondition(q: string): SQL | undefined {
  const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  // Ticket ids first, through the GIN indexes (one bitmap scan per language), then a hashed lookup per ticket.
  const inMessages = sql`${tickets.id} in (
      select s.ticket_id from messages s where to_tsvector('dutch', s.body) @@ plainto_tsquery('dutch', ${q})
      union select s.ticket_id from messages s where to_tsvector('english', s.body) @@ plainto_tsquery('english', ${q}))`;
  return or(ilike(tickets.number, pattern), ilike(tickets.subject, pattern), ilike(tickets.customerEmail, pattern), ilike(tickets.customerName, pattern), inMessages);
}

/**
 * The queue: tickets matching `query`, in its `sort` order (by default the
 * customer who has waited longest first).
 *
 * @example listTickets(db, agent.id, { status: 'open', assignee: 'none', sort: 'waiting', limit: 100 })
 */
export async function listTickets(db: Db, agentId: string, query: TicketQuery): Promise<TicketSummary[]> {
  const conditions: SQL[] = [];
  if (query.status !== 'all') conditions.push(eq(tickets.status, query.status));
  if (query.assignee === 'me') conditions.push(eq(tickets.assigneeId, agentId));
  if (query.assignee === 'none') conditions.push(isNull(tickets.assigneeId));
  if (query.locale) conditions.push(eq(tickets.locale, query.locale));
  if (query.q) {
    const match = searchCondition(query.q);
    if (match) conditions.push(match);
  }
  const found = await selectSummaries(db)
    .where(and(...conditions))
    .orderBy(...QUEUE_ORDER[query.sort])
    .limit(query.limit);
  return found.map(toSummary);
}

/** A ticket with its whole story, or null when there is none. */
export async function ticketDetail(db: Db, id: string): Promise<TicketDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectSummaries(db).where(eq(tickets.id, id));
  if (!row) return null;
  const [lines, scores, events] = await Promise.all([
    db
      .select({ message: messages, authorName: agents.name })
      .from(messages)
      .leftJoin(agents, eq(agents.id, messages.agentId))
      .where(eq(messages.ticketId, id))
      .orderBy(asc(messages.id)),
    db
      .select({ answerId: cesResponses.answerId, articleId: cesResponses.articleId, score: cesResponses.score, createdAt: cesResponses.createdAt })
      .from(cesResponses)
      // An anonymised ticket has no conversation left, so no scores to show.
      .where(row.conversationId === null ? sql`false` : eq(cesResponses.conversationId, row.conversationId))
      .orderBy(asc(cesResponses.id)),
    db
      .select({ event: ticketEvents, agentName: agents.name })
      .from(ticketEvents)
      .leftJoin(agents, eq(agents.id, ticketEvents.agentId))
      .where(eq(ticketEvents.ticketId, id))
      .orderBy(asc(ticketEvents.id)),
  ]);
  const all = lines.map(({ message: m, authorName }) => ({
    id: String(m.id),
    author: m.author,
    authorName: m.author === 'agent' ? authorName : null,
    body: m.body,
    internal: m.internal,
    transcript: m.transcript,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    why: m.why,
    articleId: m.articleId,
    action: m.action,
    ces: m.ces,
    helpful: m.helpful,
  }));
  const transcript = all.filter((m) => m.transcript);
  return {
    ...toSummary(row),
    conversationId: row.conversationId,
    messages: all,
    transcript,
    ces: scores.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    assignedAt: row.assigneeId === null ? null : (assignedAtOf(events.map(({ event }) => event))?.toISOString() ?? null),
    articlesOffered: articlesOffered(transcript.filter((m) => m.author === 'assistant')),
    events: events.map(({ event, agentName }) => ({
      type: event.type,
      actor: event.actor === 'agent' ? (agentName ?? 'agent') : event.actor,
      agentId: event.agentId,
      at: event.createdAt.toISOString(),
      data: event.data,
    })),
  };
}

/** Event types that give a ticket to an agent. */
const ASSIGNING_EVENTS = new Set(['claimed', 'assigned', 'taken_over']);

/** When the ticket last went to someone, from its events (oldest first); null when it was released since. */
function assignedAtOf(events: readonly { type: string; createdAt: Date }[]): Date | null {
  let at: Date | null = null;
  for (const event of events) {
    if (ASSIGNING_EVENTS.has(event.type)) at = event.createdAt;
    else if (event.type === 'unassigned') at = null;
  }
  return at;
}

/**
 * Claims a ticket for `agent`: exactly one of any number of agents claiming
 * at once wins, because the claim is one conditional UPDATE (`… where
 * assignee_id is null`) that also writes the `claimed` event.
 * Claiming a ticket one already holds succeeds again.
 *
 * @throws ApiError 404 for no such ticket; 409 naming the holder when someone else has it.
 */
export async function claimTicket(db: Db, id: string, agent: SignedInAgent): Promise<TicketSummary> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  await rows(
    db,
    sql`with claimed as (
          update tickets set assignee_id = ${agent.id}::uuid, updated_at = now()
          where id = ${id}::uuid and assignee_id is null
          returning id
        )
        insert into ticket_events (ticket_id, type, actor, agent_id)
        select id, 'claimed', 'agent', ${agent.id}::uuid from claimed`,
  );
  const ticket = await ticketSummary(db, id);
  if (!ticket) throw new ApiError(404, 'no such ticket');
  if (ticket.assignee?.id !== agent.id) {
    throw new ApiError(409, `${ticket.number} is already held by ${ticket.assignee?.name ?? 'someone else'}`, { details: { assignee: ticket.assignee } });
  }
  return ticket;
}

/** What to tell the customer after a public reply. */
export interface ReplyNotification {
  to: string;
  name: string | null;
  locale: Locale;
  number: string;
  subject: string;
  agentName: string;
  body: string;
}

/**
 * An agent's reply or internal note. A public reply sets the first-response
 * time once and moves an open ticket to pending; it returns what the
 * customer must be told. An internal note changes nothing the customer sees.
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
  reply: { body: string; internal: boolean },
  key?: string,
): Promise<{ id: string; notification: ReplyNotification | null; replayed: boolean }> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  let notification: ReplyNotification | null = null;
  const work = async (tx: Tx): Promise<IdempotentResponse<MessageCreated>> => {
    const written = await writeAgentReply(tx, id, agent, reply);
    notification = written.notification;
    return { status: 201, body: { id: written.id } };
  };
  // The key is the agent's: two agents cannot replay each other's replies.
  const result =
    key !== undefined
      ? await idempotent(db, { scope: `agent-reply:${id}:${agent.id}`, key, request: reply }, work)
      : { ...(await db.transaction(work)), replayed: false };
  return { id: result.body.id, notification: result.replayed ? null : notification, replayed: result.replayed };
}

async function writeAgentReply(tx: Tx, id: string, agent: SignedInAgent, reply: { body: string; internal: boolean }): Promise<{ id: string; notification: ReplyNotification | null }> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!ticket) throw new ApiError(404, 'no such ticket');
  if (!reply.internal && ticket.status === 'closed') throw new ApiError(409, `${ticket.number} is closed; the customer can no longer be answered through it`);
  if (ticket.conversationId === null) throw new ApiError(409, `${ticket.number} was anonymised by retention; its conversation no longer exists`);
  const [message] = await tx
    .insert(messages)
    .values({ conversationId: ticket.conversationId, ticketId: id, author: 'agent', agentId: agent.id, body: reply.body, internal: reply.internal })
    .returning({ id: messages.id });
  if (!message) throw new Error('Wegwijs: inserting a message returned no row');
  await tx
    .update(tickets)
    .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()`, ...(reply.internal ? {} : { firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, now())`, waitingSince: null }) })
    .where(eq(tickets.id, id));
  const actor: Actor = { type: 'agent', agentId: agent.id };
  await tx.insert(ticketEvents).values({ ticketId: id, type: reply.internal ? 'noted' : 'replied', actor: 'agent', agentId: agent.id, data: { messageId: String(message.id) } });
  if (reply.internal) return { id: String(message.id), notification: null };
  if (ticket.status === 'open') await awaitCustomer(tx, id, actor);
  if (ticket.customerEmail === null) return { id: String(message.id), notification: null };
  return {
    id: String(message.id),
    notification: { to: ticket.customerEmail, name: ticket.customerName, locale: ticket.locale, number: ticket.number, subject: ticket.subject, agentName: agent.name, body: reply.body },
  };
}

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
export async function changeTicket(db: Db, id: string, agent: SignedInAgent, change: TicketChange): Promise<{ ticket: TicketSummary; solved: SolvedNotification | null }> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    if (!ticket) throw new ApiError(404, 'no such ticket');
    const actor: Actor = { type: 'agent', agentId: agent.id };
    const event = (type: string, data: Record<string, unknown>) => tx.insert(ticketEvents).values({ ticketId: id, type, actor: 'agent', agentId: agent.id, data });

    if (change.assigneeId !== undefined && change.assigneeId !== ticket.assigneeId) {
      if (ticket.assigneeId !== null && ticket.assigneeId !== agent.id && agent.role !== 'admin') {
        const [holder] = await tx.select({ name: agents.name }).from(agents).where(eq(agents.id, ticket.assigneeId));
        throw new ApiError(409, `${ticket.number} is held by ${holder?.name ?? 'someone else'}; only they or an admin can pass it on`);
      }
      if (change.assigneeId !== null) {
        const [target] = isUuid(change.assigneeId)
          ? await tx.select({ id: agents.id }).from(agents).where(and(eq(agents.id, change.assigneeId), eq(agents.disabled, false)))
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
      moved?.to === 'solved' && ticket.customerEmail !== null
        ? { to: ticket.customerEmail, name: ticket.customerName, locale: ticket.locale, number: ticket.number, subject: ticket.subject, csatToken: await issueCsatToken(tx, id) }
        : null;
    const summary = await ticketSummary(tx, id);
    if (!summary) throw new ApiError(404, 'no such ticket');
    return { ticket: summary, solved };
  });
}
