import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { loadContent } from '#core/content/load.node.ts';
import { authenticate } from '../agents/service.ts';
import { rows } from '../db/query.ts';
import { webhooks } from '../db/tables.ts';
import { REPO_ROOT } from '../start.ts';
import { CHEAP_COST } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { runDemoCommand, USAGE } from './cli.ts';
import { seedDemo, SeedRefused, type SeedSummary } from './seed.ts';

const content = loadContent(REPO_ROOT);
const known = new Set(content.articles.map((a) => `${a.locale}/${a.translationKey}`));
const NOW = new Date('2026-11-23T12:00:00Z');
const CLI_CONFIG = { contentRoot: REPO_ROOT, adminEmail: 'beheer@duinwinkel.example', host: 'localhost', port: 4321 };
const FROM = new Date(NOW.getTime() - 8 * 7 * 24 * 3600_000);

it('is the script package.json names', () => {
  expect(packageJson.scripts.demo).toBe('node --experimental-strip-types api/demo/cli.ts');
});

describeOnDatabases('npm run demo -- seed', (database) => {
  const db = () => database().db;
  const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number | string }>(db(), query))[0]?.n ?? 0);
  let first: SeedSummary;

  it('seeds a few hundred conversations over eight weeks in both locales, about real articles, and says what it made', async () => {
    const { firstAdmin, ...summary } = await seedDemo(db(), {
      contentRoot: REPO_ROOT,
      seed: 7,
      now: NOW,
      passwordCost: CHEAP_COST,
      adminEmail: 'beheer@duinwinkel.example',
    });
    first = summary;
    // The admin `npm start` would have made, made first: the demo agents would have stopped it.
    expect(firstAdmin).toEqual({ email: 'beheer@duinwinkel.example', password: expect.any(String) });
    expect(await authenticate(db(), 'beheer@duinwinkel.example', firstAdmin!.password)).toMatchObject({ role: 'admin' });
    expect(await count(sql`select count(*) n from agents`)).toBe(1 + first.agents);

    // The summary tells the truth about the database.
    expect(await count(sql`select count(*) n from conversations`)).toBe(first.conversations);
    expect(first.conversations).toBe(400);
    for (const action of ['answer', 'clarify', 'nomatch', 'rule'] as const) {
      expect(await count(sql`select count(*) n from conversation_events where type = 'outcome' and action = ${action}`)).toBe(first.events.outcome[action]);
      expect(first.events.outcome[action]).toBeGreaterThan(20);
    }
    expect(await count(sql`select count(*) n from conversation_events where type = 'helpful'`)).toBe(first.events.helpful);
    expect(await count(sql`select count(*) n from conversation_events where type = 'handoff'`)).toBe(first.tickets.total);
    expect(await count(sql`select count(*) n from ces_responses`)).toBe(first.cesResponses);
    expect(await count(sql`select count(*) n from article_feedback`)).toBe(first.articleFeedback);
    expect(await count(sql`select count(*) n from article_unhelpful`)).toBe(first.articleUnhelpful);
    expect(first.articleUnhelpful).toBeGreaterThan(5);
    expect(await count(sql`select count(*) n from article_unhelpful where comment is not null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) n from failed_searches`)).toBe(first.failedSearches);
    expect(await count(sql`select count(*) n from csat_responses`)).toBe(first.csatResponses);
    expect(await count(sql`select count(*) n from phrasing_suggestions where status = 'pending'`)).toBe(first.phrasingSuggestions);
    expect(first.phrasingSuggestions).toBeGreaterThanOrEqual(2);
    for (const status of ['open', 'pending', 'solved', 'closed'] as const) {
      expect(await count(sql`select count(*) n from tickets where status = ${status}`)).toBe(first.tickets[status]);
    }
    // A few dozen tickets, in every state, most of them done.
    expect(first.tickets.total).toBeGreaterThanOrEqual(24);
    expect(first.tickets.total).toBeLessThanOrEqual(100);
    expect(first.tickets.open + first.tickets.pending).toBeGreaterThan(0);
    expect(first.tickets.solved).toBeGreaterThan(0);
    expect(first.tickets.closed).toBeGreaterThan(0);
    expect(first.csatResponses).toBeGreaterThan(5);

    // Both locales, no-match questions with their wording.
    expect(await count(sql`select count(distinct locale) n from conversation_events`)).toBe(2);
    expect(await count(sql`select count(distinct locale) n from tickets`)).toBe(2);
    const questions = await rows<{ question: string; locale: string }>(
      db(),
      sql`select distinct question, locale from conversation_events where action = 'nomatch'`,
    );
    expect(questions.every((q) => q.question.length > 3)).toBe(true);
    expect(questions.some((q) => q.question === 'hebben jullie een winkel in utrecht' && q.locale === 'nl')).toBe(true);
    expect(questions.some((q) => q.question === 'is there a student discount' && q.locale === 'en')).toBe(true);
  }, 300_000);

  it('uses only articles that exist, points every anonymous fact at a real conversation, and stays inside the period', async () => {
    const used = await rows<{ id: string }>(
      db(),
      sql`select distinct locale || '/' || article_id as id from (
            select locale, article_id from conversation_events union all
            select locale, article_id from ces_responses union all
            select locale, article_id from article_feedback union all
            select t.locale, m.article_id from messages m join tickets t on t.id = m.ticket_id union all
            select locale, article_id from phrasing_suggestions
          ) used where article_id is not null`,
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.map((u) => u.id).filter((id) => !known.has(id))).toEqual([]);

    expect(await count(sql`select count(*) n from conversation_events e where not exists (select 1 from conversations c where c.id = e.conversation_id)`)).toBe(
      0,
    );
    expect(await count(sql`select count(*) n from ces_responses r where not exists (select 1 from conversations c where c.id = r.conversation_id)`)).toBe(0);
    expect(await count(sql`select count(*) n from tickets where conversation_id is null`)).toBe(0);

    for (const table of [
      'conversations',
      'conversation_events',
      'ces_responses',
      'article_feedback',
      'failed_searches',
      'tickets',
      'ticket_events',
      'messages',
      'csat_responses',
    ]) {
      const [range] = await rows<{ first: string | Date; last: string | Date }>(
        db(),
        sql`select min(created_at) as first, max(created_at) as last from ${sql.identifier(table)}`,
      );
      expect(new Date(range!.first).getTime(), table).toBeGreaterThanOrEqual(FROM.getTime());
      expect(new Date(range!.last).getTime(), table).toBeLessThanOrEqual(NOW.getTime());
    }
    // Weeks, not one afternoon: activity in (nearly) every week of the eight.
    expect(await count(sql`select count(distinct date_trunc('week', created_at)) n from conversations`)).toBeGreaterThanOrEqual(8);
    // A ticket's life in order: created, answered, solved.
    expect(
      await count(
        sql`select count(*) n from tickets where first_response_at < created_at or solved_at < first_response_at or (status in ('solved', 'closed') and (solved_at is null or first_response_at is null))`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) n from csat_responses c join tickets t on t.id = c.ticket_id where t.status not in ('solved', 'closed') or c.created_at < t.solved_at`,
      ),
    ).toBe(0);
  });

  it('makes the hard articles look worse: higher effort, less often helpful', async () => {
    const hard = first.hardArticles;
    expect(hard.length).toBeGreaterThanOrEqual(3);
    const list = sql.join(
      hard.map((key) => sql`${key}`),
      sql`, `,
    );
    const [effort] = await rows<{ hard: string; easy: string }>(
      db(),
      sql`select avg(score) filter (where article_id in (${list})) as hard, avg(score) filter (where article_id not in (${list})) as easy from ces_responses`,
    );
    expect(Number(effort!.hard)).toBeGreaterThan(Number(effort!.easy) + 0.8);
    const [helpful] = await rows<{ hard: string; easy: string }>(
      db(),
      sql`select avg(case when helpful then 1.0 else 0.0 end) filter (where article_id in (${list})) as hard,
                 avg(case when helpful then 1.0 else 0.0 end) filter (where article_id not in (${list})) as easy
          from article_feedback where helpful is not null`,
    );
    expect(Number(helpful!.hard)).toBeLessThan(Number(helpful!.easy) - 0.2);
  });

  it('refuses to seed twice, and with --force adds the same activity again (same seed, same plan)', async () => {
    await expect(seedDemo(db(), { contentRoot: REPO_ROOT, seed: 7, now: NOW, passwordCost: CHEAP_COST })).rejects.toThrow(SeedRefused);
    let err = '';
    expect(await runDemoCommand(['seed'], db(), CLI_CONFIG, { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) } })).toBe(1);
    expect(err).toMatch(/^demo: this database was seeded on \d{4}-\d{2}-\d{2} already; run with --force to add another batch\n$/);

    const { firstAdmin, ...again } = await seedDemo(db(), {
      contentRoot: REPO_ROOT,
      seed: 7,
      now: NOW,
      passwordCost: CHEAP_COST,
      force: true,
      adminEmail: 'ander@duinwinkel.example',
    });
    expect(firstAdmin).toBeNull();
    // The suggestions exist already, so none is added; everything else is the same plan.
    expect({ ...again, phrasingSuggestions: first.phrasingSuggestions }).toEqual(first);
    expect(again.phrasingSuggestions).toBe(0);
    expect(await count(sql`select count(*) n from conversations`)).toBe(2 * first.conversations);
  }, 300_000);

  it('refuses a database with webhooks (they would hear of every demo ticket) and usage mistakes', async () => {
    await db().execute(sql`delete from scheduled_jobs where name = 'demo-seed'`);
    await db()
      .insert(webhooks)
      .values({ url: 'https://hooks.example/x', format: 'json', events: ['ticket.created'], secret: 's'.repeat(32) });
    await expect(seedDemo(db(), { contentRoot: REPO_ROOT, now: NOW })).rejects.toThrow(
      'demo: this database has webhooks, which would be told about every demo ticket; run with --force if that is what you want',
    );
    await db().delete(webhooks);
    for (const [argv, message] of [
      [['grow'], 'demo: unknown command "grow"'],
      [['seed', '--seed', 'abc'], 'demo: --seed must be a whole number'],
      [[], USAGE],
    ] as const) {
      let out = '';
      expect(await runDemoCommand(argv, db(), CLI_CONFIG, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) } })).toBe(
        2,
      );
      expect(out).toContain(message);
    }
  });
});
