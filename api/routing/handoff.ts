/**
 * Routing at hand-off, in the hand-off's own transaction. The contact
 * reason and where the customer came from go into the ticket's insert
 * ({@link routingContextValues}); the first rule the hand-off matches
 * ({@link matchingRule}, against {@link enabledRules}: this process's last
 * read, which the hand-off's statement checks by {@link enabledRulesFingerprint})
 * gives the ticket to the next available member of the rule's team (round
 * robin, {@link pickAssignee}), with an event that names the rule.
 *
 * Two processes on one PostgreSQL: the team's row is locked `for update`
 * before its round robin is read, so hand-offs routed to one team take turns
 * one after the other (no skew, no agent picked twice for one turn); the
 * chosen agent's row is locked too and their cap counted again after the
 * lock, because an agent in two teams can be chosen through both at once.
 * All of that happens inside the database function `wegwijs_pick_assignee`
 * (migration 0016), called by the hand-off's one statement, which is its own
 * transaction: the team's lock is held for the server's work, not for a round
 * trip. Inbound mail, whose ticket exists first, routes it with
 * {@link routeHandoff} (`wegwijs_route_ticket`, the same pick).
 * See docs/decisions/013-routing-in-the-handoff-transaction.md,
 * 021-routing-in-one-call.md and 026-handoff-in-one-statement.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import { rows, type Executor, type Tx } from '../db/query.ts';
import type { HandoffInput } from '../conversations/schema.ts';
import { UNRESOLVED_STATUSES, type DEVICE_CLASSES } from '../db/tables.ts';
import { firstMatch } from './match.ts';

/** `{open,pending}`: the statuses that count against an agent's cap, as a PostgreSQL array literal. */
const UNRESOLVED_ARRAY = `{${UNRESOLVED_STATUSES.join(',')}}`;

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
  const offered =
    input.transcript.filter((line) => line.from === 'assistant' && typeof line.articleId === 'string' && line.articleId !== '').at(-1)?.articleId ?? null;
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

/** A routing rule as routing reads it (`routing_rules`, enabled ones, in their order). */
export interface RuleRow {
  id: string;
  name: string;
  locale: Locale | null;
  category_id: string | null;
  keywords: string[];
  team_id: string;
}

/**
 * SQL: the enabled rules in their order, as one JSON array of {@link RuleRow}
 * (a scalar subquery): what {@link enabledRules} reads and, as its md5, what
 * the hand-off's statement compares with that read.
 */
export const enabledRulesJson = sql`(select coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'name', r.name, 'locale', r.locale, 'category_id', r.category_id, 'keywords', r.keywords, 'team_id', r.team_id) order by r.position, r.id), '[]'::jsonb) from routing_rules r where r.enabled)`;

/** The enabled rules as a process last read them, and their fingerprint (md5 of {@link enabledRulesJson} as text). */
export interface RulesSnapshot {
  rules: RuleRow[];
  fingerprint: string;
}

/** SQL: the fingerprint of the enabled rules now, to compare with a {@link RulesSnapshot}'s. */
export const enabledRulesFingerprint = sql`md5(${enabledRulesJson}::text)`;

/**
 * The last rules read per database: the hand-off matches against them in
 * TypeScript before its one statement, and that statement refuses itself
 * (SQLSTATE {@link RULES_CHANGED}) when the rules it sees have another
 * fingerprint, e.g. changed by an admin on another server process; the
 * hand-off then reads them again and retries. Rules change seldom, hand-offs
 * often.
 */
const lastRules = new WeakMap<object, RulesSnapshot>();

/** SQLSTATE of a hand-off statement that found other rules than it was matched against. */
export const RULES_CHANGED = 'WWRUL';

/** The enabled rules in their order, from this process's last read unless `fresh` (then read and kept). */
export async function enabledRules(db: Executor, cacheKey: object, { fresh = false }: { fresh?: boolean } = {}): Promise<RulesSnapshot> {
  const known = fresh ? undefined : lastRules.get(cacheKey);
  if (known) return known;
  const [read] = await rows<{ rules: RuleRow[]; fingerprint: string }>(
    db,
    sql`select r.rules, md5(r.rules::text) as fingerprint from (select ${enabledRulesJson} as rules) r`,
  );
  if (!read) throw new Error('Wegwijs: reading the routing rules answered nothing');
  const snapshot = { rules: read.rules, fingerprint: read.fingerprint };
  lastRules.set(cacheKey, snapshot);
  return snapshot;
}

