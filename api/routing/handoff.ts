/**
 * Routing at hand-off: the one call the ticket service makes, in the
 * hand-off's own transaction. It records the contact reason and where the
 * customer came from on the ticket, finds the first routing rule the
 * hand-off matches and, when one does, gives the ticket to the next
 * available member of the rule's team (round robin), writing an event that
 * names the rule.
 *
 * Two processes on one PostgreSQL: the team's row is locked `for update`
 * before its round robin is read, so hand-offs routed to one team take turns
 * one after the other (no skew, no agent picked twice for one turn); the
 * chosen agent's row is locked too and their cap counted again after the
 * lock, because an agent in two teams can be chosen through both at once.
 * See docs/decisions/013-routing-in-the-handoff-transaction.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import { rows, type Tx } from '../db/query.ts';
import type { HandoffInput } from '../conversations/schema.ts';
import { UNRESOLVED_STATUSES, type DEVICE_CLASSES } from '../db/tables.ts';
import { firstMatch } from './match.ts';

/** `'open', 'pending'`, for SQL. */
const UNRESOLVED = sql.raw(UNRESOLVED_STATUSES.map((status) => `'${status}'`).join(', '));

/** The category of an article (translation key) in a locale, from content/; undefined when unknown. */
export type CategoryLookup = (locale: Locale, articleId: string) => Promise<string | undefined>;

/** What routing knows of a hand-off, worked out before its transaction (content lookups are not database work). */
export interface HandoffRouting {
  locale: Locale;
  /** The customer's note for the person. */
  note: string;
  /** Contact reason: the customer's chosen category, else that of the reason article. */
  reasonCategoryId: string | null;
  /** Contact reason: the article the assistant last offered, else the article page the chat was opened on. */
  reasonArticleId: string | null;
  entryPage: string | null;
  entryArticleId: string | null;
  device: (typeof DEVICE_CLASSES)[number] | null;
}

/**
 * The routing facts of a validated hand-off. The contact reason's article is
 * the one the assistant offered last (what the customer was told before
 * asking for a person), else the article page they opened the chat on; its
 * category comes from content/ unless the customer chose one.
 *
 * @example await handoffRoutingOf(input, (locale, id) => catalog.find(locale, id).then((a) => a?.categoryId))
 */
export async function handoffRoutingOf(input: HandoffInput, categoryOf?: CategoryLookup): Promise<HandoffRouting> {
  const offered = input.transcript.filter((line) => line.from === 'assistant' && typeof line.articleId === 'string' && line.articleId !== '').at(-1)?.articleId ?? null;
  const reasonArticleId = offered ?? input.context?.articleId ?? null;
  let category = input.context?.categoryId ?? null;
  if (category === null && reasonArticleId !== null && categoryOf) {
    // Without content (a broken content/ or none in a test) routing by category simply finds no category.
    category = (await categoryOf(input.locale, reasonArticleId).catch(() => undefined)) ?? null;
  }
  return {
    locale: input.locale,
    note: input.message,
    reasonCategoryId: category,
    reasonArticleId,
    entryPage: input.context?.page ?? null,
    entryArticleId: input.context?.articleId ?? null,
    device: input.context?.device ?? null,
  };
}

/** Where routing sent a ticket. */
export interface Routed {
  rule: { id: string; name: string };
  team: { id: string; name: string };
  /** Null when nobody in the team was available under their cap: the ticket waits in the team's part of the queue. */
  assignee: { id: string; name: string } | null;
}

interface RuleRow {
  id: string;
  name: string;
  locale: Locale | null;
  category_id: string | null;
  keywords: string[];
  team_id: string;
}

/**
 * Records `routing` on ticket `ticketId` and applies the first matching rule,
 * in the caller's transaction (the hand-off's). Resolves to where the ticket
 * went, or null when no rule matched (the shared queue).
 */
