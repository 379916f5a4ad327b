/**
 * Demo activity for a fresh install, so the reports and the inbox have
 * something to show: conversations with the assistant over the last weeks
 * (outcomes, "helpful" answers, effort scores), article feedback, failed
 * searches, tickets handed off and worked on by demo agents, CSAT, and a few
 * phrasing suggestions waiting for `content pull`. Opt-in only
 * (`npm run -s demo -- seed`); never part of start-up.
 *
 * The same seed gives the same activity (relative to `now`); ids are random.
 * Tickets go through the real services (hand-off, claim, reply, status), so
 * they carry the same events and facts real ones do; their timestamps are
 * then moved back to when the plan says they happened.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, max } from 'drizzle-orm';
import { loadContent, publishedArticles, type Article } from '#core/content/load.node.ts';
import { createAgent, ensureFirstAdmin } from '../agents/service.ts';
import { hashPassword } from '../agents/password.ts';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { HandoffInput, TranscriptEntry } from '../conversations/schema.ts';
import type { Db } from '../db/database.ts';
import {
  articleFeedback,
  articleUnhelpful,
  cesResponses,
  conversationEvents,
  conversations,
  csatResponses,
  failedSearches,
  messages,
  scheduledJobs,
  ticketEvents,
  tickets,
  webhooks,
} from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import { randomToken, sha256Hex } from '../http/tokens.ts';
import { contentCatalog } from '../phrasings/articles.ts';
import { forgetRollup } from '../reports/rollup.ts';
import { suggestPhrasing } from '../phrasings/service.ts';
import type { Locale } from '#core/locale.ts';
import { addAgentReply } from '../tickets/agent-reply.ts';
import { updateTicket } from '../tickets/change.ts';
import { handOff } from '../tickets/handoff.ts';
import { claimTicket } from '../tickets/queue.ts';
import {
  AGENT_REPLIES,
  CLARIFY_QUESTIONS,
  CLARIFY_REPLY,
  CUSTOMER_NAMES,
  DEMO_PHRASINGS,
  DEMO_PROPOSALS,
  FAILED_SEARCHES,
  HANDOFF_MESSAGES,
  HARD_ARTICLES,
  NO_MATCH_QUESTIONS,
  NO_MATCH_REPLY,
  RULE_MESSAGES,
  RULE_REPLY,
} from './phrases.ts';
import { utcDay } from '#core/util/days.ts';
import { mulberry32 } from '#core/util/random.ts';

/** Row of `scheduled_jobs` that records a seed, so a second one is refused. */
export const SEED_MARKER = 'demo-seed';

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  /** Folder holding `content/`: the articles the activity is about. */
  contentRoot: string;
  /** Same seed, same activity. Default 1. */
  seed?: number;
  /** Conversations to create. Default 400. */
  conversations?: number;
  /** Weeks back the activity starts. Default 8. */
  weeks?: number;
  /** The end of the activity. Default: now. */
  now?: Date;
  /** Seed even if this database was seeded before (adds another batch) or has webhooks that would be told. */
  force?: boolean;
  /** The demo agents and the first admin are hashed at this scrypt cost (default: the production one; tests use a cheap one). */
  passwordCost?: Parameters<typeof hashPassword>[1];
  /**
   * `ADMIN_EMAIL`: on a database without agents, the admin `npm start` would
   * create is created first (the demo agents would otherwise stop it from
   * being created), and returned with its password to show once.
   */
  adminEmail?: string;
}

/** What a seed created. */
export interface SeedSummary {
  from: string;
  to: string;
  conversations: number;
  events: { outcome: Record<'answer' | 'clarify' | 'nomatch' | 'rule', number>; helpful: number; handoff: number };
  cesResponses: number;
  articleFeedback: number;
  /** What was missing, after "No" on an article page: reasons, some with a comment. */
  articleUnhelpful: number;
  failedSearches: number;
  tickets: { total: number; open: number; pending: number; solved: number; closed: number };
  csatResponses: number;
  phrasingSuggestions: number;
  agents: number;
  /** Translation keys of the articles made to look worse. */
  hardArticles: string[];
}

