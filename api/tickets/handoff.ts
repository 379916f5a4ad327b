/**
 * The hand-off: a conversation becomes a ticket. The transcript becomes its
 * first messages (with the assistant's reasons), the customer's message the
 * start of its thread, and a `created` event records the hand-off as a fact.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, sqlStateOf, type Executor } from '../db/query.ts';
import { tickets, UNRESOLVED_STATUSES } from '../db/tables.ts';
import type { HandoffInput } from '../conversations/schema.ts';
import { ApiError } from '../http/errors.ts';
import { claimWithAnswer, requestHashOf, storedAnswer, type IdempotentResult } from '../http/idempotency.ts';
import { enqueueWebhooks, webhookTargetsJson, type WebhookTarget } from '../webhooks/enqueue.ts';
import { bindAttachments } from '../attachments/service.ts';
import { deriveSubject } from './subject.ts';
import {
  enabledRules,
  enabledRulesFingerprint,
  handoffRoutingOf,
  matchingRule,
  pickAssignee,
  ROUTING_CONTEXT_COLUMNS,
  routingContextValues,
  RULES_CHANGED,
  type HandoffRouting,
  type RuleRow,
} from '../routing/handoff.ts';
import { newTicketNotices } from '../notices/record.ts';

/** `'open', 'pending'`, for SQL. */
const UNRESOLVED = sql.raw(UNRESOLVED_STATUSES.map((status) => `'${status}'`).join(', '));

/** Answer of a hand-off. */
export interface HandoffCreated {
  ticketId: string;
  number: string;
}

/**
 * Turns a conversation into a ticket: the transcript becomes its first
 * messages (with the assistant's reasons), the customer's message the start
 * of its thread, and a `created` event records the hand-off as a fact.
 * Idempotent by `key` (as `idempotent()` in api/http, with the claim folded
 * into the ticket's statement); the caller has checked the conversation's
 * token, or passes that check as `access` (SQL giving a boolean, e.g.
 * `opensConversation` of api/conversations), which the statement then
 * evaluates (404 when false).
 * With it the ticket is routed (api/routing): the first rule that matches
 * (against this process's last read of the rules, which the statement checks)
 * gives it to the next member of its team, round robin. `routing` is what the
 * route worked out with content/ (the contact reason's category); without it,
 * routing sees no category.
 * One statement, one round trip, its own transaction
 * (docs/decisions/026-handoff-in-one-statement.md); with files or webhooks to
 * notify, that statement and what follows it in a transaction.
 *
 * @throws ApiError 404 when `access` is false; 409 (with the open ticket's id and number) when the
 *   conversation already has an unresolved ticket; 422 when `key` was used
 *   for a different hand-off.
 */
