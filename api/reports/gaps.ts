/**
 * The content-gap report: where customers did not find what they looked
 * for, one ranked list per locale, so the team knows which article to write
 * or fix next. Four signals are joined, each grouped by its normalised
 * wording (see {@link wordingKey}):
 *
 * - **failed searches**: searches on the help pages that found nothing;
 * - **no-match questions**: questions the assistant found no article for
 *   (outcome events `nomatch` that carry the redacted question, and those
 *   of a `gap` rule, whose reply says no article covers them);
 * - **high effort**: answers scored 4 or 5 on the effort question (widget or
 *   article page), and "no" to "was this helpful" (widget or article page);
 *   these name an article, not a wording, so they are grouped under the
 *   article's title: the article to fix;
 * - **hand-off topics**: subjects of tickets (the hand-off note or the
 *   customer's most telling question) that retention has not anonymised yet.
 *
 * Each row has the total, the count per signal, up to three example
 * wordings (most frequent first), the article the assistant would offer
 * today for the row's wording (`nearest`, null when it offers none) and
 * whether it would now answer it outright (`wouldNowAnswer`: action
 * `answer`), so rows that content changes have already fixed stand out.
 * `wouldNowAnswer.answered/of` counts that over the rows that come from
 * customers' own words (failed searches, no-matches, hand-offs) and are
 * questions (not a set reply, a person request or gibberish).
 * Translation gaps: translation keys published in one of the site's locales
 * and missing in another. Articles answered "No" on their page, with what
 * customers said was missing: see api/reports/unhelpful.ts.
 *
 * Rows that are no gap ({@link noiseOf}: a request for a person, a set
 * reply, gibberish, a wording the assistant now answers outright) and rows
 * an agent dismissed ("not a gap", stored per locale and key until undone)
 * are listed apart (`hidden`, with counts per reason), never mixed into the
 * gaps. A row whose wording has been taught (a phrasing suggestion, not
 * rejected) says so and how far it got. The nearest article is `suggested`
 * (pre-selected for teaching) only when the assistant itself would answer
 * with it or offer it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { analyze, fold } from '#core/language/analysis.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import type { Locale } from '#core/locale.ts';
import { NO_SUBJECT } from '../tickets/subject.ts';
import type { Reply } from '#core/assistant/index.ts';
import type { ReportContent } from './content.ts';
import { GAP_ROWS, type ContentGaps, type ReportRange } from './schema.ts';
import { unhelpfulArticles } from './unhelpful.ts';

/** Distinct wordings read per signal, most frequent first; the long tail beyond cannot reach the top rows. */
const MAX_WORDINGS_PER_SIGNAL = 5000;

/** Examples shown per row. */
const MAX_EXAMPLES = 3;

type SignalName = keyof ContentGaps['rows'][number]['signals'];

/** One wording of one signal, with how often it occurred. */
export interface GapWording {
  signal: SignalName;
  text: string;
  count: number;
}

/**
 * The key wordings are grouped by: the search's language analysis (lower
 * case, diacritics folded, stop words removed, stemmed), each term once,
 * sorted. "Waar is mijn pakket?" and "pakketje waar" share `pakket`…
 * Text of stop words only keeps its folded words, so it is not lost in one
 * empty group.
 *
 * @example wordingKey('Mijn pakketje is zoek', 'nl') // 'pakket zoek'
 */
export function wordingKey(text: string, locale: Locale): string {
  const terms = [...new Set(analyze(text, locale))].sort();
  return terms.length > 0 ? terms.join(' ') : fold(text).replace(/\s+/g, ' ').trim();
}

/**
 * Groups wordings into rows, biggest first (then by key), without the
 * assistant's verdict. Exported for tests.
 */
