/**
 * Managing routing: teams and their members, agents' status and cap, and the
 * rules. Queries and transactions, no Hono. Applying the rules to a hand-off
 * is ./handoff.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { isUniqueViolation, rows, type Tx } from '../db/query.ts';
import { agents, routingRules, teamMembers, teams, UNRESOLVED_STATUSES } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { AgentRoutingChange, Rule, RuleChange, RuleCreate, RoutingAgent, RoutingOverview, Team, TeamChange, TeamCreate } from './schema.ts';

const UNRESOLVED = sql.raw(UNRESOLVED_STATUSES.map((status) => `'${status}'`).join(', '));

/** Everything the routing screen shows: teams with members, active agents with status, cap and load, rules in order. */
export async function routingOverview(db: Db): Promise<RoutingOverview> {
  const [teamRows, memberRows, agentRows, ruleRows] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    db
      .select({ teamId: teamMembers.teamId, id: agents.id, name: agents.name })
      .from(teamMembers)
      .innerJoin(agents, eq(agents.id, teamMembers.agentId))
      .orderBy(asc(agents.name)),
    rows<{ id: string; name: string; role: 'agent' | 'admin'; status: 'available' | 'away'; open_ticket_cap: number | null; open_tickets: number }>(
      db,
      sql`select a.id, a.name, a.role, a.status, a.open_ticket_cap,
            (select count(*)::int from tickets t where t.assignee_id = a.id and t.status in (${UNRESOLVED})) as open_tickets
          from agents a where not a.disabled order by a.name, a.id`,
    ),
    db
      .select({ rule: routingRules, teamName: teams.name })
      .from(routingRules)
      .innerJoin(teams, eq(teams.id, routingRules.teamId))
      .orderBy(asc(routingRules.position), asc(routingRules.id)),
  ]);
  const teamList: Team[] = teamRows.map((team) => ({ ...team, members: memberRows.filter((m) => m.teamId === team.id).map(({ id, name }) => ({ id, name })) }));
  const agentList: RoutingAgent[] = agentRows.map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    status: a.status,
    openTicketCap: a.open_ticket_cap,
    openTickets: Number(a.open_tickets),
    teamIds: memberRows.filter((m) => m.id === a.id).map((m) => m.teamId),
  }));
  const rules: Rule[] = ruleRows.map(({ rule, teamName }) => ({
    id: rule.id,
    name: rule.name,
    position: rule.position,
    enabled: rule.enabled,
    locale: rule.locale,
    categoryId: rule.categoryId,
    keywords: rule.keywords,
    team: { id: rule.teamId, name: teamName },
  }));
  return { teams: teamList, agents: agentList, rules };
}

async function checkMembers(tx: Tx, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const valid = memberIds.filter(isUuid);
  const found =
    valid.length === 0
      ? []
      : await tx
          .select({ id: agents.id })
          .from(agents)
          .where(and(inArray(agents.id, valid), eq(agents.disabled, false)));
  const known = new Set(found.map((a) => a.id));
  const index = memberIds.findIndex((id) => !known.has(id));
  if (index >= 0) throw new ApiError(422, `memberIds.${index} must be the id of an active agent`, { field: `memberIds.${index}` });
}

