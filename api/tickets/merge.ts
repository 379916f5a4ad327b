/**
 * Merging two tickets of one customer: the younger is merged into the older
 * (the customer's first question leads), all or nothing. Its messages move
 * to the older ticket and keep their times, so the thread is every message
 * once, in time order; it is closed through the state machine's `merge`
 * move with a `merged_into` event, and the older gets a `merged` event, so
 * both histories say what went where. Afterwards everything that reached
 * the younger ticket reaches the older: the customer's link and replies
 * through its conversation (api/tickets/thread.ts), agents' replies
 * (api/tickets/agent-reply.ts), whose Idempotency-Keys are carried over so a
 * retry after the merge is still recognised. See
 * docs/decisions/019-merging-tickets.md.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows, type Executor } from '../db/query.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import { ticketSummary } from './queue.ts';
import type { TicketSummary } from './schema.ts';
import { merge, reopen, resume, type Actor } from './status.ts';

/** Most merges followed from one ticket to its survivor (a chain longer than this is a bug, not data). */
const MAX_CHAIN = 20;

/**
 * The ticket `id` was (eventually) merged into, or `id` itself when it was
 * not merged. Every write that names a ticket a customer or agent may still
 * hold an old reference to goes through here.
 */
export async function survivorOf(db: Executor, id: string): Promise<string> {
  let current = id;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const [row] = await rows<{ merged_into_id: string | null }>(db, sql`select merged_into_id from tickets where id = ${current}::uuid`);
    if (!row?.merged_into_id) return current;
    current = row.merged_into_id;
  }
  throw new Error(`Wegwijs: ticket ${id} is merged more than ${MAX_CHAIN} times over`);
}

interface MergeRow {
  id: string;
  number: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  customer_email: string | null;
  merged_into_id: string | null;
  created_at: Date | string;
}

/** What a merge did. */
export interface MergeResult {
  /** The older ticket, which now holds the whole thread. */
  survivor: TicketSummary;
  /** The younger ticket, now closed and merged into the survivor. */
  merged: { id: string; number: string };
}

/**
 * Merges tickets `id` and `otherId` (in either order: the younger goes into
 * the older).
 *
 * @throws ApiError 404 when either does not exist; 422 (`ticketId`) for the
 *   same ticket twice or tickets of different customers (e-mail addresses,
 *   compared case-insensitively; an anonymised ticket has none); 409 when
 *   either is closed or already merged.
 */
export async function mergeTickets(db: Db, id: string, otherId: string, agent: SignedInAgent): Promise<MergeResult> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  if (!isUuid(otherId)) throw new ApiError(404, 'no ticket with this ticketId', { field: 'ticketId' });
  if (id === otherId) throw new ApiError(422, 'ticketId must be another ticket than the one to merge', { field: 'ticketId' });
  const merged = await db.transaction(async (tx) => {
    // Both locked, in one statement (so always in the same order): two merges of the same pair cannot cross.
    const locked = await rows<MergeRow>(
      tx,
      sql`select id, number, status, customer_email, merged_into_id, created_at from tickets where id in (${id}::uuid, ${otherId}::uuid) order by id for update`,
    );
    const first = locked.find((t) => t.id === id);
    const second = locked.find((t) => t.id === otherId);
    if (!first) throw new ApiError(404, 'no such ticket');
    if (!second) throw new ApiError(404, 'no ticket with this ticketId', { field: 'ticketId' });
    // Only one customer's tickets: merging would otherwise show one customer's thread to another.
    if (first.customer_email === null || second.customer_email === null || first.customer_email.toLowerCase() !== second.customer_email.toLowerCase()) {
      throw new ApiError(422, `${first.number} and ${second.number} are not of the same customer (e-mail address); only one customer's tickets can be merged`, {
        field: 'ticketId',
      });
    }
    for (const ticket of [first, second]) {
      if (ticket.merged_into_id !== null)
        throw new ApiError(409, `${ticket.number} is already merged into another ticket`, { details: { number: ticket.number } });
      if (ticket.status === 'closed')
        throw new ApiError(409, `${ticket.number} is closed; a closed ticket cannot be merged`, { details: { number: ticket.number } });
    }
    const older = (a: MergeRow, b: MergeRow) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || (a.number < b.number ? -1 : 1);
    const [survivor, absorbed] = [first, second].sort(older) as [MergeRow, MergeRow];
    const actor: Actor = { type: 'agent', agentId: agent.id };

    await rows(tx, sql`update messages set ticket_id = ${survivor.id}::uuid where ticket_id = ${absorbed.id}::uuid returning id`);
    // The survivor: the customer waits since the earlier of the two waits; the newest message and first answer of either.
    const [after] = await rows<{ waiting: boolean }>(
      tx,
      sql`update tickets s set
            waiting_since = least(s.waiting_since, a.waiting_since),
            first_response_at = least(s.first_response_at, a.first_response_at),
            last_message_at = greatest(s.last_message_at, a.last_message_at),
            updated_at = now()
          from tickets a where s.id = ${survivor.id}::uuid and a.id = ${absorbed.id}::uuid
          returning s.waiting_since is not null as waiting`,
    );
    await merge(tx, absorbed.id, actor);
    await rows(tx, sql`update tickets set merged_into_id = ${survivor.id}::uuid, waiting_since = null where id = ${absorbed.id}::uuid returning id`);
    // The absorbed ticket's open question is the survivor's now.
    if (survivor.status === 'solved' && absorbed.status !== 'solved') await reopen(tx, survivor.id, actor);
    else if (survivor.status === 'pending' && after?.waiting) await resume(tx, survivor.id, actor);
    const events = [
      { ticket: absorbed.id, type: 'merged_into', data: { into: { id: survivor.id, number: survivor.number } } },
      { ticket: survivor.id, type: 'merged', data: { from: { id: absorbed.id, number: absorbed.number } } },
    ];
    for (const event of events) {
      await rows(
        tx,
        sql`insert into ticket_events (ticket_id, type, actor, agent_id, data) values (${event.ticket}::uuid, ${event.type}, 'agent', ${agent.id}::uuid, ${JSON.stringify(event.data)}::jsonb) returning id`,
      );
    }
    // Agents' replies to the absorbed ticket now go to the survivor (its id in the key's scope): their keys come along.
    await rows(
      tx,
      sql`insert into idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
          select ${`agent-reply:${survivor.id}:`} || substr(scope, ${`agent-reply:${absorbed.id}:`.length + 1}), key, request_hash, response_status, response_body, created_at
          from idempotency_keys where scope like ${`agent-reply:${absorbed.id}:%`}
          on conflict do nothing
          returning key`,
    );
    return { survivor: survivor.id, merged: { id: absorbed.id, number: absorbed.number } };
  });
  const survivor = await ticketSummary(db, merged.survivor);
  if (!survivor) throw new ApiError(404, 'no such ticket');
  return { survivor, merged: merged.merged };
}