export function groupWordings(
  wordings: readonly GapWording[],
  locale: Locale,
): Omit<ContentGaps['rows'][number], 'nearest' | 'wouldNowAnswer' | 'noise' | 'dismissed' | 'taught'>[] {
  const groups = new Map<string, { signals: Record<SignalName, number>; texts: Map<string, number> }>();
  for (const wording of wordings) {
    const key = wordingKey(wording.text, locale);
    if (key === '') continue;
    const group = groups.get(key) ?? { signals: { failedSearches: 0, noMatches: 0, highEffort: 0, handoffs: 0 }, texts: new Map<string, number>() };
    group.signals[wording.signal] += wording.count;
    group.texts.set(wording.text, (group.texts.get(wording.text) ?? 0) + wording.count);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const examples = [...group.texts.entries()].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).map(([text]) => text);
      const count = group.signals.failedSearches + group.signals.noMatches + group.signals.highEffort + group.signals.handoffs;
      return { key, wording: examples[0] ?? key, count, signals: group.signals, examples: examples.slice(0, MAX_EXAMPLES) };
    })
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Reads the four signals of `locale` in the period, as wordings with counts. */
export async function gapWordings(db: Db, content: ReportContent | null, range: ReportRange, locale: Locale): Promise<GapWording[]> {
  const inRange = (column: SQL) => sql`${column} >= ${range.start.toISOString()}::timestamptz and ${column} < ${range.end.toISOString()}::timestamptz`;
  const top = sql`group by 1 order by 2 desc, 1 limit ${MAX_WORDINGS_PER_SIGNAL}`;
  const [searches, noMatches, effort, handoffs] = await Promise.all([
    rows<{ text: string; n: number }>(
      db,
      sql`select query as text, count(*)::int as n from failed_searches where locale = ${locale} and ${inRange(sql`created_at`)} ${top}`,
    ),
    rows<{ text: string; n: number }>(
      db,
      sql`select question as text, count(*)::int as n from conversation_events
          where type = 'outcome' and action in ('nomatch', 'rule') and question is not null and locale = ${locale} and ${inRange(sql`created_at`)} ${top}`,
    ),
    rows<{ text: string; n: number }>(
      db,
      sql`select article_id as text, count(*)::int as n from (
            select article_id from ces_responses where score >= 4 and article_id is not null and locale = ${locale} and ${inRange(sql`created_at`)}
            union all
            select article_id from article_feedback where (ces >= 4 or helpful = false) and locale = ${locale} and ${inRange(sql`created_at`)}
            union all
            select article_id from conversation_events
            where type = 'helpful' and helpful = false and article_id is not null and locale = ${locale} and ${inRange(sql`created_at`)}
          ) effort ${top}`,
    ),
    rows<{ text: string; n: number }>(
      db,
      sql`select subject as text, count(*)::int as n from tickets
          where anonymised_at is null and locale = ${locale} and subject <> ${NO_SUBJECT[locale]} and ${inRange(sql`created_at`)} ${top}`,
    ),
  ]);
  return [
    ...searches.map((row) => ({ signal: 'failedSearches' as const, text: row.text, count: row.n })),
    ...noMatches.map((row) => ({ signal: 'noMatches' as const, text: row.text, count: row.n })),
    // An article is shown by its title; one no longer in content/ by its id.
    ...effort.map((row) => ({ signal: 'highEffort' as const, text: content?.article(locale, row.text)?.title ?? row.text, count: row.n })),
    ...handoffs.map((row) => ({ signal: 'handoffs' as const, text: row.text, count: row.n })),
  ];
}

type GapRow = ContentGaps['rows'][number];
type Noise = NonNullable<GapRow['noise']>;

/**
 * Why a row is noise rather than a gap, or null. `reply` is what the
 * assistant says to the row's wording today.
 *
 * - `personRequest`: the wording asks for a person (a rule that offers a hand-off fires);
 * - `rule`: another rule (greeting, thanks, abuse…) replies to it;
 * - `gibberish`: it holds no letter at all, or it was seen once, none of
 *   its words is one the articles use (after typo correction) and none is
 *   a stop word of the language, so it is not even a sentence: "xyzzy
 *   plofkip", "asdfgh". Seen twice or more, unknown words are a gap (a
 *   product the help center never mentions); "pay with bitcoin" is a
 *   question;
 * - `answered`: the assistant answers it outright today (action `answer`),
 *   and no customer scored that article as hard work: the gap is closed.
 */
export function noiseOf(
  row: Omit<GapRow, 'nearest' | 'wouldNowAnswer' | 'noise' | 'dismissed' | 'taught'>,
  reply: Reply,
  words: { known: number; stop: number },
): Noise | null {
  // A `gap` rule's reply admits the articles do not cover the wording: a gap, not a set reply.
  if (reply.action === 'rule' && !reply.gap) return reply.offerHandoff ? 'personRequest' : 'rule';
  if (!/\p{L}/u.test(row.wording)) return 'gibberish';
  if (row.count === 1 && words.known === 0 && words.stop === 0) return 'gibberish';
  if (reply.action === 'answer' && row.signals.highEffort === 0) return 'answered';
  return null;
}

