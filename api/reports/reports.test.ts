/**
 * The report definitions on hand-made event sets with known answers. Rows
 * are inserted directly with fixed timestamps; each test reads its own
 * period, so the tests of this file share one database without seeing each
 * other's rows.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { agentHeaders, createTestAgent, handoffBody, postHandoff, sendSignals, startConversation, testApp } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { loadReportContent } from './content.ts';
import { answer } from '#core/assistant/answer.ts';
import { demoModel } from '#core/assistant/demo-model.node.ts';
import { contentGapsReport, groupWordings, noiseOf, wordingKey } from './gaps.ts';
import { reportRange, type ContentGaps, type ReportRange, type Summary } from './schema.ts';
import { mondaysOf, summaryReport } from './summary.ts';
import { utcDay } from '#core/util/days.ts';

/** Three articles in Dutch, three in English; one translation gap each way. */
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const content = loadReportContent(FIXTURES);

const range = (from: string, to: string): ReportRange => {
  const result = reportRange({ from, to });
  if ('error' in result) throw new Error(result.error);
  return result;
};

/** March 2026, first two weeks: the period of the hand-made set. */
const MARCH = range('2026-03-02', '2026-03-15');

async function insertMarch(db: Db): Promise<void> {
  const [a, b, c, d, e, f, g, c1, c2, c3] = Array.from({ length: 10 }, () => randomUUID());
  const ces = (conversation: string, answer: string, article: string | null, score: number, locale: string, at: string) =>
    db.execute(
      sql`insert into ces_responses (conversation_id, answer_id, article_id, score, locale, created_at) values (${conversation}::uuid, ${answer}, ${article}, ${score}, ${locale}, ${at}::timestamptz)`,
    );
  await ces(c1!, 'a1', 'track-parcel', 2, 'nl', '2026-03-02T10:00:00Z');
  await ces(c1!, 'a2', 'track-parcel', 4, 'nl', '2026-03-03T10:00:00Z');
  await ces(c2!, 'a1', 'track-parcel', 5, 'en', '2026-03-10T10:00:00Z');
  await ces(c3!, 'a1', null, 1, 'nl', '2026-03-11T10:00:00Z');
  // Just outside the period, on both sides.
  await ces(c3!, 'a2', 'track-parcel', 5, 'nl', '2026-03-16T00:00:00Z');
  await ces(c3!, 'a3', 'track-parcel', 5, 'nl', '2026-03-01T23:59:59Z');

  const feedback = (article: string, locale: string, helpful: boolean | null, score: number | null, at: string) =>
    db.execute(
      sql`insert into article_feedback (idempotency_key, article_id, locale, helpful, ces, created_at) values (${randomUUID()}, ${article}, ${locale}, ${helpful}, ${score}, ${at}::timestamptz)`,
    );
  // The page may send the content id; it is the same article as its translation key.
  await feedback('nl/retourtermijn', 'nl', true, 3, '2026-03-04T10:00:00Z');
  await feedback('returns-window', 'nl', false, 5, '2026-03-12T10:00:00Z');
  await feedback('exchange', 'en', false, null, '2026-03-05T10:00:00Z');
  await feedback('gone-article', 'nl', null, 2, '2026-03-06T10:00:00Z');

  const event = (
    conversation: string,
    type: string,
    action: string | null,
    locale: string,
    at: string,
    extra: { question?: string; helpful?: boolean; article?: string } = {},
  ) =>
    db.execute(sql`insert into conversation_events (conversation_id, idempotency_key, type, answer_id, action, article_id, helpful, question, locale, created_at)
                   values (${conversation}::uuid, ${randomUUID()}, ${type}, 'x', ${action}, ${extra.article ?? null}, ${extra.helpful ?? null}, ${extra.question ?? null}, ${locale}, ${at}::timestamptz)`);
  // A: answered, then no match: never handed off, but not resolved either (the last turn found nothing).
  await event(a!, 'outcome', 'answer', 'nl', '2026-03-02T09:00:00Z', { article: 'track-parcel' });
  await event(a!, 'outcome', 'nomatch', 'nl', '2026-03-02T09:01:00Z', { question: 'bitcoin betalen kan dat' });
  await event(a!, 'helpful', null, 'nl', '2026-03-02T09:02:00Z', { helpful: false, article: 'track-parcel' });
  // B: asked, then handed off.
  await event(b!, 'outcome', 'clarify', 'nl', '2026-03-03T09:00:00Z');
  await event(b!, 'handoff', null, 'nl', '2026-03-03T09:05:00Z');
  // C: a rule fired; handed off after the period (still not deflected).
  await event(c!, 'outcome', 'rule', 'en', '2026-03-04T09:00:00Z');
  await event(c!, 'handoff', null, 'en', '2026-03-20T09:00:00Z');
  // D: handed off without asking anything.
  await event(d!, 'handoff', null, 'nl', '2026-03-05T09:00:00Z');
  // E: asked before the period (resolved, in the period before).
  await event(e!, 'outcome', 'answer', 'nl', '2026-03-01T09:00:00Z');
  // F: answered, then thanked with a set reply: resolved (set replies aside, the last turn answered).
  await event(f!, 'outcome', 'answer', 'nl', '2026-03-09T09:00:00Z', { article: 'returns-window' });
  await event(f!, 'outcome', 'rule', 'nl', '2026-03-09T09:01:00Z');
  // G: "did you mean", and the customer left without picking: unresolved.
  await event(g!, 'outcome', 'clarify', 'en', '2026-03-10T09:00:00Z');

  const ticket = (
    locale: string,
    subject: string,
    created: string,
    firstResponseMinutes: number | null,
    solveMinutes: number | null,
    status: string,
    anonymised = false,
  ) =>
    db.execute(sql`insert into tickets (locale, subject, customer_email, anonymised_at, status, created_at, first_response_at, solved_at)
                   values (${locale}, ${subject}, ${anonymised ? null : 'klant@example.nl'}, ${anonymised ? sql`now()` : null}, ${status}, ${created}::timestamptz,
                           ${created}::timestamptz + make_interval(mins => ${firstResponseMinutes}::int), ${created}::timestamptz + make_interval(mins => ${solveMinutes}::int))
                   returning id`);
  const t1 = await ticket('nl', 'Bitcoin betalen?', '2026-03-02T00:00:00Z', 30, 120, 'solved');
  await ticket('nl', 'Vraag via de chat', '2026-03-05T00:00:00Z', 90, null, 'open');
  const t3 = await ticket('en', 'Pay with bitcoin', '2026-03-06T00:00:00Z', 10, 600, 'closed', true);
  await ticket('nl', 'Later', '2026-03-20T00:00:00Z', 5, 5, 'solved');
  const idOf = (result: unknown) => ((result as { rows?: { id: string }[] }).rows ?? (result as { id: string }[]))[0]!.id;

  const csat = (ticketId: string | null, score: number, locale: string, at: string) =>
    db.execute(
      sql`insert into csat_responses (ticket_id, score, locale, channel, created_at) values (${ticketId}::uuid, ${score}, ${locale}, 'widget', ${at}::timestamptz)`,
    );
  await csat(idOf(t1), 5, 'nl', '2026-03-03T00:00:00Z');
  await csat(idOf(t3), 2, 'en', '2026-03-07T00:00:00Z');
  // The ticket was erased; the score stays as an anonymous count.
  await csat(null, 4, 'nl', '2026-03-08T00:00:00Z');
  await csat(null, 1, 'nl', '2026-03-20T00:00:00Z');

  const search = (query: string, locale: string, at: string) =>
    db.execute(sql`insert into failed_searches (query, locale, result_count, created_at) values (${query}, ${locale}, 0, ${at}::timestamptz)`);
  await search('Bitcoin betalen', 'nl', '2026-03-03T00:00:00Z');
  await search('Bitcoin betalen', 'nl', '2026-03-04T00:00:00Z');
  await search('betalen bitcoin', 'nl', '2026-03-04T00:00:00Z');
  await search('=cmd|calc', 'nl', '2026-03-05T00:00:00Z');
  await search('waar is mijn pakket', 'nl', '2026-03-05T00:00:00Z');
  await search('pay with bitcoin', 'en', '2026-03-05T00:00:00Z');
  await search('Bitcoin betalen', 'nl', '2026-04-01T00:00:00Z');
  // Noise: a person request, a greeting, keyboard mash, a question the assistant answers outright today.
  await search('ik wil een medewerker', 'nl', '2026-03-06T00:00:00Z');
  await search('hallo', 'nl', '2026-03-06T00:00:00Z');
  await search('xyzzy plofkip', 'nl', '2026-03-06T00:00:00Z');
  await search('levertijd', 'nl', '2026-03-06T00:00:00Z');
  // Unknown words, but asked twice: a gap (a payment method the help center never mentions).
  await search('klarna achteraf', 'nl', '2026-03-07T00:00:00Z');
  await search('Klarna achteraf?', 'nl', '2026-03-08T00:00:00Z');
  // An agent taught the bitcoin wording as a proposal for a new article.
  await db.execute(sql`insert into phrasing_suggestions (article_id, locale, text, source) values (null, 'nl', 'bitcoin betalen', 'gap')`);
}