/** What {@link seedDemo} returns: the summary, and the first admin when it had to create one. */
export interface SeedResult extends SeedSummary {
  /** Created because the database had no agents; its password is shown only now. */
  firstAdmin: { email: string; password: string } | null;
}

/** Why seeding was refused; the message says what to do. */
export class SeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefused';
  }
}

/** Seeded draws for demo data: the same seed gives the same demo everywhere. */
function random(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, maxInclusive: number) => min + Math.floor(next() * (maxInclusive - min + 1));
  const chance = (p: number) => next() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const weighted = <T extends readonly [unknown, number, ...unknown[]]>(list: readonly T[]): T => {
    const total = list.reduce((sum, item) => sum + item[1], 0);
    let r = next() * total;
    for (const item of list) {
      r -= item[1];
      if (r < 0) return item;
    }
    return list.at(-1)!;
  };
  /** Log-normal minutes with this median and spread (p90 ≈ median × e^(1.28 σ)). */
  const minutes = (median: number, sigma: number) => {
    const u = Math.max(next(), 1e-9);
    const v = next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * normal);
  };
  return { next, int, chance, pick, weighted, minutes };
}

type Rng = ReturnType<typeof random>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An effort score, 1–5: easy articles mostly 1–2, hard ones mostly 3–5. */
function effort(rng: Rng, hard: boolean): number {
  return rng.weighted<readonly [number, number]>(
    hard
      ? [
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 3],
        ]
      : [
          [1, 6],
          [2, 4],
          [3, 2],
          [4, 1],
          [5, 0.5],
        ],
  )[0];
}

/** A moment in the period, busier on weekdays and in the day than at night. */
function momentIn(rng: Rng, from: number, to: number): number {
  for (;;) {
    const at = from + rng.next() * (to - from);
    const date = new Date(at);
    const hour = date.getUTCHours();
    const weekday = date.getUTCDay();
    const dayWeight = weekday === 0 ? 0.5 : weekday === 6 ? 0.7 : weekday === 1 ? 1.2 : 1;
    const hourWeight = hour < 6 ? 0.1 : hour < 8 ? 0.4 : hour < 22 ? 1 : 0.5;
    // Growing a little towards now, as a shop does.
    const trend = 0.8 + (0.4 * (at - from)) / (to - from);
    if (rng.next() < (dayWeight * hourWeight * trend) / 1.5) return at;
  }
}

interface Turn {
  action: 'answer' | 'clarify' | 'nomatch' | 'rule';
  text: string;
  reply: string;
  article: Article | null;
  at: number;
  answerId: string;
  ces: number | null;
  helpful: boolean | null;
  wantsPerson: boolean;
}

interface PlannedConversation {
  id: string;
  locale: Locale;
  start: number;
  turns: Turn[];
  handoff: boolean;
}

/** The articles the activity is about, and which of them look popular or hard. */
interface DemoCatalog {
  locales: Locale[];
  hard: Set<string>;
  /** A locale's published articles with their weight in the draw (popular 4, hard 2, others 1). */
  weightedArticles: (locale: Locale) => (readonly [Article, number])[];
}

/** The period and size of the activity. */
interface Period {
  from: number;
  now: number;
  /** Conversations planned; the other kinds of activity scale with it. */
  count: number;
}

