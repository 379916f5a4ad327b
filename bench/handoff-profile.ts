/**
 * Where a routed hand-off's time goes on PostgreSQL (`.ci/with-postgres
 * node --experimental-strip-types bench/handoff-profile.ts`): hand-offs
 * through the service (`handOff`, as the route calls it, no HTTP), with a
 * 10-line transcript and five routing rules of which the fifth assigns to
 * one team, first one at a time (latency of each step in series), then
 * `--concurrency` at once (throughput). While the concurrent run goes, the
 * server's own view is sampled every few milliseconds from
 * pg_stat_activity: how many of the bench's connections are executing,
 * waiting on a lock (the team's row), or idle inside a transaction waiting
 * for the application's next statement (a round trip). Prints a table, and
 * before it the statements one hand-off sends (each a round trip; counted
 * through the driver's debug hook) and this process's CPU time per
 * hand-off one at a time: figures that hold on a loaded machine.
 *
 * Options: --handoffs 400 --concurrency 20 --no-rules (the same without rules)
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createAgent } from '../api/agents/service.ts';
import { handoffBodySchema } from '../api/conversations/schema.ts';
import { createConversation } from '../api/conversations/service.ts';
import { createDatabase } from '../api/db/database.ts';
import { handoffRoutingOf } from '../api/routing/handoff.ts';
import { createRule, createTeam } from '../api/routing/service.ts';
import { handoffBody } from '../api/test/app.ts';
import { handOff } from '../api/tickets/handoff.ts';
import { freshDatabase, runSql } from './api-postgres.ts';
import os from 'node:os';

const { values } = parseArgs({
  options: { handoffs: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '20' }, 'no-rules': { type: 'boolean', default: false } },
});
const HANDOFFS = Number(values.handoffs);
const CONCURRENCY = Number(values.concurrency);
const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl) throw new Error('bench/handoff-profile: set TEST_DATABASE_URL (run through .ci/with-postgres)');

const url = await freshDatabase(serverUrl, 'wegwijs_handoff_profile');
// Every statement the pool sends, while `recording` is on: what one hand-off costs in statements (each its own round trip).
let recording: string[] | null = null;
const database = await createDatabase({ kind: 'postgres', url, onQuery: (query) => recording?.push(query) });
await database.migrate();
const db = database.db;
if (!values['no-rules']) {
  const admin = await createAgent(db, { email: 'beheer@duinwinkel.example', name: 'Beheer', role: 'admin', passwordHash: 'x' });
  const team = await createTeam(db, { name: 'Nederlands', memberIds: [admin.id] });
  const rule = (name: string, r: { locale?: 'nl' | 'en'; categoryId?: string; keywords?: string[] }) =>
    createRule(db, { name, teamId: team.id, locale: r.locale ?? null, categoryId: r.categoryId ?? null, keywords: r.keywords ?? [], enabled: true });
  // As bench/api.ts: four that do not match, the fifth (Dutch) assigns.
  await rule('English', { locale: 'en' });
  await rule('Payment', { categoryId: 'payment' });
  await rule('Returns', { keywords: ['retour', 'terugsturen', 'ruilen'] });
  await rule('Invoices', { locale: 'nl', keywords: ['factuur', 'btw'] });
  await rule('Dutch', { locale: 'nl' });
}
const parse = handoffBodySchema(['nl', 'en']).parse;
const at = new Date().toISOString();
const transcript = Array.from({ length: 10 }, (_, i) =>
  i % 2 === 0
    ? { from: 'customer', text: `waar blijft mn pakket ${i}`, at }
    : { from: 'assistant', text: 'Je volgt je pakket met de link.', at, articleId: 'track-parcel', action: 'answer' },
);
const input = parse(handoffBody({ transcript }));
const routing = await handoffRoutingOf(input, async () => 'delivery');

async function one(): Promise<number> {
  const { id } = await createConversation(db);
  const started = performance.now();
  await handOff(db, id, randomUUID(), input, routing);
  return performance.now() - started;
}

// One at a time: the latency of a hand-off with nothing to wait for, and this process's CPU time for it.
const serial: number[] = [];
const cpuBefore = process.cpuUsage();
for (let i = 0; i < 50; i++) serial.push(await one());
const cpu = process.cpuUsage(cpuBefore);
serial.sort((a, b) => a - b);

// The statements of one hand-off (the conversation it needs is made before recording).
const { id: recorded } = await createConversation(db);
recording = [];
await handOff(db, recorded, randomUUID(), input, routing);
const statements: string[] = recording;
recording = null;

// Concurrent, with the server's view sampled.
const watcher = postgres(url, { max: 1, onnotice: () => {} });
const states = new Map<string, number>();
let samples = 0;
let running = true;
const sampling = (async () => {
  while (running) {
    const found = await watcher<{ state: string; n: number }[]>`
      select case when wait_event_type = 'Lock' then 'waiting for a lock (' || wait_event || ')'
                  when state = 'idle in transaction' then 'in a transaction, waiting for the app (round trip)'
                  when state = 'active' then 'executing'
                  else coalesce(state, '?') end as state, count(*)::int as n
      from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
      group by 1`;
    for (const row of found) states.set(row.state, (states.get(row.state) ?? 0) + Number(row.n));
    samples++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < HANDOFFS) await one();
  }),
);
const seconds = (performance.now() - started) / 1000;
running = false;
await sampling;
await watcher.end();
const [assigned = '0'] = await runSql(url, ["select count(*) from ticket_events where type = 'assigned'"]);
await database.close();
await runSql(serverUrl, ['drop database if exists wegwijs_handoff_profile']);

const busy = [...states.values()].reduce((a, b) => a + b, 0);
console.log(
  `\n${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(2)} at the end; ${values['no-rules'] ? 'no rules' : '5 rules, the 5th assigns'}.`,
);
console.log(
  `One at a time (50): p50 ${serial[25]?.toFixed(1)} ms, p90 ${serial[45]?.toFixed(1)} ms; CPU of this process ${((cpu.user + cpu.system) / 1000 / 50).toFixed(2)} ms per hand-off (conversation included, no HTTP).`,
);
console.log(`\nStatements of one hand-off (each a round trip): ${statements.length}\n`);
for (const [i, statement] of statements.entries()) console.log(`${i + 1}. ${statement.replace(/\s+/g, ' ').slice(0, 110)}`);
console.log(`${CONCURRENCY} at once: ${HANDOFFS} hand-offs in ${seconds.toFixed(1)} s = ${(HANDOFFS / seconds).toFixed(0)}/s (${assigned} assigned).`);
console.log(`\nConnections of the bench in pg_stat_activity, ${samples} samples (share of connection-samples):\n`);
console.log('| State | Share |\n|---|---|');
for (const [state, n] of [...states].sort((a, b) => b[1] - a[1])) console.log(`| ${state} | ${((n / busy) * 100).toFixed(1)} % |`);