/** The first of `rules` that the hand-off matches (api/routing/match.ts), or undefined: the shared queue. */
export function matchingRule(rules: readonly RuleRow[], routing: HandoffRouting): RuleRow | undefined {
  return firstMatch(
    rules.map((r) => ({ ...r, categoryId: r.category_id })),
    { locale: routing.locale, categoryId: routing.reasonCategoryId, note: routing.note },
  );
}

/**
 * SQL (a FROM item) that picks the assignee of a ticket routed to `teamId`,
 * round robin (`wegwijs_pick_assignee`, migration 0016): the team's row
 * locked to the end of the transaction, the turn moved on. One row: the
 * team's name and the member (`picked_agent_id` null when nobody is available
 * under their cap).
 */
export function pickAssignee(teamId: string, ruleId: string): SQL {
  return sql`wegwijs_pick_assignee(${teamId}::uuid, ${ruleId}, ${UNRESOLVED_ARRAY}::text[])`;
}

/**
 * The ticket columns routing records from the hand-off (contact reason and
 * where the customer came from), as SQL values in this order:
 * reason_category_id, reason_article_id, entry_page, entry_article_id, device.
 */
export function routingContextValues(routing: HandoffRouting): SQL {
  return sql`${routing.reasonCategoryId}, ${routing.reasonArticleId}, ${routing.entryPage}, ${routing.entryArticleId}, ${routing.device}`;
}

/** The columns of {@link routingContextValues}, for an insert into `tickets`. */
export const ROUTING_CONTEXT_COLUMNS = sql.raw('reason_category_id, reason_article_id, entry_page, entry_article_id, device');

/**
 * Records `routing` on ticket `ticketId` and applies the first matching rule,
 * in the caller's transaction. Resolves to where the ticket went, or null
 * when no rule matched (the shared queue). For tickets made without routing
 * facts at insert (inbound mail); the hand-off picks in its own statement.
 */
export async function routeHandoff(tx: Tx, ticketId: string, routing: HandoffRouting): Promise<Routed | null> {
  await tx.execute(
    sql`update tickets set reason_category_id = ${routing.reasonCategoryId}, reason_article_id = ${routing.reasonArticleId},
        entry_page = ${routing.entryPage}, entry_article_id = ${routing.entryArticleId}, device = ${routing.device} where id = ${ticketId}::uuid`,
  );
  const rules = await rows<RuleRow>(tx, sql`select id, name, locale, category_id, keywords, team_id from routing_rules where enabled order by position, id`);
  return routeTicket(tx, ticketId, routing, rules);
}

/**
 * Applies the first of `rules` that the hand-off matches to ticket
 * `ticketId` (whose routing facts are recorded already), in the caller's
 * transaction: one statement, the round robin done by the database
 * (`wegwijs_route_ticket`, migrations 0015 and 0016) with the team's lock
 * taken inside it and held from there to the commit, so the caller should
 * commit right after. For a ticket that exists already (inbound mail); the
 * hand-off picks in its own statement (api/tickets/handoff.ts).
 */
export async function routeTicket(tx: Tx, ticketId: string, routing: HandoffRouting, rules: readonly RuleRow[]): Promise<Routed | null> {
  const rule = matchingRule(rules, routing);
  if (!rule) return null;
  const ruleRef = { id: rule.id, name: rule.name };
  const [routed] = await rows<{ routed_team_name: string; routed_agent_id: string | null; routed_agent_name: string | null }>(
    tx,
    sql`select * from wegwijs_route_ticket(${ticketId}::uuid, ${rule.team_id}::uuid, ${JSON.stringify(ruleRef)}::jsonb, ${UNRESOLVED_ARRAY}::text[])`,
  );
  if (!routed) throw new Error('Wegwijs: routing a ticket answered nothing');
  return {
    rule: ruleRef,
    team: { id: rule.team_id, name: routed.routed_team_name },
    assignee: routed.routed_agent_id === null ? null : { id: routed.routed_agent_id, name: routed.routed_agent_name ?? '' },
  };
}