/**
 * Seeds demo activity into `db`. The steps draw from one seeded generator in
 * a fixed order, so the same seed still gives the same activity.
 *
 * @throws SeedRefused when the database was seeded before or has enabled
 *   webhooks (unless `force`), or content/ has no articles to talk about.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  const rng = random(options.seed ?? 1);
  const now = (options.now ?? new Date()).getTime();
  const weeks = options.weeks ?? 8;
  const period: Period = { from: now - weeks * 7 * DAY, now, count: options.conversations ?? 400 };

  if (!options.force) await refuseSecondSeed(db);
  const catalog = demoCatalog(options.contentRoot);
  const plans = planConversations(rng, catalog, period);
  const written = await writeConversations(db, plans);
  const articleFeedbackRows = await writeArticleFeedback(db, rng, catalog, period);
  // A generator of its own: the draws of the steps before and after stay as they were for the same seed.
  const articleUnhelpfulRows = await writeArticleUnhelpful(db, random((options.seed ?? 1) + 31), articleFeedbackRows.noes);
  const failedSearchRows = await writeFailedSearches(db, rng, catalog.locales, period);
  // The admin first: `npm start` creates one only while there are no agents at all.
  const firstAdmin = options.adminEmail === undefined ? null : await ensureFirstAdmin(db, options.adminEmail, options.passwordCost);
  const team = await createDemoTeam(db, options.passwordCost);
  const worked = await workTickets(db, rng, plans, team, now);
  const suggestions = await suggestPhrasings(db, rng, options.contentRoot, team, catalog.locales, worked.ticketRefs);

  const summary: SeedSummary = {
    from: new Date(period.from).toISOString(),
    to: new Date(now).toISOString(),
    conversations: plans.length,
    events: { outcome: written.outcome, helpful: written.helpful, handoff: worked.tickets.total },
    cesResponses: written.cesResponses,
    articleFeedback: articleFeedbackRows.count,
    articleUnhelpful: articleUnhelpfulRows,
    failedSearches: failedSearchRows,
    tickets: worked.tickets,
    csatResponses: worked.csatResponses,
    phrasingSuggestions: suggestions,
    agents: team.length,
    hardArticles: [...catalog.hard],
  };
  // Activity written into the past: days already rolled up for the reports are computed again by the next rollup run.
  await forgetRollup(db, utcDay(period.from));
  await db
    .insert(scheduledJobs)
    .values({ name: SEED_MARKER, lastRunAt: new Date(), lastResult: summary })
    .onConflictDoUpdate({ target: scheduledJobs.name, set: { lastRunAt: new Date(), lastResult: summary } });
  return { ...summary, firstAdmin };
}

/** @throws SeedRefused when this database was seeded before or has enabled webhooks. */
async function refuseSecondSeed(db: Db): Promise<void> {
  const [seeded] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, SEED_MARKER));
  if (seeded) {
    throw new SeedRefused(`demo: this database was seeded on ${utcDay(seeded.lastRunAt)} already; run with --force to add another batch`);
  }
  const [hooked] = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.enabled, true)).limit(1);
  if (hooked) throw new SeedRefused('demo: this database has webhooks, which would be told about every demo ticket; run with --force if that is what you want');
}

/** @throws SeedRefused when content/ has no published articles. */
function demoCatalog(contentRoot: string): DemoCatalog {
  const content = loadContent(contentRoot);
  const articlesByLocale: Record<Locale, Article[]> = { nl: publishedArticles(content, 'nl'), en: publishedArticles(content, 'en') };
  const locales = (['nl', 'en'] as const).filter((locale) => content.settings.locales.includes(locale) && articlesByLocale[locale].length > 0);
  if (locales.length === 0) throw new SeedRefused('demo: content/ has no published articles to seed activity about');
  const keys = new Set(content.articles.map((a) => a.translationKey));
  const hard = new Set<string>(HARD_ARTICLES.filter((key) => keys.has(key)));
  const popular = new Set(content.settings.popular);
  const weightedArticles = (locale: Locale) =>
    articlesByLocale[locale].map((a) => [a, popular.has(a.translationKey) ? 4 : hard.has(a.translationKey) ? 2 : 1] as const);
  return { locales, hard, weightedArticles };
}

/** A customer's locale: Dutch for six in ten where both exist. */
function pickLocale(rng: Rng, locales: readonly Locale[]): Locale {
  return locales.length === 1 ? locales[0]! : rng.chance(0.6) ? 'nl' : 'en';
}

