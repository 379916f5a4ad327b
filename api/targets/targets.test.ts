/**
 * Response targets in the API, on PGlite and PostgreSQL: the queue's clock
 * and its due-first order, the report's share met (from the messages' real
 * times, in business hours) beside the period before, and a clear error for
 * a wrong settings file.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { addBusinessHours } from '#core/targets/business-hours.ts';
import { compileTargets, PRIORITIES, responseTargetsSchema } from '#core/targets/settings.ts';
import { TICKET_PRIORITIES } from '../db/tables.ts';
import { REPO_ROOT } from '../start.ts';
import { readResponseTargets } from '../site-settings.ts';
import { agentHeaders, createTestAgent, createTicketVia, handoffBody, testApp } from '../test/app.ts';
import { describeOnDatabases, emptyTables } from '../test/database.ts';
import type { TicketDetail, TicketSummary } from '../tickets/schema.ts';
import type { TargetReport } from './schema.ts';

const HOURS = { mon: '08:30-20:00', tue: '08:30-20:00', wed: '08:30-20:00', thu: '08:30-20:00', fri: '08:30-20:00', sat: '09:00-17:00' };
const TARGETS = compileTargets(
  responseTargetsSchema.parse({
    businessHours: { nl: { timeZone: 'Europe/Amsterdam', hours: HOURS, holidays: ['2026-12-25'] }, en: { timeZone: 'Europe/Amsterdam', hours: HOURS } },
    default: { urgent: { first: 1, next: 2 }, high: { first: 2, next: 4 }, normal: { first: 4, next: 8 }, low: { first: 16, next: 24 } },
    teams: { Retouren: { normal: { first: 8, next: 8 } } },
  }),
);

describe('the settings file', () => {
  it("knows the tickets' priorities, in the same order", () => {
    expect(PRIORITIES).toEqual(TICKET_PRIORITIES);
  });

  it('reads the demo targets and names file and field of a wrong value', () => {
    expect(readResponseTargets(REPO_ROOT)?.hours('Retouren', 'normal', 'first')).toBe(8);
    const root = mkdtempSync(path.join(tmpdir(), 'wegwijs-targets-'));
    mkdirSync(path.join(root, 'content'));
    const demo = readFileSync(path.join(REPO_ROOT, 'content', 'settings.yaml'), 'utf8');
    writeFileSync(path.join(root, 'content', 'settings.yaml'), demo.replace('normal: { first: 4, next: 8 }', 'normal: { first: -4, next: 8 }'));
    expect(() => readResponseTargets(root)).toThrow(/content\/settings\.yaml: responseTargets\.default\.normal\.first: must be more than 0 business hours$/);
    writeFileSync(path.join(root, 'content', 'settings.yaml'), demo.replace('sat: "09:00-17:00" }', 'sat: "09:00-7:00" }'));
    expect(() => readResponseTargets(root)).toThrow(/settings\.yaml: responseTargets\.businessHours\.nl\.hours\.sat: must be opening hours like "08:30-20:00"/);
  });
});

describeOnDatabases('response targets', (database) => {
  beforeEach(async () => emptyTables(database()));
  const setup = async () => {
    const { app } = testApp(database(), {}, undefined, { targets: TARGETS });
    const headers = await agentHeaders(database(), await createTestAgent(database()));
    const api = async <T>(method: string, url: string, body?: unknown) => {
      const res = await app.request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as T;
    };
    return { app, headers, api };
  };

  it('gives each waiting ticket its clock and sorts the queue by the target that falls due first', { timeout: 60_000 }, async () => {
    const { app, api } = await setup();
    const normal = await createTicketVia(app, handoffBody({ message: 'mn pakket is zoek' }));
    const urgent = await createTicketVia(app, handoffBody({ email: 'els@example.be', message: 'ik ben dubbel afgeschreven!!' }));
    await api('PATCH', `/api/agent/tickets/${urgent.ticketId}`, { priority: 'urgent' });
    const queue = async (sort: string) => (await api<{ tickets: TicketSummary[] }>('GET', `/api/agent/tickets?sort=${sort}`)).tickets;

    const [first] = await queue('waiting');
    expect(first?.id).toBe(normal.ticketId);
    const byDue = await queue('due');
    expect(byDue.map((t) => t.id)).toEqual([urgent.ticketId, normal.ticketId]);
    const calendar = TARGETS.calendar('nl')!;
    for (const [ticket, hours] of [
      [byDue[0]!, 1],
      [byDue[1]!, 4],
    ] as const) {
      expect(ticket.response).toEqual({
        kind: 'first',
        startedAt: ticket.waitingSince,
        targetHours: hours,
        dueAt: addBusinessHours(new Date(ticket.waitingSince!), hours, calendar).toISOString(),
      });
    }

    // Answered: no clock; the customer writes back: the next-response clock, from their message.
    await api('POST', `/api/agent/tickets/${normal.ticketId}/replies`, { body: 'Ik kijk even mee.', internal: false });
    expect((await api<TicketDetail>('GET', `/api/agent/tickets/${normal.ticketId}`)).response).toBeNull();
    const res = await app.request(`/api/conversations/${normal.conversation.id}/ticket/messages`, {
      method: 'POST',
      headers: normal.conversation.headers,
      body: JSON.stringify({ body: 'nog steeds nix ontvangen' }),
    });
    expect(res.status).toBe(201);
    const waiting = await api<TicketDetail>('GET', `/api/agent/tickets/${normal.ticketId}`);
    expect(waiting.response).toMatchObject({ kind: 'next', targetHours: 8, startedAt: waiting.waitingSince });

    // A team with its own target: Retouren answers normal tickets within 8 business hours.
    await database().db.execute(sql`insert into teams (name) values ('Retouren')`);
    await database().db.execute(sql`update tickets set team_id = (select id from teams where name = 'Retouren') where id = ${urgent.ticketId}::uuid`);
    await api('PATCH', `/api/agent/tickets/${urgent.ticketId}`, { priority: 'normal' });
    const retour = await api<TicketDetail>('GET', `/api/agent/tickets/${urgent.ticketId}`);
    expect(retour).toMatchObject({ team: { name: 'Retouren' }, response: { kind: 'first', targetHours: 8 } });
    expect(retour.events.find((e) => e.type === 'priority')?.data).toEqual({ from: 'normal', to: 'urgent' });
  });

  it('reports the share of first and next responses that met their target, from the real message times', { timeout: 60_000 }, async () => {
    const { app, api } = await setup();
    /** A ticket whose hand-off and thread happened at `times` (UTC): the hand-off's own message first, then `steps`. */
    async function ticketAt(handoffAt: string, steps: { who: 'agent' | 'customer'; at: string }[], options: { priority?: string; solve?: boolean } = {}) {
      const made = await createTicketVia(app, handoffBody({ email: `k${Math.random()}@example.nl` }));
      if (options.priority) await api('PATCH', `/api/agent/tickets/${made.ticketId}`, { priority: options.priority });
      for (const [i, step] of steps.entries()) {
        if (step.who === 'agent') await api('POST', `/api/agent/tickets/${made.ticketId}/replies`, { body: `antwoord ${i}`, internal: false });
        else
          expect(
            (
              await app.request(`/api/conversations/${made.conversation.id}/ticket/messages`, {
                method: 'POST',
                headers: made.conversation.headers,
                body: JSON.stringify({ body: `vraag ${i}` }),
              })
            ).status,
          ).toBe(201);
      }
      if (options.solve) await api('PATCH', `/api/agent/tickets/${made.ticketId}`, { status: 'solved' });
      // Move everything to the times the test is about: the report reads the messages' times.
      const thread = (await api<TicketDetail>('GET', `/api/agent/tickets/${made.ticketId}`)).messages.filter((m) => !m.transcript);
      const times = [handoffAt, ...steps.map((s) => s.at)];
      expect(thread).toHaveLength(times.length);
      await database().db.execute(sql`update tickets set created_at = ${handoffAt}::timestamptz where id = ${made.ticketId}::uuid`);
      for (const [i, message] of thread.entries())
        await database().db.execute(sql`update messages set created_at = ${times[i]!}::timestamptz where id = ${Number(message.id)}`);
      return made;
    }
    // Monday 9 November 09:00 CET, answered at 11:00 (2 h of 4: met); the customer writes on Tuesday 10:00,
    // answered Wednesday 10:00 (10 h on Tuesday + 1.5 h on Wednesday = 11.5 h of 8: missed).
    await ticketAt('2026-11-09T08:00:00Z', [
      { who: 'agent', at: '2026-11-09T10:00:00Z' },
      { who: 'customer', at: '2026-11-10T09:00:00Z' },
      { who: 'agent', at: '2026-11-11T09:00:00Z' },
    ]);
    // Urgent, Friday 13 November 19:30 CET, answered Saturday 09:20: half an hour on Friday + 20 minutes = within 1 h.
    await ticketAt('2026-11-13T18:30:00Z', [{ who: 'agent', at: '2026-11-14T08:20:00Z' }], { priority: 'urgent' });
    // Solved without a reply: nobody had to answer, not counted.
    await ticketAt('2026-11-10T08:00:00Z', [], { solve: true });
    // The period before: Monday 26 October (just after the clocks went back), never answered: missed.
    await ticketAt('2026-10-26T08:00:00Z', []);

    const report = await api<TargetReport>('GET', '/api/agent/targets/report?from=2026-11-02&to=2026-11-15');
    expect(report).toEqual({
      locale: null,
      configured: true,
      current: { from: '2026-11-02', to: '2026-11-15', first: { met: 2, missed: 0, running: 0, share: 1 }, next: { met: 0, missed: 1, running: 0, share: 0 } },
      previous: {
        from: '2026-10-19',
        to: '2026-11-01',
        first: { met: 0, missed: 1, running: 0, share: 0 },
        next: { met: 0, missed: 0, running: 0, share: null },
      },
    });
    expect((await api<TargetReport>('GET', '/api/agent/targets/report?from=2026-11-02&to=2026-11-15&locale=en')).current.first).toEqual({
      met: 0,
      missed: 0,
      running: 0,
      share: null,
    });
    const csv = await app.request('/api/agent/targets/report?from=2026-11-02&to=2026-11-15&format=csv', { headers: (await setup()).headers });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n').slice(0, 3)).toEqual([
      '"period","response","met","missed","running","share"',
      '"2026-11-02/2026-11-15","first",2,0,0,1',
      '"2026-11-02/2026-11-15","next",0,1,0,0',
    ]);
    const wrong = await app.request('/api/agent/targets/report?from=2026-11-31', { headers: (await setup()).headers });
    expect(wrong.status).toBe(400);
  });
});