async function setMembers(tx: Tx, teamId: string, memberIds: readonly string[]): Promise<void> {
  await checkMembers(tx, memberIds);
  // Members who stay keep their place in the round robin.
  await tx.delete(teamMembers).where(
    and(
      eq(teamMembers.teamId, teamId),
      memberIds.length === 0
        ? sql`true`
        : sql`${teamMembers.agentId} not in (${sql.join(
            memberIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    ),
  );
  if (memberIds.length > 0)
    await tx
      .insert(teamMembers)
      .values(memberIds.map((agentId) => ({ teamId, agentId })))
      .onConflictDoNothing();
}

function duplicateName(error: unknown, name: string): never {
  if (isUniqueViolation(error)) throw new ApiError(409, `a team named "${name}" already exists`, { field: 'name' });
  throw error;
}

async function teamById(db: Db | Tx, id: string): Promise<Team> {
  const [team] = isUuid(id) ? await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id)) : [];
  if (!team) throw new ApiError(404, 'no such team');
  const members = await db
    .select({ id: agents.id, name: agents.name })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(eq(teamMembers.teamId, id))
    .orderBy(asc(agents.name));
  return { ...team, members };
}

/**
 * Adds a team with its members.
 *
 * @throws ApiError 409 (`name`) for a name in use; 422 (`memberIds.N`) for a member who is not an active agent.
 */
export async function createTeam(db: Db, input: TeamCreate): Promise<Team> {
  return db
    .transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ name: input.name }).returning({ id: teams.id });
      if (!team) throw new Error('Wegwijs: inserting a team returned no row');
      await setMembers(tx, team.id, input.memberIds);
      return teamById(tx, team.id);
    })
    .catch((error: unknown) => duplicateName(error, input.name));
}

/** Renames a team or replaces its members (members who stay keep their round-robin place). */
export async function updateTeam(db: Db, id: string, change: TeamChange): Promise<Team> {
  if (!isUuid(id)) throw new ApiError(404, 'no such team');
  return db
    .transaction(async (tx) => {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).for('update');
      if (!team) throw new ApiError(404, 'no such team');
      if (change.name !== undefined) await tx.update(teams).set({ name: change.name }).where(eq(teams.id, id));
      if (change.memberIds !== undefined) await setMembers(tx, id, change.memberIds);
      return teamById(tx, id);
    })
    .catch((error: unknown) => duplicateName(error, change.name ?? ''));
}

/**
 * Deletes a team; its tickets keep their assignee and return to the shared queue's view.
 *
 * @throws ApiError 409 while a rule still sends tickets to it (naming the rules).
 */
export async function deleteTeam(db: Db, id: string): Promise<void> {
  if (!isUuid(id)) throw new ApiError(404, 'no such team');
  await db.transaction(async (tx) => {
    const users = await tx.select({ name: routingRules.name }).from(routingRules).where(eq(routingRules.teamId, id));
    if (users.length > 0) throw new ApiError(409, `rules still send tickets to this team: ${users.map((r) => r.name).join(', ')}; change or delete them first`);
    const deleted = await tx.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
    if (deleted.length === 0) throw new ApiError(404, 'no such team');
  });
}

/**
 * Sets an agent's status or cap. Anyone may set their own status (away for
 * lunch, available again); another agent's status, and any cap, is for admins.
 *
 * @throws ApiError 403 for an agent changing what is not theirs to change; 404 for no such active agent.
 */
export async function changeAgentRouting(db: Db, id: string, by: SignedInAgent, change: AgentRoutingChange): Promise<RoutingAgent> {
  if (by.role !== 'admin' && (id !== by.id || change.openTicketCap !== undefined)) {
    throw new ApiError(403, id !== by.id ? "only an admin may change a colleague's status" : 'only an admin may change the open-ticket cap');
  }
  const updated = isUuid(id)
    ? await db
        .update(agents)
        .set({
          ...(change.status !== undefined ? { status: change.status } : {}),
          ...(change.openTicketCap !== undefined ? { openTicketCap: change.openTicketCap } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(agents.id, id), eq(agents.disabled, false)))
        .returning({ id: agents.id })
    : [];
  if (updated.length === 0) throw new ApiError(404, 'no such agent');
  const agent = (await routingOverview(db)).agents.find((a) => a.id === id);
  if (!agent) throw new ApiError(404, 'no such agent');
  return agent;
}

async function checkTeam(tx: Tx, teamId: string): Promise<void> {
  const [team] = isUuid(teamId) ? await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)) : [];
  if (!team) throw new ApiError(422, 'teamId must be the id of a team', { field: 'teamId' });
}

async function ruleById(db: Db | Tx, id: string): Promise<Rule> {
  const [row] = await db
    .select({ rule: routingRules, teamName: teams.name })
    .from(routingRules)
    .innerJoin(teams, eq(teams.id, routingRules.teamId))
    .where(eq(routingRules.id, id));
  if (!row) throw new ApiError(404, 'no such rule');
  const { rule, teamName } = row;
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    enabled: rule.enabled,
    locale: rule.locale,
    categoryId: rule.categoryId,
    keywords: rule.keywords,
    team: { id: rule.teamId, name: teamName },
  };
}

/**
 * Adds a rule; without a position it goes after the last one.
 *
 * @throws ApiError 422 (`teamId`) for no such team.
 */
export async function createRule(db: Db, input: RuleCreate): Promise<Rule> {
  return db.transaction(async (tx) => {
    await checkTeam(tx, input.teamId);
    const [last] = await rows<{ position: number | null }>(tx, sql`select max(position) as position from routing_rules`);
    const position = input.position ?? (last?.position === null || last?.position === undefined ? 10 : Number(last.position) + 10);
    const [rule] = await tx
      .insert(routingRules)
      .values({
        name: input.name,
        teamId: input.teamId,
        locale: input.locale,
        categoryId: input.categoryId,
        keywords: input.keywords,
        enabled: input.enabled,
        position,
      })
      .returning({ id: routingRules.id });
    if (!rule) throw new Error('Wegwijs: inserting a rule returned no row');
    return ruleById(tx, rule.id);
  });
}

/** Changes a rule's conditions, team, order or whether it is on. */
export async function updateRule(db: Db, id: string, change: RuleChange): Promise<Rule> {
  if (!isUuid(id)) throw new ApiError(404, 'no such rule');
  return db.transaction(async (tx) => {
    if (change.teamId !== undefined) await checkTeam(tx, change.teamId);
    const set = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const updated = await tx
      .update(routingRules)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(routingRules.id, id))
      .returning({ id: routingRules.id });
    if (updated.length === 0) throw new ApiError(404, 'no such rule');
    return ruleById(tx, id);
  });
}

/** Deletes a rule; tickets it routed keep their team and assignee. */
export async function deleteRule(db: Db, id: string): Promise<void> {
  const deleted = isUuid(id) ? await db.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id }) : [];
  if (deleted.length === 0) throw new ApiError(404, 'no such rule');
}