/** Plans the conversations: their turns with the assistant, and who asks for a person. */
function planConversations(rng: Rng, catalog: DemoCatalog, { from, now, count }: Period): PlannedConversation[] {
  const plans: PlannedConversation[] = [];
  for (let i = 0; i < count; i++) {
    const locale = pickLocale(rng, catalog.locales);
    const start = momentIn(rng, from, now - 30 * MINUTE);
    const turnCount = rng.weighted<readonly [number, number]>([
      [1, 6],
      [2, 3],
      [3, 1],
    ])[0];
    const turns: Turn[] = [];
    let at = start;
    for (let t = 0; t < turnCount; t++) {
      at += rng.int(15, 120) * 1000;
      turns.push(planTurn(rng, catalog, locale, at));
    }
    // Who asks for a person: those the rules heard asking, those stuck without an answer, those a hard answer did not help.
    const stuck = turns.some((t) => t.action === 'nomatch');
    const unhelped = turns.some((t) => t.action === 'answer' && (t.helpful === false || (t.ces ?? 0) >= 4));
    const handoff = turns.some((t) => t.wantsPerson) ? rng.chance(0.7) : stuck ? rng.chance(0.2) : unhelped ? rng.chance(0.25) : rng.chance(0.01);
    plans.push({ id: randomUUID(), locale, start, turns, handoff });
  }
  return plans;
}

/** One question and the assistant's reply: an answer, a clarifying question, no match or a rule. */
function planTurn(rng: Rng, catalog: DemoCatalog, locale: Locale, at: number): Turn {
  const kind = rng.weighted<readonly [Turn['action'], number]>([
    ['answer', 62],
    ['clarify', 11],
    ['nomatch', 17],
    ['rule', 10],
  ])[0];
  const answerId = `demo-${randomUUID().slice(0, 8)}`;
  if (kind === 'answer') {
    const article = rng.weighted(catalog.weightedArticles(locale))[0];
    const isHard = catalog.hard.has(article.translationKey);
    const scored = rng.chance(0.45);
    const rated = rng.chance(0.5);
    return {
      action: 'answer',
      text: rng.pick(article.questions),
      reply: article.summary,
      article,
      at,
      answerId,
      ces: scored ? effort(rng, isHard) : null,
      helpful: rated ? rng.chance(isHard ? 0.45 : 0.85) : null,
      wantsPerson: false,
    };
  }
  if (kind === 'clarify') {
    return {
      action: 'clarify',
      text: rng.weighted(CLARIFY_QUESTIONS[locale])[0],
      reply: CLARIFY_REPLY[locale],
      article: null,
      at,
      answerId,
      ces: null,
      helpful: null,
      wantsPerson: false,
    };
  }
  if (kind === 'nomatch') {
    return {
      action: 'nomatch',
      text: rng.weighted(NO_MATCH_QUESTIONS[locale])[0],
      reply: NO_MATCH_REPLY[locale],
      article: null,
      at,
      answerId,
      ces: null,
      helpful: null,
      wantsPerson: false,
    };
  }
  const [text, , wantsPerson] = rng.weighted(RULE_MESSAGES[locale]);
  return {
    action: 'rule',
    text,
    reply: RULE_REPLY[locale][wantsPerson ? 'handoff' : 'chat'],
    article: null,
    at,
    answerId,
    ces: null,
    helpful: null,
    wantsPerson,
  };
}

/** Writes the conversations and their anonymous facts (outcomes, "helpful", effort), in batches. */
async function writeConversations(db: Db, plans: readonly PlannedConversation[]) {
  await insertChunked(
    db,
    conversations,
    plans.map((p) => ({ id: p.id, tokenHash: sha256Hex(randomToken()), createdAt: new Date(p.start) })),
  );
  const eventRows: (typeof conversationEvents.$inferInsert)[] = [];
  const cesRows: (typeof cesResponses.$inferInsert)[] = [];
  const outcome = { answer: 0, clarify: 0, nomatch: 0, rule: 0 };
  let helpful = 0;
  for (const plan of plans) {
    for (const turn of plan.turns) {
      outcome[turn.action]++;
      const articleId = turn.article?.translationKey ?? null;
      eventRows.push({
        conversationId: plan.id,
        idempotencyKey: randomUUID(),
        type: 'outcome',
        answerId: turn.answerId,
        action: turn.action,
        articleId,
        question: turn.action === 'nomatch' ? turn.text : null,
        locale: plan.locale,
        createdAt: new Date(turn.at),
      });
      if (turn.helpful !== null) {
        helpful++;
        eventRows.push({
          conversationId: plan.id,
          idempotencyKey: randomUUID(),
          type: 'helpful',
          answerId: turn.answerId,
          helpful: turn.helpful,
          articleId,
          locale: plan.locale,
          createdAt: new Date(turn.at + 20_000),
        });
      }
      if (turn.ces !== null)
        cesRows.push({
          conversationId: plan.id,
          answerId: turn.answerId,
          articleId,
          score: turn.ces,
          locale: plan.locale,
          createdAt: new Date(turn.at + 30_000),
        });
    }
  }
  await insertChunked(db, conversationEvents, eventRows);
  await insertChunked(db, cesResponses, cesRows);
  return { outcome, helpful, cesResponses: cesRows.length };
}