describe('reportRange', () => {
  const now = new Date('2026-11-23T15:00:00Z');
  it('defaults to the 28 days up to today, both ends included', () => {
    expect(reportRange({}, now)).toEqual({
      from: '2026-10-27',
      to: '2026-11-23',
      start: new Date('2026-10-27T00:00:00Z'),
      end: new Date('2026-11-24T00:00:00Z'),
    });
  });
  it('accepts one day and refuses from after to, or over three years', () => {
    expect(reportRange({ from: '2026-11-23', to: '2026-11-23' }, now)).toMatchObject({
      start: new Date('2026-11-23T00:00:00Z'),
      end: new Date('2026-11-24T00:00:00Z'),
    });
    expect(reportRange({ from: '2026-11-24', to: '2026-11-23' }, now)).toEqual({ error: 'from must be on or before to', field: 'from' });
    expect(reportRange({ from: '2020-01-01', to: '2026-11-23' }, now)).toEqual({ error: 'from must be at most 1098 days before to', field: 'from' });
  });
  it('lists the Monday of every week the period touches', () => {
    expect(mondaysOf(range('2026-03-04', '2026-03-16'))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(mondaysOf(range('2026-03-02', '2026-03-08'))).toEqual(['2026-03-02']);
  });
});

describe('grouping by wording', () => {
  it('keys on folded, stemmed terms without stop words, sorted', () => {
    expect(wordingKey('Bitcoin betalen?', 'nl')).toBe(wordingKey('betalen BITCOIN', 'nl'));
    expect(wordingKey('Waar is mijn pakketje', 'nl')).toBe(wordingKey('mijn pakket waar', 'nl'));
    expect(wordingKey('Where is my parcel', 'en')).toBe(wordingKey('parcels where', 'en'));
    expect(wordingKey('Bitcoin betalen', 'nl')).not.toBe(wordingKey('Bitcoin kopen', 'nl'));
  });
  it('counts per signal, keeps three examples, most frequent first, and ranks by total', () => {
    const rows = groupWordings(
      [
        { signal: 'failedSearches', text: 'pakket kwijt', count: 2 },
        { signal: 'noMatches', text: 'Pakket kwijt!', count: 1 },
        { signal: 'handoffs', text: 'mijn pakket is kwijt', count: 4 },
        { signal: 'failedSearches', text: 'kwijt pakketje', count: 1 },
        { signal: 'highEffort', text: 'Retourtermijn', count: 3 },
      ],
      'nl',
    );
    expect(rows).toEqual([
      {
        key: wordingKey('pakket kwijt', 'nl'),
        wording: 'mijn pakket is kwijt',
        count: 8,
        signals: { failedSearches: 3, noMatches: 1, highEffort: 0, handoffs: 4 },
        examples: ['mijn pakket is kwijt', 'pakket kwijt', 'Pakket kwijt!'],
      },
      {
        key: 'retourtermijn',
        wording: 'Retourtermijn',
        count: 3,
        signals: { failedSearches: 0, noMatches: 0, highEffort: 3, handoffs: 0 },
        examples: ['Retourtermijn'],
      },
    ]);
  });
});

describe('report content', () => {
  it('finds articles by translation key and by content id, and lists translation gaps both ways', () => {
    expect(content.article('nl', 'returns-window')).toEqual({
      translationKey: 'returns-window',
      id: 'nl/retourtermijn',
      locale: 'nl',
      title: 'Retourtermijn',
      categoryId: 'returns',
      url: '/nl/retourneren/retourtermijn/',
    });
    expect(content.article('nl', 'nl/retourtermijn')?.translationKey).toBe('returns-window');
    expect(content.article('en', 'returns-window')).toBeUndefined();
    expect(content.translationGaps(['nl', 'en'])).toEqual([
      { translationKey: 'exchange', entryId: 'en/exchanging', title: 'Exchanging for another size', locale: 'en', missingLocale: 'nl' },
      { translationKey: 'returns-window', entryId: 'nl/retourtermijn', title: 'Retourtermijn', locale: 'nl', missingLocale: 'en' },
    ]);
    // A one-locale site has no translation gaps.
    expect(content.translationGaps(['nl'])).toEqual([]);
  });
});

describeOnDatabases('reports', (database) => {
  beforeAll(async () => {
    await insertMarch(database().db);
  }, 60_000);

  describe('summary', () => {
    it('computes every figure over all locales', async () => {
      const summary = await summaryReport(database().db, content, MARCH, null);
      expect(summary).toEqual<Summary>({
        from: '2026-03-02',
        to: '2026-03-15',
        locale: null,
        headline: {
          current: {
            from: '2026-03-02',
            to: '2026-03-15',
            ces: 3.14,
            cesCount: 7,
            resolutionRate: 0.2,
            handoffs: 2,
            handoffRate: 0.4,
            firstResponseMedian: 30,
            firstResponseP90: 78,
            csat: 0.6667,
            csatCount: 3,
          },
          // The 14 days before: one score of 5 and E, resolved.
          previous: {
            from: '2026-02-16',
            to: '2026-03-01',
            ces: 5,
            cesCount: 1,
            resolutionRate: 1,
            handoffs: 0,
            handoffRate: 0,
            firstResponseMedian: null,
            firstResponseP90: null,
            csat: null,
            csatCount: 0,
          },
        },
        ces: {
          // Widget 2, 4, 5, 1; article pages 3, 5, 2: 22 / 7.
          average: 3.14,
          count: 7,
          distribution: [1, 2, 1, 1, 2],
          bySource: { widget: { average: 3, count: 4 }, article: { average: 3.33, count: 3 } },
          weekly: [
            { weekStart: '2026-03-02', average: 2.75, count: 4 },
            { weekStart: '2026-03-09', average: 3.67, count: 3 },
          ],
          // Shrunk towards 22 / 7 by five pseudo-scores: (5 + 5 × 22/7) / 6 = 3.45, (8 + 5 × 22/7) / 7 = 3.39, …
          byArticle: [
            { articleId: 'track-parcel', locale: 'en', title: 'Where is my parcel?', categoryId: 'delivery', average: 5, shrunkAverage: 3.45, count: 1 },
            { articleId: 'returns-window', locale: 'nl', title: 'Retourtermijn', categoryId: 'returns', average: 4, shrunkAverage: 3.39, count: 2 },
            { articleId: 'track-parcel', locale: 'nl', title: 'Waar is mijn pakket?', categoryId: 'delivery', average: 3, shrunkAverage: 3.1, count: 2 },
            { articleId: 'gone-article', locale: 'nl', title: 'gone-article', categoryId: null, average: 2, shrunkAverage: 2.95, count: 1 },
          ],
          byCategory: [
            { categoryId: 'returns', title: 'Retourneren', average: 4, shrunkAverage: 3.39, count: 2 },
            { categoryId: 'delivery', title: 'Bezorging', average: 3.67, shrunkAverage: 3.34, count: 3 },
          ],
        },
        articleFeedback: { count: 3, helpful: 1, notHelpful: 2 },
        // A and G unresolved, B and C handed off (C after the period), F resolved; D asked nothing.
        conversations: { withQuestion: 5, resolved: 1, handedOff: 2, unresolved: 2, rates: { resolved: 0.2, handedOff: 0.4, unresolved: 0.4 } },
        // Seven turns: shares of them, adding up to 1.
        outcomes: {
          counts: { answer: 2, clarify: 2, nomatch: 1, rule: 2, handoff: 2 },
          rates: { answer: 0.2857, clarify: 0.2857, nomatch: 0.1429, rule: 0.2857 },
        },
        tickets: {
          created: 3,
          solved: 2,
          // 10, 30, 90 minutes: p90 interpolates between 30 and 90.
          firstResponseMinutes: { median: 30, p90: 78 },
          solveMinutes: { median: 360, p90: 552 },
          csat: { count: 3, satisfied: 2, satisfiedShare: 0.6667, distribution: [0, 1, 0, 1, 1] },
        },
      });
    });

    it('filters every figure by locale', async () => {
      const summary = await summaryReport(database().db, content, MARCH, 'nl');
      expect(summary.ces).toMatchObject({
        average: 2.83,
        count: 6,
        distribution: [1, 2, 1, 1, 1],
        bySource: { widget: { average: 2.33, count: 3 }, article: { average: 3.33, count: 3 } },
      });
      expect(summary.ces.byArticle.map((a) => [a.locale, a.articleId])).toEqual([
        ['nl', 'returns-window'],
        ['nl', 'track-parcel'],
        ['nl', 'gone-article'],
      ]);
      expect(summary.articleFeedback).toEqual({ count: 2, helpful: 1, notHelpful: 1 });
      expect(summary.conversations).toEqual({
        withQuestion: 3,
        resolved: 1,
        handedOff: 1,
        unresolved: 1,
        rates: { resolved: 0.3333, handedOff: 0.3333, unresolved: 0.3333 },
      });
      expect(summary.outcomes).toEqual({
        counts: { answer: 2, clarify: 1, nomatch: 1, rule: 1, handoff: 2 },
        rates: { answer: 0.4, clarify: 0.2, nomatch: 0.2, rule: 0.2 },
      });
      expect(summary.tickets).toEqual({
        created: 2,
        solved: 1,
        firstResponseMinutes: { median: 60, p90: 84 },
        solveMinutes: { median: 120, p90: 120 },
        csat: { count: 2, satisfied: 2, satisfiedShare: 1, distribution: [0, 0, 0, 1, 1] },
      });
    });

    it('ranks effort per article by the shrunk mean, so one score of 5 does not top ten scores of 4', async () => {
      const db = database().db;
      const score = (article: string, value: number, at: string) =>
        db.execute(
          sql`insert into ces_responses (conversation_id, answer_id, article_id, score, locale, created_at) values (${randomUUID()}::uuid, ${randomUUID()}, ${article}, ${value}, 'nl', ${at}::timestamptz)`,
        );
      await score('one-bad-day', 5, '2026-05-04T10:00:00Z');
      for (let i = 0; i < 10; i++) await score('hard-article', 4, `2026-05-0${(i % 5) + 4}T11:00:00Z`);
      for (let i = 0; i < 10; i++) await score('easy-article', 1, `2026-05-0${(i % 5) + 4}T12:00:00Z`);
      const summary = await summaryReport(db, content, range('2026-05-04', '2026-05-08'), 'nl');
      // The mean is 55 / 21; the raw means would put the single 5 first.
      expect(summary.ces.byArticle.map((row) => [row.articleId, row.average, row.shrunkAverage, row.count])).toEqual([
        ['hard-article', 4, 3.54, 10],
        ['one-bad-day', 5, 3.02, 1],
        ['easy-article', 1, 1.54, 10],
      ]);
    });

    it('answers an empty period with zeros and nulls, never a division by zero', async () => {
      const summary = await summaryReport(database().db, content, range('2020-01-01', '2020-01-07'), null);
      expect(summary).toEqual<Summary>({
        from: '2020-01-01',
        to: '2020-01-07',
        locale: null,
        headline: {
          current: {
            from: '2020-01-01',
            to: '2020-01-07',
            ces: null,
            cesCount: 0,
            resolutionRate: null,
            handoffs: 0,
            handoffRate: null,
            firstResponseMedian: null,
            firstResponseP90: null,
            csat: null,
            csatCount: 0,
          },
          previous: {
            from: '2019-12-25',
            to: '2019-12-31',
            ces: null,
            cesCount: 0,
            resolutionRate: null,
            handoffs: 0,
            handoffRate: null,
            firstResponseMedian: null,
            firstResponseP90: null,
            csat: null,
            csatCount: 0,
          },
        },
        ces: {
          average: null,
          count: 0,
          distribution: [0, 0, 0, 0, 0],
          bySource: { widget: { average: null, count: 0 }, article: { average: null, count: 0 } },
          weekly: [
            { weekStart: '2019-12-30', average: null, count: 0 },
            { weekStart: '2020-01-06', average: null, count: 0 },
          ],
          byArticle: [],
          byCategory: [],
        },
        articleFeedback: { count: 0, helpful: 0, notHelpful: 0 },
        conversations: { withQuestion: 0, resolved: 0, handedOff: 0, unresolved: 0, rates: { resolved: null, handedOff: null, unresolved: null } },
        outcomes: { counts: { answer: 0, clarify: 0, nomatch: 0, rule: 0, handoff: 0 }, rates: { answer: null, clarify: null, nomatch: null, rule: null } },
        tickets: {
          created: 0,
          solved: 0,
          firstResponseMinutes: { median: null, p90: null },
          solveMinutes: { median: null, p90: null },
          csat: { count: 0, satisfied: 0, satisfiedShare: null, distribution: [0, 0, 0, 0, 0] },
        },
      });
    });

    it('sees one-locale data only in its locale', async () => {
      // Only English happened on this day (the rule outcome of C).
      const day = range('2026-03-04', '2026-03-04');
      const en = await summaryReport(database().db, content, day, 'en');
      expect(en.conversations).toMatchObject({ withQuestion: 1, resolved: 0, handedOff: 1 });
      expect(en.outcomes.counts).toMatchObject({ rule: 1 });
      expect((await summaryReport(database().db, content, day, 'nl')).conversations).toMatchObject({ withQuestion: 0, resolved: 0, rates: { resolved: null } });
    });
  });

  describe('content gaps', () => {
    it('joins the four signals by wording, ranks them and asks the assistant about each', async () => {
      const report = await contentGapsReport(database().db, content, MARCH, 'nl', ['nl', 'en']);
      expect(report.rows.map((row) => [row.key, row.count, row.signals, row.examples])).toEqual([
        ['betal bitcoin', 5, { failedSearches: 3, noMatches: 1, highEffort: 0, handoffs: 1 }, ['Bitcoin betalen', 'Bitcoin betalen?', 'betalen bitcoin']],
        // The title of the article scored 4 and answered "no" to, merged with the search for the same words.
        [
          wordingKey('Waar is mijn pakket?', 'nl'),
          3,
          { failedSearches: 1, noMatches: 0, highEffort: 2, handoffs: 0 },
          ['Waar is mijn pakket?', 'waar is mijn pakket'],
        ],
        [wordingKey('klarna achteraf', 'nl'), 2, { failedSearches: 2, noMatches: 0, highEffort: 0, handoffs: 0 }, ['Klarna achteraf?', 'klarna achteraf']],
        ['retourtermijn', 1, { failedSearches: 0, noMatches: 0, highEffort: 1, handoffs: 0 }, ['Retourtermijn']],
      ]);
      const [bitcoin, parcel, klarna] = report.rows;
      expect(bitcoin).toMatchObject({
        wording: 'Bitcoin betalen',
        wouldNowAnswer: false,
        noise: null,
        dismissed: false,
        taught: { articleId: null, status: 'pending' },
      });
      // The nearest article is a guess far below a confidence the assistant would act on: not pre-selected.
      expect(bitcoin?.nearest).toMatchObject({ articleId: 'delivery-times', suggested: false });
      expect(parcel).toMatchObject({
        wouldNowAnswer: true,
        noise: null,
        taught: null,
        nearest: { articleId: 'track-parcel', title: 'Waar is mijn pakket?', url: '/nl/bezorging/waar-is-mijn-pakket/', suggested: true },
      });
      expect(parcel?.nearest?.confidence).toBeGreaterThan(0.5);
      expect(klarna).toMatchObject({ noise: null, wouldNowAnswer: false });
      // Noise, apart and counted by reason: a person request, a greeting, formula and keyboard mash seen once, a question answered today.
      expect(report.hidden.map((row) => [row.key, row.noise]).sort()).toEqual(
        [
          ['calc cmd', 'gibberish'],
          [wordingKey('hallo', 'nl'), 'rule'],
          [wordingKey('ik wil een medewerker', 'nl'), 'personRequest'],
          [wordingKey('levertijd', 'nl'), 'answered'],
          [wordingKey('xyzzy plofkip', 'nl'), 'gibberish'],
        ].sort(),
      );
      expect(report.hiddenCounts).toEqual({ rule: 1, personRequest: 1, gibberish: 2, answered: 1, dismissed: 0 });
      // Customers' questions: bitcoin, parcel, klarna, levertijd; the parcel and levertijd are answered now.
      expect(report.wouldNowAnswer).toEqual({ answered: 2, of: 4 });
      expect(report.translationGaps.map((gap) => [gap.translationKey, gap.missingLocale])).toEqual([
        ['exchange', 'nl'],
        ['returns-window', 'en'],
      ]);
    });

    it('limits the rows, and is empty for an empty period', async () => {
      expect((await contentGapsReport(database().db, content, MARCH, 'nl', ['nl', 'en'], 2)).rows.map((row) => row.key)).toEqual([
        'betal bitcoin',
        wordingKey('Waar is mijn pakket?', 'nl'),
      ]);
      const empty = await contentGapsReport(database().db, content, range('2020-01-01', '2020-01-07'), 'nl', ['nl', 'en']);
      expect(empty).toMatchObject({ rows: [], hidden: [], wouldNowAnswer: { answered: 0, of: 0 } });
      expect(empty.translationGaps).toHaveLength(2);
    });

    it('keeps the locales apart', async () => {
      const report: ContentGaps = await contentGapsReport(database().db, content, MARCH, 'en', ['nl', 'en']);
      // The anonymised English ticket's subject is not among them; the English search, the "no" on an
      // English article and the English effort score of 5 are. All count 1, so they come by key.
      expect(report.rows.map((row) => [row.key, row.signals])).toEqual([
        [wordingKey('Exchanging for another size', 'en'), { failedSearches: 0, noMatches: 0, highEffort: 1, handoffs: 0 }],
        [wordingKey('pay with bitcoin', 'en'), { failedSearches: 1, noMatches: 0, highEffort: 0, handoffs: 0 }],
        [wordingKey('Where is my parcel?', 'en'), { failedSearches: 0, noMatches: 0, highEffort: 1, handoffs: 0 }],
      ]);
      expect(report.rows.map((row) => row.wording)).toEqual(['Exchanging for another size', 'pay with bitcoin', 'Where is my parcel?']);
      expect(report.hidden).toEqual([]);
    });
    it('counts a question a gap rule answered ("no article covers that") as a no-match, and never hides it as a set reply', async () => {
      const question = 'nemen jullie mijn oude koelkast mee als de nieuwe komt';
      await database().db.execute(sql`insert into conversation_events (conversation_id, idempotency_key, type, answer_id, action, question, locale, created_at)
        values (${randomUUID()}::uuid, ${randomUUID()}, 'outcome', 'x', 'rule', ${question}, 'nl', '2026-04-07T10:00:00Z'::timestamptz)`);
      const report = await contentGapsReport(database().db, content, range('2026-04-06', '2026-04-12'), 'nl', ['nl', 'en']);
      expect(report.rows.map((row) => [row.wording, row.signals])).toEqual([[question, { failedSearches: 0, noMatches: 1, highEffort: 0, handoffs: 0 }]]);
      // With the demo's rules the assistant answers it with the gap rule: still a gap. A greeting stays a set reply.
      const row = {
        key: wordingKey(question, 'nl'),
        wording: question,
        count: 1,
        signals: { failedSearches: 0, noMatches: 1, highEffort: 0, handoffs: 0 },
        examples: [question],
      };
      const gap = answer(demoModel('nl'), question);
      expect(gap).toMatchObject({ action: 'rule', gap: true });
      expect(noiseOf(row, gap, { known: 3, stop: 2 })).toBeNull();
      expect(noiseOf({ ...row, wording: 'hallo' }, answer(demoModel('nl'), 'hallo'), { known: 0, stop: 0 })).toBe('rule');
    });
  });

  describe('routes', () => {
    const setup = () => testApp(database(), { contentRoot: FIXTURES });

    it('serve agents and admins, JSON and CSV with formula starts neutralised', async () => {
      const { app } = setup();
      for (const role of ['agent', 'admin'] as const) {
        const headers = await agentHeaders(database(), await createTestAgent(database(), { role }));
        const res = await app.request('/api/agent/reports/summary?from=2026-03-02&to=2026-03-15&locale=nl', { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(((await res.json()) as Summary).conversations.rates.resolved).toBe(0.3333);
      }
      const headers = await agentHeaders(database(), await createTestAgent(database()));
      const csv = await app.request('/api/agent/reports/summary?from=2026-03-02&to=2026-03-15&format=csv', { headers });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="wegwijs-summary-2026-03-02-2026-03-15.csv"');
      const lines = (await csv.text()).split('\r\n');
      expect(lines[0]).toBe('"metric","dimension","value","count"');
      expect(lines).toContain('"ces.average","all",3.14,7');
      expect(lines).toContain('"ces.weekly","2026-03-09",3.67,3');
      expect(lines).toContain('"conversations.resolved","",0.2,1');

      const gaps = await app.request('/api/agent/reports/content-gaps?from=2026-03-02&to=2026-03-15&locale=nl&format=csv', { headers });
      expect(gaps.status).toBe(200);
      const gapLines = (await gaps.text()).split('\r\n');
      expect(gapLines[0]).toBe(
        [
          'key',
          'wording',
          'count',
          'failedSearches',
          'noMatches',
          'highEffort',
          'handoffs',
          'examples',
          'nearestArticleId',
          'nearestTitle',
          'nearestUrl',
          'confidence',
          'wouldNowAnswer',
          'taught',
        ]
          .map((h) => `"${h}"`)
          .join(','),
      );
      expect(gapLines.find((line) => line.startsWith('"betal bitcoin",'))).toMatch(
        /^"betal bitcoin","Bitcoin betalen",5,3,1,0,1,"Bitcoin betalen \| Bitcoin betalen\? \| betalen bitcoin",.*,false,"pending"$/,
      );
      // Noise is not in the gaps' CSV.
      expect(gapLines.some((line) => line.startsWith('"calc cmd",'))).toBe(false);
      const translations = await app.request('/api/agent/reports/content-gaps?locale=nl&format=csv&table=translations', { headers });
      expect((await translations.text()).split('\r\n')).toEqual(
        [
          ['translationKey', 'entryId', 'title', 'locale', 'missingLocale'],
          ['exchange', 'en/exchanging', 'Exchanging for another size', 'en', 'nl'],
          ['returns-window', 'nl/retourtermijn', 'Retourtermijn', 'nl', 'en'],
          [],
        ].map((cells) => cells.map((c) => `"${c}"`).join(',')),
      );
      const json = await app.request('/api/agent/reports/content-gaps?from=2026-03-02&to=2026-03-15&locale=nl&limit=1', { headers });
      expect(((await json.json()) as ContentGaps).rows.map((row) => row.key)).toEqual(['betal bitcoin']);
    });

    it.each([
      ['summary?from=2026-3-1', 'from', 'from must be a date written YYYY-MM-DD'],
      ['summary?to=2026-02-30', 'to', 'to must be a date written YYYY-MM-DD'],
      ['summary?to=9999-12-31', 'to', 'to must be a day from 2000-01-01 to 2999-12-31'],
      ['summary?from=0000-01-01', 'from', 'from must be a day from 2000-01-01 to 2999-12-31'],
      ['summary?from=2026-03-02&to=2026-03-01', 'from', 'from must be on or before to'],
      ['summary?locale=de', 'locale', 'locale must be one of nl, en'],
      ['summary?format=xlsx', 'format', 'format must be json or csv'],
      ['content-gaps', 'locale', 'locale is required'],
      ['content-gaps?locale=nl&limit=0', 'limit', 'limit must be a whole number from 1 to 500'],
      ['content-gaps?locale=nl&table=x', 'table', 'table must be gaps, translations or unhelpful'],
    ])('answer 400 naming the field for %s', async (query, field, message) => {
      const { app } = setup();
      const res = await app.request(`/api/agent/reports/${query}`, { headers: await agentHeaders(database(), await createTestAgent(database())) });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
    });

    it('count a hand-off through the API as a conversation that was not deflected', async () => {
      const { app } = setup();
      const conversation = await startConversation(app);
      const outcome = await sendSignals(app, conversation, [{ type: 'outcome', answerId: 'a1', action: 'answer', articleId: 'track-parcel', locale: 'en' }]);
      expect(outcome.status).toBe(200);
      const key = randomUUID();
      const body = handoffBody({ locale: 'en' });
      for (let i = 0; i < 2; i++) expect((await postHandoff(app, conversation, body, key)).status).toBe(201);
      const today = utcDay(new Date());
      const headers = await agentHeaders(database(), await createTestAgent(database()));
      const res = await app.request(`/api/agent/reports/summary?from=${today}&to=${today}&locale=en`, { headers });
      const { conversations, outcomes } = (await res.json()) as Summary;
      expect(outcomes.counts).toMatchObject({ answer: 1, handoff: 1 });
      // Only this test writes events dated today.
      expect(conversations).toMatchObject({ withQuestion: 1, resolved: 0, handedOff: 1, rates: { resolved: 0, handedOff: 1, unresolved: 0 } });
      const [handoffs] = await rows<{ n: number; article_id: string }>(
        database().db,
        sql`select count(*)::int as n, min(article_id) as article_id from conversation_events where conversation_id = ${conversation.id}::uuid and type = 'handoff'`,
      );
      // The replayed hand-off counted once; the event names the last article offered.
      expect(handoffs).toEqual({ n: 1, article_id: 'track-parcel' });
    });

    it('download one CSV per section, each its own table', async () => {
      const { app } = setup();
      const headers = await agentHeaders(database(), await createTestAgent(database()));
      const section = async (name: string) => {
        const res = await app.request(`/api/agent/reports/summary?from=2026-03-02&to=2026-03-15&format=csv&section=${name}`, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wegwijs-${name}-2026-03-02-2026-03-15.csv"`);
        return (await res.text()).split('\r\n');
      };
      expect(await section('headline')).toContain('"resolutionRate",0.2,1,-0.8');
      expect((await section('headline'))[0]).toBe('"figure","2026-03-02/2026-03-15","2026-02-16/2026-03-01","change"');
      expect(await section('articles')).toEqual([
        '"locale","articleId","title","categoryId","shrunkAverage","average","count"',
        '"en","track-parcel","Where is my parcel?","delivery",3.45,5,1',
        '"nl","returns-window","Retourtermijn","returns",3.39,4,2',
        '"nl","track-parcel","Waar is mijn pakket?","delivery",3.1,3,2',
        '"nl","gone-article","gone-article",,2.95,2,1',
        '',
      ]);
      expect(await section('conversations')).toEqual([
        '"conversations","count","share"',
        '"resolved",1,0.2',
        '"handedOff",2,0.4',
        '"unresolved",2,0.4',
        '"withQuestion",5,1',
        '',
      ]);
      expect((await section('outcomes'))[1]).toBe('"answer",2,0.2857');
      expect((await section('csat'))[0]).toBe('"score","count","share"');
      expect((await section('tickets'))[3]).toBe('"firstResponseMinutes",30,78,');
      expect(await section('effort')).toEqual(['"source","average","count"', '"widget",3,4', '"article",3.33,3', '"all",3.14,7', '']);
      expect((await section('distribution'))[1]).toBe('1,1');
      expect((await section('weekly'))[2]).toBe('"2026-03-09",3.67,3');
      expect((await section('categories'))[1]).toBe('"returns","Retourneren",3.39,4,2');
      const bad = await app.request('/api/agent/reports/summary?format=csv&section=nope', { headers });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('section');
    });

    it('dismiss a content-gap row for everyone, and undo it', async () => {
      const { app } = setup();
      const headers = await agentHeaders(database(), await createTestAgent(database()));
      const gaps = async () =>
        (await (await app.request('/api/agent/reports/content-gaps?from=2026-03-02&to=2026-03-15&locale=nl', { headers })).json()) as ContentGaps;
      const key = wordingKey('klarna achteraf', 'nl');
      const dismiss = () =>
        app.request('/api/agent/reports/content-gaps/dismissals', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ locale: 'nl', key, wording: 'Klarna achteraf?' }),
        });
      expect((await dismiss()).status).toBe(204);
      // A second click changes nothing.
      expect((await dismiss()).status).toBe(204);
      const dismissed = await gaps();
      expect(dismissed.rows.map((row) => row.key)).not.toContain(key);
      expect(dismissed.hidden.find((row) => row.key === key)).toMatchObject({ dismissed: true, noise: null });
      expect(dismissed.hiddenCounts.dismissed).toBe(1);
      // Another agent sees it dismissed too.
      const other = await agentHeaders(database(), await createTestAgent(database()));
      const seen = (await (
        await app.request('/api/agent/reports/content-gaps?from=2026-03-02&to=2026-03-15&locale=nl', { headers: other })
      ).json()) as ContentGaps;
      expect(seen.rows.map((row) => row.key)).not.toContain(key);

      const undo = () => app.request(`/api/agent/reports/content-gaps/dismissals?locale=nl&key=${encodeURIComponent(key)}`, { method: 'DELETE', headers });
      expect((await undo()).status).toBe(204);
      expect((await undo()).status).toBe(404);
      expect((await gaps()).rows.map((row) => row.key)).toContain(key);

      const bad = await app.request('/api/agent/reports/content-gaps/dismissals', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ locale: 'nl', wording: 'x' }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { message: 'key is required', field: 'key' } });
    });

    it('answer 401 without a session', async () => {
      const { app } = setup();
      expect((await app.request('/api/agent/reports/summary')).status).toBe(401);
      expect((await app.request('/api/agent/reports/content-gaps?locale=nl')).status).toBe(401);
    });
  });
});
