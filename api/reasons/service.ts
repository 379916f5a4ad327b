/**
 * Contact reasons: the category and article a ticket is about. The
 * assistant's association is recorded at hand-off (api/routing/handoff.ts);
 * an agent corrects it here, with an event. The report counts tickets and
 * the effort their customers reported per reason.
 */
import { sql } from 'drizzle-orm';
import type { Locale } from '#core/locale.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { ApiError } from '../http/errors.ts';
import { isUuid } from '../http/validation.ts';
import type { ArticleCatalog } from '../phrasings/articles.ts';
import type { ReportContent } from '../reports/content.ts';
import type { ReportRange } from '../reports/schema.ts';
import type { ContactReason, ReasonReport } from './schema.ts';

/** The contact reason of ticket `id`, or null when there is no such ticket. */
export async function contactReason(db: Db, id: string): Promise<ContactReason | null> {
  if (!isUuid(id)) return null;
  const [found] = await rows<{ category_id: string | null; article_id: string | null }>(
    db,
    sql`select reason_category_id as category_id, reason_article_id as article_id from tickets where id = ${id}::uuid`,
  );
  return found ? { categoryId: found.category_id, articleId: found.article_id } : null;
}

/**
 * Sets a ticket's contact reason. The article must be published in the
 * ticket's locale; without a category, the article's is taken. Writes a
 * `reason` event with before and after.
 *
 * @throws ApiError 404 for no such ticket; 422 (`articleId`, `categoryId`) for an article or category content/ does not have.
 */
export async function setContactReason(db: Db, catalog: ArticleCatalog, id: string, agentId: string, reason: ContactReason): Promise<ContactReason> {
  if (!isUuid(id)) throw new ApiError(404, 'no such ticket');
  const [ticket] = await rows<{ locale: Locale }>(db, sql`select locale from tickets where id = ${id}::uuid`);
  if (!ticket) throw new ApiError(404, 'no such ticket');
  let categoryId = reason.categoryId;
  if (reason.articleId !== null) {
    const article = await catalog.find(ticket.locale, reason.articleId);
    if (!article) throw new ApiError(422, `articleId must be an article published in ${ticket.locale}`, { field: 'articleId' });
    categoryId ??= article.categoryId;
  }
  if (categoryId !== null && !(await catalog.list()).some((a) => a.categoryId === categoryId)) {
    throw new ApiError(422, 'categoryId must be a category of content/categories.yaml with articles', { field: 'categoryId' });
  }
  const next = { categoryId, articleId: reason.articleId };
  await db.transaction(async (tx) => {
    const [before] = await rows<{ category_id: string | null; article_id: string | null }>(
      tx,
      sql`select reason_category_id as category_id, reason_article_id as article_id from tickets where id = ${id}::uuid for update`,
    );
    if (!before || (before.category_id === next.categoryId && before.article_id === next.articleId)) return;
    await tx.execute(
      sql`update tickets set reason_category_id = ${next.categoryId}, reason_article_id = ${next.articleId}, updated_at = now() where id = ${id}::uuid`,
    );
    await tx.execute(
      sql`insert into ticket_events (ticket_id, type, actor, agent_id, data)
          values (${id}::uuid, 'reason', 'agent', ${agentId}::uuid, ${JSON.stringify({ from: { categoryId: before.category_id, articleId: before.article_id }, to: next })}::jsonb)`,
    );
  });
  return next;
}

/**
 * Tickets created in `range` (in `locale`, or all) per contact reason, most
 * first, with the effort scores given in their conversations.
 */
export async function reasonReport(db: Db, content: ReportContent, range: ReportRange, locale: Locale | null): Promise<ReasonReport> {
  const found = await rows<{
    category_id: string | null;
    article_id: string | null;
    locale: Locale;
    tickets: number;
    effort: string | number | null;
    scores: number;
  }>(
    db,
    sql`select t.reason_category_id as category_id, t.reason_article_id as article_id, min(t.locale) as locale,
          count(distinct t.id)::int as tickets, round(avg(c.score), 2) as effort, count(c.id)::int as scores
        from tickets t left join ces_responses c on c.conversation_id = t.conversation_id
        where t.created_at >= ${range.start.toISOString()}::timestamptz and t.created_at < ${range.end.toISOString()}::timestamptz
          ${locale === null ? sql`` : sql`and t.locale = ${locale}`}
        group by 1, 2
        order by tickets desc, 1 nulls last, 2 nulls last`,
  );
  const nameLocale = locale ?? content.defaultLocale;
  return {
    from: range.from,
    to: range.to,
    locale,
    reasons: found.map((row) => ({
      categoryId: row.category_id,
      categoryName: row.category_id === null ? null : (content.categoryName(row.category_id, nameLocale) ?? row.category_id),
      articleId: row.article_id,
      articleTitle: row.article_id === null ? null : (content.article(locale ?? row.locale, row.article_id)?.title ?? row.article_id),
      tickets: Number(row.tickets),
      effort: { average: row.effort === null ? null : Number(row.effort), scores: Number(row.scores) },
    })),
  };
}