/** Article pages: "was this helpful" and effort. Returns the number of rows written and the "No" answers among them. */
async function writeArticleFeedback(
  db: Db,
  rng: Rng,
  catalog: DemoCatalog,
  { from, now, count }: Period,
): Promise<{ count: number; noes: (typeof articleFeedback.$inferInsert)[] }> {
  const feedbackRows: (typeof articleFeedback.$inferInsert)[] = [];
  for (let i = 0; i < Math.round(count * 0.9); i++) {
    const locale = pickLocale(rng, catalog.locales);
    const article = rng.weighted(catalog.weightedArticles(locale))[0];
    const isHard = catalog.hard.has(article.translationKey);
    const rated = rng.chance(0.8);
    feedbackRows.push({
      idempotencyKey: randomUUID(),
      articleId: article.translationKey,
      locale,
      helpful: rated ? rng.chance(isHard ? 0.4 : 0.8) : null,
      // At least one of the two: a row without either says nothing.
      ces: !rated || rng.chance(0.6) ? effort(rng, isHard) : null,
      createdAt: new Date(momentIn(rng, from, now - MINUTE)),
    });
  }
  await insertChunked(db, articleFeedback, feedbackRows);
  return { count: feedbackRows.length, noes: feedbackRows.filter((row) => row.helpful === false) };
}

/** Comments as customers type them after "No", already redacted as the API stores them. */
const UNHELPFUL_COMMENTS = {
  nl: [
    'stond niet in wat ik moet doen als de koerier het bij de buren heeft gelegd',
    'de link naar track & trace werkt niet meer',
    'veel te lang, ik zoek gewoon het retouradres',
    'mijn bestelnummer [number] staat nergens, wat nu?',
    'klopt niet, de winkel in gent is dicht op maandag',
  ],
  en: ['does not say what happens if the parcel is damaged', 'the return address is out of date', 'too much text, just tell me the steps'],
} as const;

/** What was missing, for about half of the "No" answers (the others never send the follow-up). Returns the rows written. */
async function writeArticleUnhelpful(db: Db, rng: Rng, noes: readonly (typeof articleFeedback.$inferInsert)[]): Promise<number> {
  const reasons = ['no_answer', 'no_answer', 'unclear', 'outdated', 'other'] as const;
  const rows: (typeof articleUnhelpful.$inferInsert)[] = noes
    .filter(() => rng.chance(0.5))
    .map((no) => ({
      idempotencyKey: randomUUID(),
      articleId: no.articleId,
      locale: no.locale,
      why: rng.pick(reasons),
      comment: rng.chance(0.4) ? rng.pick(UNHELPFUL_COMMENTS[no.locale]) : null,
      createdAt: no.createdAt,
    }));
  await insertChunked(db, articleUnhelpful, rows);
  return rows.length;
}

/** Searches that found nothing. Returns the rows written. */
async function writeFailedSearches(db: Db, rng: Rng, locales: readonly Locale[], { from, now, count }: Period): Promise<number> {
  const searchRows: (typeof failedSearches.$inferInsert)[] = [];
  for (let i = 0; i < Math.round(count * 0.4); i++) {
    const locale = pickLocale(rng, locales);
    searchRows.push({ query: rng.weighted(FAILED_SEARCHES[locale])[0], locale, resultCount: 0, createdAt: new Date(momentIn(rng, from, now - MINUTE)) });
  }
  await insertChunked(db, failedSearches, searchRows);
  return searchRows.length;
}