/** The phrasing suggestions of `locale` (not rejected) by the wording key of their text. */
async function taughtByKey(db: Db, locale: Locale): Promise<Map<string, NonNullable<GapRow['taught']>>> {
  const found = await rows<{ text: string; article_id: string | null; status: 'pending' | 'pulled'; approved: boolean }>(
    db,
    sql`select text, article_id, status, approved_at is not null as approved from phrasing_suggestions
        where locale = ${locale} and status <> 'rejected' order by created_at desc limit ${MAX_WORDINGS_PER_SIGNAL}`,
  );
  const byKey = new Map<string, NonNullable<GapRow['taught']>>();
  const rank = { pending: 0, approved: 1, pulled: 2 } as const;
  for (const row of found) {
    const status = row.status === 'pulled' ? 'pulled' : row.approved ? 'approved' : 'pending';
    const key = wordingKey(row.text, locale);
    const known = byKey.get(key);
    // The furthest along wins: pulled over approved over pending.
    if (!known || rank[status] > rank[known.status]) byKey.set(key, { articleId: row.article_id, status });
  }
  return byKey;
}

/** See the module comment for every definition. */
export async function contentGapsReport(
  db: Db,
  content: ReportContent,
  range: ReportRange,
  locale: Locale,
  siteLocales: readonly Locale[],
  limit: number = GAP_ROWS.default,
): Promise<ContentGaps> {
  const [wordings, dismissals, taught, unhelpful] = await Promise.all([
    gapWordings(db, content, range, locale),
    rows<{ key: string }>(db, sql`select key from content_gap_dismissals where locale = ${locale}`),
    taughtByKey(db, locale),
    unhelpfulArticles(db, content, range, locale, limit),
  ]);
  const dismissed = new Set(dismissals.map((row) => row.key));
  let answered = 0;
  let of = 0;
  const shown: GapRow[] = [];
  const hidden: GapRow[] = [];
  const hiddenCounts = { rule: 0, personRequest: 0, gibberish: 0, answered: 0, dismissed: 0 };
  for (const row of groupWordings(wordings, locale)) {
    const reply = content.ask(locale, row.wording);
    const top = reply.candidates[0];
    const article = top ? content.article(locale, top.articleId) : undefined;
    const wouldNowAnswer = reply.action === 'answer';
    const noise = noiseOf(row, reply, content.words(locale, row.wording));
    // Of the customers' own questions (noise that is no question aside): how many the assistant now answers.
    if (row.signals.failedSearches + row.signals.noMatches + row.signals.handoffs > 0 && (noise === null || noise === 'answered')) {
      of++;
      if (wouldNowAnswer) answered++;
    }
    // A rule's reply has confidence 1 by definition; the article's own probability says more.
    const confidence = reply.action === 'rule' ? (top?.score ?? 0) : reply.confidence;
    // Pre-selected for teaching only when the assistant itself would answer with it or offer it.
    const suggested = (reply.action === 'answer' || reply.action === 'clarify') && reply.articleId === top?.articleId;
    const full: GapRow = {
      ...row,
      nearest:
        article && top
          ? { articleId: article.translationKey, title: article.title, url: article.url, confidence: Math.round(confidence * 1000) / 1000, suggested }
          : null,
      wouldNowAnswer,
      noise,
      dismissed: dismissed.has(row.key),
      taught: taught.get(row.key) ?? null,
    };
    if (full.dismissed) hiddenCounts.dismissed++;
    else if (noise) hiddenCounts[noise]++;
    if (full.dismissed || noise) {
      if (hidden.length < limit) hidden.push(full);
    } else if (shown.length < limit) shown.push(full);
  }
  return {
    locale,
    from: range.from,
    to: range.to,
    rows: shown,
    hidden,
    hiddenCounts,
    wouldNowAnswer: { answered, of },
    translationGaps: content.translationGaps(siteLocales).filter((gap) => gap.locale === locale || gap.missingLocale === locale),
    unhelpful,
  };
}

/** Dismisses a row ("not a gap") for everyone; dismissing it again changes nothing. */
export async function dismissGap(db: Db, agentId: string, dismissal: { locale: Locale; key: string; wording: string }): Promise<void> {
  await db.execute(
    sql`insert into content_gap_dismissals (locale, key, wording, dismissed_by) values (${dismissal.locale}, ${dismissal.key}, ${dismissal.wording}, ${agentId}::uuid)
        on conflict (locale, key) do nothing`,
  );
}

/** Undoes a dismissal; false when the row was not dismissed. */
export async function undismissGap(db: Db, locale: Locale, key: string): Promise<boolean> {
  const removed = await rows<{ key: string }>(db, sql`delete from content_gap_dismissals where locale = ${locale} and key = ${key} returning key`);
  return removed.length > 0;
}
