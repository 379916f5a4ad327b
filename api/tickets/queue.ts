/**
 * The agents' queue: tickets as queue rows, searched and sorted, one ticket
 * with its whole story, and claiming one. Queries, no Hono.
 */
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { addBusinessHours } from '#core/targets/business-hours.ts';
import type { ResponseTargets } from '#core/targets/settings.ts';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { agents, cesResponses, inboundMail, messages, teams, ticketEvents, tickets } from '../db/tables.ts';
import { attachmentsOfMessages } from '../attachments/service.ts';
import type { AttachmentSummary } from '../inbound/attachments.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import { articlesOffered } from './handoff.ts';
import type { TicketDetail, TicketQuery, TicketSummary } from './schema.ts';

const assignee = alias(agents, 'assignee');
const survivor = alias(tickets, 'survivor');

// Not the search text: only the search reads it.
const { searchText: _searchText, ...ticketColumns } = getTableColumns(tickets);
const summaryColumns = { ...ticketColumns, assigneeName: assignee.name, teamName: teams.name, mergedIntoNumber: survivor.number };
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

/** A message's columns as the inbox shows them: not the search vector, which only the search reads. */
const { searchVector: _searchVector, ...messageColumns } = getTableColumns(messages);

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * The response clock of a queue row: while the customer waits
 * (`waitingSince`), the first-response target until an agent has answered
 * publicly, the next-response target after that, for the ticket's team and
 * priority, counted in its locale's business hours. Null when nobody waits,
 * without targets, or when the locale has no business hours.
 */
export function responseClock(
  row: Pick<SummaryRow, 'waitingSince' | 'firstResponseAt' | 'locale' | 'priority' | 'teamName'>,
  targets: ResponseTargets | null,
): TicketSummary['response'] {
  if (!targets || row.waitingSince === null) return null;
  const calendar = targets.calendar(row.locale);
  if (!calendar) return null;
  const kind = row.firstResponseAt === null ? 'first' : 'next';
  const targetHours = targets.hours(row.teamName, row.priority, kind);
  return { kind, startedAt: row.waitingSince.toISOString(), targetHours, dueAt: addBusinessHours(row.waitingSince, targetHours, calendar).toISOString() };
}

function toSummary(row: SummaryRow, targets?: ResponseTargets | null): TicketSummary {
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
    team: row.teamId !== null && row.teamName !== null ? { id: row.teamId, name: row.teamName } : null,
    mergedInto: row.mergedIntoId !== null && row.mergedIntoNumber !== null ? { id: row.mergedIntoId, number: row.mergedIntoNumber } : null,
    ...(targets === undefined ? {} : { response: responseClock(row, targets) }),
  };
}

function selectSummaries(db: Executor) {
  return db
    .select(summaryColumns)
    .from(tickets)
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .leftJoin(survivor, eq(survivor.id, tickets.mergedIntoId));
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
  // Worked out in listTickets (business hours are not SQL); this is the order of the tickets without a clock.
  due: [sql`${tickets.waitingSince} asc nulls last`, asc(tickets.createdAt), asc(tickets.id)],
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
export async function listTickets(db: Db, agentId: string, query: TicketQuery, targets: ResponseTargets | null = null): Promise<TicketSummary[]> {
  const conditions: SQL[] = [];
  if (query.status !== 'all') conditions.push(eq(tickets.status, query.status));
  if (query.assignee === 'me') conditions.push(eq(tickets.assigneeId, agentId));
  if (query.assignee === 'none') conditions.push(isNull(tickets.assigneeId));
  if (query.locale) conditions.push(eq(tickets.locale, query.locale));
  if (query.q) {
    const match = searchCondition(query.q);
    if (match) conditions.push(match);
  }
  if (query.sort === 'due' && targets) return byDueTime(db, conditions, query.limit, targets);
  const found = await selectSummaries(db)
    .where(and(...conditions))
    .orderBy(...QUEUE_ORDER[query.sort])
    .limit(query.limit);
  return found.map((row) => toSummary(row, targets));
}

/**
 * The queue by due time: running clocks first, the one due first (the most
 * overdue) at the top, then the tickets nobody waits on. Due times are
 * business-hours arithmetic, so they are computed here, not in SQL; but
 * within one locale, team, priority and kind of response the due time grows
 * with the waiting time, so the `limit` longest waiting of each such group
 * are all the candidates there can be: exact, without reading the whole queue.
 */
async function byDueTime(db: Db, conditions: SQL[], limit: number, targets: ResponseTargets): Promise<TicketSummary[]> {
  const ranked = db
    .select({
      id: tickets.id,
      rank: sql<number>`row_number() over (partition by ${tickets.locale}, ${tickets.teamId}, ${tickets.priority}, ${tickets.firstResponseAt} is null order by ${tickets.waitingSince}, ${tickets.id})`.as(
        'rank',
      ),
    })
    .from(tickets)
    .where(and(...conditions, isNotNull(tickets.waitingSince)))
    .as('ranked');
  const candidates = await db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, limit));
  const waiting =
    candidates.length === 0
      ? []
      : (
          await selectSummaries(db).where(
            inArray(
              tickets.id,
              candidates.map((c) => c.id),
            ),
          )
        ).map((row) => toSummary(row, targets));
  const dueOf = (ticket: TicketSummary) => (ticket.response ? Date.parse(ticket.response.dueAt) : Number.POSITIVE_INFINITY);
  const waitedOf = (ticket: TicketSummary) => (ticket.waitingSince ? Date.parse(ticket.waitingSince) : 0);
  waiting.sort((a, b) => dueOf(a) - dueOf(b) || waitedOf(a) - waitedOf(b) || (a.id < b.id ? -1 : 1));
  const top = waiting.slice(0, limit);
  if (top.length === limit) return top;
  const rest = await selectSummaries(db)
    .where(and(...conditions, isNull(tickets.waitingSince)))
    .orderBy(...QUEUE_ORDER.due)
    .limit(limit - top.length);
  return [...top, ...rest.map((row) => toSummary(row, targets))];
}

/** A ticket with its whole story, or null when there is none. */
export async function ticketDetail(db: Db, id: string, targets: ResponseTargets | null = null): Promise<TicketDetail | null> {
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
      // Time order (then insertion order): a merged ticket's messages fall in between its own.
      .orderBy(asc(messages.createdAt), asc(messages.id)),
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
  const files = await attachmentsOfMessages(
    db,
    lines.map(({ message }) => message.id),
  );
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
    ...toSummary(row, targets),
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