/** The three demo agents who work on the tickets. */
async function createDemoTeam(db: Db, passwordCost: SeedOptions['passwordCost']): Promise<SignedInAgent[]> {
  const team: SignedInAgent[] = [];
  for (const [name, role] of [
    ['Sanne (demo)', 'admin'],
    ['Pieter (demo)', 'agent'],
    ['Fatima (demo)', 'agent'],
  ] as const) {
    const email = `${name.split(' ')[0]!.toLowerCase()}.${randomUUID().slice(0, 6)}@demo.wegwijs.invalid`;
    // A password nobody knows: the demo agents work on tickets, nobody signs in as them.
    const created = await createAgent(db, { email, name, role, passwordHash: await hashPassword(randomToken(), passwordCost) });
    team.push({ id: created.id, email: created.email, name: created.name, role: created.role });
  }
  return team;
}

/** A ticket's number and locale, for suggestions that cite one. */
interface TicketRef {
  number: string;
  locale: Locale;
}

/** Hands off the conversations that ask for a person and works on their tickets as the team would; CSAT in one batch at the end. */
async function workTickets(db: Db, rng: Rng, plans: readonly PlannedConversation[], team: readonly SignedInAgent[], now: number) {
  const counts = { total: 0, open: 0, pending: 0, solved: 0, closed: 0 };
  const csatRows: (typeof csatResponses.$inferInsert)[] = [];
  const ticketRefs: TicketRef[] = [];
  let customer = 0;
  for (const plan of plans.filter((p) => p.handoff)) {
    const created = plan.turns.at(-1)!.at + rng.int(30, 300) * 1000;
    if (created > now - MINUTE) continue;
    customer++;
    const { ticketId, number } = await handOffPlan(db, rng, plan, created, customer);
    counts.total++;
    ticketRefs.push({ number, locale: plan.locale });
    const end = await workTicket(db, rng, plan, ticketId, created, team, now, csatRows);
    counts[end]++;
  }
  await insertChunked(db, csatResponses, csatRows);
  return { tickets: counts, csatResponses: csatRows.length, ticketRefs };
}