export async function handOff(
  db: Db,
  conversationId: string,
  key: string,
  input: HandoffInput,
  routing?: HandoffRouting,
  { access }: { access?: SQL } = {},
): Promise<IdempotentResult<HandoffCreated>> {
  const routed = routing ?? (await handoffRoutingOf(input));
  const scope = `handoff:${conversationId}`;
  const requestHash = requestHashOf(input);
  const subject = deriveSubject(input);
  const message = input.message.trim();
  const files = input.attachments ?? [];
  const statement = handoffStatement(conversationId, input, { subject, message, files });
  let freshRules = false;
  for (let attempt = 1; ; attempt++) {
    const { rules, fingerprint } = await enabledRules(db, db, { fresh: freshRules });
    const rule = matchingRule(rules, routed);
    // In a transaction only for what the database cannot do in the statement: binding files, and webhook
    // deliveries (their payload is rendered here). Otherwise the statement is its own transaction.
    const inTransaction = files.length > 0 || webhooksWanted.get(db) === true;
    const write = (executor: Executor) =>
      rows<Written>(executor, statement({ ticketId: randomUUID(), scope, key, requestHash, routing: routed, rule, fingerprint, access, inTransaction }));
    try {
      if (!inTransaction) {
        const [written] = await write(db);
        if (!written) throw new Error('Wegwijs: the hand-off answered nothing');
        if (!written.claimed) return await storedAnswer<HandoffCreated>(db, scope, key, requestHash);
        return created(written);
      }
      return await db.transaction(async (tx): Promise<IdempotentResult<HandoffCreated>> => {
        const [written] = await write(tx);
        if (!written) throw new Error('Wegwijs: the hand-off answered nothing');
        if (!written.claimed) return storedAnswer<HandoffCreated>(tx, scope, key, requestHash);
        const { id, number } = ticketOf(written);
        if (files.length > 0) {
          const [last] = await rows<{ id: string }>(tx, sql`select max(id)::text as id from messages where ticket_id = ${id}::uuid and transcript = false`);
          if (!last?.id) throw new Error('Wegwijs: the hand-off wrote no message to attach files to');
          await bindAttachments(tx, { conversationId, ticketId: id, messageId: last.id, uploadedBy: 'customer' }, files);
        }
        // In the same transaction: the notification exists exactly when the ticket does.
        webhooksWanted.set(db, written.webhooks.length > 0);
        await enqueueWebhooks(tx, { type: 'ticket.created', ticket: { id, number, locale: input.locale, subject, priority: 'normal' } }, written.webhooks);
        return created(written);
      });
    } catch (error) {
      const state = sqlStateOf(error);
      // Before the key: a retry for a conversation that is gone (erased) is a 404 as well.
      if (state === NO_SUCH_CONVERSATION) throw new ApiError(404, 'no such conversation');
      if (state === OPEN_TICKET) throw await openTicketConflict(db, conversationId);
      // Matched against rules an admin has changed since: read them again. Webhooks to notify: a transaction.
      if (state === RULES_CHANGED && attempt < 5) {
        freshRules = true;
        continue;
      }
      if (state === NEEDS_TRANSACTION && attempt < 5) {
        webhooksWanted.set(db, true);
        continue;
      }
      throw error;
    }
  }
}

/** What the hand-off's statement answers. */
interface Written {
  claimed: boolean;
  id: string | null;
  number: string | null;
  webhooks: WebhookTarget[];
}

/** SQLSTATEs the hand-off's statement refuses itself with (`wegwijs_refuse`, migration 0016); see also {@link RULES_CHANGED}. */
const NO_SUCH_CONVERSATION = 'WW404';
const OPEN_TICKET = 'WW409';
const NEEDS_TRANSACTION = 'WWTXN';

/**
 * Per database: whether the last hand-off found webhooks subscribed to
 * `ticket.created`, so the next starts in a transaction instead of being
 * refused for it first ({@link NEEDS_TRANSACTION}).
 */
const webhooksWanted = new WeakMap<object, boolean>();

function ticketOf(written: Written): { id: string; number: string } {
  if (written.id === null || written.number === null) throw new Error('Wegwijs: the hand-off claimed its key but wrote no ticket');
  return { id: written.id, number: written.number };
}

function created(written: Written): IdempotentResult<HandoffCreated> {
  const { id, number } = ticketOf(written);
  return { status: 201, body: { ticketId: id, number }, replayed: false };
}

/** The 409 of a hand-off for a conversation whose ticket is still unresolved, naming that ticket. */
async function openTicketConflict(db: Db, conversationId: string): Promise<ApiError> {
  const [open] = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.conversationId, conversationId), sql`${tickets.status} in (${UNRESOLVED})`));
  return new ApiError(409, `this conversation already has an open ticket${open ? `, ${open.number}` : ''}; reply to it instead`, {
    details: open ? { ticketId: open.id, number: open.number } : {},
  });
}

