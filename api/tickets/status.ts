/**
 * A ticket's status as an explicit state machine. The transition table below
 * is the only place that says which moves exist; each move is one function
 * that changes the status and writes a `status` event in the same
 * transaction (the caller's), so the history can never disagree with the
 * ticket.
 *
 *     open ──awaitCustomer──► pending ──resume──► open
 *     open, pending ──solve──► solved ──reopen──► open
 *                              solved ──close──► closed   (final)
 *     open, pending, solved ──merge──► closed             (only through api/tickets/merge.ts)
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/query.ts';
import { ticketEvents, tickets, type EVENT_ACTORS, type TICKET_STATUSES } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';

/** A ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who makes a change: the customer, an agent (by id) or the system. */
export type Actor = { type: 'agent'; agentId: string } | { type: Exclude<(typeof EVENT_ACTORS)[number], 'agent'> };

/** Every allowed move: its name, where it may start and where it ends. */
export const TRANSITIONS = {
  /** An agent answered publicly; the ticket waits for the customer. */
  awaitCustomer: { from: ['open'], to: 'pending' },
  /** The customer answered (or an agent takes it up again). */
  resume: { from: ['pending'], to: 'open' },
  /** The question is answered. */
  solve: { from: ['open', 'pending'], to: 'solved' },
  /** It was not solved after all: the customer wrote again, or an agent reopens it. */
  reopen: { from: ['solved'], to: 'open' },
  /** Done for good; a closed ticket never changes status again. */
  close: { from: ['solved'], to: 'closed' },
  /** Merged into another ticket of the same customer (api/tickets/merge.ts): never a status change an agent picks. */
  merge: { from: ['open', 'pending', 'solved'], to: 'closed' },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

/** The name of a move in {@link TRANSITIONS}. */
export type TransitionName = keyof typeof TRANSITIONS;

/** Moves that only their own action makes, never a change of status (PATCH). */
const OWN_ACTION_ONLY: ReadonlySet<TransitionName> = new Set(['merge']);

/**
 * The move from `from` to `to` that a change of status makes, or undefined
 * when there is none (merging is not one).
 *
 * @example transitionBetween('solved', 'open') // 'reopen'
 */
export function transitionBetween(from: TicketStatus, to: TicketStatus): TransitionName | undefined {
  return (Object.keys(TRANSITIONS) as TransitionName[]).find((name) => {
    if (OWN_ACTION_ONLY.has(name)) return false;
    const transition = TRANSITIONS[name];
    return transition.to === to && (transition.from as readonly TicketStatus[]).includes(from);
  });
}

/** The 409 for a move that does not exist. */
export function transitionRefused(from: TicketStatus, to: TicketStatus): ApiError {
  return new ApiError(409, `a ticket cannot go from ${from} to ${to}`, { details: { from, to } });
}

/** What a transition returns: the status before and after. */
export interface TransitionResult {
  from: TicketStatus;
  to: TicketStatus;
}

async function apply(tx: Tx, ticketId: string, name: TransitionName, actor: Actor): Promise<TransitionResult> {
  const { from: allowed, to } = TRANSITIONS[name];
  // Locked, so two moves at once happen one after the other and the second sees the first's result.
  const [current] = await tx.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!current) throw new ApiError(404, 'no such ticket');
  if (!(allowed as readonly TicketStatus[]).includes(current.status)) throw transitionRefused(current.status, to);
  await tx
    .update(tickets)
    .set({
      status: to,
      updatedAt: sql`now()`,
      // solvedAt says when it was last solved; a reopened ticket is not solved.
      ...(to === 'solved' ? { solvedAt: sql`now()` } : name === 'reopen' ? { solvedAt: null } : {}),
      // Nobody waits on a solved or closed ticket; a customer who writes again starts waiting anew.
      ...(to === 'solved' || to === 'closed' ? { waitingSince: null } : {}),
    })
    .where(eq(tickets.id, ticketId));
  await tx.insert(ticketEvents).values({
    ticketId,
    type: 'status',
    actor: actor.type,
    agentId: actor.type === 'agent' ? actor.agentId : null,
    data: { transition: name, from: current.status, to },
  });
  return { from: current.status, to };
}

/** open → pending: an agent replied and waits for the customer. */
export function awaitCustomer(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'awaitCustomer', actor);
}

/** pending → open: the customer replied, or an agent takes it up again. */
export function resume(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'resume', actor);
}

/** open or pending → solved. */
export function solve(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'solve', actor);
}

/** solved → open: the customer wrote again, or an agent reopens it. */
export function reopen(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'reopen', actor);
}

/** solved → closed, for good. */
export function close(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'close', actor);
}

/** open, pending or solved → closed, because it was merged into another ticket. */
export function merge(tx: Tx, ticketId: string, actor: Actor): Promise<TransitionResult> {
  return apply(tx, ticketId, 'merge', actor);
}

/** The function of each move, by name. */
export const transitions: Record<TransitionName, (tx: Tx, ticketId: string, actor: Actor) => Promise<TransitionResult>> = {
  awaitCustomer,
  resume,
  solve,
  reopen,
  close,
  merge,
};

/**
 * Moves a ticket from `from` (its current, locked status) to `to` through the
 * one transition between them; nothing happens when they are equal.
 *
 * @throws ApiError 409 naming both statuses when there is no such move.
 */
export async function changeStatus(tx: Tx, ticketId: string, from: TicketStatus, to: TicketStatus, actor: Actor): Promise<TransitionResult | null> {
  if (from === to) return null;
  const name = transitionBetween(from, to);
  if (!name) throw transitionRefused(from, to);
  return transitions[name](tx, ticketId, actor);
}