export async function routeHandoff(tx: Tx, ticketId: string, routing: HandoffRouting): Promise<Routed | null> {
  const rules = await rows<RuleRow>(tx, sql`select id, name, locale, category_id, keywords, team_id from routing_rules where enabled order by position, id`);
  const rule = firstMatch(
    rules.map((r) => ({ ...r, categoryId: r.category_id })),
    { locale: routing.locale, categoryId: routing.reasonCategoryId, note: routing.note },
  );
  const context = sql`reason_category_id = ${routing.reasonCategoryId}, reason_article_id = ${routing.reasonArticleId},
    entry_page = ${routing.entryPage}, entry_article_id = ${routing.entryArticleId}, device = ${routing.device}`;
  if (!rule) {
    await tx.execute(sql`update tickets set ${context} where id = ${ticketId}::uuid`);
    return null;
  }
  // The team's row is the round robin's lock: whoever routes to this team next waits here until this hand-off commits.
  const [team] = await rows<{ name: string }>(tx, sql`select name from teams where id = ${rule.team_id}::uuid for update`);
  if (!team) throw new Error(`Wegwijs: routing rule ${rule.id} names a team that does not exist`);
  const ruleRef = { id: rule.id, name: rule.name };
  const teamRef = { id: rule.team_id, name: team.name };
  // The lock is held to the commit, so every statement after it counts: the usual case (the next agent has
  // no cap) is picked and assigned in one statement, a fresh snapshot taken after the lock.
  const [picked] = await rows<{ id: string; name: string; open_ticket_cap: number | null; assigned: boolean }>(
    tx,
    sql`with candidate as (${candidateQuery(rule.team_id, [])}),
        chosen as (select id from candidate where open_ticket_cap is null),
        ${assignment(rule.team_id, ticketId, context, sql`(select id from chosen)`, ruleRef, teamRef)}
        select c.id, c.name, c.open_ticket_cap, exists (select 1 from chosen) as assigned from candidate c`,
  );
  if (picked?.assigned) return { rule: ruleRef, team: teamRef, assignee: { id: picked.id, name: picked.name } };
  // Nobody, or someone with a cap: counted again under their lock (./nextAgent), then assigned.
  const assignee = picked ? await nextAgent(tx, rule.team_id, picked) : null;
  if (!assignee) {
    await rows(
      tx,
      sql`with ticket as (update tickets set ${context}, team_id = ${rule.team_id}::uuid where id = ${ticketId}::uuid returning id)
          insert into ticket_events (ticket_id, type, actor, data)
          select id, 'routed', 'system', ${JSON.stringify({ rule: ruleRef, team: teamRef, to: null })}::jsonb from ticket`,
    );
    return { rule: ruleRef, team: teamRef, assignee: null };
  }
  await rows(tx, sql`with ${assignment(rule.team_id, ticketId, context, sql`${assignee.id}::uuid`, ruleRef, teamRef)} select 1`);
  return { rule: ruleRef, team: teamRef, assignee };
}

/**
 * SQL: the available, enabled member of `teamId` under their cap whose turn
 * it is (given a ticket of this team longest ago, never first; ties by id),
 * leaving out `skipped`; their agent row locked.
 */
function candidateQuery(teamId: string, skipped: readonly string[]): SQL {
  const exclude = skipped.length === 0 ? sql`` : sql`and a.id not in (${sql.join(skipped.map((id) => sql`${id}::uuid`), sql`, `)})`;
  return sql`select a.id, a.name, a.open_ticket_cap from team_members m join agents a on a.id = m.agent_id
      where m.team_id = ${teamId}::uuid and a.status = 'available' and not a.disabled ${exclude}
        and (a.open_ticket_cap is null
          or (select count(*) from tickets t where t.assignee_id = a.id and t.status in (${UNRESOLVED})) < a.open_ticket_cap)
      order by m.last_turn asc nulls first, a.id
      limit 1
      for update of a`;
}

/**
 * SQL (common table expressions): the ticket to `agent` (an SQL uuid, which
 * may be null: then nothing happens), the team's turn and the member's last
 * turn moved on, and the `assigned` event naming the rule. Turn, member,
 * ticket and event in one statement: a hand-off is the hot path.
 */
function assignment(teamId: string, ticketId: string, context: SQL, agent: SQL, rule: { id: string; name: string }, team: { id: string; name: string }): SQL {
  return sql`agent as (select ${agent} as id),
      turn as (
        update teams set turn = turn + 1 where id = ${teamId}::uuid and exists (select 1 from agent where id is not null) returning turn
      ), member as (
        update team_members set last_turn = turn.turn from turn, agent where team_id = ${teamId}::uuid and agent_id = agent.id
      ), ticket as (
        update tickets set ${context}, team_id = ${teamId}::uuid, assignee_id = agent.id from agent
        where tickets.id = ${ticketId}::uuid and agent.id is not null returning tickets.id, agent.id as agent_id
      ), event as (
        insert into ticket_events (ticket_id, type, actor, data)
        select ticket.id, 'assigned', 'system', jsonb_build_object('from', null, 'to', ticket.agent_id, 'rule', ${JSON.stringify(rule)}::jsonb, 'team', ${JSON.stringify(team)}::jsonb) from ticket
      )`;
}

/**
 * The team member whose turn it is, starting from `first` (the candidate the
 * first pick found, whose row is locked): their cap counted again now that
 * their row is locked (routing through another team may have just given
 * them one); when full, the next candidate. The caller holds the team's lock.
 */
async function nextAgent(tx: Tx, teamId: string, first: { id: string; name: string; open_ticket_cap: number | null }): Promise<{ id: string; name: string } | null> {
  const skipped: string[] = [];
  let candidate: { id: string; name: string; open_ticket_cap: number | null } | undefined = first;
  while (candidate) {
    if (candidate.open_ticket_cap === null) return { id: candidate.id, name: candidate.name };
    const [held] = await rows<{ open: number }>(tx, sql`select count(*)::int as open from tickets where assignee_id = ${candidate.id}::uuid and status in (${UNRESOLVED})`);
    if ((held?.open ?? 0) < candidate.open_ticket_cap) return { id: candidate.id, name: candidate.name };
    skipped.push(candidate.id);
    [candidate] = await rows<{ id: string; name: string; open_ticket_cap: number | null }>(tx, candidateQuery(teamId, skipped));
  }
  return null;
}
