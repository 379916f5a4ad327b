import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { conversations, TICKET_STATUSES, ticketEvents, tickets } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { createTestAgent } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { changeStatus, transitionBetween, transitions, TRANSITIONS, type TicketStatus, type TransitionName } from './status.ts';

/** A ticket in `status`, straight in the database, with its own conversation. */
async function ticketIn(database: Database, status: TicketStatus): Promise<string> {
  const [conversation] = await database.db.insert(conversations).values({ tokenHash: 'not a real hash' }).returning();
  const [ticket] = await database.db
    .insert(tickets)
    .values({ conversationId: conversation!.id, status, locale: 'nl', subject: 'Pakket kwijt', customerEmail: 'jan@example.nl' })
    .returning();
  return ticket!.id;
}

async function stateOf(database: Database, id: string) {
  const [ticket] = await database.db.select().from(tickets).where(eq(tickets.id, id));
  const events = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
  return { ticket: ticket!, events };
}

const names = Object.keys(TRANSITIONS) as TransitionName[];

describe('the transition table', () => {
  it('has exactly the moves the product knows', () => {
    const moves = names.flatMap((name) => TRANSITIONS[name].from.map((from) => `${from} → ${TRANSITIONS[name].to}`)).sort();
    expect(moves).toEqual([
      'open → closed',
      'open → pending',
      'open → solved',
      'pending → closed',
      'pending → open',
      'pending → solved',
      'solved → closed',
      'solved → closed',
      'solved → open',
    ]);
  });

  it('never lets a change of status merge: open or pending to closed stays refused', () => {
    expect(transitionBetween('open', 'closed')).toBeUndefined();
    expect(transitionBetween('solved', 'closed')).toBe('close');
  });

  it('leaves closed final', () => {
    for (const to of TICKET_STATUSES) expect(transitionBetween('closed', to)).toBeUndefined();
  });

  it.each([
    ['open', 'pending', 'awaitCustomer'],
    ['pending', 'open', 'resume'],
    ['open', 'solved', 'solve'],
    ['pending', 'solved', 'solve'],
    ['solved', 'open', 'reopen'],
    ['solved', 'closed', 'close'],
    ['open', 'closed', undefined],
    ['pending', 'closed', undefined],
    ['solved', 'pending', undefined],
    ['closed', 'open', undefined],
  ] as const)('%s → %s is %s', (from, to, name) => {
    expect(transitionBetween(from, to)).toBe(name);
  });
});

describeOnDatabases('ticket transitions', (database) => {
  const cases = names.flatMap((name) => TICKET_STATUSES.map((from) => [name, from] as const));

  it.each(cases)('%s from %s: allowed moves change the status and write one event; others are refused and change nothing', async (name, from) => {
    const agent = await createTestAgent(database());
    const id = await ticketIn(database(), from);
    const transition = TRANSITIONS[name];
    const allowed = (transition.from as readonly TicketStatus[]).includes(from);
    const attempt = database().db.transaction((tx) => transitions[name](tx, id, { type: 'agent', agentId: agent.id }));
    if (allowed) {
      await expect(attempt).resolves.toEqual({ from, to: transition.to });
      const { ticket, events } = await stateOf(database(), id);
      expect(ticket.status).toBe(transition.to);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'status', actor: 'agent', agentId: agent.id, data: { transition: name, from, to: transition.to } });
      if (transition.to === 'solved') expect(ticket.solvedAt).toBeInstanceOf(Date);
    } else {
      const error = await attempt.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 409, message: `a ticket cannot go from ${from} to ${transition.to}`, details: { from, to: transition.to } });
      const { ticket, events } = await stateOf(database(), id);
      expect(ticket.status).toBe(from);
      expect(events).toHaveLength(0);
    }
  });

  it('clears the solved time when a ticket is reopened', async () => {
    const id = await ticketIn(database(), 'open');
    await database().db.transaction((tx) => transitions.solve(tx, id, { type: 'system' }));
    expect((await stateOf(database(), id)).ticket.solvedAt).toBeInstanceOf(Date);
    await database().db.transaction((tx) => transitions.reopen(tx, id, { type: 'customer' }));
    const { ticket, events } = await stateOf(database(), id);
    expect(ticket.solvedAt).toBeNull();
    expect(events.map((e) => [e.actor, (e.data as { transition: string }).transition])).toEqual([
      ['system', 'solve'],
      ['customer', 'reopen'],
    ]);
  });

  it('rolls the status back when the transaction around it fails', async () => {
    const id = await ticketIn(database(), 'open');
    await expect(
      database().db.transaction(async (tx) => {
        await transitions.solve(tx, id, { type: 'system' });
        throw new Error('something after the move failed');
      }),
    ).rejects.toThrow('something after the move failed');
    const { ticket, events } = await stateOf(database(), id);
    expect(ticket.status).toBe('open');
    expect(events).toHaveLength(0);
  });

  it('answers 404 for a ticket that does not exist', async () => {
    await expect(database().db.transaction((tx) => transitions.solve(tx, '00000000-0000-4000-8000-000000000000', { type: 'system' }))).rejects.toMatchObject({
      status: 404,
    });
  });

  describe('changeStatus (what PATCH uses)', () => {
    const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));
    it.each(pairs)('%s → %s', async (from, to) => {
      const id = await ticketIn(database(), from);
      const attempt = database().db.transaction((tx) => changeStatus(tx, id, from, to, { type: 'system' }));
      if (from === to) await expect(attempt).resolves.toBeNull();
      else if (transitionBetween(from, to)) await expect(attempt).resolves.toEqual({ from, to });
      else await expect(attempt).rejects.toMatchObject({ status: 409, details: { from, to } });
      const { ticket, events } = await stateOf(database(), id);
      const moved = from !== to && transitionBetween(from, to) !== undefined;
      expect(ticket.status).toBe(moved ? to : from);
      expect(events).toHaveLength(moved ? 1 : 0);
    });
  });
});
