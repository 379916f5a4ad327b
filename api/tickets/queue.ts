/**
 * The agents' queue: tickets as queue rows, searched and sorted, one ticket
 * with its whole story, and claiming one. Queries, no Hono.
 */
import { and, asc, desc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { agents, cesResponses, inboundMail, messages, ticketEvents, tickets } from '../db/schema.ts';
import { attachmentsOfMessages } from '../attachments/service.ts';
import type { AttachmentSummary } from '../inbound/attachments.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import { articlesOffered } from './handoff.ts';
import type { TicketDetail, TicketQuery, TicketSummary } from './schema.ts';

const assignee = alias(agents, 'assignee');

// Not the search text: only the search reads it.
const { searchText: _searchText, ...ticketColumns } = getTableColumns(tickets);
const summaryColumns = { ...ticketColumns, assigneeName: assignee.name };
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

/** A message's columns as the inbox shows them: not the search vector, which only the search reads. */
const { searchVector: _searchVector, ...messageColumns } = getTableColumns(messages);

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
  // Ticket ids first, through the GIN index on the stored vector (one bitmap scan for both languages),
  // then a hashed lookup per ticket. The vector holds both stemmings, the query either.
  const inMessages = sql`${tickets.id} in (
      select s.ticket_id from messages s where s.search_vector @@ (plainto_tsquery('dutch', ${q}) || plainto_tsquery('english', ${q})))`;
  // Lowered in SQL, as the stored column is, so both fold case the same way.
  return or(sql`${tickets.searchText} like lower(${pattern})`, inMessages);
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
      .select({
        message: messageColumns,
        authorName: agents.name,
        email: { from: inboundMail.fromAddress, subject: inboundMail.subject, original: inboundMail.original, attachments: inboundMail.attachments },
      })
      .from(messages)
      .leftJoin(agents, eq(agents.id, messages.agentId))
      .leftJoin(inboundMail, eq(inboundMail.threadMessageId, messages.id))
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
  const files = await attachmentsOfMessages(db, lines.map(({ message }) => message.id));
  const all = lines.map(({ message: m, authorName, email }) => ({
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
    offered: m.offered ?? [],
    choice: m.choice ?? null,
    attachments: files.get(String(m.id)) ?? [],
    ...(email ? { email: { ...email, attachments: email.attachments as AttachmentSummary[] } } : {}),
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