/**
 * The hand-off as one statement (docs/decisions/026-handoff-in-one-statement.md): it claims the
 * Idempotency-Key with its answer already in it, picks the assignee when a rule matched (the team's
 * round-robin lock, `wegwijs_pick_assignee`), inserts the ticket already assigned, with routing's facts,
 * its messages, its events (`created`, then `assigned` or `routed` naming the rule), the anonymous hand-off
 * fact for the reports and the agents' notices. Outside a transaction block it is its own transaction:
 * the server commits it as it ends, so the team's lock is held for the rest of this statement's work and
 * never while a round trip to this process is pending. Whatever would have rolled the transaction back
 * refuses the statement (`wegwijs_refuse`), undoing all it did: a conversation the caller may not open
 * (404), one with an unresolved ticket (409), rules other than those `rule` was matched against, and,
 * outside a transaction, webhooks to notify. The ticket's id is made here and its number drawn first, so
 * the claim can store the answer before the ticket exists; nothing else is written unless the key was
 * claimed (a replay draws a number it does not use, and moves no turn).
 */
function handoffStatement(
  conversationId: string,
  input: HandoffInput,
  { subject, message, files }: { subject: string; message: string; files: readonly string[] },
) {
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
    offered: entry.offered && entry.offered.length > 0 ? entry.offered : null,
    choice: entry.choice ?? null,
    sent_at: entry.at,
  }));
  // Files need a message to hang on: the customer's last word, empty when they said nothing.
  if (message !== '' || files.length > 0)
    lines.push({
      position: lines.length,
      author: 'customer',
      body: message,
      transcript: false,
      why: null,
      article_id: null,
      action: null,
      ces: null,
      helpful: null,
      offered: null,
      choice: null,
      sent_at: new Date().toISOString(),
    });
  const assistantTurns = input.transcript.filter((entry) => entry.from === 'assistant');
  // The hand-off as its own fact: what was tried before the customer asked for a person.
  const createdFact = {
    transcriptLines: input.transcript.length,
    assistantAnswers: assistantTurns.length,
    articlesOffered: articlesOffered(assistantTurns),
    lastAction: assistantTurns.at(-1)?.action ?? null,
    withMessage: message !== '',
  };
  const transcript = JSON.stringify(lines);
  return ({
    ticketId,
    scope,
    key,
    requestHash,
    routing,
    rule,
    fingerprint,
    access,
    inTransaction,
  }: {
    ticketId: string;
    scope: string;
    key: string;
    requestHash: string;
    routing: HandoffRouting;
    rule: RuleRow | undefined;
    fingerprint: string;
    access: SQL | undefined;
    inTransaction: boolean;
  }): SQL => {
    const team = rule ? sql`${rule.team_id}::uuid` : sql`null::uuid`;
    const ruleRef = rule ? JSON.stringify({ id: rule.id, name: rule.name }) : null;
    return sql`with checked as materialized (
            select case
              when not (${access ?? sql`true`}) then wegwijs_refuse(${NO_SUCH_CONVERSATION}, 'no such conversation')
              when ${enabledRulesFingerprint} <> ${fingerprint} then wegwijs_refuse(${RULES_CHANGED}, 'the routing rules changed since they were matched')
              when ${!inTransaction} and exists (select 1 from webhooks w where w.enabled and 'ticket.created' = any (w.events))
                then wegwijs_refuse(${NEEDS_TRANSACTION}, 'webhooks to notify: hand off in a transaction')
              else true end as ok
          ), numbered as materialized (
            select 'WW-' || nextval('ticket_number_seq') as number from checked
          ), claimed as (
            ${claimWithAnswer(scope, key, requestHash, 201, sql`jsonb_build_object('ticketId', ${ticketId}::uuid, 'number', (select number from numbered))`)}
          ), transcript as (
            -- Before the pick, so the team's lock is not held while the messages (and their search vectors)
            -- are written: the ticket's id is known already; the messages' foreign key is checked as the
            -- statement ends, when the ticket is there (or the statement is refused).
            insert into messages (conversation_id, ticket_id, author, body, transcript, why, article_id, action, ces, helpful, offered, choice, sent_at)
            select ${conversationId}::uuid, ${ticketId}::uuid, line.author, line.body, line.transcript, line.why, line.article_id, line.action, line.ces, line.helpful, line.offered, line.choice, line.sent_at
            from claimed, jsonb_to_recordset(${transcript}::jsonb)
              as line(position int, author text, body text, transcript boolean, why jsonb, article_id text, action text, ces smallint, helpful boolean, offered jsonb, choice jsonb, sent_at timestamptz)
            order by line.position
            returning 1
          ), ${
            rule
              ? // In the select list over the claim: called once when the key was claimed, never for a replay;
                // after the transcript is written (the condition's subquery runs first).
                sql`pick as materialized (select ${pickAssignee(rule.team_id, rule.id)} as p from claimed where (select count(*) from transcript) >= 0),
                  picked as materialized (select (p).picked_team_name as team_name, (p).picked_agent_id as agent_id from pick)`
              : sql`picked as (select null::text as team_name, null::uuid as agent_id where false)`
          }, ticket as (
            insert into tickets (id, number, conversation_id, locale, subject, customer_email, customer_name, last_message_at, waiting_since, team_id, assignee_id, ${ROUTING_CONTEXT_COLUMNS})
            select ${ticketId}::uuid, numbered.number, ${conversationId}::uuid, ${input.locale}, ${subject}, ${input.email}, ${input.name ?? null},
              ${message === '' && files.length === 0 ? sql`null::timestamptz` : sql`now()`}, now(), ${team}, (select agent_id from picked), ${routingContextValues(routing)}
            from numbered where exists (select 1 from claimed)
            on conflict (conversation_id) where status in (${UNRESOLVED}) do nothing
            returning id, number
          ), event as (
            -- Created first, then where routing sent it, naming the rule: one insert, so their ids keep that order.
            insert into ticket_events (ticket_id, type, actor, data)
            select ticket.id, e.type, e.actor, e.data
            from ticket, (
              select 1 as n, 'created' as type, 'customer' as actor, ${JSON.stringify(createdFact)}::jsonb as data
              union all
              select 2, case when p.agent_id is null then 'routed' else 'assigned' end, 'system',
                case when p.agent_id is null
                  then jsonb_build_object('rule', ${ruleRef}::jsonb, 'team', jsonb_build_object('id', ${team}, 'name', p.team_name), 'to', null)
                  else jsonb_build_object('from', null, 'to', p.agent_id, 'rule', ${ruleRef}::jsonb, 'team', jsonb_build_object('id', ${team}, 'name', p.team_name)) end
              from picked p
            ) e
            order by e.n
          ), handoff as (
            -- The anonymous fact for the reports (deflection): it outlives the ticket's retention. Keyed by
            -- the ticket, so a replayed hand-off (which inserts no ticket) never counts twice.
            insert into conversation_events (conversation_id, idempotency_key, type, answer_id, article_id, locale)
            select ${conversationId}::uuid, 'handoff:' || ticket.id, 'handoff', 'handoff', ${createdFact.articlesOffered.at(-1) ?? null}, ${input.locale} from ticket
          ), notice as (
            ${newTicketNotices(sql`(select id from ticket)`, sql`(select agent_id from picked)`, team)}
          )
          select exists (select 1 from claimed) as claimed, ticket.id, ticket.number,
            ${inTransaction ? webhookTargetsJson('ticket.created') : sql`'[]'::jsonb`} as webhooks,
            -- The partial unique index allows one unresolved ticket per conversation, however hand-offs race.
            case when ticket.id is null and exists (select 1 from claimed) then wegwijs_refuse(${OPEN_TICKET}, 'this conversation already has an unresolved ticket') end as refused
          from (select 1) as one left join ticket on true`;
  };
}

/** The articles the assistant offered in `lines`, each once, in order. */
export function articlesOffered(lines: readonly { articleId?: string | null }[]): string[] {
  return [...new Set(lines.map((line) => line.articleId).filter((id): id is string => typeof id === 'string' && id !== ''))];
}
