/**
 * What customers said was missing from articles they found not helpful: the
 * follow-up to "No" at the end of an article page (table `article_unhelpful`),
 * per article for the content-gap report. Each article has the number of
 * "No" answers on its page in the period (`article_feedback`), the reasons
 * picked and the latest comments (redacted when stored; text, never HTML).
 * Articles are ranked by the larger of the two counts, then by id.
 *
 * A comment can be deleted by an admin ({@link deleteUnhelpfulComment});
 * its reason stays, an anonymous count. Retention clears comments after
 * `RETENTION_DAYS` (api/privacy/retention.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { UNHELPFUL_WHY } from '../db/tables/feedback.ts';
import type { ReportContent } from './content.ts';
import { UNHELPFUL_COMMENTS, type ContentGaps, type ReportRange } from './schema.ts';

type UnhelpfulArticle = ContentGaps['unhelpful'][number];
type Why = (typeof UNHELPFUL_WHY)[number];

/**
 * The articles of `locale` with a "No" or a reason in `range`, at most
 * `limit`, each with its {@link UNHELPFUL_COMMENTS} latest comments.
 */
export async function unhelpfulArticles(db: Db, content: ReportContent | null, range: ReportRange, locale: Locale, limit: number): Promise<UnhelpfulArticle[]> {
  const inRange = (column: SQL) => sql`${column} >= ${range.start.toISOString()}::timestamptz and ${column} < ${range.end.toISOString()}::timestamptz`;
  const [noes, reasons, comments] = await Promise.all([
    rows<{ article_id: string; n: number }>(
      db,
      sql`select article_id, count(*)::int as n from article_feedback
          where helpful = false and locale = ${locale} and ${inRange(sql`created_at`)} group by 1`,
    ),
    rows<{ article_id: string; why: Why; n: number }>(
      db,
      sql`select article_id, why, count(*)::int as n from article_unhelpful where locale = ${locale} and ${inRange(sql`created_at`)} group by 1, 2`,
    ),
    rows<{ id: string | number; article_id: string; why: Why; comment: string; created_at: string | Date }>(
      db,
      sql`select id, article_id, why, comment, created_at from (
            select id, article_id, why, comment, created_at,
                   row_number() over (partition by article_id order by created_at desc, id desc) as position
            from article_unhelpful where comment is not null and locale = ${locale} and ${inRange(sql`created_at`)}
          ) latest where position <= ${UNHELPFUL_COMMENTS} order by article_id, created_at desc, id desc`,
    ),
  ]);
  const byArticle = new Map<string, UnhelpfulArticle>();
  const of = (articleId: string): UnhelpfulArticle => {
    let found = byArticle.get(articleId);
    if (!found) {
      const article = content?.article(locale, articleId);
      // An article no longer in content/ is named by its id.
      found = {
        articleId,
        title: article?.title ?? articleId,
        url: article?.url ?? null,
        notHelpful: 0,
        why: { no_answer: 0, unclear: 0, outdated: 0, other: 0 },
        comments: [],
      };
      byArticle.set(articleId, found);
    }
    return found;
  };
  for (const row of noes) of(row.article_id).notHelpful = row.n;
  for (const row of reasons) of(row.article_id).why[row.why] = row.n;
  for (const row of comments) {
    of(row.article_id).comments.push({ id: Number(row.id), why: row.why, text: row.comment, createdAt: new Date(row.created_at).toISOString() });
  }
  const weight = (a: UnhelpfulArticle) =>
    Math.max(
      a.notHelpful,
      UNHELPFUL_WHY.reduce((sum, why) => sum + a.why[why], 0),
    );
  return [...byArticle.values()].sort((a, b) => weight(b) - weight(a) || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0)).slice(0, limit);
}

/**
 * Deletes the comment `id` (its reason stays). False when there is no such
 * comment, or it was deleted already.
 */
export async function deleteUnhelpfulComment(db: Db, id: number): Promise<boolean> {
  const deleted = await rows<{ id: unknown }>(
    db,
    sql`update article_unhelpful set comment = null, comment_deleted_at = now() where id = ${id} and comment is not null returning id`,
  );
  return deleted.length > 0;
}