/** The hand-off through the real service, then moved back to the moment `created`. */
async function handOffPlan(db: Db, rng: Rng, plan: PlannedConversation, created: number, customer: number): Promise<{ ticketId: string; number: string }> {
  const last = plan.turns.at(-1)!;
  const name = rng.pick(CUSTOMER_NAMES[plan.locale]);
  const transcript: TranscriptEntry[] = plan.turns.flatMap((turn) => [
    { from: 'customer' as const, text: turn.text, at: new Date(turn.at).toISOString(), articleId: null },
    {
      from: 'assistant' as const,
      text: turn.reply,
      at: new Date(turn.at + 1000).toISOString(),
      articleId: turn.article?.translationKey ?? null,
      action: turn.action,
      // In the shape core/assistant writes (the API stores no other): a ranking for an article, else a rule.
      why: turn.article ? { kind: 'ranking', terms: [], phrasing: null, score: 0.8, margin: 0.4 } : { kind: 'rule', ruleId: turn.action, pattern: '' },
      ...(turn.ces !== null && { ces: turn.ces }),
      ...(turn.helpful !== null && { helpful: turn.helpful }),
    },
  ]);
  const input: HandoffInput = {
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${customer}@example.com`,
    name,
    message: rng.pick(HANDOFF_MESSAGES[plan.locale]),
    locale: plan.locale,
    transcript,
  };
  const result = await handOff(db, plan.id, randomUUID(), input);
  const { ticketId, number } = result.body;
  await db
    .update(tickets)
    .set({ createdAt: new Date(created), updatedAt: new Date(created), lastMessageAt: input.message.trim() === '' ? null : new Date(created) })
    .where(eq(tickets.id, ticketId));
  await db
    .update(messages)
    .set({ createdAt: new Date(created) })
    .where(eq(messages.ticketId, ticketId));
  await db
    .update(ticketEvents)
    .set({ createdAt: new Date(created) })
    .where(eq(ticketEvents.ticketId, ticketId));
  // The anonymous hand-off fact, at the same moment (written by the hand-off itself; added here if it is not).
  const moved = await db
    .update(conversationEvents)
    .set({ createdAt: new Date(created) })
    .where(and(eq(conversationEvents.conversationId, plan.id), eq(conversationEvents.type, 'handoff')))
    .returning({ id: conversationEvents.id });
  if (moved.length === 0) {
    await db.insert(conversationEvents).values({
      conversationId: plan.id,
      idempotencyKey: `handoff:${ticketId}`,
      type: 'handoff',
      answerId: 'handoff',
      articleId: last.article?.translationKey ?? null,
      locale: plan.locale,
      createdAt: new Date(created),
    });
  }
  return { ticketId, number };
}

/**
 * Claims, answers, solves and closes a ticket as far as its plan gets by
 * `now`; a CSAT score goes into `csatRows`. Returns where the ticket ended.
 */
async function workTicket(
  db: Db,
  rng: Rng,
  plan: PlannedConversation,
  ticketId: string,
  created: number,
  team: readonly SignedInAgent[],
  now: number,
  csatRows: (typeof csatResponses.$inferInsert)[],
): Promise<'open' | 'pending' | 'solved' | 'closed'> {
  // Working hours decide how soon someone answers: median two hours, a long tail into the next day.
  const agent = rng.pick(team);
  const claimed = created + rng.minutes(40, 0.8) * MINUTE;
  const replied = claimed + rng.minutes(60, 1.1) * MINUTE;
  const solved = replied + rng.minutes(8 * 60, 1.2) * MINUTE;
  const closed = solved + rng.int(3, 7) * DAY;
  // The newest tickets are still being worked on: some wait for someone to pick them up, some for the customer.
  const recent = now - created < 7 * DAY;
  const waiting = recent && rng.chance(0.6);
  if (claimed > now || (waiting && rng.chance(0.5))) return 'open';
  await at(db, ticketId, claimed, () => claimTicket(db, ticketId, agent));
  if (rng.chance(0.12)) await at(db, ticketId, claimed, () => updateTicket(db, ticketId, agent, { priority: 'high' }));
  if (replied > now || (waiting && rng.chance(0.3))) return 'open';
  await at(db, ticketId, replied, async () => {
    const { id } = await addAgentReply(db, ticketId, agent, { body: rng.pick(AGENT_REPLIES[plan.locale].first), internal: false });
    await db
      .update(messages)
      .set({ createdAt: new Date(replied) })
      .where(eq(messages.id, Number(id)));
    await db
      .update(tickets)
      .set({ firstResponseAt: new Date(replied), lastMessageAt: new Date(replied) })
      .where(eq(tickets.id, ticketId));
  });
  if (solved > now || waiting) return 'pending';
  await at(db, ticketId, solved, async () => {
    const { id } = await addAgentReply(db, ticketId, agent, { body: rng.pick(AGENT_REPLIES[plan.locale].solve), internal: false });
    await db
      .update(messages)
      .set({ createdAt: new Date(solved) })
      .where(eq(messages.id, Number(id)));
    await updateTicket(db, ticketId, agent, { status: 'solved' });
    await db
      .update(tickets)
      .set({ solvedAt: new Date(solved), lastMessageAt: new Date(solved) })
      .where(eq(tickets.id, ticketId));
  });
  // Satisfaction: most are content, the slow and the hard ones less so.
  const slow = solved - created > 2 * DAY;
  const answeredAt = solved + rng.minutes(6 * 60, 1) * MINUTE;
  if (rng.chance(0.6) && answeredAt < now) {
    const score = rng.weighted<readonly [number, number]>(
      slow
        ? [
            [1, 2],
            [2, 2],
            [3, 2],
            [4, 3],
            [5, 2],
          ]
        : [
            [1, 0.5],
            [2, 0.5],
            [3, 1],
            [4, 3],
            [5, 5],
          ],
    )[0];
    csatRows.push({
      ticketId,
      score,
      locale: plan.locale,
      channel: rng.chance(0.4) ? 'widget' : 'email',
      createdAt: new Date(answeredAt),
      updatedAt: new Date(answeredAt),
    });
  }
  if (closed < now && rng.chance(0.6)) {
    await at(db, ticketId, closed, () => updateTicket(db, ticketId, agent, { status: 'closed' }));
    return 'closed';
  }
  return 'solved';
}

/** A few suggestions waiting for `content pull`. Returns how many were created. */
async function suggestPhrasings(
  db: Db,
  rng: Rng,
  contentRoot: string,
  team: readonly SignedInAgent[],
  locales: readonly Locale[],
  ticketRefs: readonly TicketRef[],
): Promise<number> {
  const catalog = contentCatalog(contentRoot);
  let suggestions = 0;
  const suggest = async (input: Parameters<typeof suggestPhrasing>[3]) => {
    try {
      if ((await suggestPhrasing(db, catalog, rng.pick(team), input)).created) suggestions++;
    } catch (error) {
      // An article the content does not have, or a wording it has already: nothing to suggest.
      if (!(error instanceof ApiError)) throw error;
    }
  };
  for (const phrasing of DEMO_PHRASINGS) {
    if (!locales.includes(phrasing.locale)) continue;
    const ref = ticketRefs.find((t) => t.locale === phrasing.locale);
    await suggest({
      articleId: phrasing.articleId,
      locale: phrasing.locale,
      text: phrasing.text,
      source: phrasing.source,
      ...(phrasing.source === 'ticket' && ref ? { sourceRef: ref.number } : {}),
    });
  }
  for (const proposal of DEMO_PROPOSALS) {
    if (locales.includes(proposal.locale)) await suggest({ articleId: null, ...proposal });
  }
  return suggestions;
}

/**
 * Runs one step on a ticket through the real service, then moves what the
 * step wrote (its events, the ticket's `updated_at`) to the moment `when`.
 */
async function at(db: Db, ticketId: string, when: number, step: () => Promise<unknown>): Promise<void> {
  const [before] = await db
    .select({ id: max(ticketEvents.id) })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId));
  await step();
  const moment = new Date(when);
  await db
    .update(ticketEvents)
    .set({ createdAt: moment })
    .where(and(eq(ticketEvents.ticketId, ticketId), gt(ticketEvents.id, before?.id ?? 0)));
  await db.update(tickets).set({ updatedAt: moment }).where(eq(tickets.id, ticketId));
}

/** Inserts rows in statements of at most 500 (well below PostgreSQL's 65,535 parameters). */
async function insertChunked<T extends Parameters<Db['insert']>[0]>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** The summary as the CLI prints it. */
export function formatSeedSummary(summary: SeedSummary): string {
  const { outcome } = summary.events;
  const lines = [
    `seeded demo activity from ${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)}:`,
    `  ${summary.conversations} conversations: ${outcome.answer} answers, ${outcome.clarify} clarifications, ${outcome.nomatch} no matches, ${outcome.rule} rule replies, ${summary.events.helpful} "helpful?" answers`,
    `  ${summary.cesResponses} effort scores in the widget, ${summary.articleFeedback} article feedback rows (${summary.articleUnhelpful} saying what was missing), ${summary.failedSearches} failed searches`,
    `  ${summary.tickets.total} tickets (${summary.tickets.open} open, ${summary.tickets.pending} pending, ${summary.tickets.solved} solved, ${summary.tickets.closed} closed) worked on by ${summary.agents} demo agents, ${summary.csatResponses} CSAT scores`,
    `  ${summary.phrasingSuggestions} phrasing suggestions pending for \`npm run -s content -- pull\``,
    `  articles made to look harder: ${summary.hardArticles.join(', ') || '(none of the usual ones exist)'}`,
  ];
  return `${lines.join('\n')}\n`;
}
